/**
 * Sentence splitting with offsets, for French news text.
 *
 *   splitSentences("M. Dupont est arrivé. Il a parlé !\nTitre suivant")
 *   // [{text:"M. Dupont est arrivé.", start:0, end:21}, {text:"Il a parlé !",…}, {text:"Titre suivant",…}]
 *
 * A sentence ends:
 * - at . ! ? … (possibly followed by closing quotes/brackets, « … » style
 *   with a space before ») when followed by
 *   whitespace and then an uppercase letter, a digit, an opening quote or a dash;
 * - at every line break (scraped articles put headings and paragraphs on their
 *   own lines, often without final punctuation).
 * A period does not end a sentence after a known abbreviation (M., Mme., Dr.,
 * art., etc.) or after a single capital letter (an initial: "Patrick F. Walsh").
 * A ! or ? inside « … » followed by a lowercase word ("« Oui ? » demanda-t-il")
 * does not end it either, as the rule requires an uppercase letter after.
 * Each sentence is trimmed; empty ones are dropped. `text === input.slice(start, end)`.
 */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations (lowercase, without the final period) after which a period is not an end. */
const ABBREVIATIONS = new Set([
  "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "mgr", "st", "ste",
  "etc", "cf", "art", "av", "bd", "no", "n°", "p", "pp", "vol", "éd", "env", "min",
  "max", "tél", "fig", "chap", "gén", "col", "cdt", "lt", "sgt", "jr", "sr", "inc",
  "corp", "ltd", "co", "vs", "ex", "dept", "av. j.-c", "j.-c", "apr", "hab",
]);

const END_RE = /[.!?…]+(?:[ \u00a0\u202f]?[»”]|["')\]])*(?=\s+[\p{Lu}\p{N}«“"—–-])/gu;

/** Sentences of `text` (or of `text.slice(from, to)`, offsets still into `text`). */
export function splitSentences(text: string, from = 0, to = text.length): Sentence[] {
  const out: Sentence[] = [];
  const push = (s: number, e: number): void => {
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  let lineStart = from;
  while (lineStart < to) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const line = text.slice(lineStart, lineEnd);
    let s = 0;
    for (const m of line.matchAll(END_RE)) {
      const at = m.index ?? 0;
      if (m[0].startsWith(".") && m[0].length === 1 && isAbbreviation(line, at)) continue;
      const e = at + m[0].length;
      push(lineStart + s, lineStart + e);
      s = e;
    }
    push(lineStart + s, lineEnd);
    lineStart = lineEnd + 1;
  }
  return out;
}

const WORD_CHAR = /[\p{L}°.-]/u;

/** The run of letters, "°", "." and "-" ending at `dot`, read backwards (a
 * regex anchored at the end of the line would rescan it from the start for
 * every period). */
function wordBefore(line: string, dot: number): string {
  let k = dot;
  while (k > 0) {
    const code = line.charCodeAt(k - 1);
    const pair = code >= 0xdc00 && code <= 0xdfff && k >= 2;
    const ch = pair ? line.slice(k - 2, k) : line[k - 1]!;
    if (!WORD_CHAR.test(ch)) break;
    k -= ch.length;
  }
  return line.slice(k, dot);
}

function isAbbreviation(line: string, dot: number): boolean {
  const word = wordBefore(line, dot);
  if (word === "") return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // U.S.A, J.-C
  return ABBREVIATIONS.has(word.toLowerCase());
}
