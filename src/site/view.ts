/**
 * What the templates need, computed once from the Archive: sorted lists,
 * French labels, cross-references resolved to {name, url} pairs, pages of
 * long lists, the timeline axis. Templates only loop and print; every
 * decision is made here, in tested TypeScript.
 *
 * Every list a page prints is bounded (RECENT_EVENTS, ARTICLE_EVENTS…) and
 * the views carry only what templates print: a page's size must not grow
 * with the archive, or rendering grows quadratically.
 */
import type { Archive, ArchiveEntity, ArchiveTopic, Article, EntityType, MentionCount, PublishedEntity, TimelineEvent } from "../types.ts";
import { countMentions } from "../link/mentions.ts";
import { eventMonth } from "../link/events.ts";
import { urls, ENTITY_FOLDERS, TIMELINE_PAGE_SIZE, timelineYearOf } from "../link/urls.ts";
import { relatedArticles, relatedInputOf, type RelatedArticle } from "../link/related.ts";
import { chronologicalOrder } from "../link/similarity.ts";
import { loadReferenceEvents } from "../extract/date/evidence.ts";
import { formatDate, monthName } from "./french.ts";
import { compareTimexValues } from "../extract/time/index.ts";
import { dateReasons, describeDate, type DateReason, type EvidenceNames } from "./date-evidence.ts";
import { layoutAxis, type AxisLayout } from "./timeline-axis.ts";
import { sharedValue } from "./shared-values.ts";
import { compareFrench, groupByInitial, paginate, paginateByYear, type LetterGroup, type Page } from "./lists.ts";

export interface Ref {
  id: string;
  name: string;
  url: string;
}

export interface DateView {
  /** Value for `<time datetime>`, or null when the date has no valid HTML
   * form (decades, centuries): it is then printed without `<time>`. */
  iso: string | null;
  /** French text at the value's precision. */
  label: string;
  precision: string;
  /** How the date was obtained, in French, when it is not from metadata. */
  how: string | null;
  /** The same, reason by reason, some with a link (another article). */
  reasons: DateReason[];
  /** "date déduite", "date donnée par le texte" (null from metadata). */
  basisLabel: string | null;
}

export interface ArticleSummary extends Ref {
  title: string;
  dateView: DateView | null;
  topic: Article["topic"];
  summary: string;
}

/** A related article as its reader sees it: in order, with why, but without
 * its score, which no one reads and which moves with every added article
 * (rarity weights change with the archive's size), so it would make every
 * article page look changed to the render plan. */
export interface RelatedView {
  /** The article as every list shows it: the same object on every page
   * that lists it, so the render plan hashes it once (src/site/shared-values.ts). */
  article: ArticleSummary;
  /** Why, in a few words: "Xiaomi, Lei Jun, même thème". */
  reason: string;
}

export interface EntityGroup {
  label: string;
  entities: Ref[];
}

/** An earlier happening of the article's story, for its background box. */
export interface BackgroundItem {
  dateView: DateView;
  text: string;
  /** The article of the thread that reports it. */
  article: Ref;
}

/** Where an article stands in its story thread. */
export interface ArticleThreadView {
  id: string;
  title: string;
  url: string;
  /** "Précédemment" and "La suite": the neighbours in the thread. */
  previous: ArticleSummary | null;
  next: ArticleSummary | null;
  /** The article's place in the thread, from 1. Not the thread's length,
   * which every new article of the thread would change on every page of
   * it; that is on the thread's page. */
  position: number;
  background: BackgroundItem[];
}

/** A bounded slice of a long list of events, and where the rest is. */
export interface EventSlice {
  /** The latest events (at most RECENT_EVENTS), in date order. */
  events: EventView[];
  /** How many events there are in all. */
  eventCount: number;
  /** The page listing them all, when `events` is not all of them. */
  eventsUrl: string | null;
  /** The axis of all the events (aggregated by month when there are many). */
  axis: AxisLayout;
}

export interface ThreadView extends EventSlice {
  id: string;
  title: string;
  summary: string;
  url: string;
  articleCount: number;
  entityRefs: Ref[];
}

/** What an article page prints, and what its head metadata and search
 * facets read; the extraction's working data (blocks, timexes) stays out. */
export interface ArticleView
  extends Pick<
    Article,
    "id" | "url" | "source" | "title" | "titleInferred" | "lang" | "date" | "topic" | "tags" | "author" | "sourceUrl" | "credit" | "summary" | "html" | "wordCount" | "thread"
  > {
  /** How often each entity is mentioned, in the order of first mention. */
  mentionCounts: MentionCount[];
  /** The entities the article mentions, for its JSON-LD and search filters. */
  entities: PublishedEntity[];
  dateView: DateView | null;
  people: Ref[];
  organizations: Ref[];
  places: Ref[];
  products: Ref[];
  others: Ref[];
  /** The non-empty lists above, labelled, in reading order. */
  entityGroups: EntityGroup[];
  /** At most ARTICLE_EVENTS of the article's events, in date order. */
  timeline: ArticleEventView[];
  eventCount: number;
  axis: AxisLayout;
  related: RelatedView[];
  previous: Ref | null;
  next: Ref | null;
  threadView: ArticleThreadView | null;
}

