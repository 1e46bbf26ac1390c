/**
 * The site's URL scheme, in one place: French, accent-free, stable.
 * These paths are published in the JSON export, so changing one breaks links
 * from other sites and tools.
 */
import type { EntityType } from "../types.ts";

export const ENTITY_FOLDERS: Record<EntityType, string> = {
  person: "personnes",
  organization: "organisations",
  place: "lieux",
  product: "produits",
  other: "entites",
};

/** Events per page of a year of the timeline: a busy year is split in
 * pages of this many events, in date order. */
export const TIMELINE_PAGE_SIZE = 100;

export const urls = {
  home: () => "/",
  article: (id: string) => `/articles/${id}/`,
  entity: (type: EntityType, id: string) => `/${ENTITY_FOLDERS[type]}/${id}/`,
  entityIndex: (type: EntityType) => `/${ENTITY_FOLDERS[type]}/`,
  topic: (id: string) => `/themes/${id}/`,
  topics: () => "/themes/",
  timeline: () => "/chronologie/",
  /** A year of the timeline; a busy year continues on `page/<n>/`. */
  timelineYear: (year: string, page = 1) => (page === 1 ? `/chronologie/${year}/` : `/chronologie/${year}/page/${page}/`),
  /** A month of a busy year ("03"). */
  timelineMonth: (year: string, month: string, page = 1) => (page === 1 ? `/chronologie/${year}/${month}/` : `/chronologie/${year}/${month}/page/${page}/`),
  /** An event, on the timeline page that lists it. */
  event: (id: string, year: string, page = 1) => `${urls.timelineYear(year, page)}#${id}`,
  archives: () => "/archives/",
  year: (year: string) => `/archives/${year}/`,
  month: (year: string, month: string) => `/archives/${year}/${month}/`,
  undated: () => "/archives/sans-date/",
  search: () => "/recherche/",
  thread: (id: string) => `/fils/${id}/`,
  threads: () => "/fils/",
};

/**
 * The year page an event is listed on, from its TIMEX value: its first year
 * ("2021-03-02" → "2021"; a decade "195X" → "1950", a century "19XX" →
 * "1900"); "autres" for values without a year.
 */
export function timelineYearOf(value: string): string {
  const m = /^(\d{2})(\d|X)(\d|X)/.exec(value);
  if (!m) return "autres";
  return `${m[1]}${m[2] === "X" ? "0" : m[2]}${m[2] === "X" || m[3] === "X" ? "0" : m[3]}`;
}

/**
 * Each event's URL, on the timeline page that lists it: its year's page; in a
 * busy year (more than TIMELINE_PAGE_SIZE events), its month's page, and the
 * year's page for the events known only to a longer period (a season, a
 * quarter, the year). `monthOf` gives an event's month ("03"), or "" when
 * its date spans more than a month. `timeline` must be in date order.
 *
 * Month pages keep URLs stable as the archive grows: an event added in March
 * moves no event of April, where pages cut every hundred events of the year
 * would move every later event to another page. Only a month of more than
 * TIMELINE_PAGE_SIZE events is cut into pages, and a year's events move to
 * month pages once, when the year first gets busy; the fragment (the event's
 * id) never changes.
 */
export function placeOnTimeline<T extends { id: string; date: { value: string } }>(timeline: T[], monthOf: (value: string) => string): Array<T & { url: string }> {
  const perYear = new Map<string, number>();
  for (const event of timeline) {
    const year = timelineYearOf(event.date.value);
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  return timeline.map((event) => {
    const year = timelineYearOf(event.date.value);
    if (perYear.get(year)! <= TIMELINE_PAGE_SIZE) return { ...event, url: urls.event(event.id, year) };
    const month = year === "autres" ? "" : monthOf(event.date.value);
    const key = `${year}/${month}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const page = Math.floor(index / TIMELINE_PAGE_SIZE) + 1;
    return { ...event, url: `${month ? urls.timelineMonth(year, month, page) : urls.timelineYear(year, page)}#${event.id}` };
  });
}

/** A page URL's file in the output folder, with "/" separators: "/a/b/" → "a/b/index.html". */
export function outputFileOf(url: string): string {
  const rel = url.replace(/^\/+/, "");
  return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
}
