/**
 * French named-entity recognition for one article: gazetteer + rules, then
 * canonicalisation within the article.
 *
 * Pipeline (each step a small function below):
 * 1. tokens of the allowed regions, with sentence starts;
 * 2. gazetteer matches (longest alias first, indexed by first token);
 * 3. name spans: capitalised tokens joined by particles (de, du, d’, van,
 *    von…), initials ("F.") and, after an organisation head (Ministère,
 *    Université…), by "et", "de la"…; gazetteer matches are units of spans;
 * 4. each span becomes mentions: a gazetteer unit keeps its entry; an
 *    organisation head or suffix makes the whole span one organisation; a
 *    known maker followed by a model number is a product ("Xiaomi 15 Ultra");
 *    the rest is classified by rule families (see `classifyRun`): titles and
 *    roles before the name, a lowercase head that belongs to the name
 *    ("université Charles Sturt", "rue Paul-Bert"), a type cue that does not
 *    ("le fonds américain Carlyle"), given names, speech verbs, place cues;
 *    technical acronyms (OLED, GPS) and relation compounds (CIA-Chine) are
 *    not names; an uncued name coordinated with a typed one takes its type;
 * 5. canonicalisation: case/accent variants, acronym ↔ expansion
 *    ("… (MIIT)"), surname- or given-name-only references to a person named
 *    in full, type voting by rule strength, canonical name.
 * Word lists are data (data/lexicon.json); each mention records its rule.
 */
import type { Entity, EntityType, Mention } from "../../types.ts";
import { slugify, splitSentences, tokenize, isStopword, type Token } from "../text/index.ts";
import { indexGazetteer, loadGazetteer, type Gazetteer, type GazetteerEntry, type GazetteerIndex } from "./gazetteer.ts";
import { fold, LEXICON, SPEECH } from "./lexicon.ts";
import { findQuoteSpans, MIN_QUOTE_WORDS } from "./quotes.ts";

/** Slug used as id for entities not in the gazetteer. */
export function entityIdFor(name: string): string {
  return slugify(name) || "entite";
}

interface Tok extends Token {
  key: string;
  cap: boolean;
  /** Sentence index. */
  sent: number;
  /** First word of a sentence, of a line, or after an opening quote. */
  initial: boolean;
}

interface Region {
  start: number;
  end: number;
}

/** A run of tokens [i, j) that is one piece of a name. */
interface Unit {
  i: number;
  j: number;
  entry: GazetteerEntry | null;
}

interface Candidate {
  i: number;
  j: number;
  start: number;
  end: number;
  surface: string;
  type: EntityType;
  rule: string;
  strength: number;
  entry: GazetteerEntry | null;
  description: string | null;
  /** Set when the candidate was an acronym in brackets after (or before) its expansion. */
  linkTo?: Candidate;
  /** Sentence-initial single word kept only if it names a person seen in full. */
  tentative?: boolean;
}

const STRENGTH: Record<string, number> = {
  gazetteer: 10,
  title: 8,
  apposition: 8,
  "org-head": 8,
  "org-suffix": 8,
  initials: 7,
  "given-name": 6,
  "surname-given": 6,
  acronym: 5,
  "speech-subject": 4,
  "place-cue": 3,
  "org-cue": 3,
  coordination: 3,
  // A brand's spelling says organisation or product: a coordinated name
  // of known type decides ("sur Weibo, KakaoTalk et YouTube").
  "inner-capital": 2,
  "compound-name": 2,
  capitalised: 1,
};

/** Auxiliaries and copulas: their presence means a clause, not an apposition. */
const FINITE = new Set(["a", "ont", "est", "sont", "était", "étaient", "avait", "avaient", "sera", "seront", "fut", "fait", "font", "aurait", "serait"]);

/** Abbreviated honorifics written with a period ("M.", "Dr."). */
const HONORIFICS = new Set(["m", "mm", "dr", "pr", "me", "mgr", "st"]);

const ACRONYM_RE = /^[\p{Lu}][\p{Lu}\d&-]{1,8}$/u;
const ROMAN_RE = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;
const OPENERS = new Set(["«", "“", '"', "(", "—", "–", "-", "[", "‘"]);

