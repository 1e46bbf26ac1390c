/**
 * Content terms: the words of a text that can carry meaning, with their
 * normalised form, Snowball stem and offsets. Topics, tags and event keys
 * are all computed from these, so they agree on what a "term" is.
 *
 *   contentTerms("L’armée a frappé Kiev.")
 *   // armée (stem "arme") · frappé ("frapp") · Kiev ("kiev")
 *
 * A content term is a word token (src/extract/text tokenizer) that is not a
 * stopword, not in data/generic-fr.json, and has at least two letters.
 * `adjacent` says whether it directly follows the previous content term
 * (nothing in between: no stopword, no punctuation), which is what two-word
 * phrases need.
 */
import { readFileSync } from "node:fs";
import { isStopword, tokenize } from "../text/index.ts";
import { normaliseTerm, stemFrench } from "./index.ts";

export interface Term {
  /** The word as written. */
  surface: string;
  /** `normaliseTerm(surface)`. */
  norm: string;
  /** `stemFrench(surface)`. */
  stem: string;
  start: number;
  end: number;
  /** True when the previous content term is the token right before this one. */
  adjacent: boolean;
}

const generic: { words: string[] } = JSON.parse(
  readFileSync(new URL("./data/generic-fr.json", import.meta.url), "utf8"),
) as { words: string[] };

const GENERIC: ReadonlySet<string> = new Set(generic.words.map(normaliseTerm));
const INVERTED = /-(?:t-)?(?:il|elle|on|ils|elles|je|tu|nous|vous)$/;

/** True for words that never make a topic cue, a tag or an event key on their
 * own: function words and the generic vocabulary of data/generic-fr.json. */
export function isGenericWord(word: string): boolean {
  const norm = normaliseTerm(word);
  return norm.length < 2 || isStopword(norm) || GENERIC.has(norm);
}

/** Stems are cached: news vocabulary repeats a lot across an archive. */
const stemCache = new Map<string, string>();
export function cachedStem(norm: string): string {
  let s = stemCache.get(norm);
  if (s === undefined) {
    s = stemFrench(norm);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(norm, s);
  }
  return s;
}

export interface TermOptions {
  /** Keep number tokens ("5", "2024") as terms too (default false). */
  numbers?: boolean;
  /** Keep generic words (data/generic-fr.json); stopwords are always dropped. */
  generic?: boolean;
}

/** The content terms of `text` (offsets into `text`), in order. */
export function contentTerms(text: string, options: TermOptions = {}): Term[] {
  const out: Term[] = [];
  let lastTokenIndex = -2;
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.kind === "punct") continue;
    if (tok.kind === "number" && !options.numbers) continue;
    const norm = normaliseTerm(tok.text);
    if ((norm.length < 2 && tok.kind !== "number") || isStopword(norm) || isStopword(tok.text)) continue;
    if (!options.generic && GENERIC.has(norm)) continue;
    // Bare elisions ("l’", "qu’") are their own tokens and normalise to a letter or two.
    if (/['’]$/.test(tok.text)) continue;
    // Inverted verb and pronoun ("a-t-il", "dit-elle", "peut-on") says nothing of the subject.
    if (!options.generic && INVERTED.test(norm)) continue;
    out.push({
      surface: tok.text,
      norm,
      stem: tok.kind === "number" ? norm : cachedStem(norm),
      start: tok.start,
      end: tok.end,
      adjacent: lastTokenIndex === i - 1,
    });
    lastTokenIndex = i;
  }
  return out;
}