export interface EventView {
  id: string;
  /** The event on its year's page of the timeline. */
  url: string;
  text: string;
  date: TimelineEvent["date"];
  dateView: DateView;
  year: string;
  /** The first EVENT_ENTITIES entities, most cited first, and how many more. */
  entityRefs: Ref[];
  moreEntities: number;
  /** The first EVENT_ARTICLES reporting articles (the earliest), and how many
   * articles report it. */
  articleRefs: Ref[];
  articleCount: number;
}

/**
 * An event as an article page lists it: like EventView, but saying only
 * whether more articles report it than are named, not how many. An article
 * page then stays as it was when later articles report its events too, so
 * adding an article does not render again every page that shares an event
 * with it; the count is on the timeline and the event lists.
 */
export interface ArticleEventView extends Omit<EventView, "articleCount"> {
  moreArticles: boolean;
}

/** An entity's page data. Like every page's data it is bounded: the list of
 * its articles is on its pages (EntityPage), not here, so that the data of
 * a page (which also decides whether it must be rendered again, see
 * render-plan.ts) does not grow with the archive. */
export interface EntityView extends PublishedEntity, EventSlice {
  typeLabel: string;
  /** The index the entity is listed in: "Personnes", "/personnes/". */
  index: { label: string; url: string };
  /** How many articles cite it. */
  articleCount: number;
  /** At most ALIASES of its other names. */
  shownAliases: string[];
  coMentioned: Array<Ref & { count: number }>;
  /** At most QUOTES of its quotes, and how many there are. */
  quotes: Array<{ text: string; article: Ref }>;
  quoteCount: number;
}

/** What a year's page of an entity's long list says of the entity: its
 * name, kind and way back, none of the figures that change with every
 * article (so that the page stays as it is while its year does). */
export type EntityHeading = Pick<EntityView, "id" | "name" | "url" | "typeLabel" | "index" | "wikidata">;

/** One page of an entity: its front page carries everything; a long list
 * also has pages by year (paginateByYear), with the entity's heading only. */
export interface EntityPage {
  entity: EntityView | EntityHeading;
  page: Page<Ref & { date: DateView | null }>;
}

/** What a year's page of a topic's long list says of the topic. */
export type TopicHeading = Pick<TopicView, "id" | "label" | "url">;

/** A page of the full list of events of an entity, a topic or a thread. */
export interface EventListPage {
  /** "Xi Jinping", the subject the events are about. */
  subject: Ref;
  /** "Personne", "Thème", "Fil". */
  kind: string;
  page: Page<EventView>;
}

export interface ArchiveGroup {
  label: string;
  articles: ArticleSummary[];
}

export interface ArchivePage {
  title: string;
  /** Short heading of the period: "2025", "novembre 2025", "Sans date". */
  period: string;
  page: Page<ArticleSummary>;
  /** The page's articles under month headings (year pages) or one group. */
  groups: ArchiveGroup[];
  /** Links to the periods inside (the months of a year page). */
  parts: Array<{ label: string; url: string; count: number }>;
  up: { label: string; url: string };
}

export interface TopicView extends Omit<ArchiveTopic, "articles">, EventSlice {
  articleCount: number;
}

/** Events of a page of a year of the timeline, under month headings. */
export interface TimelineGroup {
  label: string;
  /** Fragment id of the month's first heading on the page ("mois-03"), or null when it continues. */
  anchor: string | null;
  events: EventView[];
}

/** A page of the timeline of a year, or of a month of a busy year (see
 * placeOnTimeline in src/link/urls.ts). */
export interface TimelineYearPage {
  year: string;
  /** "2021", "Autres dates", or the month: "mars 2021". */
  label: string;
  /** The label after "Les événements": "de 2021", "d’avril 2021", "d’autres dates". */
  ofLabel: string;
  /** Events of the year (on a year page) or of the month. */
  count: number;
  page: Page<EventView>;
  groups: TimelineGroup[];
  /** Where each month of the year starts: a heading of the year page, or a month page. */
  months: Array<{ label: string; url: string; count: number }>;
  /** The year's axis, on its first page. */
  axis: AxisLayout | null;
  /** A month page's year. */
  up: { label: string; url: string } | null;
  /** The year or month before and after; `rel` says which ("Année précédente"). */
  previous: { label: string; url: string; rel: string } | null;
  next: { label: string; url: string; rel: string } | null;
}

export interface SiteView {
  /** The article pages to render (all of them, unless render-plan.ts kept some). */
  articles: ArticleView[];
  /** Every article, for the feeds. */
  feedArticles: ArticleView[];
  entities: EntityView[];
  entityPages: EntityPage[];
  entityIndexes: Array<{ type: EntityType; label: string; url: string; entities: EntityView[]; letters: Array<LetterGroup<EntityView>> }>;
  topics: TopicView[];
  topicPages: Array<{ topic: TopicView | TopicHeading; page: Page<ArticleSummary> }>;
  threads: ThreadView[];
  threadPages: Array<{ thread: ThreadView; page: Page<ArticleSummary> }>;
  /** Full event lists of entities, topics and threads with many events. */
  eventPages: EventListPage[];
  timeline: {
    /** The years, with their number of events and their page. */
    years: Array<{ year: string; label: string; url: string; count: number }>;
    /** The latest TIMELINE_LATEST events, in date order. */
    latest: EventView[];
    count: number;
    /** The axis of the whole archive, aggregated when long. */
    axis: AxisLayout;
    yearPages: TimelineYearPage[];
  };
  archives: {
    years: Array<{ year: string; url: string; count: number; months: Array<{ month: string; label: string; url: string | null; count: number }> }>;
    undated: ArticleSummary[];
    pages: ArchivePage[];
  };
  home: {
    latest: ArticleSummary[];
    people: Array<Ref & { count: number }>;
    organizations: Array<Ref & { count: number }>;
    timelineExcerpt: EventView[];
    /** "de septembre 2015 à novembre 2025", or null without dated articles. */
    coverage: string | null;
    counts: { articles: number; undated: number; entities: number; events: number; topics: number };
  };
}

