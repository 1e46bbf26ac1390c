/**
 * The archive as a whole: what no single article can decide alone.
 * Article ids, one entity per real-world thing across articles, topics, tags,
 * the merged timeline, and body HTML whose first mentions link to the
 * entity pages.
 */
import { createHash } from "node:crypto";
import type { Archive, ArchiveEntity, ArchiveThread, ArchiveTopic, Article, Diagnostic, Entity, EntityType, TimelineEvent } from "../types.ts";
import { buildThreads, type ThreadRegistry } from "./threads.ts";
import { formatDate } from "../extract/text/french-dates.ts";
import type { ArticleExtraction } from "../extract/article.ts";
import { slugify } from "../extract/text/index.ts";
import { loadTopics } from "../extract/topics/index.ts";
import { computeTags, type TagEntity } from "../extract/topics/index.ts";
import { mergeEvents } from "./events.ts";
import { renderBlocks, type TextLink } from "../structure/render.ts";
import { urls } from "./urls.ts";
import { mentionsByEntity } from "./mentions.ts";

const MAX_SLUG_LENGTH = 80;

function shortHash(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 6);
}

/** Cuts a slug at a hyphen so it stays readable. */
function trimSlug(slug: string): string {
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  return cut.slice(0, cut.lastIndexOf("-") > 20 ? cut.lastIndexOf("-") : MAX_SLUG_LENGTH);
}

/**
 * Stable, unique article ids (the URL segment of each article).
 *
 * - A front matter slug or permalink wins, reduced to one safe segment (no
 *   "../" can leave the output folder).
 * - Otherwise an article keeps the id it was published under (`published`:
 *   source file → id, the URL registry of earlier builds), so a later article
 *   with the same title, or an edited title, never moves it.
 * - Otherwise the id comes from the title.
 * Articles that would still share an id all get a suffix from their file
 * name, so the result never depends on the order the files are read in.
 */
export function assignArticleIds(extractions: ArticleExtraction[], published: Record<string, string> = {}): string[] {
  const fromEditor = extractions.map((e) =>
    e.slug ? trimSlug(slugify(e.slug.split(/[\\/]+/).filter((part) => part && part !== "..").pop() ?? "")) : "",
  );
  const kept = extractions.map((e, i) => (fromEditor[i] ? "" : (published[e.source] ?? "")));
  const wanted = extractions.map((e, i) => fromEditor[i] || kept[i] || trimSlug(slugify(e.title)) || `article-${shortHash(e.source)}`);
  const counts = new Map<string, number>();
  for (const id of wanted) counts.set(id, (counts.get(id) ?? 0) + 1);
  // An id published earlier stays with the one article that holds it (unless
  // an editor's slug claims it too); the newcomers that collide with it take
  // a suffix.
  const holder = new Map<string, number>();
  kept.forEach((id, i) => {
    if (id) holder.set(id, holder.has(id) ? -1 : i);
  });
  return wanted.map((id, i) => {
    if ((counts.get(id) ?? 0) <= 1) return id;
    if (holder.get(id) === i && !fromEditor.includes(id)) return id;
    return `${id}-${shortHash(extractions[i]!.source)}`;
  });
}

/** The URL registry to remember for the next build: source file → id. */
export function urlRegistryOf(articles: Array<Pick<Article, "source" | "id">>): Record<string, string> {
  return Object.fromEntries(articles.map((a) => [a.source, a.id]));
}

interface EntityAccumulator {
  entity: Entity;
  articles: Set<string>;
  mentions: number;
  typeVotes: Map<EntityType, number>;
  names: Map<string, number>;
}