const isAcronym = (t: Tok): boolean => ACRONYM_RE.test(t.text) && (t.text.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
const isElision = (t: Token): boolean => /['’]$/.test(t.text);
const isCapWord = (t: Tok): boolean => t.kind === "word" && t.cap && !isElision(t);

export interface RecognizeOptions {
  gazetteer?: Gazetteer;
  regions?: Region[];
}

export function recognizeEntities(
  text: string,
  options: RecognizeOptions = {},
): { mentions: Mention[]; entities: Entity[] } {
  const gaz = options.gazetteer ?? loadGazetteer();
  const index = indexGazetteer(gaz);
  const regions = normaliseRegions(text, options.regions);
  const toks = tokensOf(text, regions);
  const lowerSeen = lowercaseWords(toks);
  const quoteZones = quoteZonesOf(text);
  const gazAt = gazetteerMatches(toks, index, lowerSeen);
  const spans = nameSpans(toks, gazAt, text, index);
  const candidates: Candidate[] = [];
  for (const span of spans) candidates.push(...spanToCandidates(span, toks, text, lowerSeen));
  // Inside long quotes (often titles or English) only known names and acronyms count.
  const kept = candidates.filter((c) => c.entry || c.rule === "acronym" || !inZones(quoteZones, c.start));
  typeByCoordination(kept, toks);
  linkAcronyms(kept, toks, index);
  return canonicalise(kept, toks);
}

// ---------------------------------------------------------------------------
// 1. Tokens and context
// ---------------------------------------------------------------------------

function normaliseRegions(text: string, regions: Region[] | undefined): Region[] {
  if (!regions) return [{ start: 0, end: text.length }];
  return regions
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(text.length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
}

function tokensOf(text: string, regions: Region[]): Tok[] {
  const all = tokenize(text);
  const out: Tok[] = [];
  let sentIndex = 0;
  let ti = 0;
  for (const r of regions) {
    for (const s of splitSentences(text, r.start, r.end)) {
      while (ti < all.length && all[ti]!.start < s.start) ti++;
      let first = true;
      let prev: Token | undefined;
      while (ti < all.length && all[ti]!.end <= s.end) {
        const t = all[ti]!;
        const afterOpener = prev !== undefined && prev.kind === "punct" && OPENERS.has(prev.text);
        out.push({
          text: t.text,
          start: t.start,
          end: t.end,
          kind: t.kind,
          key: fold(t.text),
          cap: startsUpper(t.text),
          sent: sentIndex,
          initial: t.kind === "word" && (first || afterOpener),
        });
        if (t.kind === "word") first = false;
        prev = t;
        ti++;
      }
      sentIndex++;
    }
  }
  return out;
}

const UPPER = /^\p{Lu}/u;

/** First letter is uppercase (ASCII answered without the regex engine). */
function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return UPPER.test(word);
}

/** Folded forms of words written in lowercase somewhere in the (allowed) text. */
function lowercaseWords(toks: Tok[]): Set<string> {
  const seen = new Set<string>();
  for (const t of toks) if (t.kind === "word" && !t.cap && !isElision(t)) seen.add(t.key);
  return seen;
}

/** Quotes of ≥ MIN_QUOTE_WORDS words, and a bracket right after a quote (its
 * translation): no entity is guessed there from capitals alone. */
function quoteZonesOf(text: string): Region[] {
  const zones: Region[] = [];
  for (const q of findQuoteSpans(text)) {
    if (q.words < MIN_QUOTE_WORDS) continue;
    zones.push({ start: q.open, end: q.close });
    const m = /^[\s\u00a0]*\(/u.exec(text.slice(q.close));
    if (m) {
      const open = q.close + m[0].length - 1;
      const close = text.indexOf(")", open);
      if (close !== -1 && text.slice(open, close).indexOf("\n") === -1) zones.push({ start: open, end: close + 1 });
    }
  }
  return zones;
}

const inZones = (zones: Region[], pos: number): boolean => zones.some((z) => pos >= z.start && pos < z.end);

/** True when only spaces (no line break, no punctuation) separate the two tokens. */
function joined(text: string, a: Token, b: Token): boolean {
  for (let k = a.end; k < b.start; k++) {
    const c = text.charCodeAt(k);
    if (c !== 0x20 && c !== 0xa0 && c !== 0x202f) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// 2. Gazetteer
// ---------------------------------------------------------------------------

/** Start token index → longest gazetteer match starting there. */
function gazetteerMatches(toks: Tok[], index: GazetteerIndex, lowerSeen: Set<string>): Map<number, Unit> {
  const out = new Map<number, Unit>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === "punct") continue;
    const pats = index.byFirst.get(t.key);
    if (!pats) continue;
    for (const p of pats) {
      const j = i + p.keys.length;
      if (j > toks.length) continue;
      let ok = true;
      for (let k = 0; k < p.keys.length && ok; k++) {
        const tk = toks[i + k]!;
        if (tk.key !== p.keys[k] || tk.sent !== t.sent) ok = false;
        else if (p.exact[k] !== null && tk.text !== p.exact[k]) ok = false;
      }
      if (!ok) continue;
      // The first word is capitalised (or written exactly as in the alias: "iPhone").
      const surfaceFirst = p.surface.slice(0, t.text.length);
      if (!t.cap && !/^\p{N}/u.test(t.text) && t.text !== surfaceFirst) continue;
      // A sentence-initial one-word match that is also a common word (Nice, Orange…) is not trusted.
      if (p.keys.length === 1 && t.initial && p.exact[0] === null && (lowerSeen.has(t.key) || LEXICON.commonWords.has(t.key)))
        continue;
      out.set(i, { i, j, entry: p.entry });
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// 3. Name spans
// ---------------------------------------------------------------------------

interface Span {
  units: Unit[];
  /** "Xiaomi 15 Ultra": a known maker followed by a model number (and
   * model words): the tokens [units' end, model) are the model. */
  modelEnd?: number;
}

/** Words that continue a product model after its number ("15 Ultra", "S24 FE"). */
const MODEL_WORD = /^(?:Ultra|Pro|Max|Plus|Mini|Air|Lite|Edge|Fold|Flip|SE|FE|Neo|Note|Prime|GT|XL|Turbo|Classic|Sport|Evo|X|S)$/u;
/** A model number or code: "15", "S24", "P60", "A55" (not a year). */
const MODEL_CODE = /^(?:\p{Lu}{0,2}\d{1,3}\p{Lu}?|\d{1,3}\p{Lu}{1,2})$/u;

/** End of the model after a maker unit ending at token `end`, or -1. */
function modelAfter(toks: Tok[], end: number, text: string): number {
  const code = toks[end];
  if (!code || code.sent !== toks[end - 1]!.sent || !joined(text, toks[end - 1]!, code) || !MODEL_CODE.test(code.text)) return -1;
  if (LEXICON.technicalAcronyms.has(code.key)) return -1;
  let k = end + 1;
  while (k < toks.length && k < end + 4 && MODEL_WORD.test(toks[k]!.text) && joined(text, toks[k - 1]!, toks[k]!)) k++;
  // "Xiaomi 15 milliards": a number followed by a lowercase word is a quantity.
  const next = toks[k];
  if (k === end + 1 && next && next.kind === "word" && !next.cap && next.sent === code.sent) return -1;
  return k;
}

/** "CIA-Chine", "UE-Afrique": two known names joined by a hyphen qualify
 * something (a relation, a match); the compound is not a name itself. */
function isRelationCompound(t: Tok, index: GazetteerIndex): boolean {
  if (!t.text.includes("-")) return false;
  const parts = t.key.split("-");
  return parts.length >= 2 && parts.every((p) => (index.byFirst.get(p) ?? []).some((a) => a.keys.length === 1));
}

/** Length of the particle sequence from `lists` starting at token k, if a name unit follows it. */
function particleRun(toks: Tok[], k: number, lists: string[][], text: string): number {
  for (const seq of lists) {
    if (k + seq.length >= toks.length) continue;
    let ok = true;
    for (let n = 0; n < seq.length && ok; n++) {
      const t = toks[k + n]!;
      if (t.key !== seq[n] || t.cap || !joined(text, toks[k + n - 1]!, t)) ok = false;
    }
    if (ok) return seq.length;
  }
  return 0;
}

function nameSpans(toks: Tok[], gazAt: Map<number, Unit>, text: string, index: GazetteerIndex): Span[] {
  const spans: Span[] = [];
  const unitAt = (k: number): Unit | null => {
    const g = gazAt.get(k);
    if (g) return g;
    const t = toks[k];
    if (!t || !isCapWord(t)) return null;
    if (LEXICON.notNames.has(t.key) || isRelationCompound(t, index)) return null;
    // An initial: "F." followed by a capitalised word.
    if (/^\p{Lu}$/u.test(t.text)) {
      const dot = toks[k + 1];
      const next = toks[k + 2];
      if (dot?.text === "." && next && isCapWord(next) && next.sent === t.sent) return { i: k, j: k + 2, entry: null };
      return null;
    }
    return { i: k, j: k + 1, entry: null };
  };
  let k = 0;
  while (k < toks.length) {
    const first = unitAt(k);
    if (!first) {
      k++;
      continue;
    }
    const units = [first];
    let end = first.j;
    const orgHeaded = !first.entry && LEXICON.orgHeads.has(toks[first.i]!.key);
    for (;;) {
      const last = toks[end - 1]!;
      const next = toks[end];
      if (!next || next.sent !== last.sent) break;
      let skip = 0;
      if (!joined(text, last, next)) break;
      if (!next.cap) {
        // "Selon la Banque …", "Après le Japon …": a capitalised function or
        // common word opening the sentence is not joined by a particle.
        const lone = toks[first.i]!;
        if (units.length === 1 && !first.entry && lone.initial && (LEXICON.commonWords.has(lone.key) || isStopword(lone.text))) break;
        // "Agence nordique de …", "Banque centrale de …": adjectives after an organisation head.
        let adj = 0;
        if (orgHeaded && units.length === 1) {
          while (adj < 2 && toks[end + adj]?.kind === "word" && !toks[end + adj]!.cap && !isStopword(toks[end + adj]!.text)) adj++;
          if (adj && !particleRun(toks, end + adj, LEXICON.particles, text)) adj = 0;
        }
        skip = adj + particleRun(toks, end + adj, LEXICON.particles, text);
        if (adj && skip === adj) skip = 0;
        if (!skip && orgHeaded && units.length > 1) skip = particleRun(toks, end, LEXICON.orgParticles, text);
        if (skip && orgHeaded) skip += particleRun(toks, end + skip, LEXICON.particles, text);
        if (!skip) break;
      }
      const u = unitAt(end + skip);
      if (!u || !joined(text, toks[end + skip - 1]!, toks[end + skip]!)) break;
      units.push(u);
      end = u.j;
    }
    const maker = units[units.length - 1]!.entry;
    const modelEnd = maker && maker.type !== "person" && maker.type !== "place" ? modelAfter(toks, end, text) : -1;
    if (modelEnd !== -1) {
      spans.push({ units, modelEnd });
      k = modelEnd;
      continue;
    }
    spans.push({ units });
    k = end;
  }
  return spans;
}

// ---------------------------------------------------------------------------
// 4. From spans to candidates
// ---------------------------------------------------------------------------

function spanToCandidates(span: Span, toks: Tok[], text: string, lowerSeen: Set<string>): Candidate[] {
  const units = span.units;
  const firstU = units[0]!;
  const lastU = units[units.length - 1]!;
  const headKey = toks[firstU.i]!.key;
  const lastKey = toks[lastU.j - 1]!.key;
  const make = (i: number, j: number, type: EntityType, rule: string, entry: GazetteerEntry | null = null): Candidate => {
    let end = toks[j - 1]!.end;
    // Keep the period of "Inc.", "Corp.", "Ltd." with the name.
    const after = toks[j];
    if (after?.text === "." && after.start === end && LEXICON.orgSuffixes.has(toks[j - 1]!.key + ".")) end = after.end;
    const start = toks[i]!.start;
    return { i, j, start, end, surface: text.slice(start, end), type, rule, strength: STRENGTH[rule] ?? 1, entry, description: null };
  };
  if (span.modelEnd !== undefined) return [make(firstU.i, span.modelEnd, "product", "product-model")];
  // Whole span is one organisation: head ("Ministère de …") or suffix ("… Inc.").
  if (units.length >= 2 && !firstU.entry && LEXICON.orgHeads.has(headKey) && !(toks[firstU.i]!.initial && units.length < 2)) {
    return [withApposition(make(firstU.i, lastU.j, "organization", "org-head"), toks, text)];
  }
  if (units.length >= 2 && !lastU.entry && LEXICON.orgSuffixes.has(lastKey)) {
    // "Apple Inc." is Apple; "Samsung Display" is another company.
    if (units.length === 2 && firstU.entry && LEXICON.legalSuffixes.has(lastKey))
      return [make(firstU.i, lastU.j, firstU.entry.type, "gazetteer", firstU.entry)];
    return [withApposition(make(firstU.i, lastU.j, "organization", "org-suffix"), toks, text)];
  }
  // A known name followed directly by other capitalised words is another name
  // ("Android Authority", "Paris Saint-Germain"), unless it is a person.
  if (
    units.length >= 2 &&
    firstU.entry &&
    firstU.entry.type !== "person" &&
    units.slice(1).every((u) => !u.entry && !isAcronym(toks[u.i]!) && u.i === units[0]!.j)
  ) {
    return [withApposition(make(firstU.i, lastU.j, "other", "compound-name"), toks, text)];
  }
  // Otherwise: gazetteer units stand alone; runs of other units are classified.
  const out: Candidate[] = [];
  let run: Unit[] = [];
  const flush = (): void => {
    if (run.length) out.push(...classifyRun(run, toks, text, lowerSeen, make));
    run = [];
  };
  for (const u of units) {
    if (u.entry) {
      flush();
      out.push(withApposition(make(u.i, u.j, u.entry.type, "gazetteer", u.entry), toks, text));
    } else run.push(u);
  }
  flush();
  return out;
}

type Make = (i: number, j: number, type: EntityType, rule: string) => Candidate;

function classifyRun(units: Unit[], toks: Tok[], text: string, lowerSeen: Set<string>, make: Make): Candidate[] {
  // Drop sentence-initial common words ("Pourtant", "Selon", "Cette") and capitals that are not names ("PDG").
  let a = 0;
  let titled = false;
  let cuedOrg = false;
  while (a < units.length) {
    const t = toks[units[a]!.i]!;
    const common = LEXICON.commonWords.has(t.key) || isStopword(t.text) || lowerSeen.has(t.key);
    if (LEXICON.orgTypeCues.has(t.key) && units.length - a > 1 && !units[a]!.entry) {
      cuedOrg = true; // "l'ONG Legal Agenda"
      a++;
    } else if ((t.initial && common && !units[a]!.entry) || isAcronymNoise(t)) a++;
    else if (isStopword(t.text)) a++; // a capitalised function word never starts a name ("…, Cette fois")
    else if (LEXICON.personTitles.has(t.key) || (units[a]!.j - units[a]!.i === 2 && HONORIFICS.has(t.key))) {
      titled = true; // "Mme Kervella", "M. Ostrowski", "Général Aubry"
      a++;
    } else break;
  }
  // A lone unknown word opening a sentence is kept only if the article names it elsewhere.
  const tentative = units.length - a === 1 && toks[units[a]?.i ?? 0]!.initial;
  const rest = units.slice(a);
  if (rest.length === 0) return [];
  const i = rest[0]!.i;
  const j = rest[rest.length - 1]!.j;
  const first = toks[i]!;
  const single = rest.length === 1;
  const hasInitial = rest.some((u) => u.j - u.i === 2);

  // "Parti", "Conseil" alone: a common noun with a capital.
  if (single && LEXICON.standaloneInstitutions.has(first.key) && !first.initial)
    return [withApposition(make(i, j, "organization", "org-head"), toks, text)];
  if (single && LEXICON.orgHeads.has(first.key)) {
    const adj = toks[j];
    if (adj && adj.kind === "word" && !adj.cap && adj.sent === first.sent && ADJECTIVE_END.test(adj.key) && joined(text, first, adj) && !isStopword(adj.text))
      return [withApposition(make(i, j + 1, "organization", "org-head"), toks, text)];
    return [];
  }
  // "ministre de l’Industrie": a portfolio, not an entity.
  if (portfolioBefore(toks, i)) return [];
  if (single && isAcronym(first)) {
    if (LEXICON.nonEntityAcronyms.has(first.key) || LEXICON.technicalAcronyms.has(first.key) || ROMAN_RE.test(first.text)) return [];
    return [withApposition(make(i, j, "organization", "acronym"), toks, text)];
  }
  const c = (type: EntityType, rule: string): Candidate[] => {
    const cand = withApposition(make(i, j, type, rule), toks, text);
    if (tentative && cand.rule === "capitalised") cand.tentative = true;
    return [cand];
  };
  const withAppo = withApposition(make(i, j, "other", "capitalised"), toks, text);
  if (withAppo.rule === "apposition") return [withAppo];
  const givenFirst = LEXICON.givenNames.has(first.key) || LEXICON.givenNames.has(first.key.split("-")[0]!);
  if (titled || titleBefore(toks, i, !single)) return c("person", "title");
  if (cuedOrg) return c("organization", "org-head");
  // "l’université Charles Sturt", "la rue Paul-Bert", "la cour d’assises du Rhône":
  // the lowercase head is part of the name.
  const head = headBefore(toks, i, givenFirst && !single);
  if (head) {
    const cand = withApposition(make(head.k, j, head.type, head.type === "place" ? "place-head" : "org-head"), toks, text);
    return [cand];
  }
  if (hasInitial) return c("person", "initials");
  if (!single && givenFirst) return c("person", "given-name");
  if (rest.length === 2 && LEXICON.surnamesFirst.has(first.key) && !isAcronym(toks[rest[1]!.i]!))
    return c("person", "surname-given");
  if (!single && speechVerbAfter(toks, j)) return c("person", "speech-subject");
  if (pluralDemonym(toks, i, j)) return [];
  if (placeCueBefore(toks, i)) return c("place", "place-cue");
  if (cueEndsAt(toks, i, LEXICON.orgCues)) return c("organization", "org-cue");
  if (single && INNER_CAPITAL.test(first.text) && !NAME_PREFIX.test(first.text)) return c("organization", "inner-capital");
  return c("other", "capitalised");
}

/** A capital inside a word after two lowercase letters or a run of capitals
 * (STMicroelectronics, BlaBlaCar, PayPal): a brand's spelling, not a
 * person's or a place's. */
const INNER_CAPITAL = /^(?:\p{Lu}\p{Ll}{2,}\p{Lu}|\p{Lu}{2,}\p{Lu}\p{Ll}{2,})/u;
/** Surnames spelt that way (MacArthur, DeVos, LeBlanc, VanDyke). */
const NAME_PREFIX = /^(?:Mac|Mc|De|Di|Da|Du|Le|La|Van|Von)\p{Lu}/u;

// Not the comma: "le maire de Lyon, Grégory Doucet," is an apposition.
const COORDINATORS = new Set(["et", "ou"]);

/** "les quartiers de Hamra et d’Achrafieh", "Bpifrance et le fonds Balderton
 * Capital": a name with no cue of its own, coordinated with a typed name of
 * the same sentence, takes its type (in both directions). */
function typeByCoordination(cands: Candidate[], toks: Tok[]): void {
  const between = (a: Candidate, b: Candidate): boolean => {
    if (toks[a.i]!.sent !== toks[b.i]!.sent || b.i - a.j < 1 || b.i - a.j > 3) return false;
    const gap = toks.slice(a.j, b.i);
    return COORDINATORS.has(gap[0]!.key) && gap.slice(1).every((t) => HEAD_PARTICLES.has(t.key) || LEXICON.orgTypeCues.has(t.key));
  };
  const weak = (c: Candidate): boolean => (c.rule === "capitalised" || c.rule === "inner-capital") && !c.tentative;
  const typed = (c: Candidate): boolean => c.type !== "other" && c.strength >= STRENGTH["place-cue"]!;
  for (let n = 0; n + 1 < cands.length; n++) {
    const a = cands[n]!;
    const b = cands[n + 1]!;
    if (!between(a, b)) continue;
    const [from, to] = typed(a) && weak(b) ? [a, b] : typed(b) && weak(a) ? [b, a] : [null, null];
    if (!from || !to) continue;
    to.type = from.type;
    to.rule = "coordination";
    to.strength = STRENGTH.coordination!;
  }
}

/** "PDG", "TV", "5G", "OLED", roman numerals: capitals that are not names. */
function isAcronymNoise(t: Tok): boolean {
  return (LEXICON.nonEntityAcronyms.has(t.key) || LEXICON.technicalAcronyms.has(t.key)) && ACRONYM_NOISE_RE.test(t.text);
}
const ACRONYM_NOISE_RE = /^[\p{Lu}\d]+$/u;

/** Endings of French adjectives that complete a capitalised organisation
 * head: Parti socialiste, Front national, Stade toulousain, Conseil constitutionnel. */
const ADJECTIVE_END = /(?:ais|aise|ois|oise|ien|ienne|al|ale|aux|ique|iste|ain|aine|el|elle|if|ive|aire|ien|éen|éenne|in|ine|ol|ole)$/u;

/** Particles between a lowercase head and the name (folded keys). */
const HEAD_PARTICLES = new Set(["de", "du", "des", "d'", "la", "l'", "le"]);

/** A lowercase head noun before token i, possibly with up to two lowercase
 * words and particles in between ("cour d’assises du", "agence régionale
 * de santé des", "fonds américain"): where the name starts, and its type.
 * A person-like name after a particle is not absorbed. */
function headBefore(toks: Tok[], i: number, personLike: boolean): { k: number; type: EntityType } | null {
  const sent = toks[i]!.sent;
  let words = 0;
  let sawParticle = false;
  for (let k = i - 1, n = 0; k >= 0 && n < 7; k--, n++) {
    const t = toks[k]!;
    if (t.sent !== sent || t.kind !== "word" || t.cap) return null;
    // "l’université Charles Sturt" but not "le musée de Jean Moulin" (his museum).
    const named = !(personLike && sawParticle);
    if (LEXICON.placeNameHeads.has(t.key)) return named ? { k, type: "place" } : null;
    if (LEXICON.orgNameHeads.has(t.key)) return named ? { k, type: "organization" } : null;
    // A type cue before the name (adjectives allowed, no particle): the name alone.
    if (LEXICON.orgTypeCues.has(t.key)) return sawParticle ? null : { k: i, type: "organization" };
    if (HEAD_PARTICLES.has(t.key)) {
      sawParticle = true;
      continue;
    }
    if (isStopword(t.text) || FINITE.has(t.key) || ++words > 2) return null;
  }
  return null;
}

/** The word(s) before token i, skipping up to 3 lowercase adjectives ("le
 * président sud-coréen X"), are a title or function; or "M." / "Mme". */
function titleBefore(toks: Tok[], i: number, fullName = false): boolean {
  const t0 = toks[i]!;
  let k = i - 1;
  const prev = toks[k];
  if (prev?.text === "." && toks[k - 1] && /^(?:M|Dr|Pr|Mgr|Me)$/u.test(toks[k - 1]!.text)) return true;
  // "son directeur général, Marc-Antoine Delorme": a role, a comma, the name
  // (a full name only: "pour le maire, Quimper doit…" is not a person).
  if (prev?.text === "," && k >= 1 && fullName) k--;
  for (let skipped = 0; k >= 0 && skipped <= 3; k--) {
    const t = toks[k]!;
    if (t.sent !== t0.sent || t.kind !== "word") return false;
    if (LEXICON.personTitles.has(t.key)) return true;
    if (t.cap || isStopword(t.text) || isElision(t)) return false;
    skipped++;
  }
  return false;
}

/** "ministre (chinois) de l’Industrie", "ministère des Affaires étrangères". */
function portfolioBefore(toks: Tok[], i: number): boolean {
  let k = i - 1;
  let sawDe = false;
  for (let n = 0; k >= 0 && n < 5; k--, n++) {
    const t = toks[k]!;
    if (t.kind !== "word" || t.cap) return false;
    if (["de", "du", "des", "d'", "la", "l'"].includes(t.key)) sawDe = true;
    else if (LEXICON.portfolioTitles.has(t.key)) return sawDe;
    else if (!sawDe) return false;
  }
  return false;
}

/** "X a déclaré", "X explique". */
function speechVerbAfter(toks: Tok[], j: number): boolean {
  const t = toks[j];
  if (!t || t.kind !== "word") return false;
  if (SPEECH.forms.has(t.key)) return true;
  return SPEECH.auxiliaries.has(t.key) && !!toks[j + 1] && SPEECH.forms.has(toks[j + 1]!.key);
}

/** "les Chinois", "des Sud-Coréens": a capitalised plural noun after a plural determiner. */
function pluralDemonym(toks: Tok[], i: number, j: number): boolean {
  const prev = toks[i - 1];
  return j - i === 1 && !!prev && ["les", "des", "aux", "ces", "nos", "vos", "leurs"].includes(prev.key) && /[sx]$/u.test(toks[i]!.text);
}

/** A place cue right before the name, or before its article ("le préfet de
 * la Drôme", "dans la région du Sahel"). */
function placeCueBefore(toks: Tok[], i: number): boolean {
  const article = toks[i - 1];
  if (article && ["la", "le", "l'", "les"].includes(article.key) && article.sent === toks[i]!.sent && cueEndsAt(toks, i - 1)) return true;
  return cueEndsAt(toks, i);
}

function cueEndsAt(toks: Tok[], i: number, cues: string[][] = LEXICON.placeCues): boolean {
  for (const seq of cues) {
    const s = i - seq.length;
    if (s < 0) continue;
    let ok = true;
    for (let n = 0; n < seq.length && ok; n++) if (toks[s + n]!.key !== seq[n] || toks[s + n]!.sent !== toks[i]!.sent) ok = false;
    if (ok) return true;
  }
  return false;
}

/** "X, historien de la Chine à Séoul," → description; person (or
 * organisation/place by the noun) when X has no stronger cue. */
function withApposition(c: Candidate, toks: Tok[], text: string): Candidate {
  const comma = toks[c.j];
  if (!comma || comma.text !== "," || comma.sent !== toks[c.i]!.sent) return c;
  let k = c.j + 1;
  for (const seq of LEXICON.determiners) {
    if (seq.every((w, n) => toks[k + n]?.key === w)) {
      k += seq.length;
      break;
    }
  }
  const noun = toks[k];
  if (!noun || noun.kind !== "word" || noun.cap && !/^(?:PDG|P-DG)$/u.test(noun.text)) return c;
  let type: EntityType | null = null;
  if (LEXICON.roleNouns.has(noun.key)) type = "person";
  else if (LEXICON.orgAppositionNouns.has(noun.key)) type = "organization";
  else if (LEXICON.placeAppositionNouns.has(noun.key)) type = "place";
  if (!type) return c;
  // The description runs to the next comma, bracket, quote or sentence end.
  const startTok = toks[c.j + 1]!;
  let e = c.j + 1;
  while (e < toks.length && toks[e]!.sent === startTok.sent && !/^[,;:()«»“”"—–]$/u.test(toks[e]!.text)) e++;
  let end = toks[e - 1]!.end;
  if (toks[e - 1]!.text === "." && !LEXICON.orgSuffixes.has(toks[e - 2]!.key + ".")) end = toks[e - 2]!.end;
  const description = text.slice(startTok.start, end).trim();
  if (e - (c.j + 1) > 16 || description === "") return c;
  // An apposition has no finite verb ("X, le président a dit…" is a clause).
  if (toks.slice(c.j + 1, e).some((t) => FINITE.has(t.text.toLowerCase()))) return c;
  if (c.entry) return c.entry.type === type ? { ...c, description } : c;
  if (c.strength >= STRENGTH.apposition!) return { ...c, description };
  return { ...c, type, rule: "apposition", strength: STRENGTH.apposition!, description };
}

// ---------------------------------------------------------------------------
// 5. Canonicalisation
// ---------------------------------------------------------------------------

/** "Ministère de … (MIIT)" and "le MIIT (Ministère de …)": the acronym is the
 * same entity as its expansion. */
function linkAcronyms(cands: Candidate[], toks: Tok[], index: GazetteerIndex): void {
  for (let n = 0; n + 1 < cands.length; n++) {
    const a = cands[n]!;
    const b = cands[n + 1]!;
    if (toks[a.j]?.text !== "(" || b.i !== a.j + 1 || toks[b.j]?.text !== ")") continue;
    const aAcr = a.j - a.i === 1 && isAcronym(toks[a.i]!);
    const bAcr = b.j - b.i === 1 && isAcronym(toks[b.i]!);
    const [acr, exp] = bAcr && !aAcr ? [b, a] : aAcr && !bAcr ? [a, b] : [null, null];
    if (!acr || !exp || !initialsFit(acr.surface, exp.surface)) continue;
    if (acr.entry && !exp.entry) {
      exp.linkTo = acr;
      continue;
    }
    acr.linkTo = exp;
    if (!exp.entry && exp.strength < STRENGTH["org-head"]!) {
      exp.type = "organization";
      exp.rule = "acronym-expansion";
      exp.strength = STRENGTH["org-head"]!;
    }
  }
  void index;
}

/** Every letter of the acronym is the initial of some capitalised word of the
 * expansion (any order: French expansions of English acronyms). */
function initialsFit(acronym: string, expansion: string): boolean {
  const initials = (expansion.match(/(?<![\p{L}])\p{Lu}/gu) ?? []).map(fold);
  const letters = fold(acronym).replace(/[^a-z]/g, "").split("");
  if (!letters.length || initials[0] !== letters[0]) return false;
  const pool = [...initials];
  let hits = 0;
  for (const l of letters) {
    const at = pool.indexOf(l);
    if (at !== -1) {
      pool.splice(at, 1);
      hits++;
    }
  }
  return hits >= Math.ceil(letters.length * 0.75);
}

/** Key of an unknown name: folded words without initials ("Patrick F. Walsh" = "Patrick Walsh"). */
function nameKey(c: Candidate, toks: Tok[]): string {
  return toks
    .slice(c.i, c.j)
    .filter((t) => t.kind === "word" && !/^\p{Lu}$/u.test(t.text))
    .map((t) => t.key)
    .join(" ");
}

interface Group {
  key: string;
  entry: GazetteerEntry | null;
  members: Candidate[];
}

function canonicalise(cands: Candidate[], toks: Tok[]): { mentions: Mention[]; entities: Entity[] } {
  const groups = new Map<string, Group>();
  const groupOf = new Map<Candidate, Group>();
  const add = (key: string, entry: GazetteerEntry | null, c: Candidate): void => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, entry, members: [] }));
    g.members.push(c);
    groupOf.set(c, g);
  };
  const keyOf = (c: Candidate): string => (c.entry ? `gaz:${c.entry.id}` : `name:${nameKey(c, toks)}`);
  // Expansions and full names first; linked acronyms and tentative words after.
  for (const c of cands) if (!c.linkTo && !c.tentative) add(keyOf(c), c.entry, c);
  for (const c of cands) {
    if (!c.linkTo) continue;
    const target = groupOf.get(c.linkTo) ?? groups.get(keyOf(c.linkTo));
    if (target) {
      add(target.key, target.entry, c);
      // Other uses of the acronym go to the same group.
      const alias = groups.get(keyOf(c));
      if (alias && alias !== target) mergeInto(alias, target);
    }
  }
  function mergeInto(from: Group, to: Group): void {
    for (const m of from.members) {
      to.members.push(m);
      groupOf.set(m, to);
    }
    groups.delete(from.key);
  }

  // Types by strength, so partial names can find persons.
  const typeOf = (g: Group): EntityType => {
    if (g.entry) return g.entry.type;
    let best = g.members[0]!;
    for (const m of g.members) if (m.strength > best.strength) best = m;
    return best.type;
  };
  // Surname / given name → person named in full (unambiguous only).
  const partial = new Map<string, Group | null>();
  for (const g of groups.values()) {
    const words = new Set<string>();
    for (const m of g.members) {
      const ws = toks.slice(m.i, m.j).filter((t) => t.kind === "word" && t.cap && t.text.length > 1);
      if (ws.length < 2) continue;
      words.add(ws[0]!.key);
      words.add(ws[ws.length - 1]!.key);
    }
    if (g.entry && g.entry.type === "person") {
      const ws = tokenize(g.entry.name).filter((t) => t.kind === "word" && /^\p{Lu}/u.test(t.text));
      if (ws.length >= 2) {
        words.add(fold(ws[0]!.text));
        words.add(fold(ws[ws.length - 1]!.text));
      }
    }
    // A word shared by two names is ambiguous (null); only persons are targets.
    for (const w of words) partial.set(w, partial.has(w) && partial.get(w) !== g ? null : g);
  }
  for (const [w, g] of partial) if (g && typeOf(g) !== "person") partial.set(w, null);
  for (const c of cands) {
    if (c.entry || c.linkTo || c.j - c.i !== 1) continue;
    const target = partial.get(toks[c.i]!.key);
    const own = groupOf.get(c);
    if (target && own !== target) {
      if (own) {
        own.members.splice(own.members.indexOf(c), 1);
        if (own.members.length === 0) groups.delete(own.key);
      }
      target.members.push({ ...c, rule: "partial-name" });
      groupOf.set(c, target);
    } else if (!own && c.tentative) {
      // A sentence-initial lone word: kept when the same name occurs elsewhere.
      const same = groups.get(keyOf(c));
      if (same) {
        same.members.push(c);
        groupOf.set(c, same);
      }
    }
  }

  // Build entities and mentions.
  const entities = new Map<string, Entity>();
  const mentions: Mention[] = [];
  for (const g of groups.values()) {
    if (g.members.length === 0) continue;
    const type = typeOf(g);
    const name = g.entry?.name ?? canonicalName(g);
    const id = g.entry?.id ?? entityIdFor(name);
    const description = g.members.find((m) => m.description)?.description ?? g.entry?.description ?? null;
    const seen = new Set<string>();
    const aliases: string[] = [];
    for (const m of [...g.members].sort((a, b) => a.start - b.start)) {
      if (m.surface !== name && !seen.has(m.surface)) {
        seen.add(m.surface);
        aliases.push(m.surface);
      }
      mentions.push({ text: m.surface, start: m.start, end: m.end, entity: id, type, rule: m.rule });
    }
    const prev = entities.get(id);
    if (prev) {
      for (const a of aliases) if (!prev.aliases.includes(a) && a !== prev.name) prev.aliases.push(a);
      prev.description ??= description;
    } else {
      entities.set(id, { id, name, type, aliases, description, wikidata: g.entry?.wikidata ?? null });
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  // Defensive: drop any overlap (cannot happen by construction).
  const clean: Mention[] = [];
  for (const m of mentions) if (!clean.length || m.start >= clean[clean.length - 1]!.end) clean.push(m);
  const used = new Set(clean.map((m) => m.entity));
  return { mentions: clean, entities: [...entities.values()].filter((e) => used.has(e.id)) };
}

/** Most frequent full form (not partial, not an acronym when an expansion exists); ties → longest, then first. */
function canonicalName(g: Group): string {
  const full = g.members.filter((m) => m.rule !== "partial-name" && !m.linkTo);
  const pool = full.length ? full : g.members;
  const counts = new Map<string, number>();
  for (const m of pool) counts.set(m.surface, (counts.get(m.surface) ?? 0) + 1);
  let best = pool[0]!.surface;
  for (const [s, n] of counts) {
    const bn = counts.get(best)!;
    if (n > bn || (n === bn && s.length > best.length)) best = s;
  }
  return best;
}