/** `cited`: "cité" agreed with the singular ("Organisation citée dans…"). */
export const TYPE_LABELS: Record<EntityType, { singular: string; plural: string; cited: string }> = {
  person: { singular: "Personne", plural: "Personnes", cited: "citée" },
  organization: { singular: "Organisation", plural: "Organisations", cited: "citée" },
  place: { singular: "Lieu", plural: "Lieux", cited: "cité" },
  product: { singular: "Produit", plural: "Produits", cited: "cité" },
  other: { singular: "Autre", plural: "Autres entités", cited: "cité" },
};

// Every list on a page is bounded, so that a page's size does not grow with
// the archive (the total output then grows linearly); the full lists are on
// paginated pages.
export const HOME_LATEST = 8;
export const HOME_TOP_ENTITIES = 8;
export const HOME_TIMELINE_EXCERPT = 6;
export const CO_MENTIONED = 10;
/** A background box stays short: the latest earlier events of the story. */
export const BACKGROUND_ITEMS = 5;
/** Events shown on an entity, topic or thread page (the latest). */
export const RECENT_EVENTS = 20;
/** Events per page of an entity's, topic's or thread's full list. */
export const EVENT_LIST_PAGE_SIZE = 100;
/** Events shown in an article's "Dans la chronologie". */
export const ARTICLE_EVENTS = 6;
/** Latest events on the timeline's front page. */
export const TIMELINE_LATEST = 20;
/** Entities and reporting articles named under an event. */
export const EVENT_ENTITIES = 6;
export const EVENT_ARTICLES = 2;
export const QUOTES = 10;
export const ALIASES = 12;
/** Actors named on a thread page. */
export const THREAD_ENTITIES = 8;

/** The year an article's long lists file it under ("2015"), or null when
 * its date is unknown or coarser than a year ("201X"). */
function articleYear(article: Pick<Article, "date">): string | null {
  return /^\d{4}/.exec(article.date?.value ?? "")?.[0] ?? null;
}

/** The year an event's list files it under, as the timeline does; events
 * the timeline files under "autres" go to the "Autres dates" part. */
function eventYear(event: Pick<EventView, "year">): string | null {
  return /^\d{4}$/.test(event.year) ? event.year : null;
}

const OTHER_DATES_PART = { slug: "autres-dates", label: "Autres dates", after: "à d’autres dates" };

/** Values HTML accepts in `<time datetime>`: a year, month, day, week or
 * local date-time. Seasons, quarters and parts of the day fall back to the
 * coarser valid value that contains them; decades and centuries to none. */
export function htmlDatetime(value: string): string | null {
  if (/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?$/.test(value)) return value;
  if (/^\d{4}-W\d{2}$/.test(value)) return value;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}-\d{2}-\d{2})T[A-Z]{2}$/.exec(value))) return m[1]!;
  if ((m = /^(\d{4})-(?:Q[1-4]|H[12]|SP|SU|FA|WI)$/.exec(value))) return m[1]!;
  return null;
}

/** Why two articles are related, in a few words. */
export function relatedReason(related: RelatedArticle, entityName: (id: string) => string | undefined, maxNames = 3): string {
  const parts = related.entities
    .map(entityName)
    .filter((n): n is string => n !== undefined)
    .slice(0, maxNames);
  if (related.events.length === 1) parts.push("même événement");
  else if (related.events.length > 1) parts.push(`${related.events.length} événements communs`);
  if (related.sameTopic) parts.push("même thème");
  return parts.join(", ");
}

/** Newest first; articles without a date come last, by title. */
export function compareArticles(a: Pick<Article, "date" | "title">, b: Pick<Article, "date" | "title">): number {
  if (a.date && b.date) return b.date.value.localeCompare(a.date.value) || compareFrench(a.title, b.title);
  if (a.date) return -1;
  if (b.date) return 1;
  return compareFrench(a.title, b.title);
}

/** "de septembre 2015 à novembre 2025", "en 2021", or null. */
export function coverage(values: string[]): string | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort();
  const first = formatDate(sorted[0]!);
  const last = formatDate(sorted[sorted.length - 1]!);
  return first === last ? `en ${first}` : `de ${first} à ${last}`;
}

