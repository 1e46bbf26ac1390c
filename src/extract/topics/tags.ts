/**
 * Tags: what an editor would pick for an article, in this order:
 * 1. the tags its editor gave (front matter, "Mots-clés" lines);
 * 2. its most salient entities, by display name ("Xiaomi", "Lei Jun");
 * 3. a few topical nouns and noun phrases that single it out in the archive
 *    ("liste noire", "cyberattaques").
 *
 * Two steps: tagTerms counts one article's candidates in its own text (at
 * extraction, in the worker threads, cached with the extraction); computeTags
 * weighs every article's candidates against the whole archive's.
 *
 *   const terms = tagTerms("Xiaomi sur liste noire", "…", [{ id: "xiaomi", names: ["Xiaomi"] }]);
 *   computeTags([{ id: "a", terms, extraTags: ["xiaomi"],
 *                  entities: [{ id: "xiaomi", name: "Xiaomi", mentions: 6, surfaces: ["Xiaomi"] }] }, …])
 *   // Map { "a" => ["Xiaomi", "Lei Jun", "liste noire", "sanctions", …] }
 *
 * Entities: weight = (1 + ln m) × √idf, m the number of mentions (a name in
 * the title counts TITLE_TF more), idf over the documents naming the entity.
 * An entity needs MIN_TF mentions; at most MAX_ENTITY_TAGS are shown (editor
 * tags naming an entity included), by display name, or by the acronym the
 * article uses when the name is long.
 *
 * Terms: entity names are blanked out of the text first, so no tag is a piece
 * of a name ("Sud" of "Corée du Sud") and no phrase runs across a name
 * ("placer Xiaomi"). Candidates are content words (../stem/terms.ts) keyed by
 * Snowball stem, and pairs of content words that follow each other.
 * weight = (1 + ln tf) × idf, idf = ln((1 + N) / (1 + df)) + 1; a title
 * occurrence counts TITLE_TF times; at least MIN_TF occurrences. A word is a
 * candidate only when the article uses it as a noun (data/tag-words.json):
 * - at least once right after a determiner ("la sanction") or a noun
 *   preposition ("outil de censure"), possibly with a prenominal adjective
 *   between ("une véritable coopération");
 * - not more often after a subject pronoun or an auxiliary ("on retrouve",
 *   "a surpris") than as a noun;
 * - never with a conjugated ending ("-ait", "-èrent"…); and with an adjective
 *   or participle ending ("-ique", "-é", "-ment"…) only when used as a noun
 *   at least half the time ("la politique" yes, "diplomatique" no);
 * - not an idiom noun ("au cœur de"), a prenominal adjective ("rare") or a
 *   role noun ("président"), which stands for an entity already named.
 * A phrase must begin with a noun so used and must not end with a verb form
 * (a conjugated ending, or a participle followed by "par": "médaille remise
 * par"). A word inside a chosen phrase is not chosen again.
 *
 * Deterministic (ties broken by display form) and linear in the archive's
 * tokens, plus a sort of each article's distinct candidates.
 */
import { readFileSync } from "node:fs";
import { contentTerms, type Term } from "../stem/terms.ts";
import { normaliseTerm } from "../stem/index.ts";
import { tokenize, type Token } from "../text/index.ts";

/** An entity as one article mentions it. */
export interface TagEntity {
  id: string;
  /** Display name (the archive's canonical name). */
  name: string;
  /** Number of mentions in the article. */
  mentions: number;
  /** The entity's names as written in the article ("Xi", "Xi Jinping"). */
  surfaces: string[];
}

/**
 * What one article offers as tag candidates, counted in its own text: every
 * content word (keyed by stem) and every pair of adjacent content words,
 * after its entities' names were blanked out. Computed once per article at
 * extraction (tagTerms), cached with it, and compared across the archive by
 * computeTags. Plain JSON.
 */
export interface TagTerms {
  /** One entry per word or phrase key ("sanction", "list noir"). */
  terms: TagTerm[];
  /** Normalised words of the article's entity names: never a tag alone. */
  nameWords: string[];
  /** Entities named in the title. */
  inTitle: string[];
}

export interface TagTerm {
  key: string;
  /** Occurrences, a title occurrence counting TITLE_TF. */
  weighted: number;
  /** Plain number of occurrences. */
  seen: number;
  /** Occurrences used as a noun (a phrase: its first word), after a verbal
   * cue, and followed by "par". */
  noun: number;
  verb: number;
  passive: number;
  /** Written forms ("liste noire", "Liste noire") and how often each appears. */
  forms: Array<[form: string, count: number]>;
}

