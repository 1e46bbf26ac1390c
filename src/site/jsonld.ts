/**
 * schema.org descriptions of pages, as JSON-LD: a NewsArticle for each
 * article (what it is about, what it mentions), a Person, Organization or
 * Place for each entity page, linked to Wikidata when the gazetteer knows
 * the entity's QID.
 * https://schema.org/NewsArticle
 */
import type { PublishedEntity, EntityType } from "../types.ts";
import type { ArticleView } from "./view.ts";
import { absoluteUrl, type SiteIdentity } from "./seo.ts";

export type JsonLd = Record<string, unknown>;

const SCHEMA_TYPES: Record<EntityType, string> = {
  person: "Person",
  organization: "Organization",
  place: "Place",
  product: "Product",
  other: "Thing",
};

export function wikidataUrl(qid: string): string {
  return `https://www.wikidata.org/entity/${qid}`;
}

/** A short description of an entity, as the object of about/mentions. */
function entityRef(site: SiteIdentity, entity: PublishedEntity): JsonLd {
  return {
    "@type": SCHEMA_TYPES[entity.type],
    name: entity.name,
    url: absoluteUrl(site, entity.url),
    ...(entity.wikidata ? { sameAs: wikidataUrl(entity.wikidata) } : {}),
  };
}

function normalise(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * Splits an article's entities into what it is about and what it only
 * mentions. An entity named in the headline is a subject; when the headline
 * names none, the most mentioned entities are. Order: by mentions, then name.
 */
export function subjectsOf(article: Pick<ArticleView, "title" | "mentionCounts">, entities: readonly PublishedEntity[]): { about: PublishedEntity[]; mentions: PublishedEntity[] } {
  const counts = new Map(article.mentionCounts.map((m) => [m.entity, m.count]));
  const byId = new Map(entities.map((e) => [e.id, e]));
  const present = [...counts.keys()]
    .map((id) => byId.get(id))
    .filter((e): e is PublishedEntity => e !== undefined)
    .sort((a, b) => counts.get(b.id)! - counts.get(a.id)! || a.name.localeCompare(b.name, "fr") || (a.id < b.id ? -1 : 1));
  const title = ` ${normalise(article.title).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  const named = (e: PublishedEntity) =>
    [e.name, ...e.aliases].some((n) => {
      const words = normalise(n).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
      return words.length > 1 && title.includes(` ${words} `);
    });
  let about = present.filter(named);
  if (about.length === 0 && present.length > 0) {
    const top = counts.get(present[0]!.id)!;
    about = present.filter((e) => counts.get(e.id) === top);
  }
  const aboutIds = new Set(about.map((e) => e.id));
  return { about, mentions: present.filter((e) => !aboutIds.has(e.id)) };
}

/** What an article's JSON-LD and head metadata read of its page data. */
export type ArticleMetadata = Pick<ArticleView, "url" | "title" | "summary" | "lang" | "date" | "author" | "topic" | "tags" | "wordCount" | "sourceUrl" | "mentionCounts">;

export function articleJsonLd(site: SiteIdentity, article: ArticleMetadata, entities: readonly PublishedEntity[]): JsonLd {
  const url = absoluteUrl(site, article.url);
  const { about, mentions } = subjectsOf(article, entities);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": url,
    url,
    mainEntityOfPage: url,
    headline: article.title,
    ...(article.summary ? { description: article.summary } : {}),
    inLanguage: article.lang,
    ...(article.date ? { datePublished: article.date.value } : {}),
    ...(article.author ? { author: { "@type": "Person", name: article.author } } : {}),
    ...(article.topic ? { articleSection: article.topic.label } : {}),
    ...(article.tags.length ? { keywords: article.tags.join(", ") } : {}),
    wordCount: article.wordCount,
    ...(about.length ? { about: about.map((e) => entityRef(site, e)) } : {}),
    ...(mentions.length ? { mentions: mentions.map((e) => entityRef(site, e)) } : {}),
    ...(article.sourceUrl ? { isBasedOn: article.sourceUrl } : {}),
    isPartOf: { "@type": "WebSite", name: site.title, url: absoluteUrl(site, "/") },
  };
}

export function entityJsonLd(site: SiteIdentity, entity: PublishedEntity): JsonLd {
  return {
    "@context": "https://schema.org",
    ...entityRef(site, entity),
    "@id": absoluteUrl(site, entity.url),
    ...(entity.aliases.length ? { alternateName: entity.aliases } : {}),
    ...(entity.description ? { description: entity.description } : {}),
  };
}

/**
 * The site itself, on the home page, with its search: a search engine may
 * offer a search box that leads to the search page (which reads `?q=`).
 */
export function websiteJsonLd(site: SiteIdentity): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    "@id": absoluteUrl(site, "/"),
    url: absoluteUrl(site, "/"),
    name: site.title,
    description: site.description,
    inLanguage: site.lang,
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl(site, "/recherche/")}?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}

/**
 * JSON for a `<script type="application/ld+json">` element. `<` is escaped so
 * that no string ("</script>", "<!--") can end or change the script element;
 * U+2028/2029 for old parsers.
 */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
