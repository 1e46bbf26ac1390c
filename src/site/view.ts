/**
 * What the templates need, computed once from the Archive: sorted lists,
 * French labels, cross-references resolved to {name, url} pairs, pages of
 * long lists, the timeline axis. Templates only loop and print; every
 * decision is made here, in tested TypeScript.
 */
import type { Archive, ArchiveEntity, ArchiveTopic, Article, EntityType, TimelineEvent } from "../types.ts";
import { toExport, type ArchiveExport } from "../link/export.ts";
import { urls, ENTITY_FOLDERS } from "../link/urls.ts";
import { relatedArticles, type RelatedArticle } from "../link/related.ts";
import { loadReferenceEvents } from "../extract/date/evidence.ts";
import { formatDate, monthName } from "./french.ts";
import { compareTimexValues } from "../extract/time/index.ts";
import { dateReasons, describeDate, type DateReason, type EvidenceNames } from "./date-evidence.ts";
import { layoutAxis, type AxisLayout } from "./timeline-axis.ts";
import { compareFrench, groupByInitial, paginate, type LetterGroup, type Page } from "./lists.ts";

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

export interface RelatedView extends ArticleSummary {
  score: number;
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
  position: number;
  count: number;
  background: BackgroundItem[];
}

export interface ThreadView {
  id: string;
  title: string;
  summary: string;
  url: string;
  articles: ArticleSummary[];
  events: EventView[];
  axis: AxisLayout;
  entityRefs: Ref[];
}

export interface ArticleView extends Article {
  dateView: DateView | null;
  people: Ref[];
  organizations: Ref[];
  places: Ref[];
  products: Ref[];
  others: Ref[];
  /** The non-empty lists above, labelled, in reading order. */
  entityGroups: EntityGroup[];
  timeline: EventView[];
  axis: AxisLayout;
  related: RelatedView[];
  previous: Ref | null;
  next: Ref | null;
  threadView: ArticleThreadView | null;
}

export interface EventView extends TimelineEvent {
  dateView: DateView;
  year: string;
  entityRefs: Ref[];
  articleRefs: Ref[];
}

export interface EntityView extends ArchiveEntity {
  typeLabel: string;
  /** The index the entity is listed in: "Personnes", "/personnes/". */
  index: { label: string; url: string };
  articleRefs: Array<Ref & { date: DateView | null }>;
  events: EventView[];
  axis: AxisLayout;
  coMentioned: Array<Ref & { count: number }>;
  quotes: Array<{ text: string; article: Ref }>;
}

