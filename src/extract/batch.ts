/**
 * Extraction of a whole folder of articles: cached by content, parallel when
 * it pays.
 *
 * - Cache: one JSON file per article under `<cacheDir>/extract/`, keyed by a
 *   hash of the article's text and front matter and of the extractor itself
 *   (every source and data file under src/extract and src/structure), so an
 *   unchanged article is never extracted twice and any rule change
 *   invalidates everything. The folder is safe to delete.
 * - Parallelism: articles are independent, so when enough of them miss the
 *   cache they are shared out to worker threads, one per core.
 * - Re-dating (redateAll): an article given a date by another article is
 *   extracted again only in what depends on its date; the result equals a
 *   full extraction with that date, and is cached under the same key.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ArticleDate } from "../types.ts";
import { extractArticle, redateArticle, type ArticleExtraction, type ExtractOptions, type SourceDocument } from "./article.ts";

/** Below this many articles to extract, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = 64;

export interface BatchOptions {
  /** Folder for the cache; null disables it. */
  cacheDir: string | null;
  /** Worker threads to use; 0 or 1 extracts in this thread. Default: cores. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export type BatchResult = { ok: true; extraction: ArticleExtraction } | { ok: false; error: string };

export interface BatchOutcome {
  results: BatchResult[];
  cacheHits: number;
  workersUsed: number;
}

let extractorHash: Promise<string> | undefined;

/** Hash of every file the extraction depends on: code and data. */
export function extractorFingerprint(): Promise<string> {
  extractorHash ??= (async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const roots = [here, path.join(here, "..", "structure"), path.join(here, "..", "types.ts")];
    const hash = createHash("sha256");
    for (const root of roots) {
      const files = root.endsWith(".ts") ? [root] : (await readdir(root, { recursive: true })).map((f) => path.join(root, f)).sort();
      for (const file of files) {
        if (!/\.(ts|json)$/.test(file)) continue;
        hash.update(path.relative(here, file)).update("\0").update(await readFile(file)).update("\0");
      }
    }
    return hash.digest("hex");
  })();
  return extractorHash;
}

export function cacheKey(doc: SourceDocument, options: ExtractOptions, fingerprint: string): string {
  return createHash("sha256")
    .update(fingerprint)
    .update("\0")
    .update(JSON.stringify([doc.source, doc.format, doc.contentStart, doc.frontMatter, options]))
    .update("\0")
    .update(doc.text)
    .digest("hex");
}

async function readCached(cacheDir: string, key: string): Promise<ArticleExtraction | null> {
  try {
    return JSON.parse(await readFile(path.join(cacheDir, "extract", key.slice(0, 2), `${key}.json`), "utf8"));
  } catch {
    return null;
  }
}

async function writeCached(cacheDir: string, key: string, extraction: ArticleExtraction): Promise<void> {
  const dir = path.join(cacheDir, "extract", key.slice(0, 2));
  await mkdir(dir, { recursive: true });
  // Write then rename, so an interrupted build never leaves a truncated entry.
  const file = path.join(dir, `${key}.json`);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(extraction));
  await rename(temporary, file);
}

/** One article to extract: from scratch, or (with `from`) again with the
 * date in `options.assignedDate`. */
export interface ExtractJob {
  doc: SourceDocument;
  options: ExtractOptions;
  from?: ArticleExtraction;
}

/** Runs one job; an exception becomes a failed result naming the error. */
export function runJob(job: ExtractJob): BatchResult {
  try {
    const date = job.options.assignedDate;
    return { ok: true, extraction: job.from && date ? redateArticle(job.doc, job.from, date) : extractArticle(job.doc, job.options) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Runs the extraction of `jobs` on `count` worker threads. */
async function extractInWorkers(
  jobs: ExtractJob[],
  count: number,
  onDone: (index: number, result: BatchResult) => void,
): Promise<void> {
  const workerUrl = new URL("./batch-worker.ts", import.meta.url).href;
  // Workers do not inherit tsx's loader on Node 20: register it first.
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`;
  let next = 0;
  await Promise.all(
    Array.from({ length: count }, () => {
      const worker = new Worker(boot, { eval: true });
      return new Promise<void>((resolve, reject) => {
        const feed = () => {
          if (next >= jobs.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const index = next++;
          worker.postMessage({ index, ...jobs[index] });
        };
        worker.on("message", (message: { index: number; result: BatchResult } | { ready: true }) => {
          if ("index" in message) onDone(message.index, message.result);
          feed();
        });
        worker.on("error", reject);
      });
    }),
  );
}

/** Extracts every document (see the module comment). */
export function extractAll(docs: SourceDocument[], options: BatchOptions): Promise<BatchOutcome> {
  return runJobs(
    docs.map((doc) => ({ doc, options: {} })),
    options,
  );
}

/** The articles again, each with the date another article gives it. */
export function redateAll(articles: Array<{ doc: SourceDocument; from: ArticleExtraction; date: ArticleDate }>, options: BatchOptions): Promise<BatchOutcome> {
  return runJobs(
    articles.map(({ doc, from, date }) => ({ doc, from, options: { assignedDate: date } })),
    options,
  );
}

async function runJobs(jobs: ExtractJob[], options: BatchOptions): Promise<BatchOutcome> {
  const results: BatchResult[] = new Array(jobs.length);
  const fingerprint = options.cacheDir ? await extractorFingerprint() : "";
  const keys = jobs.map((job) => (options.cacheDir ? cacheKey(job.doc, job.options, fingerprint) : ""));
  let done = 0;
  let cacheHits = 0;
  const missing: number[] = [];
  if (options.cacheDir) {
    const cached = await Promise.all(keys.map((key) => readCached(options.cacheDir!, key)));
    cached.forEach((extraction, i) => {
      if (extraction) {
        results[i] = { ok: true, extraction };
        cacheHits++;
        done++;
      } else {
        missing.push(i);
      }
    });
  } else {
    missing.push(...jobs.keys());
  }
  options.onProgress?.(done, jobs.length);

  const store = async (i: number, result: BatchResult) => {
    results[i] = result;
    done++;
    options.onProgress?.(done, jobs.length);
    if (options.cacheDir && result.ok) await writeCached(options.cacheDir, keys[i]!, result.extraction);
  };

  const cores = options.workers ?? availableParallelism();
  const workersUsed = missing.length >= PARALLEL_THRESHOLD && cores > 1 ? Math.min(cores, Math.ceil(missing.length / 32)) : 0;
  const writes: Array<Promise<void>> = [];
  if (workersUsed > 1) {
    await extractInWorkers(
      missing.map((i) => jobs[i]!),
      workersUsed,
      (j, result) => writes.push(store(missing[j]!, result)),
    );
  } else {
    for (const i of missing) writes.push(store(i, runJob(jobs[i]!)));
  }
  await Promise.all(writes);
  return { results, cacheHits, workersUsed };
}
