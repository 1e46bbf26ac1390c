/**
 * What the templates need, computed once from the Archive: sorted lists,
 * French labels, cross-references resolved to {name, url} pairs. Templates
 * only loop and print; every decision is made here, in tested TypeScript.
 */
import type { Archive, ArchiveEntity, Article, EntityType, TimelineEvent } from "../types.ts";
import { toExport, type ArchiveExport } from "../link/export.ts";
import { urls, ENTITY_FOLDERS } from "../link/urls.ts";
import { formatDate, monthName } from "./french.ts";

export interface Ref {
  id: string;
  name: string;
  url: string;
}

export interface DateView {
  /** ISO value for `<time datetime>`. */
  iso: string;
  /** French text at the value's precision. */
  label: string;
  precision: string;
  /** How the date was obtained, in French, when it is not from metadata. */
  how: string | null;
}

export interface ArticleView extends Article {
  dateView: DateView | null;
  people: Ref[];
  organizations: Ref[];
  places: Ref[];
  products: Ref[];
  others: Ref[];
  timeline: EventView[];
  previous: Ref | null;
  next: Ref | null;
}

export interface EventView extends TimelineEvent {
  dateView: DateView;
  year: string;
  entityRefs: Ref[];
  articleRefs: Ref[];
}

export interface EntityView extends ArchiveEntity {
  typeLabel: string;
  articleRefs: Array<Ref & { date: DateView | null }>;
  events: EventView[];
  coMentioned: Array<Ref & { count: number }>;
  quotes: Array<{ text: string; article: Ref }>;
}

export interface SiteView {
  articles: ArticleView[];
  entities: EntityView[];
  entityIndexes: Array<{ type: EntityType; label: string; url: string; entities: EntityView[] }>;
  topics: Array<Archive["topics"][number] & { articleRefs: Ref[]; events: EventView[] }>;
  timeline: { years: Array<{ year: string; events: EventView[] }>; events: EventView[] };
  archives: { years: Array<{ year: string; url: string; articles: ArticleView[]; months: Array<{ month: string; label: string; articles: ArticleView[] }> }>; undated: ArticleView[] };
  exports: ArchiveExport;
}

export const TYPE_LABELS: Record<EntityType, { singular: string; plural: string }> = {
  person: { singular: "Personne", plural: "Personnes" },
  organization: { singular: "Organisation", plural: "Organisations" },
  place: { singular: "Lieu", plural: "Lieux" },
  product: { singular: "Produit", plural: "Produits" },
  other: { singular: "Autre", plural: "Autres entités" },
};

const BASIS_LABELS: Record<string, string> = {
  text: "date donnée par le texte",
  inferred: "date déduite du texte",
};

function dateView(value: string, precision: string, basis?: string, evidence: Array<{ text: string }> = []): DateView {
  const how = basis && basis !== "front-matter" ? `${BASIS_LABELS[basis] ?? basis}${evidence.length ? ` (${evidence.map((e) => `« ${e.text} »`).join(", ")})` : ""}` : null;
  return { iso: value, label: formatDate(value), precision, how };
}

/** Newest first; articles without a date come last, by title. */
export function compareArticles(a: Article, b: Article): number {
  if (a.date && b.date) return b.date.value.localeCompare(a.date.value) || a.title.localeCompare(b.title, "fr");
  if (a.date) return -1;
  if (b.date) return 1;
  return a.title.localeCompare(b.title, "fr");
}

