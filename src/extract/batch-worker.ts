/**
 * Worker thread body for src/extract/batch.ts: extracts the articles it is
 * sent, one message per article, and asks for more by answering.
 */
import { parentPort } from "node:worker_threads";
import { cacheEntry, redatedFrom, runJob, type ExtractJob, type WorkerReply } from "./batch.ts";

const port = parentPort;
if (!port) throw new Error("batch-worker.ts runs only as a worker thread");

port.on("message", (job: ExtractJob & { index: number }) => {
  const result = runJob(job);
  const reply: WorkerReply = result.ok ? { index: job.index, ok: true, entry: cacheEntry(result.extraction, redatedFrom(job)) } : { index: job.index, ...result };
  port.postMessage(reply);
});
port.postMessage({ ready: true });