/** An entity as tagTerms needs it: every name it goes by in the article. */
export interface NamedEntity {
  id: string;
  names: string[];
}

export interface TagDoc {
  id: string;
  terms: TagTerms;
  extraTags: string[];
  /** Entities the article mentions (src/link/archive.ts passes them). */
  entities?: TagEntity[];
}

const DEFAULT_MAX = 8;
const MAX_ENTITY_TAGS = 4;
const TITLE_TF = 2;
const MIN_TF = 2;
const PHRASE_BONUS = 1.15;
const MIN_LETTERS = 3;

const words: {
  determiners: string[];
  nounPrepositions: string[];
  verbalCues: string[];
  prenominalAdjectives: string[];
  idiomNouns: string[];
  roleNouns: string[];
} = JSON.parse(readFileSync(new URL("./data/tag-words.json", import.meta.url), "utf8"));

const normSet = (list: string[]): ReadonlySet<string> => new Set(list.map((w) => w.toLowerCase().replace(/’/g, "'")));
const DETERMINERS = normSet(words.determiners);
const NOUN_PREPOSITIONS = normSet(words.nounPrepositions);
const VERBAL_CUES = normSet(words.verbalCues);
const PRENOMINAL = normSet(words.prenominalAdjectives.map(normaliseTerm));
const IDIOM = normSet(words.idiomNouns.map(normaliseTerm));
const ROLE = normSet(words.roleNouns.map(normaliseTerm));

/** Conjugated forms: imperfect, simple past, future, conditional, 1st/2nd plural. */
const CONJUGATED = /(?:ait|aient|èrent|irent|urent|âmes|âtes|erons|eront|erai|erez|iront|irai|rions|riez|ions|iez|ons|ez)$/u;
/** Adjective, participle and adverb endings: such a word must show it is used as a noun. */
const ADJECTIVAL =
  /(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|if|ive|ifs|ives|eux|euse|euses|able|ables|ible|ibles|ique|iques|el|elle|els|elles|al|ale|aux|ales|ain|aine|ains|aines|ois|oise|oises|ais|aise|aises|ien|ienne|iens|iennes|ant|ante|ants|antes|ent|ente|ents|entes|ment|er|ir)$/u;
/** Infinitive endings: after "de" such a word is a verb ("de recevoir"). */
const INFINITIVE = /(?:er|ir|oir|re)$/u;

/** Key of a tag given as text: stems of its words, so "Smartphones" and
 * "smartphone" are one tag. */
export function tagKey(tag: string): string {
  const terms = contentTerms(tag, { numbers: true, generic: true });
  if (terms.length === 0) return normaliseTerm(tag);
  return terms.map((t) => t.stem).join(" ");
}

/** Words of three letters or more, or a capitalised two-letter name ("UE"). */
const usable = (t: Term): boolean =>
  /\p{L}/u.test(t.norm) && (t.norm.length >= MIN_LETTERS || /^\p{Lu}/u.test(t.surface));

/** A long official name is shown by the acronym the article uses, as
 * editors do ("APEC" for "Coopération économique pour l'Asie-Pacifique"). */
export function tagName(entity: TagEntity): string {
  if (entity.name.split(/\s+/u).length < 4) return entity.name;
  return entity.surfaces.find((s) => /^\p{Lu}[\p{Lu}\p{N}&-]{1,7}$/u.test(s)) ?? entity.name;
}

const lower = (token: Token): string => token.text.toLowerCase().replace(/’/g, "'");

/** normaliseTerm, remembered: the same words come back in every article.
 * Bounded like the stem cache (../stem/terms.ts), since tagTerms runs once per
 * article in a long-lived worker and computeTags once per build. */
const normalisedWords = new Map<string, string>();
function normalised(word: string): string {
  let norm = normalisedWords.get(word);
  if (norm === undefined) {
    norm = normaliseTerm(word);
    if (normalisedWords.size > 50_000) normalisedWords.clear();
    normalisedWords.set(word, norm);
  }
  return norm;
}

