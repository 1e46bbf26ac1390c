/**
 * Events: what an article says happened at a resolved date.
 *
 *   extractEvents(text, { sentences, timexes, mentions, dateOf })
 *   // [{ date: { value: "2021-01-14", precision: "day" },
 *   //    text: "Les États-Unis ont placé Xiaomi sur leur liste noire le 14 janvier 2021",
 *   //    entities: ["etats-unis", "xiaomi"], keys: ["plac", "list", "noir"], … }]
 *
 * Rules, in order (lexicons in data/lexicon.json):
 * 1. A sentence is considered when it holds a timex that `dateOf` resolves
 *    (DATE or TIME with a definite value; durations, sets, PAST_REF and
 *    unresolved values give null). Questions are skipped.
 * 2. A sentence with several dates, or a long one, is cut into clauses at
 *    `clauseBreaks` (";", " : ", dashes, ", tandis que"…); a clause too short
 *    to say anything joins the next one. Each clause with a date is one event,
 *    dated by its most precise timex.
 * 3. A clause that is only future or conditional ("sera signé", "pourrait")
 *    with no past marker ("a", "ont", "était"…) is skipped.
 * 4. Text: the clause without its leading connective ("Ainsi,", "Et", "Mais"),
 *    first letter capitalised, cut at a word boundary near MAX_TEXT characters.
 * 5. Entities: the entity ids mentioned in the whole sentence (the subject is
 *    often outside the dated clause). Keys: Snowball stems of the clause's
 *    content words, without entity mentions, dates and time words — what the
 *    event is about, used by src/link/events.ts to tell reports apart.
 */
import { readFileSync } from "node:fs";
import type { ArticleEvent, EventDate, Mention, Span, Timex, TimexPrecision } from "../../types.ts";
import { contentTerms } from "../stem/terms.ts";
import { normaliseTerm } from "../stem/index.ts";

export interface EventInput {
  sentences: Span[];
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

const MAX_TEXT = 200;
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

/** Cut at a word boundary before `max` characters, with an ellipsis. A text
 * too long first loses its asides (between dashes, in parentheses). */
function shorten(s: string, max = MAX_TEXT): string {
  if (s.length <= max) return s;
  const lean = s
    .replace(/\s+[—–]\s[^—–]*?\s[—–](?=\s)/gu, "")
    .replace(/\s*\([^()]*\)/gu, "")
    .replace(/\s+([,.])/gu, "$1");
  if (lean !== s && lean.length > 0) return shorten(lean, max);
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:—–-]+$/u, "")}…`;
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

export function extractEvents(text: string, input: EventInput): ArticleEvent[] {
  const events: ArticleEvent[] = [];
  const dated: Dated[] = [];
  for (const timex of input.timexes) {
    if (timex.type !== "DATE" && timex.type !== "TIME") continue;
    const date = input.dateOf(timex);
    if (date) dated.push({ timex, date });
  }
  if (dated.length === 0) return events;

  for (const sentence of input.sentences) {
    let here = dated.filter((d) => inside(d.timex, sentence));
    if (here.length === 0) continue;
    // Nested or overlapping timexes: keep the longest.
    here = here.filter(
      (d) => !here.some((o) => o !== d && overlaps(o.timex, d.timex) && o.timex.end - o.timex.start > d.timex.end - d.timex.start),
    );
    const mentions = input.mentions.filter((m) => inside(m, sentence));
    const exclude = [...here.map((d) => d.timex), ...input.timexes.filter((t) => inside(t, sentence)), ...mentions];

    const ranges =
      here.length > 1 || sentence.end - sentence.start > LONG_SENTENCE
        ? clausesOf(text, sentence, here, exclude)
        : [{ start: sentence.start, end: sentence.end }];

    for (const range of ranges) {
      const inClause = here.filter((d) => d.timex.start >= range.start && d.timex.start < range.end);
      if (inClause.length === 0) continue;
      const clause = cleanClause(text, range.start, range.end);
      const raw = text.slice(clause.start, clause.end);
      if (/\?\s*[»”"]?\s*$/u.test(text.slice(range.start, range.end))) continue;
      if (isHypothetical(text, clause.start, clause.end)) continue;
      const chosen = [...inClause].sort(
        (a, b) => PRECISION_RANK[a.date.precision] - PRECISION_RANK[b.date.precision] || a.timex.start - b.timex.start,
      )[0]!;
      const keys = [...new Set(clauseTerms(text, clause.start, clause.end, exclude).filter((t) => /\p{L}/u.test(t.norm)).map((t) => t.stem))];
      events.push({
        date: { value: chosen.date.value, precision: chosen.date.precision },
        text: shorten(capitalise(raw.replace(/\s+/gu, " "))),
        start: clause.start,
        end: clause.end,
        timex: { text: chosen.timex.text, start: chosen.timex.start, end: chosen.timex.end },
        entities: [...new Set(mentions.map((m) => m.entity))],
        keys,
      });
    }
  }
  return events;
}
