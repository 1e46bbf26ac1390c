/**
 * The Snowball French stemmer, written from the algorithm's description
 * (snowballstem.org, "French stemming algorithm"), current version with the
 * ë/ï handling ("He"/"Hi" markers).
 *
 * Shape of the algorithm:
 * - prelude: mark u/i between vowels, y next to a vowel and u after q as
 *   consonants (upper case), and ë/ï as "He"/"Hi";
 * - regions: RV (after the first vowel not at the start, or after 3 letters
 *   when the word starts with two vowels, or after par/col/tap), R1 (after the
 *   first non-vowel following a vowel) and R2 (the same inside R1);
 * - step 1 standard suffixes, else step 2a verb suffixes in -i, else step 2b
 *   other verb suffixes; if one of those removed something, step 3 (final Y
 *   → i, ç → c), otherwise step 4 residual suffixes;
 * - step 5 undouble, step 6 unaccent, postlude back to lower case.
 *
 * Works on an array of characters so that region positions are plain indices.
 */

const VOWELS = new Set("aeiouyâàëéêèïîôûù");
const KEEP_WITH_S = new Set("aiouès");

const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

/** Mutable state of one word being stemmed. */
interface Word {
  s: string;
  pV: number;
  p1: number;
  p2: number;
}

/** Longest suffix of `w.s` among `list`, only considering suffixes that start
 * at or after `limit` (Snowball's setlimit). */
function longestSuffix(w: Word, list: readonly string[], limit = 0): string | null {
  let best: string | null = null;
  for (const suffix of list) {
    if (w.s.length - suffix.length < limit) continue;
    if (w.s.endsWith(suffix) && (best === null || suffix.length > best.length)) best = suffix;
  }
  return best;
}

/** Start index of a suffix of the current word. */
const startOf = (w: Word, suffix: string): number => w.s.length - suffix.length;
const inRV = (w: Word, suffix: string): boolean => startOf(w, suffix) >= w.pV;
const inR1 = (w: Word, suffix: string): boolean => startOf(w, suffix) >= w.p1;
const inR2 = (w: Word, suffix: string): boolean => startOf(w, suffix) >= w.p2;
const replace = (w: Word, suffix: string, by: string): void => {
  w.s = w.s.slice(0, startOf(w, suffix)) + by;
};

function prelude(word: string): string {
  let out = "";
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    const prev = out[out.length - 1];
    const next = word[i + 1];
    if ((c === "u" || c === "i") && isVowel(prev) && isVowel(next)) out += c.toUpperCase();
    else if (c === "y" && (isVowel(prev) || isVowel(next))) out += "Y";
    else if (c === "ë") out += "He";
    else if (c === "ï") out += "Hi";
    else if (c === "u" && prev === "q") out += "U";
    else out += c;
  }
  return out;
}

function markRegions(s: string): Omit<Word, "s"> {
  const n = s.length;
  let pV = n;
  if (n >= 3 && isVowel(s[0]) && isVowel(s[1])) pV = 3;
  else if (/^(par|col|tap)/.test(s)) pV = 3;
  else {
    for (let i = 1; i < n; i++) {
      if (isVowel(s[i])) {
        pV = i + 1;
        break;
      }
    }
  }
  // R1 / R2: after the first non-vowel that follows a vowel.
  const after = (from: number): number => {
    let i = from;
    while (i < n && !isVowel(s[i])) i++;
    while (i < n && isVowel(s[i])) i++;
    return i < n ? i + 1 : n;
  };
  const p1 = after(0);
  const p2 = p1 < n ? after(p1) : n;
  return { pV, p1, p2 };
}

