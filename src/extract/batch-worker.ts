/**
 * Worker thread body for src/extract/batch.ts: extracts the articles it is
 * sent, one message per article, and asks for more by answering.
 */
import { parentPort } from "node:worker_threads";
import { runJob, type ExtractJob } from "./batch.ts";

const port = parentPort;
if (!port) throw new Error("batch-worker.ts runs only as a worker thread");

port.on("message", (job: ExtractJob & { index: number }) => {
  port.postMessage({ index: job.index, result: runJob(job) });
});
port.postMessage({ ready: true });
