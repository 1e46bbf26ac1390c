/**
 * Quotes and who said them.
 *
 * A quote is the text between « and », “ and ”, or a pair of straight " on
 * one line, not across a blank line. `text`/`start`/`end` are the inner words,
 * trimmed (without the marks).
 *
 * Length rule: a quote must have at least MIN_QUOTE_WORDS (4) words; 1–3
 * words in quotes are scare quotes or terms (« simplement », “made in
 * China”) and are not returned.
 *
 * Attribution, first that applies (speech verbs are data:
 * data/speech-verbs.json):
 * 1. after the quote: `», a déclaré X` / `” plaisanta le président X` → the
 *    first person (else organisation) mentioned after the verb in the same
 *    sentence; `», a-t-il ajouté` / `», explique-t-elle` → the last person
 *    mentioned before the quote;
 * 2. after the quote: `», selon X` → X;
 * 3. before the quote, in the same sentence (or the previous line when it
 *    ends with ":"): `X : « … »` → X; `X a répliqué : « … »`,
 *    `Lorsque X expliqua “…”` → the nearest person (else organisation)
 *    before the verb that is not after "à" (the verb at most 6 words before
 *    the quote); a pronoun subject (il, elle) or none →
 *    the last person mentioned before; `Selon X, « … »` → X.
 * Otherwise speaker and cue are null.
 */
import type { Mention, Quote } from "../../types.ts";
import { tokenize, type Token } from "../text/index.ts";
import { fold, SPEECH } from "./lexicon.ts";

export const MIN_QUOTE_WORDS = 4;

export interface QuoteSpan {
  /** Index of the opening mark. */
  open: number;
  /** Index just after the closing mark. */
  close: number;
  /** Inner text, trimmed. */
  start: number;
  end: number;
  words: number;
}

const PAIRS: Record<string, string> = { "«": "»", "“": "”" };

/** Every quoted stretch of `text` (any length), in order. */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    let closeAt = -1;
    if (c === "«" || c === "“") {
      const closeMark = PAIRS[c]!;
      const j = text.indexOf(closeMark, i + 1);
      const blank = text.indexOf("\n\n", i + 1);
      const reopen = text.indexOf(c, i + 1);
      if (j !== -1 && (blank === -1 || blank > j) && (reopen === -1 || reopen > j)) closeAt = j;
    } else if (c === '"') {
      const j = text.indexOf('"', i + 1);
      const nl = text.indexOf("\n", i + 1);
      if (j !== -1 && (nl === -1 || nl > j)) closeAt = j;
    }
    if (closeAt === -1) {
      i++;
      continue;
    }
    let s = i + 1;
    let e = closeAt;
    while (s < e && /[\s\u00a0\u202f]/u.test(text[s]!)) s++;
    while (e > s && /[\s\u00a0\u202f]/u.test(text[e - 1]!)) e--;
    const words = tokenize(text.slice(s, e)).filter((t) => t.kind !== "punct").length;
    out.push({ open: i, close: closeAt + 1, start: s, end: e, words });
    i = closeAt + 1;
  }
  return out;
}

const RELATIVES = new Set(["laquelle", "lequel", "lesquels", "lesquelles", "quoi", "que", "qu'"]);
/** A speech verb before a quote counts only this close to it (in words). */
const MAX_VERB_DISTANCE = 6;
const PRONOUNS = new Set(["il", "elle", "ils", "elles", "on"]);
const PRONOUN_SUFFIX = /-(?:t-)?(?:il|elle|ils|elles|on)$/u;
const SENTENCE_END = /[.!?…](?=[\s\u00a0]|$)/u;

interface VerbHit {
  start: number;
  end: number;
  pronoun: boolean;
}

/** A speech verb at token `k` of `toks` (with its auxiliary if any, and a
 * "-t-il" pronoun), or null. */
function verbAt(toks: Token[], k: number): VerbHit | null {
  const t = toks[k];
  if (!t || t.kind !== "word") return null;
  let key = fold(t.text);
  let pronoun = false;
  if (PRONOUN_SUFFIX.test(key)) {
    pronoun = true;
    key = key.replace(PRONOUN_SUFFIX, "");
  }
  if (SPEECH.forms.has(key)) {
    let start = t.start;
    const prev = toks[k - 1];
    if (prev && prev.kind === "word") {
      const pk = fold(prev.text);
      const bare = pk.replace(PRONOUN_SUFFIX, "");
      if (SPEECH.auxiliaries.has(bare)) {
        start = prev.start;
        if (bare !== pk) pronoun = true;
      } else if (pk === "en") start = prev.start; // "en disant"
    }
    return { start, end: t.end, pronoun };
  }
  // "a-t-il" + participle: the participle is next.
  if (pronoun && SPEECH.auxiliaries.has(key)) {
    const next = verbAt(toks, k + 1);
    if (next) return { start: t.start, end: next.end, pronoun: true };
  }
  return null;
}

function pickSubject(ms: Mention[]): Mention | undefined {
  return ms.find((m) => m.type === "person") ?? ms.find((m) => m.type === "organization");
}

/** Quotes of `text` (≥ MIN_QUOTE_WORDS words) with their speaker (an entity
 * id from `mentions`) and cue, where the text says so. */
