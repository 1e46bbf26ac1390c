/**
 * Worker thread body for src/search/aside.ts: builds the search index it is
 * asked for, told when the build's render is over, and sends back the
 * result (or the error's message), with the shards' progress.
 */
import { parentPort } from "node:worker_threads";
import { buildSearchIndex, type SearchIndexOptions } from "./index.ts";
import type { AsideReply, AsideRequest } from "./aside.ts";

const port = parentPort;
if (!port) throw new Error("index-worker.ts runs only as a worker thread");

let renderEnded: () => void = () => {};
const rendering = new Promise<void>((resolve) => (renderEnded = resolve));
const cancelled = new AbortController();
const reply = (message: AsideReply) => port.postMessage(message);

port.on("message", (request: AsideRequest) => {
  if (request.kind === "rendered" || request.kind === "cancel") {
    if (request.kind === "cancel") cancelled.abort();
    renderEnded();
    return;
  }
  const options: SearchIndexOptions = {
    ...request.options,
    rendering,
    signal: cancelled.signal,
    onShard: (done, total) => reply({ kind: "shard", done, total }),
  };
  buildSearchIndex(options).then(
    (result) => reply({ kind: "result", result }),
    (error: Error) => reply({ kind: "error", message: error.message }),
  );
});