export function buildSiteView(archive: Archive): SiteView {
  const entityById = new Map(archive.entities.map((e) => [e.id, e]));
  const articleById = new Map(archive.articles.map((a) => [a.id, a]));
  const ref = (e: { id: string; name?: string; title?: string; url: string }): Ref => ({ id: e.id, name: e.name ?? e.title ?? e.id, url: e.url });

  const events: EventView[] = archive.timeline.map((event) => ({
    ...event,
    dateView: dateView(event.date.value, event.date.precision),
    year: event.date.value.slice(0, 4),
    entityRefs: event.entities.flatMap((id) => (entityById.has(id) ? [ref(entityById.get(id)!)] : [])),
    articleRefs: event.articles.flatMap((id) => (articleById.has(id) ? [ref(articleById.get(id)!)] : [])),
  }));

  const sorted = [...archive.articles].sort(compareArticles);
  // Previous / next follow the reading order of the dated archive, oldest to newest.
  const chronological = sorted.filter((a) => a.date).reverse();
  const articles: ArticleView[] = sorted.map((article) => {
    const entityIds = [...new Set(article.mentions.map((m) => m.entity))];
    const byType = (type: EntityType) =>
      entityIds
        .map((id) => entityById.get(id))
        .filter((e): e is ArchiveEntity => e !== undefined && e.type === type)
        .map(ref)
        .sort((a, b) => a.name.localeCompare(b.name, "fr"));
    const position = chronological.findIndex((a) => a.id === article.id);
    return {
      ...article,
      dateView: article.date ? dateView(article.date.value, article.date.precision, article.date.basis, article.date.evidence) : null,
      people: byType("person"),
      organizations: byType("organization"),
      places: byType("place"),
      products: byType("product"),
      others: byType("other"),
      timeline: events.filter((e) => e.articles.includes(article.id)),
      previous: position > 0 ? ref(chronological[position - 1]!) : null,
      next: position >= 0 && position < chronological.length - 1 ? ref(chronological[position + 1]!) : null,
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
    return {
      ...entity,
      typeLabel: TYPE_LABELS[entity.type].singular,
      articleRefs: entity.articles
        .map((id) => viewById.get(id))
        .filter((a): a is ArticleView => a !== undefined)
        .sort(compareArticles)
        .map((a) => ({ ...ref(a), date: a.dateView })),
      events: events.filter((e) => e.entities.includes(entity.id)),
      coMentioned: [...co]
        .filter(([id]) => entityById.has(id))
        .map(([id, count]) => ({ ...ref(entityById.get(id)!), count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "fr"))
        .slice(0, 10),
      quotes,
    };
  });

  const entityIndexes = (Object.keys(ENTITY_FOLDERS) as EntityType[]).map((type) => ({
    type,
    label: TYPE_LABELS[type].plural,
    url: urls.entityIndex(type),
    entities: entities.filter((e) => e.type === type),
  }));

  const years = new Map<string, EventView[]>();
  for (const event of events) years.set(event.year, [...(years.get(event.year) ?? []), event]);

  const archiveYears = new Map<string, ArticleView[]>();
  for (const article of articles) {
    if (article.date) archiveYears.set(article.date.value.slice(0, 4), [...(archiveYears.get(article.date.value.slice(0, 4)) ?? []), article]);
  }

  return {
    articles,
    entities,
    entityIndexes,
    topics: archive.topics.map((topic) => ({
      ...topic,
      articleRefs: topic.articles.map((id) => viewById.get(id)).filter((a): a is ArticleView => a !== undefined).sort(compareArticles).map(ref),
      events: events.filter((e) => e.topics.includes(topic.id)),
    })),
    timeline: { years: [...years].map(([year, list]) => ({ year, events: list })), events },
    archives: {
      years: [...archiveYears]
        .sort((a, b) => b[0].localeCompare(a[0]))
        .map(([year, list]) => {
          const months = new Map<string, ArticleView[]>();
          for (const article of list) {
            const month = article.date!.precision === "year" ? "" : article.date!.value.slice(5, 7);
            months.set(month, [...(months.get(month) ?? []), article]);
          }
          return {
            year,
            url: urls.year(year),
            articles: list,
            months: [...months]
              .sort((a, b) => b[0].localeCompare(a[0]))
              .map(([month, monthArticles]) => ({
                month,
                label: month ? `${monthName(Number(month))} ${year}` : `${year}, mois inconnu`,
                articles: monthArticles,
              })),
          };
        }),
      undated: articles.filter((a) => !a.date),
    },
    exports: toExport(archive),
  };
}