const typographic = (text: string): string => text.replace(/'/g, "’");

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** The last `size` items (the latest, for lists in date order). */
const latest = <T>(list: T[], size: number): T[] => (list.length > size ? list.slice(list.length - size) : list);

/** The site view of `archive`: every page's data. `related` defaults to
 * computing the related articles here. */
export function buildSiteView(archive: Archive, related: Map<string, RelatedArticle[]> = relatedArticles(relatedInputOf(archive))): SiteView {
  return prepareSiteView(archive)(related);
}

/**
 * Builds all of the site view but the articles' related articles, and
 * returns the function that adds them and gives the view. The build computes
 * the related articles on another core meanwhile (src/link/related-thread.ts);
 * nothing else in the view depends on them.
 */
export function prepareSiteView(archive: Archive): (related: Map<string, RelatedArticle[]>) => SiteView {
  const entityById = new Map(archive.entities.map((e) => [e.id, e]));
  const articleById = new Map(archive.articles.map((a) => [a.id, a]));
  const ref = (e: { id: string; name?: string; title?: string; url: string }): Ref => ({ id: e.id, name: e.name ?? e.title ?? e.id, url: e.url });
  const referenceEvents = new Map(loadReferenceEvents().map((e) => [e.id, typographic(e.label)]));
  const names: EvidenceNames = {
    entityName: (id) => entityById.get(id)?.name,
    referenceEventLabel: (id) => referenceEvents.get(id),
    article: (id) => {
      const a = articleById.get(id);
      return a && { title: a.title, url: a.url };
    },
  };

  const plainDate = (value: string, precision: string): DateView => ({
    iso: htmlDatetime(value),
    label: formatDate(value),
    precision,
    how: null,
    reasons: [],
    basisLabel: null,
  });
  const dateViews = new Map<string, DateView | null>();
  const articleDate = (article: Article): DateView | null => {
    if (dateViews.has(article.id)) return dateViews.get(article.id)!;
    let view: DateView | null = null;
    if (article.date) {
      const how = describeDate(article.date, names);
      view = sharedValue({
        ...plainDate(article.date.value, article.date.precision),
        how,
        reasons: how ? dateReasons(article.date, names) : [],
        basisLabel: how ? how.split(" : ")[0]! : null,
      });
    }
    dateViews.set(article.id, view);
    return view;
  };
  const summaries = new Map<string, ArticleSummary>();
  const summaryOf = (article: Article): ArticleSummary => {
    let summary = summaries.get(article.id);
    if (!summary) {
      summary = sharedValue({ ...ref(article), title: article.title, dateView: articleDate(article), topic: article.topic, summary: article.summary });
      summaries.set(article.id, summary);
    }
    return summary;
  };
  const articleRefs = new Map(archive.articles.map((a) => [a.id, ref(a)]));
  const entityRefs = new Map(archive.entities.map((e) => [e.id, ref(e)]));
  const refsOf = (ids: string[], from: Map<string, Ref>): Ref[] => ids.flatMap((id) => (from.has(id) ? [from.get(id)!] : []));

  // The first reports of an event are the earliest: a later article that
  // reports it too changes neither them nor, on article pages, anything else.
  const reportsInOrder = new Map(
    archive.timeline.map((event) => [
      event.id,
      chronologicalOrder(event.articles.map((id) => ({ id, date: articleById.get(id)?.date?.value ?? null }))).map((i) => event.articles[i]!),
    ]),
  );
  const events: EventView[] = archive.timeline.map((event) => {
    const entities = refsOf(event.entities, entityRefs);
    const reporters = refsOf(reportsInOrder.get(event.id)!, articleRefs);
    return sharedValue({
      id: event.id,
      url: event.url,
      text: event.text,
      date: event.date,
      dateView: plainDate(event.date.value, event.date.precision),
      year: timelineYearOf(event.date.value),
      entityRefs: entities.slice(0, EVENT_ENTITIES),
      moreEntities: Math.max(0, entities.length - EVENT_ENTITIES),
      articleRefs: reporters.slice(0, EVENT_ARTICLES),
      articleCount: reporters.length,
    });
  });
  const eventById = new Map(events.map((e) => [e.id, e]));
  /** The axis of `all`; a mark leads to its event on this page when it is listed here, else on the timeline. */
  const axisOf = (all: EventView[], listed: ReadonlyArray<{ id: string }>, monthHref?: (year: string, month: string) => string | null): AxisLayout => {
    const here = new Set(listed.map((e) => e.id));
    return layoutAxis(
      all.map((e) => ({ id: e.id, date: e.date, label: `${e.dateView.label} : ${e.text}`, href: here.has(e.id) ? `#${e.id}` : e.url })),
      { monthHref },
    );
  };
  const eventPages: EventListPage[] = [];
  /** The latest events of a subject, its axis, and its full list on paginated pages when long. */
  const sliceOf = (subject: Ref, kind: string, all: EventView[]): EventSlice => {
    const shown = latest(all, RECENT_EVENTS);
    let eventsUrl: string | null = null;
    if (all.length > shown.length) {
      eventsUrl = `${subject.url}chronologie/`;
      const pages = paginateByYear(all, eventsUrl, eventYear, "Les premiers", EVENT_LIST_PAGE_SIZE, OTHER_DATES_PART);
      for (const page of pages) eventPages.push({ subject, kind, page });
    }
    return { events: shown, eventCount: all.length, eventsUrl, axis: axisOf(all, shown) };
  };

  const eventsByArticle = new Map<string, EventView[]>();
  const eventsByEntity = new Map<string, EventView[]>();
  const eventsByTopic = new Map<string, EventView[]>();
  for (const event of archive.timeline) {
    const view = eventById.get(event.id)!;
    for (const id of new Set(event.articles)) push(eventsByArticle, id, view);
    for (const id of new Set(event.entities)) push(eventsByEntity, id, view);
    for (const id of new Set(event.topics)) push(eventsByTopic, id, view);
  }

  const threadById = new Map(archive.threads.map((t) => [t.id, t]));
  const timelineById = new Map(archive.timeline.map((e) => [e.id, e]));
  const threadViews: ThreadView[] = archive.threads.map((thread) => {
    const own = thread.events.map((id) => eventById.get(id)).filter((e): e is EventView => e !== undefined);
    return sharedValue({
      id: thread.id,
      title: thread.title,
      summary: thread.summary,
      url: thread.url,
      articleCount: thread.articles.length,
      ...sliceOf({ id: thread.id, name: thread.title, url: thread.url }, "Fil", own),
      entityRefs: refsOf(thread.entities.slice(0, THREAD_ENTITIES * 2), entityRefs).slice(0, THREAD_ENTITIES),
    });
  });
  const threadViewById = new Map(threadViews.map((t) => [t.id, t]));
  // Each thread's articles' positions, and for each of its events the
  // position of the first article that reports it: the story so far is then
  // found without scanning the thread for every article.
  const threadPositions = new Map<string, Map<string, number>>();
  const firstReport = new Map<string, Map<string, number>>();
  for (const thread of archive.threads) {
    const positions = new Map(thread.articles.map((id, i) => [id, i]));
    threadPositions.set(thread.id, positions);
    const first = new Map<string, number>();
    for (const id of thread.events) {
      const event = timelineById.get(id);
      if (!event) continue;
      let earliest = Infinity;
      for (const a of event.articles) earliest = Math.min(earliest, positions.get(a) ?? Infinity);
      first.set(id, earliest);
    }
    firstReport.set(thread.id, first);
  }
  /** The story so far, as this article's reader needs it: the latest events
   * of the thread that come before the article (by date, or reported by an
   * earlier article of the thread), each linked to an article that reports it. */
  const threadOf = (article: Article): ArticleThreadView | null => {
    const thread = article.thread ? threadById.get(article.thread) : undefined;
    const view = article.thread ? threadViewById.get(article.thread) : undefined;
    if (!thread || !view) return null;
    const position = threadPositions.get(thread.id)!.get(article.id) ?? -1;
    const first = firstReport.get(thread.id)!;
    const background: BackgroundItem[] = [];
    // Thread events are in date order: for a dated article, find by binary
    // search the last one dated before it, then walk back from there.
    let from = thread.events.length - 1;
    if (article.date) {
      const dateOf = (i: number) => timelineById.get(thread.events[i]!)?.date.value ?? "";
      let low = 0;
      let high = thread.events.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (compareTimexValues(dateOf(middle), article.date.value) < 0) low = middle + 1;
        else high = middle;
      }
      from = low - 1;
    }
    for (let i = from; i >= 0 && background.length < BACKGROUND_ITEMS; i--) {
      const event = timelineById.get(thread.events[i]!);
      if (!event || event.articles.includes(article.id)) continue;
      const before = article.date ? compareTimexValues(event.date.value, article.date.value) < 0 : (first.get(event.id) ?? Infinity) < position;
      if (!before) continue;
      const reporter = reportsInOrder.get(event.id)!.find((id) => id !== article.id && articleById.has(id));
      if (reporter) background.push({ dateView: eventById.get(event.id)!.dateView, text: event.text, article: articleRefs.get(reporter)! });
    }
    const neighbour = (i: number) => (i >= 0 && i < thread.articles.length && articleById.has(thread.articles[i]!) ? summaryOf(articleById.get(thread.articles[i]!)!) : null);
    return {
      id: thread.id,
      title: thread.title,
      url: thread.url,
      previous: position > 0 ? neighbour(position - 1) : null,
      next: position >= 0 ? neighbour(position + 1) : null,
      position: position + 1,
      background: background.reverse(),
    };
  };

  const articleEventViews = new Map<string, ArticleEventView>();
  const onArticlePage = (event: EventView): ArticleEventView => {
    let view = articleEventViews.get(event.id);
    if (!view) {
      const { articleCount, ...rest } = event;
      view = sharedValue({ ...rest, moreArticles: articleCount > event.articleRefs.length });
      articleEventViews.set(event.id, view);
    }
    return view;
  };

  const sorted = [...archive.articles].sort(compareArticles);
  // Previous / next follow the reading order of the dated archive, oldest to newest.
  const chronological = sorted.filter((a) => a.date).reverse();
  const chronologicalPosition = new Map(chronological.map((a, i) => [a.id, i]));
  const entitiesOfArticle = new Map<string, ArchiveEntity[]>();
  const published = new Map<string, PublishedEntity>();
  const publishedOf = (e: ArchiveEntity): PublishedEntity => {
    let brief = published.get(e.id);
    if (!brief) {
      brief = { id: e.id, name: e.name, type: e.type, aliases: e.aliases, description: e.description, wikidata: e.wikidata, url: e.url };
      published.set(e.id, brief);
    }
    return brief;
  };
  const articles: ArticleView[] = sorted.map((article) => {
    const mentionCounts = countMentions(article.mentions);
    const own = mentionCounts.map((m) => entityById.get(m.entity)).filter((e): e is ArchiveEntity => e !== undefined);
    entitiesOfArticle.set(article.id, own);
    const byType = (type: EntityType): Ref[] =>
      own
        .filter((e) => e.type === type)
        .map((e) => entityRefs.get(e.id)!)
        .sort((a, b) => compareFrench(a.name, b.name));
    const position = chronologicalPosition.get(article.id) ?? -1;
    const people = byType("person");
    const organizations = byType("organization");
    const places = byType("place");
    const products = byType("product");
    const others = byType("other");
    const all = eventsByArticle.get(article.id) ?? [];
    const timeline = all.slice(0, ARTICLE_EVENTS).map(onArticlePage);
    return {
      id: article.id,
      url: article.url,
      source: article.source,
      title: article.title,
      titleInferred: article.titleInferred,
      lang: article.lang,
      date: article.date,
      topic: article.topic,
      tags: article.tags,
      author: article.author,
      sourceUrl: article.sourceUrl,
      credit: article.credit,
      summary: article.summary,
      html: article.html,
      wordCount: article.wordCount,
      mentionCounts,
      thread: article.thread,
      entities: own.map(publishedOf),
      dateView: articleDate(article),
      people,
      organizations,
      places,
      products,
      others,
      entityGroups: [
        { label: TYPE_LABELS.person.plural, entities: people },
        { label: TYPE_LABELS.organization.plural, entities: organizations },
        { label: TYPE_LABELS.place.plural, entities: places },
        { label: TYPE_LABELS.product.plural, entities: products },
        { label: "Autres", entities: others },
      ].filter((g) => g.entities.length > 0),
      timeline,
      eventCount: all.length,
      axis: axisOf(all, timeline),
      // Filled in by the function returned, once they are known.
      related: [],
      previous: position > 0 ? articleRefs.get(chronological[position - 1]!.id)! : null,
      next: position >= 0 && position < chronological.length - 1 ? articleRefs.get(chronological[position + 1]!.id)! : null,
      threadView: threadOf(article),
    };
  });
  const articleOrder = new Map(articles.map((a, i) => [a.id, i]));
  const byArticleOrder = (ids: string[]): Article[] =>
    ids
      .filter((id) => articleOrder.has(id))
      .sort((a, b) => articleOrder.get(a)! - articleOrder.get(b)!)
      .map((id) => articleById.get(id)!);

  // Quotes by speaker, in one pass over the articles (newest article first).
  const quotesBySpeaker = new Map<string, EntityView["quotes"]>();
  for (const article of sorted) for (const quote of article.quotes) if (quote.speaker) push(quotesBySpeaker, quote.speaker, { text: quote.text, article: articleRefs.get(article.id)! });

  const entities: EntityView[] = archive.entities.map((entity) => {
    const co = new Map<string, number>();
    for (const articleId of entity.articles) {
      for (const other of entitiesOfArticle.get(articleId) ?? []) {
        if (other.id !== entity.id) co.set(other.id, (co.get(other.id) ?? 0) + 1);
      }
    }
    const quotes = quotesBySpeaker.get(entity.id) ?? [];
    const subject = entityRefs.get(entity.id)!;
    return sharedValue({
      ...publishedOf(entity),
      typeLabel: TYPE_LABELS[entity.type].singular,
      index: { label: TYPE_LABELS[entity.type].plural, url: urls.entityIndex(entity.type) },
      articleCount: entity.articles.length,
      shownAliases: entity.aliases.slice(0, ALIASES),
      ...sliceOf(subject, TYPE_LABELS[entity.type].singular, eventsByEntity.get(entity.id) ?? []),
      coMentioned: [...co]
        .sort((a, b) => b[1] - a[1] || compareFrench(entityRefs.get(a[0])!.name, entityRefs.get(b[0])!.name))
        .slice(0, CO_MENTIONED)
        .map(([id, count]) => ({ ...entityRefs.get(id)!, count })),
      quotes: quotes.slice(0, QUOTES),
      quoteCount: quotes.length,
    });
  });

  const entityIndexes = (Object.keys(ENTITY_FOLDERS) as EntityType[]).map((type) => {
    const list = entities.filter((e) => e.type === type);
    return { type, label: TYPE_LABELS[type].plural, url: urls.entityIndex(type), entities: list, letters: groupByInitial(list, (e) => e.name) };
  });

  const topics: TopicView[] = archive.topics.map(({ articles: cited, ...topic }) =>
    sharedValue({
      ...topic,
      articleCount: cited.length,
      ...sliceOf({ id: topic.id, name: topic.label, url: topic.url }, "Thème", eventsByTopic.get(topic.id) ?? []),
    }),
  );

  const topicById = new Map(archive.topics.map((t) => [t.id, t]));
  const archives = buildArchives(sorted.map((a) => ({ article: a, summary: summaryOf(a) })));
  const dated = sorted.filter((a) => a.date);
  const topEntities = (type: EntityType) =>
    entities
      .filter((e) => e.type === type)
      .map((e) => ({ ...entityRefs.get(e.id)!, count: e.articleCount }))
      .sort((a, b) => b.count - a.count || compareFrench(a.name, b.name))
      .slice(0, HOME_TOP_ENTITIES);

  const view: SiteView = {
    articles,
    feedArticles: articles,
    entities,
    entityPages: entities.flatMap((entity) => {
      const heading: EntityHeading = { id: entity.id, name: entity.name, url: entity.url, typeLabel: entity.typeLabel, index: entity.index, wikidata: entity.wikidata };
      return paginateByYear(byArticleOrder(entityById.get(entity.id)!.articles), entity.url, articleYear, "Les plus récents").map((page) => ({
        entity: page.part && !page.part.front ? heading : entity,
        page: { ...page, items: page.items.map((a) => ({ ...articleRefs.get(a.id)!, date: articleDate(a) })) },
      }));
    }),
    entityIndexes,
    topics,
    topicPages: topics.flatMap((topic) => {
      const heading: TopicHeading = { id: topic.id, label: topic.label, url: topic.url };
      return paginateByYear(byArticleOrder(topicById.get(topic.id)!.articles), topic.url, articleYear, "Les plus récents").map((page) => ({
        topic: page.part && !page.part.front ? heading : topic,
        page: { ...page, items: page.items.map(summaryOf) },
      }));
    }),
    threads: threadViews,
    threadPages: threadViews.flatMap((thread) =>
      paginate(
        threadById.get(thread.id)!.articles.flatMap((id) => (articleById.has(id) ? [summaryOf(articleById.get(id)!)] : [])),
        thread.url,
      ).map((page) => ({ thread, page })),
    ),
    eventPages,
    timeline: buildTimeline(events),
    archives: { ...archives, undated: sorted.filter((a) => !a.date).map(summaryOf) },
    home: {
      latest: sorted.slice(0, HOME_LATEST).map(summaryOf),
      people: topEntities("person"),
      organizations: topEntities("organization"),
      timelineExcerpt: latest(events, HOME_TIMELINE_EXCERPT),
      coverage: coverage(dated.map((a) => a.date!.value)),
      counts: {
        articles: articles.length,
        undated: articles.length - dated.length,
        entities: entities.length,
        events: events.length,
        topics: topics.length,
      },
    },
  };
  return (related) => {
    for (const article of articles) {
      article.related = (related.get(article.id) ?? []).map((r) => ({
        article: summaryOf(articleById.get(r.id)!),
        reason: relatedReason(r, (id) => entityById.get(id)?.name),
      }));
    }
    return view;
  };
}