/** One entity per id across the archive: the most complete description wins. */
function mergeEntities(articles: Array<{ id: string; extraction: ArticleExtraction }>): ArchiveEntity[] {
  const byId = new Map<string, EntityAccumulator>();
  for (const { id: articleId, extraction } of articles) {
    const counts = mentionsByEntity(extraction.mentions);
    for (const entity of extraction.entities) {
      let acc = byId.get(entity.id);
      if (!acc) {
        acc = { entity: { ...entity, aliases: [] }, articles: new Set(), mentions: 0, typeVotes: new Map(), names: new Map() };
        byId.set(entity.id, acc);
      }
      const weight = counts.get(entity.id) ?? 1;
      acc.articles.add(articleId);
      acc.mentions += weight;
      acc.typeVotes.set(entity.type, (acc.typeVotes.get(entity.type) ?? 0) + weight);
      acc.names.set(entity.name, (acc.names.get(entity.name) ?? 0) + weight);
      for (const alias of entity.aliases) acc.names.set(alias, acc.names.get(alias) ?? 0);
      acc.entity.description ??= entity.description;
      acc.entity.wikidata ??= entity.wikidata;
    }
  }
  const merged: ArchiveEntity[] = [];
  for (const acc of byId.values()) {
    const type = [...acc.typeVotes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? acc.entity.type;
    // A known entity keeps its canonical name; otherwise the most used form.
    const name = acc.entity.wikidata
      ? acc.entity.name
      : [...acc.names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const aliases = [...acc.names.keys()].filter((n) => n !== name).sort((a, b) => a.localeCompare(b, "fr"));
    merged.push({
      ...acc.entity,
      name,
      type,
      aliases,
      articles: [...acc.articles].sort(),
      url: urls.entity(type, acc.entity.id),
    });
  }
  return merged.sort((a, b) => a.name.localeCompare(b.name, "fr") || a.id.localeCompare(b.id));
}

/** The first mention of each entity in the body becomes a link to its page. */
function firstMentionLinks(extraction: ArticleExtraction, entityUrls: Map<string, string>): TextLink[] {
  const seen = new Set<string>();
  const links: TextLink[] = [];
  const titleEnd = extraction.titleSpan?.end ?? -1;
  for (const mention of extraction.mentions) {
    if (mention.start < titleEnd || seen.has(mention.entity)) continue;
    const href = entityUrls.get(mention.entity);
    if (!href) continue;
    seen.add(mention.entity);
    links.push({ start: mention.start, end: mention.end, href });
  }
  return links;
}

/** The article's entities as the tag picker needs them: archive name,
 * number of mentions and the forms written in the article. */
function tagEntities(extraction: ArticleExtraction, names: Map<string, string>): TagEntity[] {
  const byId = new Map<string, TagEntity>();
  for (const mention of extraction.mentions) {
    let e = byId.get(mention.entity);
    if (!e) byId.set(mention.entity, (e = { id: mention.entity, name: names.get(mention.entity) ?? mention.text, mentions: 0, surfaces: [] }));
    e.mentions++;
    if (!e.surfaces.includes(mention.text)) e.surfaces.push(mention.text);
  }
  return [...byId.values()];
}

export interface LinkOptions {
  /** Prefix for links inside article HTML (the site's path prefix). */
  linkPrefix?: string;
  /** Thread membership remembered from earlier builds. */
  threadRegistry?: ThreadRegistry;
  /** The id each source file was published under by earlier builds. */
  urlRegistry?: Record<string, string>;
  /** When given, receives the milliseconds spent in each part (for profiling). */
  timings?: Record<string, number>;
}

/** Story threads with a title and summary a reader can use. */
function linkThreads(
  articles: Article[],
  entities: ArchiveEntity[],
  timeline: TimelineEvent[],
  registry: ThreadRegistry,
  settled: ReadonlySet<string>,
): { threads: ArchiveThread[]; registry: ThreadRegistry } {
  const eventsOf = new Map<string, string[]>();
  for (const event of timeline) {
    for (const a of event.articles) {
      const list = eventsOf.get(a);
      if (list) list.push(event.id);
      else eventsOf.set(a, [event.id]);
    }
  }
  const inputs = articles.map((a) => {
    const counts = mentionsByEntity(a.mentions);
    const topics = [...new Set([...(a.topic ? [a.topic.id] : []), ...a.topics.map((t) => t.id)])];
    return { id: a.id, title: a.title, date: a.date?.value ?? null, topics, entities: counts, events: eventsOf.get(a.id) ?? [] };
  });
  const built = buildThreads(inputs, registry, timeline.map((e) => e.id), settled);
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const eventById = new Map(timeline.map((e) => [e.id, e]));
  const threads = built.threads.map((thread) => {
    const actors = thread.entities.slice(0, 3).map((id) => names.get(id) ?? id);
    const title = actors.length > 1 ? `${actors.slice(0, -1).join(", ")} et ${actors[actors.length - 1]}` : (actors[0] ?? byId.get(thread.articles[0]!)!.title);
    const dated = thread.articles.map((id) => byId.get(id)!.date?.value).filter((d): d is string => Boolean(d));
    const span = dated.length > 1 && formatDate(dated[0]!) !== formatDate(dated[dated.length - 1]!) ? `, de ${formatDate(dated[0]!)} à ${formatDate(dated[dated.length - 1]!)}` : dated.length ? `, ${formatDate(dated[0]!)}` : "";
    const first = thread.events.map((id) => eventById.get(id)).find((e) => e !== undefined);
    const summary = `${thread.articles.length} articles${span}.${first ? ` Le fil commence par : ${first.text}` : ""}`;
    return { ...thread, title, summary, url: urls.thread(thread.id) };
  });
  return { threads, registry: built.registry };
}

export function linkArchive(extractions: ArticleExtraction[], diagnostics: Diagnostic[] = [], options: LinkOptions = {}): Archive {
  let clock = performance.now();
  const lap = (part: string): void => {
    const t = performance.now();
    if (options.timings) options.timings[part] = (options.timings[part] ?? 0) + t - clock;
    clock = t;
  };
  const ids = assignArticleIds(extractions, options.urlRegistry);
  const withIds = extractions.map((extraction, i) => ({ id: ids[i]!, extraction }));

  const entities = mergeEntities(withIds);
  const entityUrls = new Map(entities.map((e) => [e.id, e.url]));
  lap("entities");

  // Topics: the front matter wins; an unknown front matter topic becomes a
  // topic of its own rather than being dropped.
  const vocabulary = new Map(loadTopics().map((t) => [t.id, t]));
  const byLabel = new Map([...vocabulary.values()].map((t) => [slugify(t.label), t]));
  const extraTopics = new Map<string, ArchiveTopic>();
  const primaryTopic = (e: ArticleExtraction): { id: string; label: string } | null => {
    if (e.topicOverride) {
      const known = vocabulary.get(slugify(e.topicOverride)) ?? byLabel.get(slugify(e.topicOverride));
      if (known) return { id: known.id, label: known.label };
      const id = slugify(e.topicOverride) || "sujet";
      return { id, label: e.topicOverride };
    }
    const best = e.topics[0];
    return best ? { id: best.id, label: best.label } : null;
  };

  const entityNames = new Map(entities.map((e) => [e.id, e.name]));
  const tags = computeTags(
    withIds.map(({ id, extraction }) => ({
      id,
      terms: extraction.tagTerms,
      extraTags: extraction.keywords,
      entities: tagEntities(extraction, entityNames),
    })),
  );

  lap("tags");

  const articles: Article[] = withIds.map(({ id, extraction: e }) => {
    const topic = primaryTopic(e);
    if (topic && !vocabulary.has(topic.id) && !extraTopics.has(topic.id)) {
      extraTopics.set(topic.id, { ...topic, description: "", articles: [], url: urls.topic(topic.id) });
    }
    const links = firstMentionLinks(e, entityUrls).map((l) => ({ ...l, href: `${options.linkPrefix ?? ""}${l.href}`.replace(/\/\/+/g, "/") }));
    return {
      id,
      url: urls.article(id),
      source: e.source,
      title: e.title,
      titleInferred: e.titleInferred,
      lang: e.lang,
      langDetected: e.langDetected,
      date: e.date,
      topic,
      topics: e.topics,
      tags: tags.get(id) ?? [],
      author: e.author,
      sourceUrl: e.sourceUrl,
      credit: e.credit,
      summary: e.summary,
      headings: e.headings,
      blocks: e.blocks,
      html: renderBlocks(e.blocks, { format: e.format, headingDepth: new Map(e.headingDepth), links }),
      wordCount: e.wordCount,
      boilerplate: e.boilerplate,
      timexes: e.timexes,
      mentions: e.mentions,
      quotes: e.quotes,
      events: e.events,
      thread: null,
    };
  });

  lap("articles");

  const topicArticles = new Map<string, string[]>();
  for (const article of articles) {
    if (!article.topic) continue;
    const list = topicArticles.get(article.topic.id);
    if (list) list.push(article.id);
    else topicArticles.set(article.topic.id, [article.id]);
  }
  const topics: ArchiveTopic[] = [
    ...[...vocabulary.values()].map((t) => ({ id: t.id, label: t.label, description: t.description, articles: [], url: urls.topic(t.id) })),
    ...extraTopics.values(),
  ]
    .map((t) => ({ ...t, articles: topicArticles.get(t.id) ?? [] }))
    .filter((t) => t.articles.length > 0)
    .sort((a, b) => a.label.localeCompare(b.label, "fr"));

  lap("topics");
  const timeline = mergeEvents(
    articles.map((a) => ({
      articleId: a.id,
      events: a.events,
      // Secondary topics too, so a topic page can list the events of articles it is earned in.
      topics: [...new Set([...(a.topic ? [a.topic.id] : []), ...a.topics.map((t) => t.id)])],
      published: a.date?.value ?? null,
    })),
  );

  lap("events");
  // Articles published by an earlier build that left them out of every
  // thread stay out, unless a new article starts a story with them: that
  // build already decided (see buildThreads). Without a thread registry,
  // threads are computed afresh and nothing is settled.
  const threadRegistry = options.threadRegistry ?? {};
  const settled = new Set(Object.keys(threadRegistry).length > 0 ? Object.values(options.urlRegistry ?? {}) : []);
  const { threads, registry } = linkThreads(articles, entities, timeline, threadRegistry, settled);
  const threadOf = new Map(threads.flatMap((t) => t.articles.map((a) => [a, t.id] as const)));
  for (const article of articles) article.thread = threadOf.get(article.id) ?? null;
  lap("threads");

  return { articles, entities, timeline, topics, threads, threadRegistry: registry, diagnostics };
}
