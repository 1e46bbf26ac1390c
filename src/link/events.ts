/**
 * The timeline: events of all articles, with reports of one happening merged.
 *
 *   mergeEvents([{ articleId: "a", events: [...], topics: ["justice"] }, …])
 *   // [{ id: "2021-01-14-xiaomi-list-noir-plac", date, text, articles: ["a", "b"], … }]
 *
 * Two reports are one event when
 * - their dates are compatible: equal, or one contains the other (2021-01
 *   contains 2021-01-14, 2019 contains 2019-05, 2021-W02 contains 2021-01-14);
 * - they share at least one entity;
 * - their keys (stems of what happened) overlap: at least MIN_SHARED_KEYS in
 *   common, or a Jaccard index of at least MIN_JACCARD.
 * Matching is transitive (union–find). Compatible dates are equal or one
 * contains the other, so a report is compared only with the reports naming
 * one of its entities at the same date value or at a value containing its
 * own (the day's week, month, quarter, half, season and year, inside its
 * year); never all pairs of the archive. At most MAX_COMPARED such reports
 * are compared per entity and date value: of its own value, those published
 * just before it; of a containing value, those published nearest to it.
 * That keeps the cost linear when one entity is in thousands of reports of
 * one year, and an article added today changes no comparison but those of
 * the reports published last. The trade-off: a report whose only matching
 * counterpart was published further away than that in such a crowded list,
 * and not joined to it through any other report, stays a separate event.
 *
 * Keys are compared after folding synonyms (src/extract/events/synonyms.ts),
 * so "a reçu une récompense" and "reçoit une médaille" share their keys.
 *
 * A merged event keeps the most precise date and the text of its most precise
 * report, and the union of articles, entities and topics.
 *
 * Its id must not change when a later, more precise report joins it (a link
 * to /chronologie/<year>/#id keeps working). So it is the id of the *first* report:
 * the one from the earliest-published article (undated ones last; ties by
 * article id and position), made of the year of the group's coarsest date,
 * that report's entities (sorted, ID_ENTITIES) and its first keys (ID_KEYS);
 * events with the same such id are told apart by a digest of their first
 * report, so that adding an article renames no other event (except when it
 * was published before every event of that id: it then takes the plain id
 * from the first of them).
 * It does not depend on the order of articles. Output is chronological: 2015,
 * then 2015-09, then 2015-09-22 (an event known to the year sorts at the start
 * of it), ties by id.
 */
import { createHash } from "node:crypto";
import type { ArticleEvent, EventDate, TimelineEvent } from "../types.ts";
import { slugify } from "../extract/text/index.ts";
import { placeOnTimeline } from "./urls.ts";
import { canonicalKey } from "../extract/events/index.ts";

export interface ArticleEvents {
  articleId: string;
  events: ArticleEvent[];
  /** The article's topics, primary first. */
  topics: string[];
  /** The article's publication date (YYYY, YYYY-MM or YYYY-MM-DD), null when
   * unknown: decides which report names the event. */
  published?: string | null;
}

const MIN_SHARED_KEYS = 2;
const MIN_JACCARD = 0.34;
const ID_KEYS = 3;
const ID_ENTITIES = 2;
const ID_MAX_LENGTH = 80;
/** Hex digits of the digest that tells apart events whose base is the same. */
const ID_DIGEST_LENGTH = 6;
/** Reports compared per entity and date value (the nearest in publication). */
const MAX_COMPARED = 48;

// ---------------------------------------------------------------------------
// Dates as intervals
// ---------------------------------------------------------------------------

/** The stretch of time a TIMEX3 value covers, as sortable strings
 * "YYYY-MM-DDTHH:MM" (both ends included). Null for forms not understood. */