const STEP1 = {
  plain: ["ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes"],
  ateur: ["atrice", "ateur", "ation", "atrices", "ateurs", "ations"],
  logie: ["logie", "logies"],
  usion: ["usion", "ution", "usions", "utions"],
  ence: ["ence", "ences"],
  ement: ["ement", "ements"],
  ite: ["ité", "ités"],
  if: ["if", "ive", "ifs", "ives"],
  eaux: ["eaux"],
  aux: ["aux"],
  euse: ["euse", "euses"],
  issement: ["issement", "issements"],
  amment: ["amment"],
  emment: ["emment"],
  ment: ["ment", "ments"],
} as const;
type Step1Kind = keyof typeof STEP1;
const STEP1_INDEX: Array<[string, Step1Kind]> = Object.entries(STEP1).flatMap(([kind, list]) =>
  list.map((suffix): [string, Step1Kind] => [suffix, kind as Step1Kind]),
);
const STEP1_SUFFIXES = STEP1_INDEX.map(([suffix]) => suffix);
const STEP1_KIND = new Map(STEP1_INDEX);

/** Deletes `suffix` when it ends the word and lies in R2; reports whether it did. */
function deleteInR2(w: Word, suffix: string): boolean {
  if (w.s.endsWith(suffix) && inR2(w, suffix)) {
    replace(w, suffix, "");
    return true;
  }
  return false;
}

/** "ic" before a removed suffix: delete in R2, otherwise replace by iqU. */
function icToIqU(w: Word): void {
  if (!w.s.endsWith("ic")) return;
  if (!deleteInR2(w, "ic")) replace(w, "ic", "iqU");
}

/** Step 1. Returns true when a suffix was removed and the verb steps must not
 * run; the -ment family changes the word but returns false on purpose. */
function standardSuffix(w: Word): boolean {
  const suffix = longestSuffix(w, STEP1_SUFFIXES);
  if (suffix === null) return false;
  switch (STEP1_KIND.get(suffix)) {
    case "plain":
      return deleteInR2(w, suffix);
    case "ateur":
      if (!deleteInR2(w, suffix)) return false;
      icToIqU(w);
      return true;
    case "logie":
      if (!inR2(w, suffix)) return false;
      replace(w, suffix, "log");
      return true;
    case "usion":
      if (!inR2(w, suffix)) return false;
      replace(w, suffix, "u");
      return true;
    case "ence":
      if (!inR2(w, suffix)) return false;
      replace(w, suffix, "ent");
      return true;
    case "ement": {
      if (!inRV(w, suffix)) return false;
      replace(w, suffix, "");
      const before = longestSuffix(w, ["iv", "eus", "abl", "iqU", "ièr", "Ièr"]);
      if (before === "iv") {
        if (deleteInR2(w, "iv")) deleteInR2(w, "at");
      } else if (before === "eus") {
        if (!deleteInR2(w, "eus") && inR1(w, "eus")) replace(w, "eus", "eux");
      } else if (before === "abl" || before === "iqU") {
        deleteInR2(w, before);
      } else if (before !== null && inRV(w, before)) {
        replace(w, before, "i");
      }
      return true;
    }
    case "ite": {
      if (!deleteInR2(w, suffix)) return false;
      const before = longestSuffix(w, ["abil", "ic", "iv"]);
      if (before === "abil") {
        if (!deleteInR2(w, "abil")) replace(w, "abil", "abl");
      } else if (before === "ic") {
        icToIqU(w);
      } else if (before === "iv") {
        deleteInR2(w, "iv");
      }
      return true;
    }
    case "if":
      if (!deleteInR2(w, suffix)) return false;
      if (deleteInR2(w, "at")) icToIqU(w);
      return true;
    case "eaux":
      replace(w, suffix, "eau");
      return true;
    case "aux":
      if (!inR1(w, suffix)) return false;
      replace(w, suffix, "al");
      return true;
    case "euse":
      if (deleteInR2(w, suffix)) return true;
      if (!inR1(w, suffix)) return false;
      replace(w, suffix, "eux");
      return true;
    case "issement": {
      const start = startOf(w, suffix);
      if (start < w.p1 || start === 0 || isVowel(w.s[start - 1])) return false;
      replace(w, suffix, "");
      return true;
    }
    case "amment":
      if (inRV(w, suffix)) replace(w, suffix, "ant");
      return false;
    case "emment":
      if (inRV(w, suffix)) replace(w, suffix, "ent");
      return false;
    case "ment": {
      const vowelAt = startOf(w, suffix) - 1;
      if (vowelAt >= w.pV && isVowel(w.s[vowelAt])) replace(w, suffix, "");
      return false;
    }
    default:
      return false;
  }
}

