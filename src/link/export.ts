/**
 * The public JSON export: the archive's records as other tools read them.
 * Field names are a contract (schema/archive.schema.json); every file is
 * validated against the same zod schemas before it is written.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Archive } from "../types.ts";
import { ExportArticle, ExportEntity, ExportThread, ExportTimelineEvent, ExportTopic, ExportArticles, ExportEntities, ExportThreads, ExportTimeline, ExportTopics } from "../types.ts";

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

/** An article as the export publishes it. */
export function exportArticle(a: Archive["articles"][number]): ExportArticles[number] {
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
}

/** The export's files: name → its records, each made and validated on demand. */
function exportFiles(archive: Archive): Array<{ name: keyof ArchiveExport; count: number; record: (i: number) => unknown }> {
  return [
    { name: "articles", count: archive.articles.length, record: (i) => ExportArticle.parse(exportArticle(archive.articles[i]!)) },
    { name: "entities", count: archive.entities.length, record: (i) => ExportEntity.parse(archive.entities[i]) },
    { name: "threads", count: archive.threads.length, record: (i) => ExportThread.parse(archive.threads[i]) },
    { name: "timeline", count: archive.timeline.length, record: (i) => ExportTimelineEvent.parse(archive.timeline[i]) },
    { name: "topics", count: archive.topics.length, record: (i) => ExportTopic.parse(archive.topics[i]) },
  ];
}

export function toExport(archive: Archive): ArchiveExport {
  const all = Object.fromEntries(exportFiles(archive).map(({ name, count, record }) => [name, Array.from({ length: count }, (_, i) => record(i))]));
  return all as unknown as ArchiveExport;
}

/** Writes all of `text`: a write may take fewer bytes than it is given. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

/**
 * Writes `<siteDir>/data/<name>.json` for each export file, one record at a
 * time: the bytes of `JSON.stringify(list, null, 2)` and a final newline,
 * without ever holding a whole file (34 MB of articles at 4,000 articles) or
 * a copy of the records in memory. The writes are synchronous: nothing else
 * runs meanwhile, and awaiting each of the 1,700 writes of 32K characters
 * (53 MB at 4,000 articles) left the thread idle for 0.2 s.
 */
export async function writeExports(archive: Archive, siteDir: string): Promise<void> {
  const dir = path.join(siteDir, "data");
  await mkdir(dir, { recursive: true });
  for (const { name, count, record } of exportFiles(archive)) {
    const fd = openSync(path.join(dir, `${name}.json`), "w");
    try {
      let chunk = count === 0 ? "[]" : "[\n";
      for (let i = 0; i < count; i++) {
        // The record as an element of a list indented by JSON.stringify(…,
        // null, 2): a list of one, without its brackets, is exactly that.
        chunk += `${JSON.stringify([record(i)], null, 2).slice(2, -2)}${i < count - 1 ? ",\n" : "\n]"}`;
        // Written every 32K characters (a few records): the pieces of a
        // chunk live until it is written, and with 1M-character chunks they
        // lived long enough to be moved to V8's old generation, which only a
        // full collection frees: the peak of the export stage of 20,000
        // articles went from 1.72 to 1.37 GB.
        if (chunk.length > 1 << 15) {
          writeAll(fd, chunk);
          chunk = "";
        }
      }
      writeAll(fd, `${chunk}\n`);
    } finally {
      closeSync(fd);
    }
  }
}
