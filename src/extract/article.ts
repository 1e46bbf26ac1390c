/**
 * One source document → everything the text itself says, as a pure
 * function: no file system, no other articles, no Eleventy. Cross-article
 * work (ids, entity merging, tags, the timeline) belongs to src/link.
 */
import type { ArticleDate, ArticleEvent, Block, Boilerplate, Entity, FrontMatter, Mention, Quote, Span, Timex, TopicScore } from "../types.ts";
import { inferTitle, structureArticle, summarise, wordCount, type SourceFormat } from "../structure/blocks.ts";
import { detectLanguage } from "./lang/index.ts";
import { findTimexes, resolveTimexes, toEventDate, type FoundTimexes } from "./time/index.ts";
import { recognizeEntities, attributeQuotes } from "./entities/index.ts";
import { classifyTopics, loadTopics, tagTerms, type NamedEntity, type TagTerms } from "./topics/index.ts";
import { extractEvents } from "./events/index.ts";
import { splitSentences } from "./text/index.ts";
import { dateArticle } from "./date/index.ts";
import type { DaySet } from "./date/intervals.ts";

/** Bump when extraction rules change, so cached results are recomputed. */
export const EXTRACTOR_VERSION = "2";

export interface SourceDocument {
  /** File name in the seeds folder. */
  source: string;
  format: SourceFormat;
  /** Decoded, normalised text of the whole file. */
  text: string;
  frontMatter: FrontMatter;
  contentStart: number;
}

/** What one article says, before it meets the rest of the archive. */
export interface ArticleExtraction {
  source: string;
  format: SourceFormat;
  /** Front matter slug or permalink, when the editor set one. */
  slug: string | null;
  /** Front matter topic (id or label), which wins over classification. */
  topicOverride: string | null;
  title: string;
  titleInferred: boolean;
  titleSpan: Span | null;
  lang: string;
  langDetected: string;
  date: ArticleDate | null;
  /** Days the date evidence allows, when the date itself is not exact. */
  dateBounds: DaySet;
  topics: TopicScore[];
  keywords: string[];
  author: string | null;
  sourceUrl: string | null;
  credit: string | null;
  summary: string;
  headings: string[];
  blocks: Block[];
  headingDepth: Array<[number, number]>;
  wordCount: number;
  boilerplate: Boilerplate[];
  timexes: Timex[];
  mentions: Mention[];
  entities: Entity[];
  quotes: Quote[];
  events: ArticleEvent[];
  /** Tag candidates counted in the headline and body, weighed against the
   * archive's when tags are chosen (src/link/archive.ts). */
  tagTerms: TagTerms;
}

/** The file's text with everything outside `regions` blanked, offsets kept. */
export function maskOutside(text: string, regions: ReadonlyArray<{ start: number; end: number }>): string {
  // Which code units are kept, then the text rebuilt run by run: an array of
  // one string per character, joined, cost four times as much.
  const kept = new Uint8Array(text.length);
  for (const region of regions) kept.fill(1, Math.max(0, region.start), Math.min(text.length, region.end));
  let masked = "";
  for (let from = 0; from < text.length; ) {
    const keep = kept[from];
    let to = from + 1;
    while (to < text.length && kept[to] === keep) to++;
    const run = text.slice(from, to);
    masked += keep ? run : run.replace(/[^\n]/g, " ");
    from = to;
  }
  return masked;
}

export interface ExtractOptions {
  /** Reference date (YYYY-MM-DD) for resolving "hier", "mardi"… when the
   * article's own date cannot be found. */
  referenceDate?: string | null;
  /** A date decided outside the text (another article reporting the same
   * event); it replaces the article's own inference. */
  assignedDate?: ArticleDate | null;
}

/** The article's text regions (headline and blocks) and their sentences. */
function textRegions(text: string, titleSpan: Span | null, blocks: Block[]): { regions: Span[]; masked: string; sentences: Span[] } {
  const regions: Span[] = [...(titleSpan ? [titleSpan] : []), ...blocks];
  return { regions, masked: maskOutside(text, regions), sentences: regions.flatMap((r) => splitSentences(text, r.start, r.end)) };
}

/** What depends on the article's date: its time expressions resolved
 * against it ("hier", "janvier dernier" as the reader of the day understood
 * them) and the dated events they place. */
function dateDependent(
  text: string,
  found: FoundTimexes,
  dct: string | null,
  parts: { sentences: Span[]; blocks: Block[]; mentions: Mention[] },
): { timexes: Timex[]; events: ArticleEvent[] } {
  const timexes = resolveTimexes(found, { dct });
  const events = extractEvents(text, { sentences: parts.sentences, paragraphs: parts.blocks, timexes, mentions: parts.mentions, dateOf: toEventDate });
  return { timexes, events };
}