export interface Interval {
  start: string;
  end: string;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
const ymd = (d: Date): string => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const days = (from: string, to: string): Interval => ({ start: `${from}T00:00`, end: `${to}T23:59` });

const SEASONS: Record<string, [string, string, number]> = {
  SP: ["03-20", "06-20", 0],
  SU: ["06-21", "09-22", 0],
  FA: ["09-23", "12-20", 0],
  WI: ["12-21", "03-19", 1],
};
const PARTS_OF_DAY: Record<string, [string, string]> = {
  MO: ["06:00", "11:59"],
  MI: ["12:00", "12:59"],
  AF: ["12:00", "17:59"],
  EV: ["18:00", "21:59"],
  NI: ["22:00", "23:59"],
  DT: ["08:00", "17:59"],
};

const intervals = new Map<string, Interval | null>();

/** The stretch of time a TIMEX3 value covers (memoised: sorting the
 * timeline asks for the same values again and again). */
/** The month an event is filed under on a busy year's timeline: "03", or ""
 * for a date that spans more than a month (a year, a quarter, a season). */
export function eventMonth(value: string): string {
  const interval = intervalOf(value);
  if (!interval || interval.start.slice(0, 7) !== interval.end.slice(0, 7)) return "";
  return interval.start.slice(5, 7);
}

export function intervalOf(value: string): Interval | null {
  let known = intervals.get(value);
  if (known === undefined) intervals.set(value, (known = parseInterval(value)));
  return known;
}

function parseInterval(value: string): Interval | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2})(?::\d{2})?|T(MO|MI|AF|EV|NI|DT))?$/.exec(value))) {
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    if (m[4]) return { start: `${day}T${m[4]}`, end: `${day}T${m[4]}` };
    if (m[5]) {
      const [from, to] = PARTS_OF_DAY[m[5]]!;
      return { start: `${day}T${from}`, end: `${day}T${to}` };
    }
    return days(day, day);
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return days(`${m[1]}-${m[2]}-01`, `${m[1]}-${m[2]}-${pad(lastDay(y, mo))}`);
  }
  if ((m = /^(\d{4})$/.exec(value))) return days(`${m[1]}-01-01`, `${m[1]}-12-31`);
  if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) {
    const y = Number(m[1]);
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
    const start = new Date(monday.getTime() + (Number(m[2]) - 1) * 7 * 86_400_000);
    return days(ymd(start), ymd(new Date(start.getTime() + 6 * 86_400_000)));
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) {
    const y = Number(m[1]);
    const first = (Number(m[2]) - 1) * 3 + 1;
    return days(`${m[1]}-${pad(first)}-01`, `${m[1]}-${pad(first + 2)}-${pad(lastDay(y, first + 2))}`);
  }
  if ((m = /^(\d{4})-H([12])$/.exec(value))) {
    return m[2] === "1" ? days(`${m[1]}-01-01`, `${m[1]}-06-30`) : days(`${m[1]}-07-01`, `${m[1]}-12-31`);
  }
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value))) {
    const [from, to, next] = SEASONS[m[2]!]!;
    return days(`${m[1]}-${from}`, `${pad(Number(m[1]) + next, 4)}-${to}`);
  }
  if ((m = /^(\d{3})$/.exec(value))) return days(`${m[1]}0-01-01`, `${m[1]}9-12-31`);
  if ((m = /^(\d{2})$/.exec(value))) return days(`${m[1]}00-01-01`, `${m[1]}99-12-31`);
  return null;
}

/** True when one date contains the other (or they are equal). */
export function datesCompatible(a: EventDate, b: EventDate): boolean {
  if (a.value === b.value) return true;
  const x = intervalOf(a.value);
  const y = intervalOf(b.value);
  if (!x || !y) return false;
  return (x.start <= y.start && y.end <= x.end) || (y.start <= x.start && x.end <= y.end);
}

/** Chronological order: by start, then the wider span first (2015 before
 * 2015-01 before 2015-01-01); forms not understood sort by their value. */
