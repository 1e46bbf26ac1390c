/**
 * Worker thread body for src/link/related-thread.ts: computes the related
 * articles of the input it is sent and sends them back.
 */
import { parentPort } from "node:worker_threads";
import { relatedArticles, type RelatedInput } from "./related.ts";

const port = parentPort;
if (!port) throw new Error("related-worker.ts runs only as a worker thread");

port.once("message", (input: RelatedInput) => {
  port.postMessage(relatedArticles(input));
});