/** How a word is used at one occurrence, from the (lowercased) tokens around it. */
function usageAt(lowered: string[], i: number, norm: string): { noun: boolean; verb: boolean; passive: boolean } {
  const prev = lowered[i - 1] ?? "";
  const prev2 = lowered[i - 2] ?? "";
  const next = lowered[i + 1] ?? "";
  const afterDeterminer = DETERMINERS.has(prev) || (DETERMINERS.has(prev2) && PRENOMINAL.has(normalised(prev)));
  const afterPreposition = NOUN_PREPOSITIONS.has(prev) && !INFINITIVE.test(norm);
  return {
    noun: afterDeterminer || afterPreposition,
    verb: VERBAL_CUES.has(prev),
    passive: next === "par",
  };
}

/** Written forms of names, as token sequences indexed by their first token,
 * longest first: found in a text in one pass over its tokens. */
type NameIndex = Map<string, Array<{ tokens: string[]; entity: string }>>;

const tokenForm = (t: Token): string => t.text.replace(/’/g, "'");

function nameIndex(entities: NamedEntity[]): NameIndex {
  const index: NameIndex = new Map();
  for (const e of entities) {
    for (const surface of new Set(e.names)) {
      const tokens = tokenize(surface).map(tokenForm);
      if (tokens.length === 0) continue;
      const list = index.get(tokens[0]!) ?? [];
      list.push({ tokens, entity: e.id });
      index.set(tokens[0]!, list);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return index;
}

/** The text with every written form of the document's entities replaced by a
 * punctuation mark and spaces (offsets kept): names are not terms, and no
 * phrase can span one. Also returns which entities were found. */
function blankNames(text: string, names: NameIndex): { text: string; found: Set<string> } {
  const found = new Set<string>();
  if (names.size === 0) return { text, found };
  const tokens = tokenize(text);
  const forms = tokens.map(tokenForm);
  let out = "";
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const match = names.get(forms[i]!)?.find((n) => n.tokens.every((t, k) => forms[i + k] === t));
    if (!match) continue;
    const start = tokens[i]!.start;
    const end = tokens[i + match.tokens.length - 1]!.end;
    out += text.slice(from, start) + ";" + " ".repeat(end - start - 1);
    from = end;
    found.add(match.entity);
    i += match.tokens.length - 1;
  }
  return { text: out + text.slice(from), found };
}

/** True when a single word may be a tag, by how this article uses it. */
function nounLike(shown: string, usage: TagTerm | undefined): boolean {
  const norm = normalised(shown);
  if (IDIOM.has(norm) || PRENOMINAL.has(norm) || ROLE.has(norm)) return false;
  // A name the entity recogniser did not know ("Huawei", "OTAN") takes no determiner.
  if (/^\p{Lu}/u.test(shown)) return !usage || usage.verb <= usage.noun;
  if (CONJUGATED.test(norm) && !(usage && usage.noun > usage.seen / 2)) return false;
  if (!usage || usage.noun === 0 || usage.verb > usage.noun) return false;
  if (ADJECTIVAL.test(norm) && usage.noun * 2 < usage.seen) return false;
  return true;
}

/** Normalised content words of a name ("Corée du Sud" → corée, sud). */
function nameWordsOf(name: string): string[] {
  return contentTerms(name, { generic: true }).map((t) => t.norm);
}

/** The tag candidates of one article (see TagTerms): its title and body
 * text, and every name each of its entities goes by in it. */
export function tagTerms(title: string, text: string, entities: NamedEntity[]): TagTerms {
  const names = nameIndex(entities);
  const nameWords = new Set<string>();
  for (const e of entities) for (const n of e.names) for (const w of nameWordsOf(n)) nameWords.add(w);

  const terms = new Map<string, TagTerm>();
  const forms = new Map<string, Map<string, number>>();
  const count = (key: string, weight: number, surface: string, u: { noun: boolean; verb: boolean; passive: boolean }): void => {
    let term = terms.get(key);
    if (!term) {
      term = { key, weighted: 0, seen: 0, noun: 0, verb: 0, passive: 0, forms: [] };
      terms.set(key, term);
    }
    term.weighted += weight;
    term.seen++;
    if (u.noun) term.noun++;
    if (u.verb) term.verb++;
    if (u.passive) term.passive++;
    let written = forms.get(key);
    if (!written) forms.set(key, (written = new Map()));
    written.set(surface, (written.get(surface) ?? 0) + 1);
  };
  const add = (raw: string, weight: number): Set<string> => {
    const { text, found } = blankNames(raw, names);
    const tokens = tokenize(text);
    const lowered = tokens.map(lower);
    const tokenAt = new Map<number, number>();
    tokens.forEach((t, i) => tokenAt.set(t.start, i));
    const candidates = contentTerms(text);
    // Usage of the previous term, when it was usable: a phrase's first word.
    let previous: ReturnType<typeof usageAt> | null = null;
    for (let i = 0; i < candidates.length; i++) {
      const t = candidates[i]!;
      if (!usable(t)) {
        previous = null;
        continue;
      }
      const u = usageAt(lowered, tokenAt.get(t.start) ?? -1, t.norm);
      count(t.stem, weight, t.surface, u);
      const prev = candidates[i - 1];
      if (prev && t.adjacent && previous) {
        count(`${prev.stem} ${t.stem}`, weight, text.slice(prev.start, t.end), { noun: previous.noun, verb: previous.verb || u.verb, passive: u.passive });
      }
      previous = u;
    }
    return found;
  };
  const inTitle = add(title, TITLE_TF);
  // Bodies often repeat the headline: count it once, as the title.
  const headline = title.trim();
  add(headline && text.includes(headline) ? text.replace(headline, " ") : text, 1);
  for (const term of terms.values()) term.forms = [...forms.get(term.key)!];
  return { terms: [...terms.values()], nameWords: [...nameWords], inTitle: [...inTitle] };
}

/** Tags of every article, its candidates (TagDoc.terms) weighed against the
 * whole archive's. */
export function computeTags(docs: TagDoc[], options: { max?: number } = {}): Map<string, string[]> {
  const max = options.max ?? DEFAULT_MAX;
  const df = new Map<string, number>();
  const entityDf = new Map<string, number>();
  /** key → surface form → count, across the archive. */
  const surfaces = new Map<string, Map<string, number>>();

  // Entity names repeat from article to article: their keys and words are
  // computed once per build, not once per article.
  const keyOfName = new Map<string, string>();
  const nameKey = (name: string): string => {
    let key = keyOfName.get(name);
    if (key === undefined) keyOfName.set(name, (key = tagKey(name)));
    return key;
  };
  const wordsOfName = new Map<string, string[]>();
  const cachedNameWords = (name: string): string[] => {
    let list = wordsOfName.get(name);
    if (list === undefined) wordsOfName.set(name, (list = nameWordsOf(name)));
    return list;
  };

  for (const doc of docs) {
    for (const e of doc.entities ?? []) if (e.mentions > 0) entityDf.set(e.id, (entityDf.get(e.id) ?? 0) + 1);
    for (const term of doc.terms.terms) {
      df.set(term.key, (df.get(term.key) ?? 0) + 1);
      let written = surfaces.get(term.key);
      if (!written) surfaces.set(term.key, (written = new Map()));
      for (const [form, n] of term.forms) written.set(form, (written.get(form) ?? 0) + n);
    }
  }

  const display = new Map<string, string>();
  const displayOf = (key: string): string => {
    let d = display.get(key);
    if (d === undefined) {
      const forms = [...(surfaces.get(key) ?? new Map<string, number>()).entries()];
      forms.sort(
        (a, b) =>
          b[1] - a[1] ||
          Number(b[0] === b[0].toLowerCase()) - Number(a[0] === a[0].toLowerCase()) ||
          (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
      );
      d = forms[0]?.[0] ?? key;
      display.set(key, d);
    }
    return d;
  };

  const n = docs.length;
  const idfOf = (docFreq: number): number => Math.log((1 + n) / (1 + docFreq)) + 1;
  const byWeight = <T extends { weight: number; shown: string }>(a: T, b: T): number =>
    b.weight - a.weight || (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0);

  const out = new Map<string, string[]>();
  docs.forEach((doc, di) => {
    const byKey = new Map(doc.terms.terms.map((t) => [t.key, t]));
    const inTitle = new Set(doc.terms.inTitle);
    // The archive may name an entity otherwise than the article does.
    const nameWords = new Set(doc.terms.nameWords);
    for (const e of doc.entities ?? []) for (const w of cachedNameWords(e.name)) nameWords.add(w);
    // Chosen tags in order: key and display. Editor's tags and entities are
    // fixed; computed terms may be upgraded from a word to a phrase containing it.
    const chosen: Array<{ key: string; shown: string; fixed: boolean }> = [];
    const keys = new Set<string>();
    /** Stem → index in `chosen` of the tag using it (-1: fixed). */
    const usedBy = new Map<string, number>();
    const fix = (key: string, shown: string): void => {
      keys.add(key);
      chosen.push({ key, shown, fixed: true });
      for (const s of key.split(" ")) usedBy.set(s, -1);
    };

    const entities = doc.entities ?? [];
    const entityByKey = new Map<string, TagEntity>();
    for (const e of entities) for (const name of [e.name, ...e.surfaces]) entityByKey.set(nameKey(name), e);
    const shownEntities = new Set<string>();

    for (const extra of doc.extraTags) {
      const key = tagKey(extra);
      if (extra.trim() === "" || keys.has(key) || chosen.length >= max) continue;
      // "xiaomi" in a keyword line is the entity Xiaomi: show its name.
      const entity = entityByKey.get(key);
      if (entity) shownEntities.add(entity.id);
      fix(key, entity ? tagName(entity) : extra.trim());
    }

    const entityCandidates = entities
      .map((e) => {
        const m = e.mentions + (inTitle.has(e.id) ? TITLE_TF : 0);
        // Rarity counts less than for words: an article about Xiaomi is tagged
        // Xiaomi even in an archive full of Xiaomi.
        const weight = (1 + Math.log(Math.max(1, m))) * Math.sqrt(idfOf(entityDf.get(e.id) ?? 1));
        return { entity: e, m, shown: tagName(e), weight };
      })
      .filter((c) => c.m >= MIN_TF && !shownEntities.has(c.entity.id))
      .sort(byWeight);
    let entityTags = shownEntities.size;
    for (const c of entityCandidates) {
      if (chosen.length >= max || entityTags >= MAX_ENTITY_TAGS) break;
      const key = nameKey(c.entity.name);
      // Already said by an editor's tag ("smartphones Xiaomi" says Xiaomi).
      if (keys.has(key) || key.split(" ").every((s) => usedBy.has(s))) continue;
      fix(key, c.shown);
      entityTags++;
    }

    const candidates: Array<{ key: string; weight: number; shown: string }> = [];
    for (const term of doc.terms.terms) {
      const key = term.key;
      if (term.seen < MIN_TF || keys.has(key)) continue;
      const shown = displayOf(key);
      const parts = shown.split(/\s+/u);
      if (parts.some((p) => nameWords.has(normalised(p)))) continue;
      const phrase = key.includes(" ");
      if (phrase) {
        const [head, tail] = [parts[0]!, parts[parts.length - 1]!];
        const headUsage = byKey.get(key.split(" ")[0]!);
        if (ROLE.has(normalised(head)) || ROLE.has(normalised(tail))) continue;
        // Begins with a noun: this phrase, or its first word elsewhere, comes after a determiner.
        if (term.noun === 0 && !(headUsage && headUsage.noun > 0 && headUsage.verb <= headUsage.noun)) continue;
        if (IDIOM.has(normalised(head)) && term.noun === 0) continue;
        // Ends with a verb: conjugated, or a participle with its agent ("remise par").
        if (CONJUGATED.test(normalised(tail)) || term.passive > 0 || term.verb > term.noun) continue;
      } else if (!nounLike(shown, term)) {
        continue;
      }
      candidates.push({ key, weight: (1 + Math.log(term.weighted)) * idfOf(df.get(key) ?? 0) * (phrase ? PHRASE_BONUS : 1), shown });
    }
    candidates.sort(byWeight);
    for (const c of candidates) {
      const parts = c.key.split(" ");
      const users = [...new Set(parts.map((p) => usedBy.get(p)).filter((u) => u !== undefined))];
      if (parts.length === 1) {
        // A word already inside a chosen tag adds nothing.
        if (users.length > 0 || chosen.length >= max) continue;
        usedBy.set(c.key, chosen.length);
        chosen.push({ key: c.key, shown: c.shown, fixed: false });
      } else if (users.length === 0) {
        if (chosen.length >= max) continue;
        for (const p of parts) usedBy.set(p, chosen.length);
        chosen.push({ key: c.key, shown: c.shown, fixed: false });
      } else if (users.length === 1 && users[0]! >= 0 && !chosen[users[0]!]!.key.includes(" ")) {
        // The phrase names better the word already chosen ("liste" → "liste noire").
        const at = users[0]!;
        keys.delete(chosen[at]!.key);
        chosen[at] = { key: c.key, shown: c.shown, fixed: false };
        for (const p of parts) usedBy.set(p, at);
      }
      // Otherwise the phrase overlaps a chosen phrase, an entity or an editor's tag: skip.
      keys.add(c.key);
    }
    out.set(
      doc.id,
      chosen.map((c) => c.shown),
    );
  });
  return out;
}
