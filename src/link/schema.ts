/**
 * The JSON Schema (draft 2020-12) of the public export, derived from the zod
 * schemas so that documentation and validation are one thing.
 */
import { z } from "zod";
import { ExportArticles, ExportEntities, ExportThreads, ExportTimeline, ExportTopics } from "../types.ts";

export function exportJsonSchema(): Record<string, unknown> {
  const part = (schema: z.ZodType) => {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12" });
    return rest;
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://archive.example.org/schema/archive.schema.json",
    title: "Archive d'actualité : export JSON",
    description:
      "The files published under /data/ by `npm run build`. Each property below describes one file. Offsets index the article file's text as read (decoded, BOM removed, \\n line endings, NFC).",
    type: "object",
    properties: {
      "articles.json": part(ExportArticles),
      "entities.json": part(ExportEntities),
      "timeline.json": part(ExportTimeline),
      "topics.json": part(ExportTopics),
      "threads.json": part(ExportThreads),
    },
  };
}
