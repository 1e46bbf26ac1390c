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
  /** An event, on the page of its year's timeline that lists it. */
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
 * Each event's URL: its year's page, or the page of a busy year it falls on
 * (TIMELINE_PAGE_SIZE events a page, in the timeline's order). `timeline`
 * must be in date order. Adding earlier events to a busy year can move an
 * event to a later page; its id, and so the fragment, stays.
 */
export function placeOnTimeline<T extends { id: string; date: { value: string } }>(timeline: T[]): Array<T & { url: string }> {
  const seen = new Map<string, number>();
  return timeline.map((event) => {
    const year = timelineYearOf(event.date.value);
    const index = seen.get(year) ?? 0;
    seen.set(year, index + 1);
    return { ...event, url: urls.event(event.id, year, Math.floor(index / TIMELINE_PAGE_SIZE) + 1) };
  });
}