export function attributeQuotes(text: string, mentions: Mention[]): Quote[] {
  const spans = findQuoteSpans(text);
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const inAnyQuote = (pos: number): boolean => spans.some((q) => pos >= q.open && pos < q.close);
  const lastPersonBefore = (pos: number): Mention | undefined => {
    let best: Mention | undefined;
    for (const m of sorted) {
      if (m.start >= pos) break;
      if (m.type === "person" && !inAnyQuote(m.start)) best = m;
    }
    return best;
  };
  const mentionsIn = (a: number, b: number): Mention[] =>
    sorted.filter((m) => m.start >= a && m.end <= b && !inAnyQuote(m.start));

  const out: Quote[] = [];
  for (const q of spans) {
    if (q.words < MIN_QUOTE_WORDS) continue;
    const quote: Quote = { text: text.slice(q.start, q.end), start: q.start, end: q.end, speaker: null, cue: null };
    const found = attributeAfter(q) ?? attributeBefore(q);
    if (found) {
      quote.speaker = found.speaker;
      quote.cue = found.cue;
    }
    out.push(quote);
  }
  return out;

  function afterWindowEnd(from: number): number {
    let end = text.indexOf("\n", from);
    if (end === -1) end = text.length;
    const next = spans.find((s) => s.open >= from);
    if (next && next.open < end) end = next.open;
    const m = SENTENCE_END.exec(text.slice(from, end));
    return m ? from + m.index : end;
  }

  function attributeAfter(q: QuoteSpan): { speaker: string | null; cue: string } | null {
    const end = afterWindowEnd(q.close);
    const win = text.slice(q.close, end);
    const lead = /^[\s\u00a0,]*/u.exec(win)![0].length;
    const toks = tokenize(win).map((t) => ({ ...t, start: t.start + q.close, end: t.end + q.close }));
    const first = toks.findIndex((t) => t.start >= q.close + lead);
    if (first === -1) return null;
    const t0 = toks[first]!;
    if (fold(t0.text) === "selon") {
      // "selon laquelle…" introduces a clause, not a source.
      if (RELATIVES.has(fold(toks[first + 1]?.text ?? ""))) return null;
      const who = pickSubject(mentionsIn(t0.end, end));
      return who ? { speaker: who.entity, cue: t0.text } : null;
    }
    // The verb must open the window (an auxiliary may come first).
    const hit = verbAt(toks, first) ?? verbAt(toks, first + 1);
    if (!hit || hit.start !== t0.start) return null;
    const cue = text.slice(hit.start, hit.end);
    if (hit.pronoun) return { speaker: lastPersonBefore(q.open)?.entity ?? null, cue };
    const who = pickSubject(mentionsIn(hit.end, end));
    return { speaker: who?.entity ?? null, cue };
  }

  function beforeWindow(q: QuoteSpan): [number, number] {
    const lineStart = text.lastIndexOf("\n", q.open - 1) + 1;
    let from = lineStart;
    // Start after the last sentence end or quote before the opening mark.
    const prevQuote = [...spans].reverse().find((s) => s.close <= q.open && s.close > from);
    if (prevQuote) from = prevQuote.close;
    const seg = text.slice(from, q.open);
    let cut = 0;
    for (const m of seg.matchAll(/[.!?…]+[»”"]?(?=[\s\u00a0]+[\p{Lu}«“"])/gu)) cut = (m.index ?? 0) + m[0].length;
    from += cut;
    // Quote opening its line: the previous non-empty line, if it ends with ":".
    if (text.slice(from, q.open).trim() === "") {
      let p = lineStart - 1;
      while (p > 0 && /\s/u.test(text[p - 1]!)) p--;
      if (p > 0 && text[p - 1] === ":") {
        const prevStart = text.lastIndexOf("\n", p - 1) + 1;
        return [prevStart, p];
      }
    }
    return [from, q.open];
  }

  function attributeBefore(q: QuoteSpan): { speaker: string | null; cue: string } | null {
    const [a, b] = beforeWindow(q);
    if (b <= a) return null;
    const win = text.slice(a, b);
    const toks = tokenize(win).map((t) => ({ ...t, start: t.start + a, end: t.end + a }));
    const ms = mentionsIn(a, b);
    // "Selon X, « … »"
    const selon = toks.findIndex((t) => fold(t.text) === "selon");
    if (selon !== -1 && !RELATIVES.has(fold(toks[selon + 1]?.text ?? ""))) {
      const who = pickSubject(ms.filter((m) => m.start >= toks[selon]!.end));
      if (who) return { speaker: who.entity, cue: toks[selon]!.text };
    }
    // Last speech verb before the quote.
    let hit: VerbHit | null = null;
    let hitTok = -1;
    for (let k = toks.length - 1, words = 0; k >= 0 && !hit && words <= MAX_VERB_DISTANCE; k--) {
      hit = verbAt(toks, k);
      if (hit) hitTok = k;
      if (toks[k]!.kind !== "punct") words++;
    }
    if (hit) {
      const cue = text.slice(hit.start, hit.end);
      const candidates = ms.filter((m) => {
        if (m.end > hit!.start) return false;
        const prev = toks.filter((t) => t.end <= m.start).at(-1);
        return !(prev && ["a", "à", "au", "aux", "avec"].includes(fold(prev.text)));
      });
      const pron = toks.slice(0, hitTok).some((t) => PRONOUNS.has(fold(t.text)));
      // The subject is the nearest person (else organisation) before the verb.
      const nearest = [...candidates].reverse();
      const who = hit.pronoun || (pron && !pickSubject(nearest)) ? lastPersonBefore(a) : pickSubject(nearest) ?? lastPersonBefore(a);
      return { speaker: who?.entity ?? null, cue };
    }
    // "X : « … »"
    if (/:\s*$/u.test(win)) {
      const last = ms.at(-1);
      if (last && /^[\s\u00a0]*:\s*$/u.test(text.slice(last.end, b))) return { speaker: last.entity, cue: ":" };
    }
    return null;
  }
}
