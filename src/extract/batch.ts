/**
 * Extraction of a whole folder of articles: cached by content, parallel when
 * it pays.
 *
 * - Cache: one file per article under `<cacheDir>/extract/` (two lines of
 *   JSON, see cacheEntry), keyed by a
 *   hash of the article's text and front matter and of the extractor itself
 *   (every source and data file under src/extract and src/structure), so an
 *   unchanged article is never extracted twice and any rule change
 *   invalidates everything. The folder is safe to delete.
 * - Parallelism: articles are independent, so when enough of them miss the
 *   cache they are shared out to worker threads, one per core.
 * - Re-dating (redateAll): an article given a date by another article is
 *   extracted again only in what depends on its date; the result equals a
 *   full extraction with that date, and is cached under the same key.
 * - Pruning (pruneCache): after a build, entries it did not use (articles
 *   edited or removed, an older extractor) are deleted, so the cache stays
 *   about the size of one build's results.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import type { ArticleDate } from "../types.ts";
import { isRunning } from "../processes.ts";
import { startTsWorker } from "../workers.ts";
import { extractArticle, redateArticle, type ArticleExtraction, type ExtractOptions, type SourceDocument } from "./article.ts";

/** Below this many articles to extract, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = 64;

export interface BatchOptions {
  /** Folder for the cache; null disables it. */
  cacheDir: string | null;
  /** Worker threads to use; 0 or 1 extracts in this thread. Default: cores. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** The caller does not use the time expressions (the site shows the dates
   * and events they give, not the expressions): each result's `timexes` is
   * emptied once it is cached, so they are not all held at once (about
   * 6 KB an article as JSON, a few hundred MB of heap at 20,000 articles).
   * Re-dating does not read them. */
  withoutTimexes?: boolean;
}

export type BatchResult = { ok: true; extraction: ArticleExtraction } | { ok: false; error: string };

