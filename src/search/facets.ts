/**
 * What the search index knows about a page besides its text: filters
 * (person, organisation, place, topic, year), the sort key (date) and the
 * metadata shown with a result. Rendered into article pages as
 * `data-pagefind-*` attributes (templates/_includes/partials/search-meta.njk)
 * and given to entity records directly (src/search/index.ts).
 * https://pagefind.app/docs/filtering/
 */
import type { ArchiveEntity, Article, EntityType, MentionCount } from "../types.ts";
import { formatDate } from "../extract/text/french-dates.ts";

/** Filter keys, as the search page names them. */
export const FILTERS = {
  personne: "Personne",
  organisation: "Organisation",
  lieu: "Lieu",
  theme: "Thème",
  annee: "Année",
} as const;
export type FilterKey = keyof typeof FILTERS;

const FILTER_BY_TYPE: Partial<Record<EntityType, FilterKey>> = {
  person: "personne",
  organization: "organisation",
  place: "lieu",
};

export interface SearchFacets {
  filters: Array<{ key: FilterKey; value: string }>;
  /** Sort keys; absent for an undated page, which Pagefind then ranks after dated ones. */
  sort: Array<{ key: "date"; value: string }>;
  meta: Array<{ key: string; value: string }>;
}

export function articleFacets(article: Pick<Article, "topic" | "date"> & { mentionCounts: readonly MentionCount[] }, entities: readonly Pick<ArchiveEntity, "id" | "name" | "type">[]): SearchFacets {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const seen = new Set<string>();
  const filters: SearchFacets["filters"] = [];
  for (const mention of article.mentionCounts) {
    const entity = byId.get(mention.entity);
    const key = entity ? FILTER_BY_TYPE[entity.type] : undefined;
    if (!entity || !key || seen.has(entity.id)) continue;
    seen.add(entity.id);
    filters.push({ key, value: entity.name });
  }
  filters.sort((a, b) => (a.key === b.key ? a.value.localeCompare(b.value, "fr") : a.key < b.key ? -1 : 1));
  if (article.topic) filters.push({ key: "theme", value: article.topic.label });
  if (article.date) filters.push({ key: "annee", value: article.date.value.slice(0, 4) });
  return {
    filters,
    sort: article.date ? [{ key: "date", value: article.date.value }] : [],
    meta: article.date ? [{ key: "date", value: formatDate(article.date.value) }] : [{ key: "date", value: "Sans date" }],
  };
}

/** Labels of entity types, for an entity's own search record. */
const TYPE_LABELS: Record<EntityType, string> = {
  person: "Personne",
  organization: "Organisation",
  place: "Lieu",
  product: "Produit",
  other: "Entité",
};

/** A search record for an entity page: its names and description, filtered under its own name. */
export function entityRecord(entity: ArchiveEntity, url: string, language: string) {
  const key = FILTER_BY_TYPE[entity.type];
  const content = [
    `${entity.name}.`,
    `${TYPE_LABELS[entity.type]}.`,
    entity.description ? `${entity.description}.` : "",
    entity.aliases.length ? `Aussi écrit : ${entity.aliases.join(", ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    url,
    content,
    language,
    meta: { title: entity.name, genre: TYPE_LABELS[entity.type] },
    filters: key ? { [key]: [entity.name] } : {},
  };
}
