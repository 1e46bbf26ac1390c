/**
 * Events: what an article says happened at a resolved date.
 *
 *   extractEvents(text, { sentences, paragraphs, timexes, mentions, dateOf })
 *   // [{ date: { value: "2021-01-14", precision: "day" },
 *   //    text: "Le 14 janvier 2021, Washington a placé Xiaomi sur sa liste noire",
 *   //    entities: ["etats-unis", "xiaomi"], keys: ["plac", "list noir"], … }]
 *
 * Rules, in order (lexicons in data/lexicon.json, synonyms in data/synonyms.json):
 * 1. A sentence is considered when it holds a timex that `dateOf` resolves
 *    (DATE or TIME with a definite value; durations, sets, PAST_REF and
 *    unresolved values give null). Questions are skipped.
 * 2. A sentence with several dates, or a long one, is cut into clauses at
 *    `clauseBreaks` (";", " : ", dashes, ", tandis que"…); a clause too short
 *    to say anything joins the next one. Each clause with a date is one event,
 *    dated by its most precise timex.
 * 3. A clause that is only future or conditional ("sera signé", "pourrait")
 *    with no past marker ("a", "ont", "était"…) is skipped; so is one by which
 *    the article reports its own news ("On en apprend aujourd'hui un peu
 *    plus…", `metaReporting`), unless a "que" clause follows, which is then
 *    the event ("On apprend que le maire a démissionné").
 * 4. Text, a short clause that stands alone: asides between dashes or in
 *    parentheses removed, leading connectives ("Ainsi,", "Et", "Or,") and
 *    inline ones ("a en effet reçu") removed, a trailing source note
 *    (", selon Reuters") removed, first letter capitalised, cut at a comma or
 *    a word near MAX_TEXT characters.
 * 5. Entities: the entity ids mentioned in the sentence outside asides (the
 *    subject is often outside the dated clause), plus light coreference for
 *    a clause that names its subject indirectly: "ce dernier", "il" → the last
 *    person named before in the paragraph; "cette dernière", "elle" → the last
 *    person or organisation; "la firme", "l'entreprise", "le groupe" → the
 *    last organisation; "le pays" → the last place; "le fondateur de X" → the
 *    last person (`anaphora`). An expression followed by the name it stands
 *    for ("le président Xi Jinping") refers to nothing before.
 * 6. Keys: Snowball stems of the clause's content words, without entity
 *    mentions, dates, time words and asides, synonyms folded into one key
 *    ("médaille", "prix" → the key of "récompense"; ./synonyms.ts) — what the
 *    event is about, used by src/link/events.ts to tell reports apart.
 */
import { readFileSync } from "node:fs";
import type { ArticleEvent, EntityType, EventDate, Mention, Span, Timex, TimexPrecision } from "../../types.ts";
import { contentTerms } from "../stem/terms.ts";
import { normaliseTerm } from "../stem/index.ts";
import { canonicalKeys } from "./synonyms.ts";

export { canonicalKey, canonicalKeys } from "./synonyms.ts";

export interface EventInput {
  sentences: Span[];
  /** Paragraphs (blocks) of the article: how far back an anaphor may look.
   * Without them, the sentence is the limit. */
  paragraphs?: Span[];
  timexes: Timex[];
  mentions: Mention[];
  dateOf: (t: Timex) => EventDate | null;
}

interface Lexicon {
  connectives: string[];
  clauseBreaks: string[];
  hypothetical: string[];
  pastMarkers: string[];
  timeWords: string[];
  inlineConnectives: string[];
  metaReporting: string[];
  sourceNotes: string[];
  anaphora: Record<"person" | "personOrOrganization" | "organization" | "place", string[]>;
  impersonalAfterIl: string[];
}

const lexicon = JSON.parse(readFileSync(new URL("./data/lexicon.json", import.meta.url), "utf8")) as Lexicon;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const CONNECTIVE = new RegExp(
  `^(?:${[...lexicon.connectives]
    .sort((a, b) => b.length - a.length)
    .map((c) => escape(c).replace(/'/g, "['’]"))
    .join("|")})(?=[\\s,]|$)[\\s,]*`,
  "iu",
);
const CLAUSE_BREAK = new RegExp(lexicon.clauseBreaks.map(escape).join("|"), "g");
const HYPOTHETICAL = new Set(lexicon.hypothetical.map(normaliseTerm));
const PAST = new Set(lexicon.pastMarkers.map(normaliseTerm));
const TIME_WORDS = new Set(lexicon.timeWords.map(normaliseTerm));

