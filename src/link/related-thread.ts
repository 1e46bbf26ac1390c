/**
 * Related articles computed on a second core while this thread goes on.
 *
 * Related articles read only each article's entities, date and topic and the
 * timeline's events (RelatedInput), and nothing else of the build reads them
 * before the article pages' data is completed (src/site/view.ts,
 * prepareSiteView). Once the archive is linked, the build writes the JSON
 * export and builds the rest of the site view on its own thread, with the
 * other core idle: a worker computes them meanwhile.
 *
 * The worker is started early in the build (startRelatedThread), while the
 * articles are read and extracted: loading it is about 0.3 s of a core
 * (tsx compiling its modules), which then does not compete with the export
 * and the view.
 */
import type { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { startTsWorker } from "../workers.ts";
import { relatedArticles, type RelatedArticle, type RelatedInput } from "./related.ts";

/** Below this many articles, a worker (started, fed and answered) costs
 * more than computing the related articles in the build's thread. */
export const RELATED_WORKER_FROM = 1000;

/** A worker thread ready to compute related articles once. */
export interface RelatedThread {
  worker: Worker;
  /** Rejects when the worker fails or ends (listened to from the start, so
   * that a worker failing before it is used does not take the build down). */
  stopped: Promise<never>;
}

/** A related-articles worker for an archive of `articles`, or null when it
 * would not pay (a small archive, a single core). It does not keep the
 * process alive: a build that stops early need not close it. */
export function startRelatedThread(articles: number): RelatedThread | null {
  if (articles < RELATED_WORKER_FROM || availableParallelism() < 2) return null;
  const worker = startTsWorker(new URL("./related-worker.ts", import.meta.url));
  worker.unref();
  const stopped = new Promise<never>((_, reject) => {
    worker.once("error", reject);
    worker.once("exit", () => reject(new Error("the related-articles worker stopped without an answer")));
  });
  stopped.catch(() => {});
  return { worker, stopped };
}

/**
 * The related articles of `input` (as relatedArticles gives them), computed
 * on `thread` when there is one, otherwise here and now. Should the worker
 * fail, they are computed here, so the build is never worse off than
 * without it. The worker ends once it has answered.
 */
export function relatedArticlesOn(thread: RelatedThread | null, input: RelatedInput): Promise<Map<string, RelatedArticle[]>> {
  if (!thread) return Promise.resolve(relatedArticles(input));
  const { worker, stopped } = thread;
  const answer = new Promise<Map<string, RelatedArticle[]>>((resolve) => {
    worker.once("message", (related: Map<string, RelatedArticle[]>) => resolve(related));
    // Kept alive while the answer is awaited; queued until the worker listens.
    worker.ref();
    worker.postMessage(input);
  });
  return Promise.race([answer, stopped])
    .catch(() => relatedArticles(input))
    .finally(() => void worker.terminate());
}
