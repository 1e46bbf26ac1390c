/**
 * French stemming and term normalisation.
 *
 * `stemFrench` is the Snowball French algorithm (./french.ts) applied after
 * `normaliseTerm`, so "l'Assemblée", "Assemblées" and "assemblée" share a key.
 */
import { snowballFrench } from "./french.ts";

const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’‘`ʼ]/;
const LIGATURES: Record<string, string> = { "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae" };

/** A term that is already normal: lower-case letters of Latin-1 (æ apart),
 * digits. Most words of a text are; they skip the five passes of normaliseTerm. */
const ALREADY_NORMAL = /^[a-z0-9\u00df-\u00e5\u00e7-\u00f6\u00f8-\u00ff]+$/;

/**
 * Lower case, Unicode NFC, ligatures folded (œ → oe, æ → ae), typographic
 * apostrophes unified, a leading elision removed (l', d', qu', jusqu'…) and
 * surrounding punctuation trimmed. Accents are kept: the stemmer needs them.
 */
export function normaliseTerm(term: string): string {
  if (ALREADY_NORMAL.test(term)) return term;
  let t = term.normalize("NFC").toLowerCase();
  t = t.replace(/[œæŒÆ]/g, (c) => LIGATURES[c] ?? c);
  t = t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  t = t.replace(/[’‘`ʼ]/g, "'");
  const m = ELISION.exec(t);
  if (m && m[0].length < t.length) t = t.slice(m[0].length);
  return t;
}

/** Snowball French stem of a word, after `normaliseTerm`. Words that are not
 * purely alphabetic (numbers, codes) are returned normalised, unstemmed.
 * Hyphenated words are stemmed part by part ("sud-coréens" → "sud-coréen"). */
export function stemFrench(word: string): string {
  const t = normaliseTerm(word);
  if (!/^[\p{L}'-]+$/u.test(t)) return t;
  return t
    .split("-")
    .map((part) => (part.length > 2 ? snowballFrench(part) : part))
    .join("-");
}