const yearLabel = (year: string): string => (year === "autres" ? "Autres dates" : year);
const monthHeading = (year: string, month: string): string => (month ? `${monthName(Number(month))} ${year}` : year === "autres" ? "Autres dates" : `${year}, mois inconnu`);

/**
 * The timeline as pages, where each event's URL (placeOnTimeline) puts it:
 * a page per year, and in a busy year a page per month (the year page then
 * lists the events known only to a longer period, and the months); a front
 * page with the axis of the whole archive, the years and the latest events.
 * `events` is in date order.
 */
export function buildTimeline(events: EventView[]): SiteView["timeline"] {
  const byYear = new Map<string, EventView[]>();
  for (const event of events) push(byYear, event.year, event);
  const years = [...byYear.keys()].sort((a, b) => (a === "autres" ? 1 : b === "autres" ? -1 : a.localeCompare(b)));
  const yearPages: TimelineYearPage[] = [];
  /** Where the axis of the front page sends a month: "2023-03" → URL. */
  const monthStart = new Map<string, string>();
  for (const [i, year] of years.entries()) {
    const list = byYear.get(year)!;
    const yearUrl = urls.timelineYear(year);
    // Events of the year page(s), and of each month page, in date order, as
    // their URLs say; a year is busy when placeOnTimeline gave it month pages.
    const onYear: EventView[] = [];
    const byMonth = new Map<string, EventView[]>();
    for (const event of list) {
      const month = eventMonthPage(event.url);
      if (month) push(byMonth, month, event);
      else onYear.push(event);
    }
    const busy = byMonth.size > 0;
    const monthCounts = new Map<string, number>();
    for (const event of list) {
      const month = eventMonth(event.date.value);
      monthCounts.set(month, (monthCounts.get(month) ?? 0) + 1);
    }
    // The month index: headings of the year page, or month pages.
    const months: TimelineYearPage["months"] = [];
    // ("" first: events known only to a longer period, listed on the year page.)
    for (const month of [...monthCounts.keys()].sort()) {
      const url = !month ? `${yearUrl}#mois-annee` : busy ? urls.timelineMonth(year, month) : `${yearUrl}#mois-${month}`;
      months.push({ label: monthHeading(year, month), url, count: monthCounts.get(month)! });
      if (month) monthStart.set(`${year}-${month}`, url);
    }
    const previous = i > 0 ? { label: yearLabel(years[i - 1]!), url: urls.timelineYear(years[i - 1]!), rel: "Année précédente" } : null;
    const next = i < years.length - 1 ? { label: yearLabel(years[i + 1]!), url: urls.timelineYear(years[i + 1]!), rel: "Année suivante" } : null;

    const yearPageList = paginate(onYear, yearUrl, TIMELINE_PAGE_SIZE);
    // A busy year whose events all have a month still has its page: the axis and the months.
    if (yearPageList.length === 0) yearPageList.push({ number: 1, total: 1, url: yearUrl, items: [], previousUrl: null, nextUrl: null, links: [{ number: 1, url: yearUrl }] });
    for (const page of yearPageList) {
      const here = new Set(page.items.map((e) => e.id));
      yearPages.push({
        year,
        label: yearLabel(year),
        ofLabel: year === "autres" ? "d’autres dates" : `de ${year}`,
        count: list.length,
        page,
        groups: groupByMonth(year, page.items),
        months,
        axis:
          page.number === 1
            ? layoutAxis(
                list.map((e) => ({ id: e.id, date: e.date, label: `${e.dateView.label} : ${e.text}`, href: here.has(e.id) ? `#${e.id}` : e.url })),
                { monthHref: (y, m) => monthStart.get(`${y}-${m}`) ?? null },
              )
            : null,
        up: null,
        previous,
        next,
      });
    }
    const monthKeys = [...byMonth.keys()].sort();
    for (const [j, month] of monthKeys.entries()) {
      const label = monthHeading(year, month);
      const sibling = (k: number, rel: string) => (k >= 0 && k < monthKeys.length ? { label: monthHeading(year, monthKeys[k]!), url: urls.timelineMonth(year, monthKeys[k]!), rel } : null);
      for (const page of paginate(byMonth.get(month)!, urls.timelineMonth(year, month), TIMELINE_PAGE_SIZE)) {
        yearPages.push({
          year,
          label,
          ofLabel: /^[aeiou]/.test(label) ? `d’${label}` : `de ${label}`,
          count: byMonth.get(month)!.length,
          page,
          groups: [{ label, anchor: page.number === 1 ? `mois-${month}` : null, events: page.items }],
          months,
          axis: null,
          up: { label: yearLabel(year), url: yearUrl },
          previous: sibling(j - 1, "Mois précédent"),
          next: sibling(j + 1, "Mois suivant"),
        });
      }
    }
  }
  const latestEvents = latest(events, TIMELINE_LATEST);
  const here = new Set(latestEvents.map((e) => e.id));
  return {
    years: years.map((year) => ({ year, label: yearLabel(year), url: urls.timelineYear(year), count: byYear.get(year)!.length })),
    latest: latestEvents,
    count: events.length,
    axis: layoutAxis(
      events.map((e) => ({ id: e.id, date: e.date, label: `${e.dateView.label} : ${e.text}`, href: here.has(e.id) ? `#${e.id}` : e.url })),
      { monthHref: (y, m) => monthStart.get(`${y}-${m}`) ?? null },
    ),
    yearPages,
  };
}