export interface BatchOutcome {
  results: BatchResult[];
  cacheHits: number;
  workersUsed: number;
  /** The cache entries this batch read or wrote (empty without a cache). */
  cacheKeys: string[];
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

/**
 * A cache entry: the extraction without its time expressions on the first
 * line, its time expressions on the second (JSON has no raw newline). The
 * build never uses the expressions once cached (re-dating finds them
 * again), and they were a fifth of what it parsed to read the cache.
 *
 * The entry of a re-dating (`redatedFrom`: the extraction it re-dated) holds
 * only what re-dating changes, the date and the events (redateArticle): the
 * rest is the first extraction's, which the build has in hand when it reads
 * the entry (a re-dating is keyed by the article's bytes and the date, and
 * the first extraction by the same bytes). A whole entry is about 25 KB for
 * an article of 3.6 KB, and a third of an archive's articles may be
 * re-dated: their entries were a quarter of what a rebuild parsed.
 */
export function cacheEntry(extraction: ArticleExtraction, redatedFrom?: ArticleExtraction): string {
  const first = redatedFrom ? { date: extraction.date, events: extraction.events } : { ...extraction, timexes: [] };
  return `${JSON.stringify(first)}\n${JSON.stringify(extraction.timexes)}`;
}

/** The extraction in a cache entry (`redatedFrom` as for cacheEntry); its
 * time expressions left empty when `withoutTimexes`. */
export function parseCacheEntry(entry: string, withoutTimexes: boolean, redatedFrom?: ArticleExtraction): ArticleExtraction {
  const cut = entry.indexOf("\n");
  if (cut < 0) throw new Error("not a cache entry: no line of time expressions");
  return fromCacheLines(entry.slice(0, cut), withoutTimexes ? null : entry.slice(cut + 1), redatedFrom);
}

function fromCacheLines(first: string, timexes: string | null, redatedFrom?: ArticleExtraction): ArticleExtraction {
  const parsed = JSON.parse(first) as ArticleExtraction;
  const extraction = redatedFrom ? { ...redatedFrom, date: parsed.date, events: parsed.events } : parsed;
  extraction.timexes = timexes === null ? [] : (JSON.parse(timexes) as ArticleExtraction["timexes"]);
  return extraction;
}

/** The extraction a job re-dates, if it is a re-dating (see runJob). */
export function redatedFrom(job: ExtractJob): ArticleExtraction | undefined {
  return job.from && job.options.assignedDate ? job.from : undefined;
}

/** The file of the cache entry `key`. */
function entryFile(cacheDir: string, key: string): string {
  return path.join(cacheDir, "extract", key.slice(0, 2), `${key}.json`);
}

/** A cache entry read from its file, or null (none, or unreadable). Without
 * time expressions, only the first line's bytes are decoded. */
function readCached(cacheDir: string, key: string, withoutTimexes: boolean, from: ArticleExtraction | undefined): ArticleExtraction | null {
  try {
    const bytes = readFileSync(entryFile(cacheDir, key));
    const cut = bytes.indexOf(0x0a);
    if (cut < 0) return null;
    return fromCacheLines(bytes.toString("utf8", 0, cut), withoutTimexes ? null : bytes.toString("utf8", cut + 1), from);
  } catch {
    return null;
  }
}

/** The cached extraction for each key (null: not cached), each parsed as
 * soon as it is read, so that no more than one file's bytes are held (at
 * 20,000 articles, holding every file's text before parsing took the
 * resident set to 1.65 GB). The reads are synchronous: nothing else runs
 * meanwhile, and for thousands of small files each asynchronous read costs
 * several trips through libuv's thread pool (open, stat, read, close) and a
 * promise. 5,626 entries of 4,000 articles: 1.19–1.23 s read and parsed
 * with 16 reads in flight, 0.57–0.59 s one after the other. */
function readAllCached(cacheDir: string, keys: string[], jobs: ExtractJob[], withoutTimexes: boolean): Array<ArticleExtraction | null> {
  return keys.map((key, i) => readCached(cacheDir, key, withoutTimexes, redatedFrom(jobs[i]!)));
}

async function writeCached(cacheDir: string, key: string, json: string): Promise<void> {
  const file = entryFile(cacheDir, key);
  await mkdir(path.dirname(file), { recursive: true });
  // Write then rename, so an interrupted build never leaves a truncated entry.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, json);
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
    const from = redatedFrom(job);
    return { ok: true, extraction: from ? redateArticle(job.doc, from, job.options.assignedDate!) : extractArticle(job.doc, job.options) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** What a worker sends back for a job: the extraction as a cache entry
 * (cacheEntry). Parsed here, it is as compact as an entry read from the
 * cache (JSON.parse shares the short strings, ids and kinds, that a
 * structured clone would copy for every object: about 200 MB more heap at
 * 20,000 articles), and the cache entry is written without serialising it
 * again. */
export type WorkerReply = { index: number; ok: true; entry: string } | { index: number; ok: false; error: string };

/** An extraction worker thread and when it is ready for jobs. */
interface PooledWorker {
  worker: Worker;
  ready: Promise<void>;
}

/**
 * Extraction workers, kept from one batch to the next until
 * closeExtractionWorkers: a build extracts its articles, then re-dates some
 * of them, and starting two workers again took 0.46–0.55 s on this 2-core
 * machine (tsx compiling the extractors in each), after which their code
 * had to warm up again. An idle worker does not keep the process alive.
 */
let pool: PooledWorker[] = [];

function startWorker(): PooledWorker {
  const worker = startTsWorker(new URL("./batch-worker.ts", import.meta.url));
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve()); // { ready: true }
    worker.once("error", reject);
  });
  ready.catch(() => {});
  return { worker, ready };
}

/** Terminates the pooled extraction workers (their memory goes with them). */
export async function closeExtractionWorkers(): Promise<void> {
  const workers = pool;
  pool = [];
  await Promise.all(workers.map(({ worker }) => worker.terminate()));
}