const apostrophes = (s: string): string => escape(s).replace(/'/g, "['’]");
const alternation = (list: string[]): string =>
  [...list].sort((a, b) => b.length - a.length).map(apostrophes).join("|");
const INLINE_CONNECTIVE = new RegExp(`(?<=[\\s,])(?:${alternation(lexicon.inlineConnectives)}),?(?=[\\s,])`, "giu");
const META_REPORT = new RegExp(`^(?:${alternation(lexicon.metaReporting)})(?![\\p{L}])`, "iu");
const SOURCE_NOTE = new RegExp(`,\\s*(?:${alternation(lexicon.sourceNotes)})\\s[^,;:.!?…]{1,60}(?=[.!…]?$)`, "iu");
const IMPERSONAL = new Set(lexicon.impersonalAfterIl.map((w) => w.toLowerCase().replace(/’/g, "'")));

/** Which entity types an anaphor may stand for. */
const ANAPHOR_TYPES: Record<keyof Lexicon["anaphora"], EntityType[]> = {
  person: ["person"],
  personOrOrganization: ["person", "organization"],
  organization: ["organization"],
  place: ["place"],
};
/** `pattern` as a whole word: no letter, digit, apostrophe or hyphen on either side. */
const asWord = (pattern: string, flags: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${pattern})(?![\\p{L}\\p{N}'’-])`, flags);
const ANAPHORS: Array<{ re: RegExp; types: EntityType[]; pronoun: boolean; demonstrative: boolean }> = Object.entries(
  lexicon.anaphora,
).flatMap(([kind, list]) =>
  list.map((expression) => ({
    re: asWord(apostrophes(expression), "giu"),
    types: ANAPHOR_TYPES[kind as keyof Lexicon["anaphora"]],
    pronoun: expression === "il" || expression === "elle",
    demonstrative: /^(?:ce dernier|cette dernière|celui-ci|celle-ci)$/u.test(expression),
  })),
);
/** Any of the anaphors: a clause without one (most) skips their 54 searches.
 * The alternation backtracks past an expression whose boundary fails, so it
 * matches wherever one of the expressions alone would. */
const ANY_ANAPHOR = asWord(alternation(Object.values(lexicon.anaphora).flat()), "iu");
/** A name this close after an anaphor is what it stands for ("le président Xi Jinping"). */
const APPOSITION_GAP = 25;

const MAX_TEXT = 160;
/** A sentence longer than this is cut into clauses even with a single date. */
const LONG_SENTENCE = 180;
/** A clause needs this many content words besides dates to stand alone. */
const MIN_CLAUSE_TERMS = 3;

/** Finer precisions first: which timex dates a clause that has several. */
const PRECISION_RANK: Record<TimexPrecision, number> = {
  minute: 0,
  partOfDay: 1,
  day: 2,
  week: 3,
  month: 4,
  quarter: 5,
  season: 6,
  year: 7,
  decade: 8,
  century: 9,
  ref: 10,
  none: 11,
};

interface Dated {
  timex: Timex;
  date: EventDate;
}

const inside = (s: { start: number; end: number }, outer: { start: number; end: number }): boolean =>
  s.start >= outer.start && s.end <= outer.end;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/**
 * `items.filter((x) => inside(span(x), range))` for many ranges, without
 * scanning every item for every range (a 5 MB article has tens of thousands
 * of sentences and timexes): items sorted by start once, each range looks up
 * its first item by binary search. Results keep the items' original order.
 */
function insideFinder<T>(items: readonly T[], span: (item: T) => { start: number; end: number }): (range: { start: number; end: number }) => T[] {
  const order = items.map((_, i) => i).sort((a, b) => span(items[a]!).start - span(items[b]!).start || a - b);
  return (range) => {
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (span(items[order[mid]!]!).start < range.start) low = mid + 1;
      else high = mid;
    }
    const found: number[] = [];
    for (let k = low; k < order.length && span(items[order[k]!]!).start < range.end; k++) {
      if (inside(span(items[order[k]!]!), range)) found.push(order[k]!);
    }
    return found.sort((a, b) => a - b).map((i) => items[i]!);
  };
}

/** Content terms of text[start, end) that are not dates, time words or entity
 * names; offsets into `text`. */
function clauseTerms(text: string, start: number, end: number, exclude: Array<{ start: number; end: number }>) {
  return contentTerms(text.slice(start, end))
    .map((t) => ({ ...t, start: t.start + start, end: t.end + start }))
    .filter((t) => !TIME_WORDS.has(t.norm) && !exclude.some((x) => overlaps(x, t)));
}

/** Cuts a sentence into clauses: [start, end) ranges into the text. */
function clausesOf(text: string, sentence: Span, dated: Dated[], exclude: Array<{ start: number; end: number }>) {
  const ranges: Array<{ start: number; end: number }> = [];
  let from = sentence.start;
  const breaks = [...sentence.text.matchAll(CLAUSE_BREAK)];
  // Two dashes in one sentence frame an aside ("En 2019 — la même année… —
  // il reçoit…"): they do not cut the clause.
  const dashes = breaks.filter((m) => /[—–]/u.test(m[0]));
  const aside = new Set(dashes.length >= 2 ? dashes : []);
  for (const m of breaks) {
    if (aside.has(m)) continue;
    const at = sentence.start + (m.index ?? 0);
    // Never cut inside a timex ("1er – 3 mars").
    if (dated.some((d) => at >= d.timex.start && at < d.timex.end)) continue;
    ranges.push({ start: from, end: at });
    from = at + m[0].length;
  }
  ranges.push({ start: from, end: sentence.end });
  // Short clauses join the next one (or the previous one, for the last).
  const merged: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < ranges.length; i++) {
    const r = { ...ranges[i]! };
    while (i < ranges.length - 1 && clauseTerms(text, r.start, r.end, exclude).length < MIN_CLAUSE_TERMS) {
      r.end = ranges[++i]!.end;
    }
    const prev = merged[merged.length - 1];
    if (prev && i === ranges.length - 1 && clauseTerms(text, r.start, r.end, exclude).length < MIN_CLAUSE_TERMS) {
      prev.end = r.end;
    } else {
      merged.push(r);
    }
  }
  return merged;
}