/** "03" when the event's URL is on a month page (…/2023/03/[page/N/]#id), else null. */
function eventMonthPage(url: string): string | null {
  return /^\/chronologie\/[^/]+\/(\d{2})\//.exec(url)?.[1] ?? null;
}

/** A year page's events under month headings, each heading's anchor once. */
function groupByMonth(year: string, events: EventView[]): TimelineGroup[] {
  const groups: TimelineGroup[] = [];
  const anchored = new Set<string>();
  for (const event of events) {
    const month = eventMonth(event.date.value);
    const label = monthHeading(year, month);
    const last = groups[groups.length - 1];
    if (last?.label === label) {
      last.events.push(event);
      continue;
    }
    const anchor = `mois-${month || "annee"}`;
    groups.push({ label, anchor: anchored.has(anchor) ? null : anchor, events: [event] });
    anchored.add(anchor);
  }
  return groups;
}

/**
 * Archives: a page per year (its articles under month headings), a page per
 * month, a page of undated articles; each paginated when long. Articles
 * known only to the year are listed on the year's page under "mois inconnu".
 */
export function buildArchives(list: Array<{ article: Article; summary: ArticleSummary }>): Pick<SiteView["archives"], "years" | "pages"> {
  const byYear = new Map<string, Array<{ article: Article; summary: ArticleSummary }>>();
  const undated: ArticleSummary[] = [];
  for (const item of list) {
    if (!item.article.date) undated.push(item.summary);
    else push(byYear, item.article.date.value.slice(0, 4), item);
  }
  const monthOf = (a: Article): string => (a.date!.precision === "year" ? "" : a.date!.value.slice(5, 7));
  const monthLabel = (year: string, month: string): string => (month ? `${monthName(Number(month))} ${year}` : `${year}, mois inconnu`);
  const up = { label: "Archives", url: urls.archives() };

  const years: SiteView["archives"]["years"] = [];
  const pages: ArchivePage[] = [];
  for (const [year, items] of [...byYear].sort((a, b) => b[0].localeCompare(a[0]))) {
    const months = new Map<string, ArticleSummary[]>();
    for (const { article, summary } of items) push(months, monthOf(article), summary);

    const monthList = [...months]
      .sort((a, b) => b[0].localeCompare(a[0]))
      .map(([month, summaries]) => ({ month, label: monthLabel(year, month), url: month ? urls.month(year, month) : null, count: summaries.length, summaries }));
    years.push({ year, url: urls.year(year), count: items.length, months: monthList.map(({ summaries: _s, ...m }) => m) });

    const monthOfSummary = new Map(items.map(({ article, summary }) => [summary.id, monthOf(article)]));
    for (const page of paginate(monthList.flatMap((m) => m.summaries), urls.year(year))) {
      const groups: ArchiveGroup[] = [];
      for (const summary of page.items) {
        const label = monthLabel(year, monthOfSummary.get(summary.id)!);
        const last = groups[groups.length - 1];
        if (last?.label === label) last.articles.push(summary);
        else groups.push({ label, articles: [summary] });
      }
      pages.push({
        title: `Archives ${year}`,
        period: year,
        page,
        groups,
        parts: monthList.filter((m) => m.url).map((m) => ({ label: m.label, url: m.url!, count: m.count })),
        up,
      });
    }
    for (const month of monthList) {
      if (!month.url) continue;
      for (const page of paginate(month.summaries, month.url)) {
        pages.push({
          title: `Archives ${month.label}`,
          period: month.label,
          page,
          groups: [{ label: month.label, articles: page.items }],
          parts: [],
          up: { label: year, url: urls.year(year) },
        });
      }
    }
  }
  for (const page of paginate(undated, urls.undated())) {
    pages.push({ title: "Articles sans date", period: "Sans date", page, groups: [{ label: "Sans date", articles: page.items }], parts: [], up });
  }
  return { years, pages };
}
