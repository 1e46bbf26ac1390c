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

function isAbbreviation(line: string, dot: number): boolean {
  const before = line.slice(0, dot);
  const word = /([\p{L}°.-]+)$/u.exec(before)?.[1] ?? "";
  if (word === "") return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // U.S.A, J.-C
  return ABBREVIATIONS.has(word.toLowerCase());
}