/** The clause's visible text and its offsets: leading connectives,
 * punctuation and spaces off, trailing punctuation other than . ! … off. */
function cleanClause(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  for (;;) {
    const rest = text.slice(s, e);
    const lead = /^[\s,;:—–\-«»"“”(]+/u.exec(rest)?.[0].length ?? 0;
    if (lead > 0) {
      s += lead;
      continue;
    }
    const conn = CONNECTIVE.exec(rest);
    // Only strip a connective that leaves something behind.
    if (conn && conn[0].length > 0 && conn[0].length < rest.length - 10) {
      s += conn[0].length;
      continue;
    }
    break;
  }
  while (e > s && /[\s,;:—–\-«(]/u.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase("fr") + s.slice(1);

function isHypothetical(text: string, start: number, end: number): boolean {
  const words = contentTerms(text.slice(start, end), { generic: true }).map((t) => t.norm);
  // contentTerms drops stopwords ("si", "est", "sont"…): check raw words too.
  const raw = text
    .slice(start, end)
    .toLowerCase()
    .split(/[^\p{L}'’]+/u)
    .filter(Boolean)
    .map(normaliseTerm);
  const all = [...words, ...raw];
  return all.some((w) => HYPOTHETICAL.has(w)) && !all.some((w) => PAST.has(w));
}

type Range = { start: number; end: number };

/** An expression that refers back to an entity: where, which, and the name
 * it stands for. `pronoun` for "il", "ce dernier"…, which the event text
 * replaces by the name so that it reads alone. */
export interface Reference extends Range {
  entity: string;
  name: string;
  pronoun: boolean;
}

/** Asides of a clause: between a pair of dashes, or in parentheses (often a
 * translation, an acronym or a source: "(Reuters)"). Offsets into the text. */
function asidesOf(text: string, clause: Range): Range[] {
  const slice = text.slice(clause.start, clause.end);
  const out: Range[] = [];
  for (const m of slice.matchAll(/\s+[—–]\s[^—–]*?\s[—–](?=[\s,.;:]|$)|\s*\([^()]*\)/gu)) {
    out.push({ start: clause.start + (m.index ?? 0), end: clause.start + (m.index ?? 0) + m[0].length });
  }
  return out;
}

/** No name is longer: mentions starting further back cannot cover a position. */
const LONGEST_NAME = 200;

/** Index of the first mention (sorted by start) starting at or after `at`. */
function firstStartingAt(mentions: Mention[], at: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The entities a clause names indirectly ("ce dernier", "la firme", "le
 * fondateur de X"): for each such expression, the last mention before it in
 * the paragraph whose type it may stand for. `mentions` sorted by start.
 */
export function resolveAnaphors(text: string, clause: Range, paragraph: Range, mentions: Mention[], skip: Range[] = []): Reference[] {
  const found: Reference[] = [];
  const slice = text.slice(clause.start, clause.end);
  if (!ANY_ANAPHOR.test(slice)) return found;
  for (const anaphor of ANAPHORS) {
    for (const m of slice.matchAll(anaphor.re)) {
      const at = clause.start + (m.index ?? 0);
      const end = at + m[0].length;
      if (skip.some((r) => at >= r.start && at < r.end)) continue;
      // Mentions from here on start at or after the anaphor's end.
      const after = firstStartingAt(mentions, end);
      // Part of a name ("le Parti communiste"), not a reference back.
      let partOfName = false;
      for (let i = after - 1; i >= 0 && mentions[i]!.start > at - LONGEST_NAME; i--) {
        if (mentions[i]!.end > at) {
          partOfName = true;
          break;
        }
      }
      if (partOfName) continue;
      if (anaphor.pronoun) {
        // "il y a", "il faut", "il semble": nobody is meant.
        const next = /^\s+([\p{L}]+['’]?)/u.exec(text.slice(end, end + 30))?.[1]?.toLowerCase().replace(/’/g, "'");
        if (!next || IMPERSONAL.has(next)) continue;
      }
      let named = false;
      for (let i = after; i < mentions.length && mentions[i]!.start - end <= APPOSITION_GAP; i++) {
        const x = mentions[i]!;
        if (anaphor.types.includes(x.type) && !/[.;:!?]/u.test(text.slice(end, x.start))) {
          named = true;
          break;
        }
      }
      if (named) continue;
      // Mentions are sorted: walk back from the last one before the anaphor.
      let lo = 0;
      let hi = mentions.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (mentions[mid]!.end <= at) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo - 1; i >= 0; i--) {
        const x = mentions[i]!;
        if (x.start < paragraph.start) break;
        if (x.end <= at && anaphor.types.includes(x.type)) {
          found.push({ start: at, end, entity: x.entity, name: x.text, pronoun: anaphor.pronoun || anaphor.demonstrative });
          break;
        }
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Cut near `max` characters: at the last comma past half of it, else at a
 * word, with an ellipsis. */
function shorten(s: string, max = MAX_TEXT): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max);
  const comma = cut.lastIndexOf(", ");
  if (comma > max * 0.4) {
    cut = cut.slice(0, comma);
  } else {
    const space = cut.lastIndexOf(" ");
    cut = space > max * 0.6 ? cut.slice(0, space) : cut;
  }
  // Never leave a quotation open: cut before it when that leaves enough.
  const open = cut.lastIndexOf("«");
  if (open > cut.lastIndexOf("»") && open > max * 0.4) cut = cut.slice(0, open);
  return `${cut.replace(/[\s,;:—–«-]+$/u, "")}…`;
}

/**
 * The event's text from a clause: asides out, connectives out, a source note
 * at the end out, spaces tidied. Null when the clause only reports that the
 * article has news ("On en apprend aujourd'hui un peu plus sur…").
 */
function eventText(text: string, clause: Range, edits: Array<Range & { replacement: string }>, timex: Timex): string | null {
  let visible = "";
  let from = clause.start;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    if (edit.start < from) continue;
    visible += text.slice(from, edit.start) + edit.replacement;
    from = edit.end;
  }
  visible += text.slice(from, clause.end);
  visible = visible.replace(/\s+/gu, " ").replace(INLINE_CONNECTIVE, "").replace(/\s+/gu, " ");
  visible = visible.replace(SOURCE_NOTE, "").replace(/\s+([,.;:!?…])/gu, "$1").replace(/,{2,}/gu, ",").trim();
  for (;;) {
    const conn = CONNECTIVE.exec(visible);
    if (!conn || conn[0].length === 0 || conn[0].length >= visible.length - 10) break;
    visible = visible.slice(conn[0].length);
  }
  // "Aujourd'hui, on apprend que…": the date first, then the report.
  const lead = visible.toLowerCase().startsWith(timex.text.toLowerCase()) ? timex.text.length : 0;
  const rest = visible.slice(lead).replace(/^[\s,]+/u, "");
  const meta = META_REPORT.exec(rest);
  if (meta) {
    const que = /(?<![\p{L}])(?:que\s+|qu['’])/iu.exec(rest.slice(meta[0].length));
    if (!que) return null;
    visible = rest.slice(meta[0].length + (que.index ?? 0) + que[0].length);
  }
  visible = visible.replace(/^[\s,;:—–\-«»"“”(]+/u, "").replace(/[\s,;:—–\-«(]+$/u, "");
  if (visible.length === 0) return null;
  return shorten(capitalise(visible));
}

export function extractEvents(text: string, input: EventInput): ArticleEvent[] {
  const events: ArticleEvent[] = [];
  const dated: Dated[] = [];
  for (const timex of input.timexes) {
    if (timex.type !== "DATE" && timex.type !== "TIME") continue;
    const date = input.dateOf(timex);
    if (date) dated.push({ timex, date });
  }
  if (dated.length === 0) return events;
  const allMentions = [...input.mentions].sort((a, b) => a.start - b.start || a.end - b.end);
  const paragraphs = [...(input.paragraphs ?? [])].sort((a, b) => a.start - b.start);
  let p = 0;
  const datedInside = insideFinder(dated, (d) => d.timex);
  const mentionsInside = insideFinder(input.mentions, (m) => m);
  const timexesInside = insideFinder(input.timexes, (t) => t);

  for (const sentence of input.sentences) {
    let here = datedInside(sentence);
    if (here.length === 0) continue;
    while (p < paragraphs.length - 1 && paragraphs[p]!.end <= sentence.start) p++;
    const paragraph = paragraphs[p] && inside(sentence, paragraphs[p]!) ? paragraphs[p]! : sentence;
    // Nested or overlapping timexes: keep the longest.
    here = here.filter(
      (d) => !here.some((o) => o !== d && overlaps(o.timex, d.timex) && o.timex.end - o.timex.start > d.timex.end - d.timex.start),
    );
    const mentions = mentionsInside(sentence);
    const exclude = [...here.map((d) => d.timex), ...timexesInside(sentence), ...mentions];

    const ranges =
      here.length > 1 || sentence.end - sentence.start > LONG_SENTENCE
        ? clausesOf(text, sentence, here, exclude)
        : [{ start: sentence.start, end: sentence.end }];

    const sentenceAsides = asidesOf(text, sentence);
    for (const range of ranges) {
      const inClause = here.filter((d) => d.timex.start >= range.start && d.timex.start < range.end);
      if (inClause.length === 0) continue;
      const clause = cleanClause(text, range.start, range.end);
      if (/\?\s*[»”"]?\s*$/u.test(text.slice(range.start, range.end))) continue;
      if (isHypothetical(text, clause.start, clause.end)) continue;
      const asides = asidesOf(text, clause);
      // A date inside an aside does not date the clause.
      const datable = inClause.filter((d) => !asides.some((a) => inside(d.timex, a)));
      if (datable.length === 0) continue;
      const chosen = [...datable].sort(
        (a, b) => PRECISION_RANK[a.date.precision] - PRECISION_RANK[b.date.precision] || a.timex.start - b.timex.start,
      )[0]!;
      const references = resolveAnaphors(text, clause, paragraph, allMentions, asides);
      // "ce dernier reçoit" → "Lei Jun reçoit": the first pronoun naming
      // someone not already named in the clause.
      const named = mentions.filter((m) => !sentenceAsides.some((a) => overlaps(a, m))).map((m) => m.entity);
      const substitute = references.find(
        (r) => r.pronoun && !mentions.some((m) => m.entity === r.entity && inside(m, clause)),
      );
      const edits = [
        ...asides.map((a) => ({ ...a, replacement: "" })),
        ...(substitute ? [{ start: substitute.start, end: substitute.end, replacement: substitute.name }] : []),
      ];
      const shown = eventText(text, clause, edits, chosen.timex);
      if (shown === null) continue;
      const outside = (x: Range): boolean => !sentenceAsides.some((a) => overlaps(a, x));
      const terms = clauseTerms(text, clause.start, clause.end, exclude).filter((t) => /\p{L}/u.test(t.norm) && outside(t));
      const referred = references.map((r) => r.entity);
      events.push({
        date: { value: chosen.date.value, precision: chosen.date.precision },
        text: shown,
        start: clause.start,
        end: clause.end,
        timex: { text: chosen.timex.text, start: chosen.timex.start, end: chosen.timex.end },
        entities: [...new Set([...named, ...referred])],
        keys: canonicalKeys(terms),
      });
    }
  }
  return events;
}