/** One page of an entity: page 1 carries everything, later pages only more articles. */
export interface EntityPage {
  entity: EntityView;
  page: Page<Ref & { date: DateView | null }>;
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

export interface TopicView extends ArchiveTopic {
  articleRefs: Ref[];
  events: EventView[];
  axis: AxisLayout;
}

export interface SiteView {
  articles: ArticleView[];
  entities: EntityView[];
  entityPages: EntityPage[];
  entityIndexes: Array<{ type: EntityType; label: string; url: string; entities: EntityView[]; letters: Array<LetterGroup<EntityView>> }>;
  topics: TopicView[];
  topicPages: Array<{ topic: TopicView; page: Page<ArticleSummary> }>;
  threads: ThreadView[];
  timeline: { years: Array<{ year: string; events: EventView[] }>; events: EventView[]; axis: AxisLayout };
  archives: {
    years: Array<{ year: string; url: string; count: number; months: Array<{ month: string; label: string; url: string | null; count: number }> }>;
    undated: ArticleView[];
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
  exports: ArchiveExport;
}

export const TYPE_LABELS: Record<EntityType, { singular: string; plural: string }> = {
  person: { singular: "Personne", plural: "Personnes" },
  organization: { singular: "Organisation", plural: "Organisations" },
  place: { singular: "Lieu", plural: "Lieux" },
  product: { singular: "Produit", plural: "Produits" },
  other: { singular: "Autre", plural: "Autres entités" },
};

export const HOME_LATEST = 8;
export const HOME_TOP_ENTITIES = 8;
export const HOME_TIMELINE_EXCERPT = 6;
export const CO_MENTIONED = 10;
/** A background box stays short: the latest earlier events of the story. */
export const BACKGROUND_ITEMS = 5;

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
export function compareArticles(a: Article, b: Article): number {
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

export function buildSiteView(archive: Archive): SiteView {
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
  const articleDate = (article: Article): DateView | null => {
    if (!article.date) return null;
    const how = describeDate(article.date, names);
    return {
      ...plainDate(article.date.value, article.date.precision),
      how,
      reasons: how ? dateReasons(article.date, names) : [],
      basisLabel: how ? how.split(" : ")[0]! : null,
    };
  };
  const summaryOf = (article: Article): ArticleSummary => ({
    ...ref(article),
    title: article.title,
    dateView: articleDate(article),
    topic: article.topic,
    summary: article.summary,
  });

  const events: EventView[] = archive.timeline.map((event) => ({
    ...event,
    dateView: plainDate(event.date.value, event.date.precision),
    year: event.date.value.slice(0, 4),
    entityRefs: event.entities.flatMap((id) => (entityById.has(id) ? [ref(entityById.get(id)!)] : [])),
    articleRefs: event.articles.flatMap((id) => (articleById.has(id) ? [ref(articleById.get(id)!)] : [])),
  }));
  const eventById = new Map(events.map((e) => [e.id, e]));
  const axisOf = (list: EventView[]): AxisLayout =>
    layoutAxis(list.map((e) => ({ id: e.id, date: e.date, label: `${e.dateView.label} : ${e.text}` })));
  const eventsByArticle = new Map<string, EventView[]>();
  const eventsByEntity = new Map<string, EventView[]>();
  const eventsByTopic = new Map<string, EventView[]>();
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const event of events) {
    for (const id of new Set(event.articles)) push(eventsByArticle, id, event);
    for (const id of new Set(event.entities)) push(eventsByEntity, id, event);
    for (const id of new Set(event.topics)) push(eventsByTopic, id, event);
  }

  const threadViews: ThreadView[] = archive.threads.map((thread) => {
    const own = thread.events.map((id) => eventById.get(id)).filter((e): e is EventView => e !== undefined);
    return {
      id: thread.id,
      title: thread.title,
      summary: thread.summary,
      url: thread.url,
      articles: thread.articles.map((id) => summaryOf(articleById.get(id)!)),
      events: own,
      axis: axisOf(own),
      entityRefs: thread.entities.flatMap((id) => (entityById.has(id) ? [ref(entityById.get(id)!)] : [])).slice(0, 8),
    };
  });
  const threadById = new Map(threadViews.map((t) => [t.id, t]));
  /** The story so far, as this article's reader needs it: events of the
   * thread that come before the article (by date, or reported by an earlier
   * article of the thread), each linked to an article that reports it. */
  const threadOf = (article: Article): ArticleThreadView | null => {
    const thread = article.thread ? threadById.get(article.thread) : undefined;
    if (!thread) return null;
    const position = thread.articles.findIndex((a) => a.id === article.id);
    const earlier = new Set(thread.articles.slice(0, position).map((a) => a.id));
    const background: BackgroundItem[] = [];
    for (const event of thread.events) {
      if (event.articles.includes(article.id)) continue;
      const before = article.date ? compareTimexValues(event.date.value, article.date.value) < 0 : event.articles.some((id) => earlier.has(id));
      if (!before) continue;
      const reporter = event.articles.find((id) => id !== article.id && articleById.has(id));
      if (reporter) background.push({ dateView: event.dateView, text: event.text, article: ref(articleById.get(reporter)!) });
    }
    return {
      id: thread.id,
      title: thread.title,
      url: thread.url,
      previous: position > 0 ? thread.articles[position - 1]! : null,
      next: position < thread.articles.length - 1 ? thread.articles[position + 1]! : null,
      position: position + 1,
      count: thread.articles.length,
      background: background.slice(-BACKGROUND_ITEMS),
    };
  };

  const related = relatedArticles(archive);
  const sorted = [...archive.articles].sort(compareArticles);
  // Previous / next follow the reading order of the dated archive, oldest to newest.
  const chronological = sorted.filter((a) => a.date).reverse();
  const chronologicalPosition = new Map(chronological.map((a, i) => [a.id, i]));
  const articles: ArticleView[] = sorted.map((article) => {
    const entityIds = [...new Set(article.mentions.map((m) => m.entity))];
    const byType = (type: EntityType): Ref[] =>
      entityIds
        .map((id) => entityById.get(id))
        .filter((e): e is ArchiveEntity => e !== undefined && e.type === type)
        .map(ref)
        .sort((a, b) => compareFrench(a.name, b.name));
    const position = chronologicalPosition.get(article.id) ?? -1;
    const people = byType("person");
    const organizations = byType("organization");
    const places = byType("place");
    const products = byType("product");
    const others = byType("other");
    const timeline = eventsByArticle.get(article.id) ?? [];
    return {
      ...article,
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
      axis: axisOf(timeline),
      related: (related.get(article.id) ?? []).map((r) => ({
        ...summaryOf(articleById.get(r.id)!),
        score: r.score,
        reason: relatedReason(r, (id) => entityById.get(id)?.name),
      })),
      previous: position > 0 ? ref(chronological[position - 1]!) : null,
      next: position >= 0 && position < chronological.length - 1 ? ref(chronological[position + 1]!) : null,
      threadView: threadOf(article),
    };
  });
  const viewById = new Map(articles.map((a) => [a.id, a]));

  const entities: EntityView[] = archive.entities.map((entity) => {
    const co = new Map<string, number>();
    const quotes: EntityView["quotes"] = [];
    for (const articleId of entity.articles) {
      const article = articleById.get(articleId);
      if (!article) continue;
      for (const other of new Set(article.mentions.map((m) => m.entity))) {
        if (other !== entity.id) co.set(other, (co.get(other) ?? 0) + 1);
      }
      for (const quote of article.quotes) if (quote.speaker === entity.id) quotes.push({ text: quote.text, article: ref(article) });
    }
    const own = eventsByEntity.get(entity.id) ?? [];
    return {
      ...entity,
      typeLabel: TYPE_LABELS[entity.type].singular,
      index: { label: TYPE_LABELS[entity.type].plural, url: urls.entityIndex(entity.type) },
      articleRefs: entity.articles
        .map((id) => viewById.get(id))
        .filter((a): a is ArticleView => a !== undefined)
        .sort(compareArticles)
        .map((a) => ({ ...ref(a), date: a.dateView })),
      events: own,
      axis: axisOf(own),
      coMentioned: [...co]
        .filter(([id]) => entityById.has(id))
        .map(([id, count]) => ({ ...ref(entityById.get(id)!), count }))
        .sort((a, b) => b.count - a.count || compareFrench(a.name, b.name))
        .slice(0, CO_MENTIONED),
      quotes,
    };
  });

  const entityIndexes = (Object.keys(ENTITY_FOLDERS) as EntityType[]).map((type) => {
    const list = entities.filter((e) => e.type === type);
    return { type, label: TYPE_LABELS[type].plural, url: urls.entityIndex(type), entities: list, letters: groupByInitial(list, (e) => e.name) };
  });

  const years = new Map<string, EventView[]>();
  for (const event of events) push(years, event.year, event);

  const topics: TopicView[] = archive.topics.map((topic) => {
    const own = eventsByTopic.get(topic.id) ?? [];
    return {
      ...topic,
      articleRefs: topic.articles.map((id) => viewById.get(id)).filter((a): a is ArticleView => a !== undefined).sort(compareArticles).map(ref),
      events: own,
      axis: axisOf(own),
    };
  });

  const archives = buildArchives(articles.map((a) => ({ article: a, summary: summaryOf(a) })));
  const dated = articles.filter((a) => a.date);
  const topEntities = (type: EntityType) =>
    entities
      .filter((e) => e.type === type)
      .map((e) => ({ ...ref(e), count: e.articles.length }))
      .sort((a, b) => b.count - a.count || compareFrench(a.name, b.name))
      .slice(0, HOME_TOP_ENTITIES);

  return {
    articles,
    entities,
    entityPages: entities.flatMap((entity) => paginate(entity.articleRefs, entity.url).map((page) => ({ entity, page }))),
    entityIndexes,
    topics,
    topicPages: topics.flatMap((topic) =>
      paginate(
        topic.articleRefs.map((r) => summaryOf(articleById.get(r.id)!)),
        topic.url,
      ).map((page) => ({ topic, page })),
    ),
    threads: threadViews,
    timeline: { years: [...years].map(([year, list]) => ({ year, events: list })), events, axis: axisOf(events) },
    archives: { ...archives, undated: articles.filter((a) => !a.date) },
    home: {
      latest: articles.slice(0, HOME_LATEST).map(summaryOf),
      people: topEntities("person"),
      organizations: topEntities("organization"),
      timelineExcerpt: events.slice(-HOME_TIMELINE_EXCERPT),
      coverage: coverage(dated.map((a) => a.date!.value)),
      counts: {
        articles: articles.length,
        undated: articles.length - dated.length,
        entities: entities.length,
        events: events.length,
        topics: topics.length,
      },
    },
    exports: toExport(archive),
  };
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
    else {
      const year = item.article.date.value.slice(0, 4);
      byYear.set(year, [...(byYear.get(year) ?? []), item]);
    }
  }
  const monthOf = (a: Article): string => (a.date!.precision === "year" ? "" : a.date!.value.slice(5, 7));
  const monthLabel = (year: string, month: string): string => (month ? `${monthName(Number(month))} ${year}` : `${year}, mois inconnu`);
  const up = { label: "Archives", url: urls.archives() };

  const years: SiteView["archives"]["years"] = [];
  const pages: ArchivePage[] = [];
  for (const [year, items] of [...byYear].sort((a, b) => b[0].localeCompare(a[0]))) {
    const months = new Map<string, ArticleSummary[]>();
    for (const { article, summary } of items) months.set(monthOf(article), [...(months.get(monthOf(article)) ?? []), summary]);
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
