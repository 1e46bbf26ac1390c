/**
 * The search index built on a worker thread while Eleventy renders.
 *
 * The index reads only article pages, which the build's first Eleventy runs
 * render. When more runs follow, the index is built beside them: on the
 * build's own thread it would get a turn only when Eleventy awaits, and a
 * cold build of 4,000 articles spent as long indexing beside the render as
 * after it (18.5 s in all against 10.2 s). On a worker it reads and hashes
 * pages and drives Pagefind (one thread of it while the render lasts, see
 * PagefindThreads in index.ts) on the core Eleventy leaves idle. The worker
 * is started before the first run, so that loading its modules does not
 * delay the index: one article added to 4,000, render and search
 * 3.2–3.6 s against 3.5–4.3 s when it was started after the article pages
 * (README, "Performance").
 */
import { startTsWorker } from "../workers.ts";
import { buildSearchIndex, type SearchIndexOptions, type SearchIndexResult } from "./index.ts";

/** What a worker is sent: the index to build, then word that the render is over. */
export type AsideRequest =
  | { kind: "build"; options: Omit<SearchIndexOptions, "rendering" | "onShard" | "signal"> }
  | { kind: "rendered" }
  | { kind: "cancel" };

export type AsideReply =
  | { kind: "shard"; done: number; total: number }
  | { kind: "result"; result: SearchIndexResult }
  | { kind: "error"; message: string };

export interface SearchAside {
  /** Starts the index, once the article pages are written. Resolves to the
   * index once built; an error of the index (Pagefind failing, say) rejects
   * it; a worker that could not run is replaced by building the index on
   * this thread once the render is over. */
  build(options: Omit<SearchIndexOptions, "rendering" | "signal">): Promise<SearchIndexResult>;
  /** Tells the worker that the render is over (Pagefind may use every core). */
  rendered(): void;
  /** The build failed: the worker begins no further shard, and this settles
   * once it has stopped (Pagefind may be reading the staging folder, which
   * the build then deletes). */
  cancel(): Promise<void>;
}

/**
 * Starts the worker before the index can start: loading its modules (tsx
 * compiles them in each thread) then overlaps the first Eleventy run.
 */
export function startSearchAside(): SearchAside {
  const worker = startTsWorker(new URL("./index-worker.ts", import.meta.url));
  let renderEnded!: () => void;
  const rendering = new Promise<void>((resolve) => (renderEnded = resolve));
  let onShard: SearchIndexOptions["onShard"];
  // The worker's answer, or "stopped" if it ended without one.
  const answer = new Promise<Exclude<AsideReply, { kind: "shard" }> | "stopped">((resolve) => {
    worker.on("message", (reply: AsideReply) => {
      if (reply.kind === "shard") onShard?.(reply.done, reply.total);
      else resolve(reply);
    });
    worker.once("error", () => resolve("stopped"));
    worker.once("exit", () => resolve("stopped"));
  });
  let cancelled = false;
  let result: Promise<SearchIndexResult> | undefined;
  return {
    build(options) {
      const { onShard: progress, ...sent } = options;
      onShard = progress;
      worker.postMessage({ kind: "build", options: sent } satisfies AsideRequest);
      result = answer
        .then((reply) => {
          if (reply === "stopped") {
            if (cancelled) throw new Error("search index cancelled");
            return rendering.then(() => buildSearchIndex(options));
          }
          if (reply.kind === "error") throw new Error(reply.message);
          return reply.result;
        })
        .finally(() => void worker.terminate());
      return result;
    },
    rendered() {
      renderEnded();
      worker.postMessage({ kind: "rendered" } satisfies AsideRequest);
    },
    async cancel() {
      cancelled = true;
      renderEnded();
      worker.postMessage({ kind: "cancel" } satisfies AsideRequest);
      if (result) await result.catch(() => {});
      else await worker.terminate();
    },
  };
}