/** Every name each mentioned entity goes by in the article: its own name
 * and the forms written in the text. */
function namedEntities(mentions: Mention[], entities: Entity[]): NamedEntity[] {
  const nameOf = new Map(entities.map((e) => [e.id, e.name]));
  const byId = new Map<string, NamedEntity>();
  for (const mention of mentions) {
    let e = byId.get(mention.entity);
    if (!e) byId.set(mention.entity, (e = { id: mention.entity, names: [] }));
    if (!e.names.includes(mention.text)) e.names.push(mention.text);
  }
  for (const e of byId.values()) {
    const name = nameOf.get(e.id);
    if (name && !e.names.includes(name)) e.names.push(name);
  }
  return [...byId.values()];
}

export function extractArticle(doc: SourceDocument, options: ExtractOptions = {}): ArticleExtraction {
  const { text, frontMatter } = doc;
  const structure = structureArticle(text, doc.contentStart, doc.format);
  const paragraphs = structure.blocks.filter((b) => b.kind !== "heading");
  const lede = paragraphs[0]?.text ?? "";

  const title = frontMatter.title ?? structure.title?.text ?? (lede ? inferTitle(lede) : doc.source.replace(/\.(txt|md)$/i, ""));
  const titleInferred = !frontMatter.title && !structure.title;

  const bodyText = structure.blocks.map((b) => b.text).join("\n\n");
  const language = detectLanguage(bodyText);
  const lang = frontMatter.lang ?? language.tag;

  const { regions, masked, sentences } = textRegions(text, structure.title, structure.blocks);
  const { mentions, entities } = recognizeEntities(text, { regions });
  const quotes = attributeQuotes(text, mentions).filter((q) => regions.some((r) => q.start >= r.start && q.end <= r.end));

  // Time expressions are found once and resolved twice: first without a
  // reference date, to find the article's own date; then against it.
  const found = findTimexes(masked);
  const contextTimexes = resolveTimexes(found, { dct: null });
  const dating = dateArticle({ frontMatter, text, timexes: contextTimexes, blocks: structure.blocks, mentions, sentences });
  const date = options.assignedDate ?? dating.date;
  const { timexes, events } = dateDependent(text, found, date?.value ?? options.referenceDate ?? null, { sentences, blocks: structure.blocks, mentions });

  const headingTexts = structure.blocks.filter((b) => b.kind === "heading").map((b) => b.text);
  const topics = classifyTopics(bodyText, { title, headings: headingTexts, topics: loadTopics() });

  return {
    source: doc.source,
    format: doc.format,
    slug: frontMatter.slug ?? frontMatter.permalink ?? null,
    topicOverride: frontMatter.topic ?? null,
    title,
    titleInferred,
    titleSpan: structure.title,
    lang,
    langDetected: language.detected,
    date,
    dateBounds: dating.bounds,
    topics,
    keywords: [...(frontMatter.tags ?? []), ...structure.keywords],
    author: frontMatter.author ?? null,
    sourceUrl: frontMatter.source ?? null,
    credit: structure.credit,
    summary: summarise(lede),
    headings: structure.blocks.filter((b) => b.kind === "heading").map((b) => b.text),
    blocks: structure.blocks,
    headingDepth: [...structure.headingDepth],
    wordCount: structure.blocks.reduce((sum, b) => sum + wordCount(b.text), 0),
    boilerplate: structure.boilerplate,
    timexes,
    mentions,
    entities,
    quotes,
    events,
    tagTerms: tagTerms(title, `${structure.title?.text ?? ""}\n\n${bodyText}`, namedEntities(mentions, entities)),
  };
}

/**
 * The article `extraction` describes, with a date decided elsewhere (another
 * article reporting the same event): only what depends on the date is done
 * again (the time expressions, found again and resolved against the new
 * date, and the events they place), about half the work of extractArticle.
 * The result equals `extractArticle(doc, { assignedDate })`, so the two share
 * cache entries (src/extract/batch.ts).
 */
export function redateArticle(doc: SourceDocument, extraction: ArticleExtraction, assignedDate: ArticleDate): ArticleExtraction {
  const { masked, sentences } = textRegions(doc.text, extraction.titleSpan, extraction.blocks);
  const { timexes, events } = dateDependent(doc.text, findTimexes(masked), assignedDate.value, { sentences, blocks: extraction.blocks, mentions: extraction.mentions });
  return { ...extraction, date: assignedDate, timexes, events };
}