function compareDates(a: EventDate, b: EventDate): number {
  const x = intervalOf(a.value) ?? { start: a.value, end: a.value };
  const y = intervalOf(b.value) ?? { start: b.value, end: b.value };
  return cmp(x.start, y.start) || cmp(y.end, x.end);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Width of a date, for "most precise" (smaller is finer). */
function width(date: EventDate): string {
  const i = intervalOf(date.value);
  if (!i) return "~";
  // Differences of sortable strings are not numbers: compare by duration in minutes.
  const toMinutes = (s: string): number => Date.parse(`${s.slice(0, 10)}T${s.slice(11) || "00:00"}:00Z`) / 60_000;
  return String(Math.max(0, toMinutes(i.end) - toMinutes(i.start))).padStart(12, "0");
}

// ---------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------

/** Reports by publication: earliest-published article first (undated
 * last), then article id, then position in the article. */
function byPublication(a: Report, b: Report): number {
  return cmp(a.published, b.published) || cmp(a.articleId, b.articleId) || a.event.start - b.event.start;
}

interface Report {
  articleId: string;
  published: string;
  event: ArticleEvent;
  topics: string[];
  entities: Set<string>;
  keys: Set<string>;
  width: string;
}

function keysMatch(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  let shared = 0;
  for (const k of a) if (b.has(k)) shared++;
  if (shared === 0) return false;
  return shared >= MIN_SHARED_KEYS || shared / (a.size + b.size - shared) >= MIN_JACCARD;
}

/** Bucket of a report: its year, or the value itself for decades, centuries
 * and forms not understood (those only meet their equals). */
function bucketOf(value: string): string {
  const i = intervalOf(value);
  if (i && i.start.slice(0, 4) === i.end.slice(0, 4)) return i.start.slice(0, 4);
  if (i && /-WI$/.test(value)) return value.slice(0, 4);
  return `~${value}`;
}

const containing = new Map<string, string[]>();

/** The date values, inside the same year bucket, whose span strictly
 * contains this one: for 2021-01-14T09:30, 2021-01-14TMO, 2021-01-14, 2021-W02,
 * 2021-01, 2021-Q1, 2021-H1, 2021. Memoised: values repeat across reports. */
export function containingValues(value: string): string[] {
  let known = containing.get(value);
  if (known) return known;
  known = [];
  const own = intervalOf(value);
  const bucket = bucketOf(value);
  if (own && !bucket.startsWith("~")) {
    const day = own.start.slice(0, 10);
    const year = day.slice(0, 4);
    const month = Number(day.slice(5, 7));
    const date = new Date(`${day}T00:00:00Z`);
    // ISO week: the Thursday of the week decides its year.
    const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
    const weekYear = thursday.getUTCFullYear();
    const week = 1 + Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * 86_400_000));
    const candidates = [
      ...Object.keys(PARTS_OF_DAY).map((p) => `${day}T${p}`),
      day,
      `${pad(weekYear, 4)}-W${pad(week)}`,
      day.slice(0, 7),
      `${year}-Q${Math.ceil(month / 3)}`,
      `${year}-H${month <= 6 ? 1 : 2}`,
      ...Object.keys(SEASONS).map((season) => `${year}-${season}`),
      year,
    ];
    for (const candidate of candidates) {
      if (candidate === value) continue;
      const span = intervalOf(candidate);
      if (!span || span.start > own.start || own.end > span.end) continue;
      if (span.start === own.start && span.end === own.end) continue;
      if (bucketOf(candidate) !== bucket) continue;
      known.push(candidate);
    }
  }
  containing.set(value, known);
  return known;
}

/** Position in `list` (report indexes by publication) of the first report
 * published after `report`. */
function firstPublishedAfter(list: number[], reports: Report[], report: Report): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byPublication(reports[list[mid]!]!, report) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countInto(counts: Map<string, number>, values: Iterable<string>): void {
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
}

const byCountThenName = (counts: Map<string, number>): string[] =>
  [...counts.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([k]) => k);