const I_VERB = [
  "îmes", "ît", "îtes", "i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait",
  "iras", "irent", "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais",
  "issait", "issant", "issante", "issantes", "issants", "isse", "issent", "isses", "issez",
  "issiez", "issions", "issons", "it",
];

/** Step 2a: verb suffixes beginning with i, removed after a non-vowel in RV. */
function iVerbSuffix(w: Word): boolean {
  const suffix = longestSuffix(w, I_VERB, w.pV);
  if (suffix === null) return false;
  const at = startOf(w, suffix) - 1;
  const c = w.s[at];
  if (at < w.pV || c === undefined || c === "H" || isVowel(c)) return false;
  replace(w, suffix, "");
  return true;
}

const VERB_E = [
  "é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraIent", "erais", "erait", "eras",
  "erez", "eriez", "erions", "erons", "eront", "ez", "iez",
];
const VERB_A = [
  "âmes", "ât", "âtes", "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as",
  "asse", "assent", "asses", "assiez", "assions",
];
const VERB_ALL = ["ions", ...VERB_E, ...VERB_A];
const VERB_A_SET = new Set(VERB_A);

/** Step 2b: other verb suffixes, in RV. */
function verbSuffix(w: Word): boolean {
  const suffix = longestSuffix(w, VERB_ALL, w.pV);
  if (suffix === null) return false;
  if (suffix === "ions") return deleteInR2(w, suffix);
  replace(w, suffix, "");
  if (VERB_A_SET.has(suffix) && w.s.endsWith("e") && inRV(w, "e")) replace(w, "e", "");
  return true;
}

/** Step 4: residual suffixes. */
function residualSuffix(w: Word): void {
  if (w.s.endsWith("s")) {
    const before = w.s[w.s.length - 2];
    if (w.s.endsWith("His") || (before !== undefined && !KEEP_WITH_S.has(before))) {
      replace(w, "s", "");
    }
  }
  const suffix = longestSuffix(w, ["ion", "ier", "ière", "Ier", "Ière", "e"], w.pV);
  if (suffix === null) return;
  if (suffix === "ion") {
    const at = startOf(w, suffix) - 1;
    const c = w.s[at];
    if (inR2(w, suffix) && at >= w.pV && (c === "s" || c === "t")) replace(w, suffix, "");
  } else if (suffix === "e") {
    replace(w, suffix, "");
  } else {
    replace(w, suffix, "i");
  }
}

/** Step 5: enn, onn, ett, ell, eill lose their last letter. */
function unDouble(w: Word): void {
  if (/(enn|onn|ett|ell|eill)$/.test(w.s)) w.s = w.s.slice(0, -1);
}

/** Step 6: é or è followed by at least one non-vowel to the end becomes e. */
function unAccent(w: Word): void {
  let i = w.s.length - 1;
  while (i >= 0 && !isVowel(w.s[i])) i--;
  if (i < w.s.length - 1 && i >= 0 && (w.s[i] === "é" || w.s[i] === "è")) {
    w.s = `${w.s.slice(0, i)}e${w.s.slice(i + 1)}`;
  }
}

function postlude(s: string): string {
  return s
    .replace(/He/g, "ë")
    .replace(/Hi/g, "ï")
    .replace(/H/g, "")
    .replace(/I/g, "i")
    .replace(/U/g, "u")
    .replace(/Y/g, "y");
}

/** Snowball French stem of one lower-case word (no elision, no ligature). */
export function snowballFrench(word: string): string {
  if (word.length < 2) return word;
  const s = prelude(word);
  const w: Word = { s, ...markRegions(s) };
  if (standardSuffix(w) || iVerbSuffix(w) || verbSuffix(w)) {
    if (w.s.endsWith("Y")) replace(w, "Y", "i");
    else if (w.s.endsWith("ç")) replace(w, "ç", "c");
  } else {
    // Also reached after the -ment family changed the word (see step 1).
    residualSuffix(w);
  }
  unDouble(w);
  unAccent(w);
  return postlude(w.s);
}
