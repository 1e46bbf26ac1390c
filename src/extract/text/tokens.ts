/**
 * Word tokenising with offsets, French-aware.
 *
 *   tokenize("L’APEC a dit : « non ».")
 *   // L’ (word, elision) · APEC · a · dit · : · « · non · » · .
 *
 * - Elided articles and pronouns (l’, d’, qu’, jusqu’…) are their own token,
 *   so "l’APEC" gives "l’" + "APEC"; "aujourd’hui" and "O’Brien" stay whole.
 * - Hyphenated words stay whole ("Jae-myung", "a-t-il", "sud-coréen").
 * - Numbers keep their decimal comma or point ("7,7", "3.5"); digits glued to
 *   letters make one word ("5G", "G20").
 * - Punctuation marks are tokens of kind "punct" (one character each).
 * `start`/`end` are JS string indices into the input; `text === input.slice(start, end)`.
 */
export type TokenKind = "word" | "number" | "punct";

export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
}

const TOKEN_RE =
  /(?<![\p{L}\p{N}])(?:[lLdDjJmMnNsStTcC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]uoiqu)['’](?=\p{L})|\p{N}+(?:[.,]\p{N}+)*(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:[-‐'’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/** All tokens of `text`, in order. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const t = m[0];
    const start = m.index ?? 0;
    const kind: TokenKind = /^\p{N}+(?:[.,]\p{N}+)*$/u.test(t) ? "number" : /^[\p{L}\p{N}]/u.test(t) ? "word" : "punct";
    out.push({ text: t, start, end: start + t.length, kind });
  }
  return out;
}

/** Only the word tokens (letters), without numbers or punctuation. */
export function words(text: string): Token[] {
  return tokenize(text).filter((t) => t.kind === "word");
}
