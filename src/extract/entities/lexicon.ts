/**
 * Word lists of the recogniser and the quote attributor, read from
 * `data/lexicon.json` and `data/speech-verbs.json` (validated with zod), and
 * the folding used to compare words (lowercase, accent-free, ’ → ').
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const foldCache = new Map<string, string>();

/** Lowercase, accent-free, typographic apostrophe → straight (memoised). */
export function fold(s: string): string {
  let out = foldCache.get(s);
  if (out !== undefined) return out;
  out = foldRaw(s);
  if (foldCache.size > 50_000) foldCache.clear();
  foldCache.set(s, out);
  return out;
}

function foldRaw(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/‐/g, "-");
}

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), "utf8"));

const words = z.array(z.string());
const LexiconSchema = z.object({
  particles: words,
  orgParticles: words,
  notNames: words,
  commonWords: words,
  nonEntityAcronyms: words,
  personTitles: words,
  roleNouns: words,
  orgAppositionNouns: words,
  placeAppositionNouns: words,
  determiners: words,
  orgHeads: words,
  orgSuffixes: words,
  legalSuffixes: words,
  portfolioTitles: words,
  placeCues: words,
  orgCues: words,
  givenNames: words,
  surnamesFirst: words,
  technicalAcronyms: words,
  orgNameHeads: words,
  placeNameHeads: words,
  orgTypeCues: words,
  standaloneInstitutions: words,
});

const SpeechVerbsSchema = z.object({
  auxiliaries: words,
  verbs: z.array(z.object({ lemma: z.string(), forms: words })),
});

const foldSet = (list: string[]): Set<string> => new Set(list.map(fold));
/** Multi-word entries as folded token sequences (split on spaces and after apostrophes). */
const phraseList = (list: string[]): string[][] =>
  list.map((p) => fold(p).replace(/'/g, "' ").split(/\s+/).filter(Boolean)).sort((a, b) => b.length - a.length);

const lex = LexiconSchema.parse(read("lexicon.json"));
const speech = SpeechVerbsSchema.parse(read("speech-verbs.json"));

export const LEXICON = {
  particles: phraseList(lex.particles),
  orgParticles: phraseList(lex.orgParticles),
  notNames: foldSet(lex.notNames),
  commonWords: foldSet(lex.commonWords),
  nonEntityAcronyms: foldSet(lex.nonEntityAcronyms),
  personTitles: foldSet(lex.personTitles),
  roleNouns: foldSet(lex.roleNouns),
  orgAppositionNouns: foldSet(lex.orgAppositionNouns),
  placeAppositionNouns: foldSet(lex.placeAppositionNouns),
  determiners: phraseList(lex.determiners),
  orgHeads: foldSet(lex.orgHeads),
  orgSuffixes: foldSet(lex.orgSuffixes),
  legalSuffixes: foldSet(lex.legalSuffixes),
  portfolioTitles: foldSet(lex.portfolioTitles),
  placeCues: phraseList(lex.placeCues),
  orgCues: phraseList(lex.orgCues),
  givenNames: foldSet(lex.givenNames),
  surnamesFirst: foldSet(lex.surnamesFirst),
  technicalAcronyms: foldSet(lex.technicalAcronyms),
  orgNameHeads: foldSet(lex.orgNameHeads),
  placeNameHeads: foldSet(lex.placeNameHeads),
  orgTypeCues: foldSet(lex.orgTypeCues),
  standaloneInstitutions: foldSet(lex.standaloneInstitutions),
};

export const SPEECH = {
  auxiliaries: foldSet(speech.auxiliaries),
  /** Folded verb form → lemma. */
  forms: new Map<string, string>(speech.verbs.flatMap((v) => v.forms.map((f) => [fold(f), v.lemma] as [string, string]))),
};
