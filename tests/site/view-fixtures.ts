/**
 * Small hand-made archives for the view tests: a few French articles with
 * only the fields the reading side looks at filled in.
 */
import type { Archive, ArchiveEntity, Article, ArticleDate, EntityType, Mention, TimelineEvent } from "../../src/types.ts";
import { urls } from "../../src/link/urls.ts";

export function dated(value: string, basis: ArticleDate["basis"] = "front-matter", evidence: ArticleDate["evidence"] = []): ArticleDate {
  const precision = value.length === 4 ? "year" : value.length === 7 ? "month" : "day";
  return { value, precision, basis, evidence };
}

const mention = (entity: string, type: EntityType = "person"): Mention => ({ text: entity, start: 0, end: entity.length, entity, type, rule: "test" });

export function article(id: string, options: { title?: string; date?: string | ArticleDate | null; entities?: string[]; topic?: string | null } = {}): Article {
  const title = options.title ?? `Article ${id}`;
  const date = options.date === undefined || options.date === null ? null : typeof options.date === "string" ? dated(options.date) : options.date;
  return {
    id,
    url: urls.article(id),
    source: `${id}.txt`,
    title,
    titleInferred: false,
    lang: "fr",
    langDetected: "fra",
    date,
    topic: options.topic ? { id: options.topic, label: options.topic } : null,
    topics: [],
    tags: [],
    author: null,
    sourceUrl: null,
    credit: null,
    summary: `Chapeau de ${title}`,
    headings: [],
    blocks: [],
    html: "<p>Texte.</p>",
    wordCount: 1,
    boilerplate: [],
    timexes: [],
    mentions: (options.entities ?? []).map((e) => mention(e)),
    quotes: [],
    events: [],
    thread: null,
  };
}

export function entity(id: string, name: string, type: EntityType, articles: string[]): ArchiveEntity {
  return { id, name, type, aliases: [], description: null, wikidata: null, articles, url: urls.entity(type, id) };
}

export function event(id: string, value: string, articles: string[], entities: string[] = []): TimelineEvent {
  const precision = value.length === 4 ? "year" : value.length === 7 ? "month" : "day";
  return { id, date: { value, precision }, text: `Événement ${id}`, articles, entities, topics: [], url: urls.event(id, value.slice(0, 4)) };
}

export function archiveOf(articles: Article[], extra: Partial<Archive> = {}): Archive {
  return { articles, entities: [], timeline: [], topics: [], threads: [], threadRegistry: {}, diagnostics: [], ...extra };
}