export function mergeEvents(perArticle: ArticleEvents[]): TimelineEvent[] {
  // 1. Reports, with same-article duplicates (same date, same keys) collapsed.
  const reports: Report[] = [];
  const seen = new Map<string, Report>();
  for (const { articleId, events, topics, published } of perArticle) {
    for (const event of events) {
      const dup = `${articleId}\u0000${event.date.value}\u0000${[...new Set(event.keys)].sort().join(" ")}`;
      const known = seen.get(dup);
      if (known) {
        for (const e of event.entities) known.entities.add(e);
        continue;
      }
      const report: Report = {
        articleId,
        published: published ?? "~",
        event,
        topics,
        entities: new Set(event.entities),
        keys: new Set(event.keys.map(canonicalKey)),
        width: width(event.date),
      };
      seen.set(dup, report);
      reports.push(report);
    }
  }

  // 2. Union–find over candidate pairs: same entity, same or containing date.
  const parent = reports.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  // Every report of an entity at a date value, by publication. A report is
  // compared with the reports of its own value published just before it,
  // and with those of each containing value published nearest to it: the
  // matched pairs, and so the groups (the connected components, whatever the
  // order of the unions), depend only on the reports near each one in
  // publication order. Comparing with the latest reports of a containing
  // value instead let today's article push an old report out of the window
  // of every finer report, which split events reported years before
  // (tests/link/events.test.ts).
  const byPosition = reports.map((_, i) => i).sort((x, y) => byPublication(reports[x]!, reports[y]!) || x - y);
  /** entity → date value → reports, by publication. */
  const listed = new Map<string, Map<string, number[]>>();
  for (const r of byPosition) {
    const report = reports[r]!;
    for (const entity of report.entities) {
      let byValue = listed.get(entity);
      if (!byValue) listed.set(entity, (byValue = new Map()));
      const list = byValue.get(report.event.date.value);
      if (list) list.push(r);
      else byValue.set(report.event.date.value, [r]);
    }
  }
  const compare = (r: number, other: number): void => {
    if (find(r) !== find(other) && keysMatch(reports[r]!.keys, reports[other]!.keys)) union(r, other);
  };
  for (const byValue of listed.values()) {
    for (const [value, list] of byValue) {
      // Dates are compatible and the entity shared by construction.
      for (let p = 1; p < list.length; p++) {
        for (let k = p - 1; k >= Math.max(0, p - MAX_COMPARED); k--) compare(list[p]!, list[k]!);
      }
      for (const container of containingValues(value)) {
        const coarser = byValue.get(container);
        if (!coarser) continue;
        for (const r of list) {
          const at = firstPublishedAfter(coarser, reports, reports[r]!);
          const from = Math.max(0, Math.min(at - MAX_COMPARED / 2, coarser.length - MAX_COMPARED));
          for (let k = from; k < Math.min(coarser.length, from + MAX_COMPARED); k++) compare(r, coarser[k]!);
        }
      }
    }
  }

  // 3. One timeline entry per group.
  const groups = new Map<number, Report[]>();
  reports.forEach((r, i) => {
    const root = find(i);
    const g = groups.get(root) ?? [];
    g.push(r);
    groups.set(root, g);
  });

  const entries = [...groups.values()].map((group) => {
    const ranked = [...group].sort(
      (a, b) =>
        cmp(a.width, b.width) ||
        b.keys.size - a.keys.size ||
        cmp(a.articleId, b.articleId) ||
        a.event.start - b.event.start,
    );
    const best = ranked[0]!;
    const entityCounts = new Map<string, number>();
    const topicCounts = new Map<string, number>();
    for (const r of group) {
      countInto(entityCounts, r.entities);
      countInto(topicCounts, new Set(r.topics));
    }
    const entities = byCountThenName(entityCounts);
    const first = [...group].sort(byPublication)[0]!;
    const coarsest = [...group].sort((a, b) => cmp(b.width, a.width) || compareDates(a.event.date, b.event.date))[0]!;
    const year = (intervalOf(coarsest.event.date.value)?.start.slice(0, 4) ?? coarsest.event.date.value).slice(0, 4);
    const base = [year, ...[...first.entities].sort(cmp).slice(0, ID_ENTITIES), ...[...first.keys].slice(0, ID_KEYS)]
      .map(slugify)
      .filter(Boolean)
      .join("-")
      .slice(0, ID_MAX_LENGTH)
      .replace(/-+$/, "");
    return {
      base,
      first,
      date: { value: best.event.date.value, precision: best.event.date.precision },
      text: best.event.text,
      articles: [...new Set(group.map((r) => r.articleId))].sort(cmp),
      entities,
      topics: byCountThenName(topicCounts),
    };
  });

  // 4. Ids: the base, made unique. Of the events sharing a base, the one
  // whose first report was published first keeps the base; each other adds
  // a digest of its own first report (article and position), which no other
  // event changes. A counter in sorted order renumbered the events after an
  // added one: one article added to a 4,000-article archive renamed events
  // on about 400 thread, topic and timeline pages (README, "Performance"),
  // and broke links to them.
  entries.sort((a, b) => cmp(a.base, b.base) || byPublication(a.first, b.first));
  const used = new Set<string>();
  const timeline: TimelineEvent[] = entries.map(({ base, first, ...rest }) => {
    let id = base;
    if (used.has(id)) {
      const digest = createHash("sha256").update(`${first.articleId}\0${first.event.start}`).digest("hex");
      id = `${base}-${digest.slice(0, ID_DIGEST_LENGTH)}`;
      // Taken by an event whose first report has the same digest prefix: the
      // whole digest, which differs since the reports do.
      if (used.has(id)) id = `${base}-${digest}`;
    }
    used.add(id);
    return { id, ...rest, url: "" };
  });

  timeline.sort((a, b) => compareDates(a.date, b.date) || cmp(a.id, b.id));
  return placeOnTimeline(timeline, eventMonth);
}
