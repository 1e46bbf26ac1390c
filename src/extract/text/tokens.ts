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
 *
 * The text is scanned once, character by character, rather than by a regular
 * expression with Unicode lookbehinds: every article is tokenised several
 * times per build (entities, quotes, terms), and the scanner is several times
 * faster. `TOKEN_PATTERN` states the same grammar as a regex, for reference
 * and for the tests, which check that both agree.
 */
export type TokenKind = "word" | "number" | "punct";

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
}

/** The grammar, as a regex (alternatives tried in order at each position). */
export const TOKEN_PATTERN =
  /(?<![\p{L}\p{N}])(?:[lLdDjJmMnNsStTcC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]uoiqu)['’](?=\p{L})|\p{N}+(?:[.,]\p{N}+)*(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:[-‐'’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

// Character classes of code points, computed once per BMP code unit.
const SPACE = 1;
const LETTER = 2;
const DIGIT = 4;
const bmpClass = new Uint8Array(0x10000);
const bmpKnown = new Uint8Array(0x10000);

function classifyCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (/\s/u.test(ch)) return SPACE;
  if (/\p{L}/u.test(ch)) return LETTER;
  if (/\p{N}/u.test(ch)) return DIGIT;
  return 0;
}

function classOf(cp: number): number {
  if (cp >= 0x10000) return classifyCodePoint(cp);
  if (bmpKnown[cp] === 0) {
    bmpClass[cp] = classifyCodePoint(cp);
    bmpKnown[cp] = 1;
  }
  return bmpClass[cp]!;
}

/** Code point at i (a surrogate pair read whole) and its length in code units. */
function codePointAt(text: string, i: number): number {
  return text.codePointAt(i) ?? 0;
}
const width = (cp: number): number => (cp >= 0x10000 ? 2 : 1);

/** Class of the code point ending just before `i` (0 at the start). */
function classBefore(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return classOf(codePointAt(text, i - 2));
  }
  return classOf(low);
}

const isApostrophe = (c: number): boolean => c === 0x27 || c === 0x2019;
/** Word-internal joiners: hyphen, Unicode hyphen, apostrophes. */
const isJoiner = (c: number): boolean => c === 0x2d || c === 0x2010 || isApostrophe(c);

/** Elided forms, in the regex's order: first letter in either case, the
 * rest lowercase. */
const ELIDED = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"];

/** End of an elided article/pronoun starting at i ("l’" in "l’APEC"), or -1. */
function elisionEnd(text: string, i: number): number {
  if (classBefore(text, i) & (LETTER | DIGIT)) return -1;
  const first = text[i]!.toLowerCase();
  for (const form of ELIDED) {
    if (form[0] !== first) continue;
    if (text.startsWith(form.slice(1), i + 1) && isApostrophe(text.charCodeAt(i + form.length))) {
      const after = i + form.length + 1;
      if (after < text.length && classOf(codePointAt(text, after)) === LETTER) return after;
    }
  }
  return -1;
}

/** End of a number starting at i (digits, then [.,]digits groups, not
 * followed by a letter or digit), or -1: the longest such prefix. */
function numberEnd(text: string, i: number): number {
  const n = text.length;
  let k = i;
  const ends: number[] = [];
  while (k < n) {
    const cp = codePointAt(text, k);
    if (classOf(cp) !== DIGIT) break;
    k += width(cp);
  }
  ends.push(k);
  for (;;) {
    const sep = text.charCodeAt(k);
    if (sep !== 0x2e && sep !== 0x2c) break;
    let m = k + 1;
    while (m < n) {
      const cp = codePointAt(text, m);
      if (classOf(cp) !== DIGIT) break;
      m += width(cp);
    }
    if (m === k + 1) break;
    ends.push(m);
    k = m;
  }
  for (let e = ends.length - 1; e >= 0; e--) {
    const end = ends[e]!;
    if (end >= n || !(classOf(codePointAt(text, end)) & (LETTER | DIGIT))) return end;
  }
  return -1;
}

/** End of a word starting at i: letters and digits, joined by - ‐ ' ’. */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  let k = i;
  for (;;) {
    while (k < n) {
      const cp = codePointAt(text, k);
      if (!(classOf(cp) & (LETTER | DIGIT))) break;
      k += width(cp);
    }
    if (k + 1 < n && isJoiner(text.charCodeAt(k)) && classOf(codePointAt(text, k + 1)) & (LETTER | DIGIT)) {
      k += 1;
      continue;
    }
    return k;
  }
}

/** The last text tokenized and its tokens: the extractors tokenize the same
 * text several times in a row (the text with names blanked, for instance,
 * once for its words and once for its terms), which was a quarter of all
 * the characters tokenized. Callers share the list, hence `readonly`. */
let lastText: string | null = null;
let lastTokens: readonly Token[] = [];

/** All tokens of `text`, in order. */
export function tokenize(text: string): readonly Token[] {
  if (text === lastText) return lastTokens;
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = codePointAt(text, i);
    const cls = classOf(cp);
    if (cls === SPACE) {
      i += width(cp);
      continue;
    }
    let end = -1;
    let kind: TokenKind = "word";
    if (cls === LETTER) {
      end = elisionEnd(text, i);
      if (end === -1) end = wordEnd(text, i);
    } else if (cls === DIGIT) {
      end = numberEnd(text, i);
      if (end !== -1) kind = "number";
      else end = wordEnd(text, i);
    } else {
      end = i + width(cp);
      kind = "punct";
    }
    out.push({ text: text.slice(i, end), start: i, end, kind });
    i = end;
  }
  lastText = text;
  lastTokens = out;
  return out;
}

/** Only the word tokens (letters), without numbers or punctuation. */
export function words(text: string): Token[] {
  return tokenize(text).filter((t) => t.kind === "word");
}
