/**
 * The search index built on a worker thread while Eleventy renders.
 *
 * The index reads only article pages, which the build's first Eleventy runs
 * render. When more runs follow, the index is built beside them: on the
 * build's own thread it would get a turn only when Eleventy awaits, and a
 * cold build of 4,000 articles spent as long indexing beside the render as
 * after it (18.5 s in all against 10.2 s). On a worker it reads and hashes
 * pages and drives Pagefind (one thread of it while the render lasts, see
 * PagefindThreads in index.ts) on the core Eleventy leaves idle.
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
  /** The index once built. An error of the index (Pagefind failing, say)
   * rejects it; a worker that could not run is replaced by building the
   * index on this thread once the render is over. */
  result: Promise<SearchIndexResult>;
  /** Tells the worker that the render is over (Pagefind may use every core). */
  rendered(): void;
  /** The build failed: the worker begins no further shard, and this settles
   * once it has stopped (Pagefind may be reading the staging folder, which
   * the build then deletes). */
  cancel(): Promise<void>;
}

export function buildSearchIndexAside(options: Omit<SearchIndexOptions, "rendering" | "signal">): SearchAside {
  const { onShard, ...sent } = options;
  let cancelled = false;
  const worker = startTsWorker(new URL("./index-worker.ts", import.meta.url));
  let renderEnded!: () => void;
  const rendering = new Promise<void>((resolve) => (renderEnded = resolve));
  const result = new Promise<SearchIndexResult>((resolve, reject) => {
    let answered = false;
    worker.on("message", (reply: AsideReply) => {
      if (reply.kind === "shard") onShard?.(reply.done, reply.total);
      else {
        answered = true;
        if (reply.kind === "result") resolve(reply.result);
        else reject(new Error(reply.message));
      }
    });
    const inThisThread = () => {
      if (answered) return;
      answered = true;
      if (cancelled) reject(new Error("search index cancelled"));
      else resolve(rendering.then(() => buildSearchIndex(options)));
    };
    worker.once("error", inThisThread);
    worker.once("exit", inThisThread);
    worker.postMessage({ kind: "build", options: sent } satisfies AsideRequest);
  }).finally(() => void worker.terminate());
  return {
    result,
    rendered: () => {
      renderEnded();
      worker.postMessage({ kind: "rendered" } satisfies AsideRequest);
    },
    cancel: async () => {
      cancelled = true;
      renderEnded();
      worker.postMessage({ kind: "cancel" } satisfies AsideRequest);
      await result.catch(() => {});
    },
  };
}