/** Runs the extraction of `jobs` on `count` worker threads of the pool. */
async function extractInWorkers(
  jobs: ExtractJob[],
  count: number,
  onDone: (index: number, reply: WorkerReply) => void,
): Promise<void> {
  while (pool.length < count) pool.push(startWorker());
  let next = 0;
  const run = async (pooled: PooledWorker): Promise<void> => {
    const { worker } = pooled;
    worker.ref();
    try {
      await pooled.ready;
      await new Promise<void>((resolve, reject) => {
        const onMessage = (reply: WorkerReply) => {
          onDone(reply.index, reply);
          feed();
        };
        const onError = (error: Error) => {
          stop();
          reject(error);
        };
        const stop = () => {
          worker.off("message", onMessage);
          worker.off("error", onError);
        };
        const feed = () => {
          if (next >= jobs.length) {
            stop();
            resolve();
            return;
          }
          const index = next++;
          worker.postMessage({ index, ...jobs[index] });
        };
        worker.on("message", onMessage);
        worker.on("error", onError);
        feed();
      });
    } catch (error) {
      // A worker that failed is not given work again.
      pool = pool.filter((p) => p !== pooled);
      void worker.terminate();
      throw error;
    } finally {
      worker.unref();
    }
  };
  await Promise.all(pool.slice(0, count).map(run));
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
  const withoutTimexes = options.withoutTimexes ?? false;
  const results: BatchResult[] = new Array(jobs.length);
  const fingerprint = options.cacheDir ? await extractorFingerprint() : "";
  const keys = jobs.map((job) => (options.cacheDir ? cacheKey(job.doc, job.options, fingerprint) : ""));
  let done = 0;
  let cacheHits = 0;
  const missing: number[] = [];
  if (options.cacheDir) {
    const cached = readAllCached(options.cacheDir, keys, jobs, withoutTimexes);
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

  const store = async (i: number, result: BatchResult, entry: string | null = null) => {
    results[i] = result;
    done++;
    options.onProgress?.(done, jobs.length);
    if (!result.ok) return;
    // Serialised for the cache before the time expressions are dropped.
    if (options.cacheDir) entry ??= cacheEntry(result.extraction, redatedFrom(jobs[i]!));
    if (withoutTimexes) result.extraction.timexes = [];
    if (options.cacheDir) await writeCached(options.cacheDir, keys[i]!, entry!);
  };

  const cores = options.workers ?? availableParallelism();
  const workersUsed = missing.length >= PARALLEL_THRESHOLD && cores > 1 ? Math.min(cores, Math.ceil(missing.length / 32)) : 0;
  const writes: Array<Promise<void>> = [];
  if (workersUsed > 1) {
    await extractInWorkers(
      missing.map((i) => jobs[i]!),
      workersUsed,
      (j, reply) =>
        writes.push(
          reply.ok
            ? store(missing[j]!, { ok: true, extraction: parseCacheEntry(reply.entry, withoutTimexes, redatedFrom(jobs[missing[j]!]!)) }, reply.entry)
            : store(missing[j]!, reply),
        ),
    );
  } else {
    for (const i of missing) writes.push(store(i, runJob(jobs[i]!)));
  }
  await Promise.all(writes);
  return { results, cacheHits, workersUsed, cacheKeys: options.cacheDir ? keys : [] };
}

/** Whether `name` is the temporary file of a write still under way: its
 * process (`<key>.json.<pid>.tmp`) is alive. */
function writtenNow(name: string): boolean {
  const pid = /\.(\d+)\.tmp$/.exec(name)?.[1];
  return pid !== undefined && isRunning(Number(pid));
}

/**
 * Deletes the cache entries not in `used`, and the temporary files of
 * interrupted writes. Without it the cache keeps an entry for every version
 * of every article and of the extractor it ever saw: 2.8 GB for a
 * 20,000-article archive after a few rule changes. Returns how many files
 * were deleted. A file that cannot be listed or deleted is left: the cache
 * stays correct either way, only larger.
 */
export async function pruneCache(cacheDir: string, used: Iterable<string>): Promise<number> {
  const keep = new Set<string>();
  for (const key of used) keep.add(`${key}.json`);
  const root = path.join(cacheDir, "extract");
  let folders: string[];
  try {
    folders = await readdir(root);
  } catch {
    return 0;
  }
  let deleted = 0;
  for (const folder of folders) {
    let names: string[];
    try {
      names = await readdir(path.join(root, folder));
    } catch {
      continue;
    }
    const stale = names.filter((name) => !keep.has(name) && !writtenNow(name));
    await Promise.all(
      stale.map((name) =>
        rm(path.join(root, folder, name), { force: true }).then(
          () => void deleted++,
          () => undefined,
        ),
      ),
    );
  }
  return deleted;
}
