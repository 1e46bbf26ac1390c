/**
 * The archive's records: one module, one source of truth.
 *
 * Every type is inferred from a zod schema so that records can be validated
 * at the boundary (front matter coming in, JSON going out) with the same
 * definitions the compiler checks. The public JSON export
 * (`_site/data/*.json`) is described by `schema/archive.schema.json`, which is
 * generated from the `Export*` schemas below and checked by a test, so the
 * published contract cannot drift from the code.
 */
import { z } from "zod";

// ---------------------------------------------------------------------------
// Spans and diagnostics
// ---------------------------------------------------------------------------

/** A stretch of an article's text. Offsets are JavaScript string indices into
 * the file's text as read: decoded, BOM removed, line endings turned into
 * `\n`, Unicode NFC. */
export const Span = z.object({
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof Span>;

/** A span with the name of the rule that produced it, so a reader can be told
 * how a value was obtained. */
export const Evidence = Span.extend({ rule: z.string() });
export type Evidence = z.infer<typeof Evidence>;

export const Severity = z.enum(["warning", "error"]);
export type Severity = z.infer<typeof Severity>;

/** A message about one input file: what is wrong and what to do. */
export const Diagnostic = z.object({
  severity: Severity,
  file: z.string(),
  line: z.number().int().positive().optional(),
  message: z.string(),
  hint: z.string().optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

// ---------------------------------------------------------------------------
// Time (TimeML / TIMEX3)
// ---------------------------------------------------------------------------

export const TimexType = z.enum(["DATE", "TIME", "DURATION", "SET"]);
export type TimexType = z.infer<typeof TimexType>;

/** How fine a TIMEX3 value is. `ref` is PAST_REF / PRESENT_REF / FUTURE_REF;
 * `none` is for durations and sets, which never place anything in time. */
export const TimexPrecision = z.enum([
  "century",
  "decade",
  "year",
  "season",
  "quarter",
  "month",
  "week",
  "day",
  "partOfDay",
  "minute",
  "ref",
  "none",
]);
export type TimexPrecision = z.infer<typeof TimexPrecision>;

/** A temporal expression: extent, TIMEX3 value and what was stated versus
 * filled in from the reference date (chrono-node's known / implied). */
export const Timex = Span.extend({
  value: z.string(),
  precision: TimexPrecision,
  type: TimexType,
  /** Name of the rule that recognised it (data/time rules). */
  rule: z.string(),
  /** Components written in the text: e.g. ["day", "month"]. */
  known: z.array(z.string()),
  /** Components taken from the reference date or context: e.g. ["year"]. */
  implied: z.array(z.string()),
  /** True when the value depends on the reference date (hier, mardi, janvier
   * dernier…) and the reference date was known. */
  anchored: z.boolean(),
});
export type Timex = z.infer<typeof Timex>;

// ---------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------

export const EntityType = z.enum(["person", "organization", "place", "product", "other"]);
export type EntityType = z.infer<typeof EntityType>;

/** One occurrence of an entity in an article's text. `entity` is the id of the
 * entity it refers to (a slug, stable across articles). */
export const Mention = Span.extend({
  entity: z.string(),
  type: EntityType,
  rule: z.string(),
});
export type Mention = z.infer<typeof Mention>;

/** How many times an article mentions an entity (src/link/mentions.ts). */
export interface MentionCount {
  entity: string;
  count: number;
}

/** A role held by a known entity, with its dates, from reference data. */
export const Role = z.object({
  title: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  source: z.string(),
});
export type Role = z.infer<typeof Role>;

/** An entity as the archive knows it. */
export const Entity = z.object({
  id: z.string(),
  name: z.string(),
  type: EntityType,
  aliases: z.array(z.string()),
  description: z.string().nullable(),
  wikidata: z.string().nullable(),
});
export type Entity = z.infer<typeof Entity>;

/** Words in « … » or “…” and, where the text says so, who said them. */
export const Quote = Span.extend({
  speaker: z.string().nullable(),
  /** The verb or phrase that attributes it ("souligne", "selon"). */
  cue: z.string().nullable(),
});
export type Quote = z.infer<typeof Quote>;

// ---------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------

export const BlockKind = z.enum(["heading", "paragraph", "quote"]);
export type BlockKind = z.infer<typeof BlockKind>;

export const Block = Span.extend({ kind: BlockKind });
export type Block = z.infer<typeof Block>;

/** What the structure stage removed or moved out of the body, and why. */
export const Boilerplate = Span.extend({
  kind: z.enum(["comment-prompt", "related-links", "credit", "keywords", "label", "share"]),
  rule: z.string(),
});
export type Boilerplate = z.infer<typeof Boilerplate>;

// ---------------------------------------------------------------------------
// Dates, topics, events
// ---------------------------------------------------------------------------

export const DatePrecision = z.enum(["year", "month", "day"]);
export type DatePrecision = z.infer<typeof DatePrecision>;

export const DateBasis = z.enum(["front-matter", "text", "inferred"]);
export type DateBasis = z.infer<typeof DateBasis>;

/** An article's date, at the precision the evidence allows. */
export const ArticleDate = z.object({
  value: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  precision: DatePrecision,
  basis: DateBasis,
  evidence: z.array(Evidence),
});
export type ArticleDate = z.infer<typeof ArticleDate>;

export const TopicRef = z.object({ id: z.string(), label: z.string() });
export type TopicRef = z.infer<typeof TopicRef>;

/** A topic assigned to an article, with the cue terms that decided it. */
export const TopicScore = TopicRef.extend({
  score: z.number(),
  evidence: z.array(z.string()),
});
export type TopicScore = z.infer<typeof TopicScore>;

/** A topic of the controlled vocabulary (data/topics.json). */
export const Topic = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  cues: z.array(z.string()),
});
export type Topic = z.infer<typeof Topic>;

export const EventDate = z.object({ value: z.string(), precision: TimexPrecision });
export type EventDate = z.infer<typeof EventDate>;

/** Something an article says happened at a resolved date. */
export const ArticleEvent = z.object({
  date: EventDate,
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The temporal expression that dates it. */
  timex: Span,
  entities: z.array(z.string()),
  /** Lemma-like keys of the action ("placer liste noire"), used to tell
   * two reports of the same event from two events on the same day. */
  keys: z.array(z.string()),
});
export type ArticleEvent = z.infer<typeof ArticleEvent>;

// ---------------------------------------------------------------------------
// Front matter (validated at the boundary)
// ---------------------------------------------------------------------------

/** What an editor may set in YAML front matter. Everything is optional;
 * wrong types are reported, not thrown. */
export const FrontMatter = z.object({
  title: z.string().min(1).optional(),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
  topic: z.string().min(1).optional(),
  tags: z.array(z.string()).optional(),
  source: z.string().url().optional(),
  author: z.string().optional(),
  lang: z.string().min(2).optional(),
  slug: z.string().optional(),
  /** Accepted for editors used to Eleventy; only its last path segment is used, as a slug. */
  permalink: z.string().optional(),
  draft: z.boolean().optional(),
});
export type FrontMatter = z.infer<typeof FrontMatter>;

// ---------------------------------------------------------------------------
// The article record
// ---------------------------------------------------------------------------

/** Everything the build knows about one article. */
export const Article = z.object({
  id: z.string(),
  url: z.string(),
  source: z.string(),
  title: z.string(),
  titleInferred: z.boolean(),
  lang: z.string(),
  /** franc's ISO 639-3 code, or "und" when the text was too short to tell. */
  langDetected: z.string(),
  date: ArticleDate.nullable(),
  topic: TopicRef.nullable(),
  topics: z.array(TopicScore),
  tags: z.array(z.string()),
  author: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  credit: z.string().nullable(),
  summary: z.string(),
  headings: z.array(z.string()),
  blocks: z.array(Block),
  html: z.string(),
  wordCount: z.number().int().nonnegative(),
  boilerplate: z.array(Boilerplate),
  timexes: z.array(Timex),
  mentions: z.array(Mention),
  quotes: z.array(Quote),
  events: z.array(ArticleEvent),
  /** The story thread the article belongs to, if any. */
  thread: z.string().nullable(),
});
export type Article = z.infer<typeof Article>;

/** An event of the timeline: one entry per happening, citing every article
 * that reports it. */
export const TimelineEvent = z.object({
  id: z.string(),
  date: EventDate,
  text: z.string(),
  articles: z.array(z.string()),
  entities: z.array(z.string()),
  topics: z.array(z.string()),
  url: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** An entity with the archive's view of it. */
export const ArchiveEntity = Entity.extend({
  articles: z.array(z.string()),
  url: z.string(),
});
export type ArchiveEntity = z.infer<typeof ArchiveEntity>;

/** What a page needs to describe an entity (its head metadata, JSON-LD,
 * search filters): the entity and its page, without the archive-wide list of
 * the articles that cite it, so that a page's data stays bounded. */
export type PublishedEntity = Entity & { url: string };

export const ArchiveTopic = TopicRef.extend({
  description: z.string(),
  articles: z.array(z.string()),
  url: z.string(),
});
export type ArchiveTopic = z.infer<typeof ArchiveTopic>;

/** A story told over several articles. */
export const ArchiveThread = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  /** Article ids, oldest first. */
  articles: z.array(z.string()),
  /** Timeline event ids, in date order. */
  events: z.array(z.string()),
  /** Entities the articles share, most central first. */
  entities: z.array(z.string()),
  url: z.string(),
});
export type ArchiveThread = z.infer<typeof ArchiveThread>;

/** The whole archive after linking: what the site is rendered from. */
export interface Archive {
  articles: Article[];
  entities: ArchiveEntity[];
  timeline: TimelineEvent[];
  topics: ArchiveTopic[];
  threads: ArchiveThread[];
  /** Thread membership to remember for the next build (see src/link/threads.ts). */
  threadRegistry: Record<string, string[]>;
  diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------
// The public JSON export: field names are a contract, keep them stable.
// ---------------------------------------------------------------------------

export const ExportArticle = z.object({
  id: z.string(),
  url: z.string(),
  source: z.string(),
  title: z.string(),
  titleInferred: z.boolean(),
  lang: z.string(),
  date: ArticleDate.nullable(),
  topic: TopicRef.nullable(),
  tags: z.array(z.string()),
  entities: z.array(z.object({ id: z.string(), mentions: z.array(Span) })),
  headings: z.array(z.string()),
  summary: z.string(),
  wordCount: z.number().int().nonnegative(),
  thread: z.string().nullable(),
});
export type ExportArticle = z.infer<typeof ExportArticle>;

export const ExportThread = ArchiveThread;
export const ExportEntity = ArchiveEntity;
export const ExportTimelineEvent = TimelineEvent;
export const ExportTopic = ArchiveTopic;

export const ExportArticles = z.array(ExportArticle);
export const ExportEntities = z.array(ExportEntity);
export const ExportTimeline = z.array(ExportTimelineEvent);
export const ExportTopics = z.array(ExportTopic);
export const ExportThreads = z.array(ExportThread);
