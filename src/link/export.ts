/**
 * The public JSON export: the archive's records as other tools read them.
 * Field names are a contract (schema/archive.schema.json); every file is
 * validated against the same zod schemas before it is written.
 */
import type { Archive } from "../types.ts";
import { ExportArticles, ExportEntities, ExportThreads, ExportTimeline, ExportTopics } from "../types.ts";

export interface ArchiveExport {
  articles: ExportArticles;
  entities: ExportEntities;
  timeline: ExportTimeline;
  topics: ExportTopics;
  threads: ExportThreads;
}
type ExportArticles = import("zod").infer<typeof ExportArticles>;
type ExportEntities = import("zod").infer<typeof ExportEntities>;
type ExportTimeline = import("zod").infer<typeof ExportTimeline>;
type ExportTopics = import("zod").infer<typeof ExportTopics>;
type ExportThreads = import("zod").infer<typeof ExportThreads>;

export function toExport(archive: Archive): ArchiveExport {
  const articles = archive.articles.map((a) => {
    const mentions = new Map<string, Array<{ text: string; start: number; end: number }>>();
    for (const m of a.mentions) {
      const list = mentions.get(m.entity) ?? [];
      list.push({ text: m.text, start: m.start, end: m.end });
      mentions.set(m.entity, list);
    }
    return {
      id: a.id,
      url: a.url,
      source: a.source,
      title: a.title,
      titleInferred: a.titleInferred,
      lang: a.lang,
      date: a.date,
      topic: a.topic,
      tags: a.tags,
      entities: [...mentions].map(([id, list]) => ({ id, mentions: list })),
      headings: a.headings,
      summary: a.summary,
      wordCount: a.wordCount,
      thread: a.thread,
    };
  });
  return {
    articles: ExportArticles.parse(articles),
    entities: ExportEntities.parse(archive.entities),
    timeline: ExportTimeline.parse(archive.timeline),
    topics: ExportTopics.parse(archive.topics),
    threads: ExportThreads.parse(archive.threads),
  };
}
