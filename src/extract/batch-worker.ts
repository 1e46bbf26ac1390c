/**
 * Worker thread body for src/extract/batch.ts: extracts the articles it is
 * sent, one message per article, and asks for more by answering.
 */
import { parentPort } from "node:worker_threads";
import { extractArticle, type ExtractOptions, type SourceDocument } from "./article.ts";
import type { BatchResult } from "./batch.ts";

const port = parentPort;
if (!port) throw new Error("batch-worker.ts runs only as a worker thread");

port.on("message", (job: { index: number; doc: SourceDocument; options: ExtractOptions }) => {
  let result: BatchResult;
  try {
    result = { ok: true, extraction: extractArticle(job.doc, job.options) };
  } catch (error) {
    result = { ok: false, error: (error as Error).message };
  }
  port.postMessage({ index: job.index, result });
});
port.postMessage({ ready: true });
