/**
 * The search index, in shards: one Pagefind index per year of article date,
 * one for undated articles, one for entity pages, each written to
 * `<site>/pagefind/<shard>/` and listed in `<site>/pagefind/manifest.json`.
 * The search page merges them in the browser (Pagefind's multi-index
 * search), so a reader sees one search.
 *
 * Why shards: Pagefind holds a whole index in memory while it builds, so one
 * index for a large archive costs gigabytes; shard by shard, the peak is the
 * largest shard, and a shard whose pages did not change is copied from the
 * cache (CACHE_DIR/search/) instead of being indexed again. "Did not change"
 * means: what Pagefind reads from its pages did not change (their indexed
 * view, src/search/indexed-view.ts), so adding an article, which changes the
 * related lists, previous/next links and timeline excerpts of many pages but
 * not their bodies or filters, re-indexes only the shards whose indexed
 * content changed.
 *
 * Articles are indexed from their rendered HTML (the article template marks
 * the body with data-pagefind-body and carries the filters, see
 * src/search/facets.ts); entities from their records, since an entity page is
 * mostly lists of other pages' titles.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";
import type { CustomRecord, PagefindServiceConfig } from "pagefind";
import type { Archive } from "../types.ts";
import { entityRecord } from "./facets.ts";
import { indexedView } from "./indexed-view.ts";
import { outputFileOf } from "../link/urls.ts";
import { linkOrCopyFiles } from "../hard-links.ts";

const PAGEFIND_VERSION: string = JSON.parse(readFileSync(new URL("../package.json", import.meta.resolve("pagefind")), "utf8")).version;

/** Bump when the way shards are planned, indexed or hashed changes, to invalidate the cache. */
const SHARD_FORMAT = 3;

/** The archive is French: one language index, French stemming for every page. */
export const INDEX_OPTIONS: PagefindServiceConfig = { forceLanguage: "fr" };

/** Pagefind's own UIs: the search page has its own (templates/assets/search.js). */
const UNUSED_FILES = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

export const UNDATED_SHARD = "sans-date";
/** Where a shard's pages are gathered for Pagefind, inside the staging
 * folder (the same file system, so hard links work); removed once indexed. */
const SHARD_PAGES_FOLDER = ".pagefind-pages-";
export const ENTITY_SHARD = "entites";

export interface ShardPlan {
  id: string;
  /** Rendered pages to index: site path (the search page adds PATH_PREFIX) and file under the site folder. */
  pages: Array<{ url: string; file: string }>;
  /** Records indexed without HTML. */
  records: CustomRecord[];
}

export interface ShardManifest {
  pagefind: string;
  /** Newest year first; the first shard's pagefind.js runs the search. */
  shards: Array<{ id: string; path: string; pages: number; hash: string }>;
}

/**
 * Most pages in one shard. Pagefind needs roughly 0.3 MB per page while it
 * indexes (1.1 GB for 4,000 pages, issue 8), so this keeps a shard well
 * under a gigabyte.
 */
export const MAX_SHARD_PAGES = 2000;

/** Shards that hold dated articles: "2025", or "2025-03" when a year is split by month. */
export const DATED_SHARD = /^\d{4}(-\d{2})?$/;

/**
 * Which page goes in which shard. Pure; the order is stable. Articles go by
 * year of their date; a year with more than `maxPages` articles is split by
 * month (articles dated only to the year keep the year's shard), and too
 * many undated articles are split into 16 buckets by a hash of their URL,
 * so a page's shard never depends on other pages' order. Shard ids sort
 * newest first, which is the order a date-sorted search walks them in.
 */
/** What the index reads of the archive: where each article is and its date,
 * and the entities (each gets a search record of its own). */
export interface SearchableArchive {
  articles: ReadonlyArray<Pick<Archive["articles"][number], "url" | "date">>;
  entities: Archive["entities"];
}

export function planShards(archive: SearchableArchive, maxPages = MAX_SHARD_PAGES): ShardPlan[] {
  const byYear = new Map<string, Pick<Archive["articles"][number], "url" | "date">[]>();
  for (const article of archive.articles) {
    const key = article.date ? article.date.value.slice(0, 4) : UNDATED_SHARD;
    const list = byYear.get(key);
    if (list) list.push(article);
    else byYear.set(key, [article]);
  }
  const byShard = new Map<string, ShardPlan>();
  const shard = (id: string) => {
    let plan = byShard.get(id);
    if (!plan) byShard.set(id, (plan = { id, pages: [], records: [] }));
    return plan;
  };
  for (const [key, articles] of byYear) {
    const split = articles.length > maxPages;
    for (const article of articles) {
      let id = key;
      if (split && key === UNDATED_SHARD) id = `${UNDATED_SHARD}-${createHash("sha256").update(article.url).digest("hex")[0]}`;
      else if (split && article.date && article.date.value.length >= 7) id = article.date.value.slice(0, 7);
      shard(id).pages.push({ url: article.url, file: outputFileOf(article.url) });
    }
  }
  for (const entity of archive.entities) {
    shard(ENTITY_SHARD).records.push(entityRecord(entity, entity.url, "fr"));
  }
  const rank = (id: string) => (DATED_SHARD.test(id) ? 0 : id.startsWith(UNDATED_SHARD) ? 1 : 2);
  const byUrl = (a: { url: string }, b: { url: string }) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
  const plans = [...byShard.values()].sort((a, b) => {
    const byRank = rank(a.id) - rank(b.id);
    if (byRank) return byRank;
    // Dated shards newest first; the others in plain order.
    const order = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return rank(a.id) === 0 ? -order : order;
  });
  for (const plan of plans) {
    plan.pages.sort(byUrl);
    plan.records.sort(byUrl);
  }
  return plans;
}

/**
 * The indexed view assumes Pagefind's default root selector and no exclude
 * selectors; with either set, a page's whole HTML is hashed instead.
 */
const VIEW_APPLIES = !INDEX_OPTIONS.rootSelector && !INDEX_OPTIONS.excludeSelectors?.length;

/**
 * What a shard's index depends on: what Pagefind reads from its pages (their
 * indexed view, not their whole HTML), its records, Pagefind's version and
 * options.
 */
export function shardHash(plan: ShardPlan, pageContents: readonly string[]): string {
  return shardHashOfViews(plan, pageContents.map((html) => pageViewHash(html ?? "")));
}

/** The hash of what Pagefind reads from one page. */
export function pageViewHash(html: string): string {
  return createHash("sha256")
    .update(VIEW_APPLIES ? indexedView(html) : html)
    .digest("base64url");
}

/** shardHash, from the pages' view hashes (pageViewHash). */
export function shardHashOfViews(plan: ShardPlan, viewHashes: readonly string[]): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ format: SHARD_FORMAT, pagefind: PAGEFIND_VERSION, options: INDEX_OPTIONS, id: plan.id }));
  plan.pages.forEach((page, i) => hash.update(`\0page\0${page.url}\0${viewHashes[i] ?? ""}`));
  for (const record of plan.records) hash.update(`\0record\0${JSON.stringify(record)}`);
  return hash.digest("hex");
}

export interface SearchIndexOptions {
  /** The rendered site (the staging folder). */
  siteDir: string;
  archive: SearchableArchive;
  /** Cache root (CACHE_DIR); shards are kept under `<cacheDir>/search/`. */
  cacheDir: string;
  onShard?: (done: number, total: number) => void;
  /** Most pages per shard (MAX_SHARD_PAGES unless testing the splits). */
  maxShardPages?: number;
  /** Each rendered page's render key (src/site/render-plan.ts), by file: a
   * page with a key seen before has the view hash it had then, and is not
   * read here (Pagefind reads it if its shard is indexed again). */
  renderKeys?: ReadonlyMap<string, string>;
  /** The site in place: a shard it already has with the same hash is kept
   * there as it is (keptFromPrevious), and the kept pages are read there. */
  previousSiteDir?: string;
  /** Pages (relative paths) that the build keeps in `previousSiteDir`
   * instead of rendering them into `siteDir`. */
  keptPages?: ReadonlySet<string>;
  /** Settles when the build has rendered its last pages: until then this
   * index is built beside Eleventy, and Pagefind is given one thread (see
   * PagefindThreads). Absent: the build does nothing else meanwhile. */
  rendering?: Promise<unknown>;
  /** Aborted when the build failed meanwhile: no further shard is begun. */
  signal?: AbortSignal;
}

/**
 * Pagefind's threads. Pagefind parses pages on every core (a rayon pool,
 * which reads RAYON_NUM_THREADS when its process starts). Beside Eleventy,
 * which renders on one core, it is given one thread: on two cores, indexing
 * the 4,000 article pages of the bench took 10.4–10.9 s on one thread
 * against 6.5 s on two, and on one thread beside a full render it took
 * 12.1 s while the render took no longer; on every core beside the render,
 * the two starved each other (README, "Performance"). Once the render is
 * over, the next shard starts a Pagefind on every core again. An explicit
 * RAYON_NUM_THREADS is left alone.
 */
class PagefindThreads {
  private running: "one" | "all" | null = null;
  private rendered: boolean;
  private readonly ownSetting = process.env.RAYON_NUM_THREADS !== undefined;

  constructor(rendering: Promise<unknown> | undefined) {
    this.rendered = rendering === undefined;
    const done = () => {
      this.rendered = true;
    };
    rendering?.then(done, done);
  }

  /** Before a shard is indexed: the Pagefind process for it is the one
   * running, or one started with the threads wanted now. */
  async prepare(): Promise<void> {
    const wanted = this.rendered || this.ownSetting ? "all" : "one";
    if (this.running === wanted) return;
    if (this.running !== null) await pagefind.close();
    if (!this.ownSetting) {
      if (wanted === "one") process.env.RAYON_NUM_THREADS = "1";
      else delete process.env.RAYON_NUM_THREADS;
    }
    this.running = wanted;
  }

  /** After the last shard: stops Pagefind, if it was started. */
  async close(): Promise<void> {
    if (this.running !== null) await pagefind.close();
    this.running = null;
    if (!this.ownSetting) delete process.env.RAYON_NUM_THREADS;
  }
}

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/**
 * Puts the files of the shard bundle `from` into `to` (emptied first) with
 * linkOrCopyFiles: hard links, copies where links cannot be made. Returns
 * the files linked. The cache's shard bundles and the site's share their
 * files this way: the build never writes into a file of the site (it
 * renames a new file over it, src/cli/commit.ts), so neither can change
 * under the other, and
 * copying every shard of a cold build to the cache took 1.3 s of its 10 s
 * search stage at 4,000 articles.
 */
async function placeBundle(from: string, to: string): Promise<string[]> {
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  return linkOrCopyFiles(await filesUnder(from), from, to);
}

async function previousShardHashes(siteDir: string | undefined): Promise<Map<string, string>> {
  if (!siteDir) return new Map();
  try {
    const manifest = JSON.parse(await readFile(path.join(siteDir, "pagefind", "manifest.json"), "utf8")) as ShardManifest;
    return new Map(manifest.shards.map((shard) => [shard.id, shard.hash]));
  } catch {
    return new Map();
  }
}

/** Render key → view hash, of the pages of the last build. */
function viewCacheFile(cacheDir: string): string {
  return path.join(cacheDir, "search-page-views.json");
}

export interface SearchIndexResult {
  manifest: ShardManifest;
  rebuilt: string[];
  reused: string[];
  /** Files of the index (relative paths) that the new site keeps from
   * `previousSiteDir`, where they are: they are not in `siteDir`. */
  keptFromPrevious: string[];
}

async function removeUnusedFiles(bundle: string): Promise<void> {
  for (const name of await readdir(bundle)) if (UNUSED_FILES.test(name)) await rm(path.join(bundle, name));
}

/** Forgets shards that no longer exist (a year whose articles were all removed). */
async function pruneCache(cacheRoot: string, keep: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(cacheRoot).catch(() => [] as string[]);
  for (const name of entries) if (!keep.has(name)) await rm(path.join(cacheRoot, name), { recursive: true, force: true });
}

async function readCachedHash(dir: string): Promise<string | null> {
  try {
    return (await readFile(path.join(dir, "hash"), "utf8")).trim();
  } catch {
    return null;
  }
}

/**
 * Indexes one shard. Its pages are given to Pagefind as a folder
 * (addDirectory), where Pagefind parses them on all cores as its CLI does;
 * added one by one (addHTMLFile), each page waited for the one before, which
 * took 2.7 s for 1,000 article pages against 1.4 s (README, "Performance").
 * Pagefind takes each page's URL from its path in the folder, which is the
 * page's site path (outputFileOf is its inverse).
 */
async function indexShard(plan: ShardPlan, pageFolders: PageFolders, outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex(INDEX_OPTIONS);
  if (!index) throw new Error(`Pagefind could not create the index for shard ${plan.id}: ${errors.join("; ")}`);
  const folder = path.join(pageFolders.siteDir, `${SHARD_PAGES_FOLDER}${plan.id}`);
  try {
    if (plan.pages.length > 0) {
      // The pages under their site paths in a folder of their own, which
      // Pagefind reads as a site: those rendered now, and those kept in the
      // site in place.
      const files = plan.pages.map((page) => page.file);
      const kept = files.filter((file) => pageFolders.kept.has(file));
      linkOrCopyFiles(files.filter((file) => !pageFolders.kept.has(file)), pageFolders.siteDir, folder);
      if (kept.length > 0) linkOrCopyFiles(kept, pageFolders.previousSiteDir!, folder);
      const added = await index.addDirectory({ path: folder });
      if (added.errors.length) throw new Error(`Pagefind could not index shard ${plan.id}: ${added.errors.join("; ")}`);
      if (added.page_count !== plan.pages.length) {
        throw new Error(`Pagefind indexed ${added.page_count} of the ${plan.pages.length} pages of shard ${plan.id}`);
      }
    }
    for (const record of plan.records) {
      const added = await index.addCustomRecord(record);
      if (added.errors.length) throw new Error(`Pagefind could not index ${record.url}: ${added.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write shard ${plan.id}: ${written.errors.join("; ")}`);
  } finally {
    await rm(folder, { recursive: true, force: true });
    // Frees the shard's memory in Pagefind's process before the next one.
    await index.deleteIndex();
  }
}

/** Where each page of the site is: rendered into `siteDir`, or kept in
 * `previousSiteDir`. */
interface PageFolders {
  siteDir: string;
  previousSiteDir?: string;
  kept: ReadonlySet<string>;
}

/**
 * Builds every shard into `<siteDir>/pagefind/`, reusing cached shards whose
 * input did not change, then writes the manifest. Shards are built one after
 * the other so that only one is ever in memory.
 */
export async function buildSearchIndex(options: SearchIndexOptions): Promise<SearchIndexResult> {
  const plans = planShards(options.archive, options.maxShardPages);
  const outputRoot = path.join(options.siteDir, "pagefind");
  const cacheRoot = path.join(options.cacheDir, "search");
  await rm(outputRoot, { recursive: true, force: true });
  await mkdir(outputRoot, { recursive: true });
  const manifest: ShardManifest = { pagefind: PAGEFIND_VERSION, shards: [] };
  const rebuilt: string[] = [];
  const reused: string[] = [];
  const keptFromPrevious: string[] = [];
  const kept = options.previousSiteDir ? (options.keptPages ?? new Set<string>()) : new Set<string>();
  const pageFolders: PageFolders = { siteDir: options.siteDir, previousSiteDir: options.previousSiteDir, kept };
  const pagePath = (file: string): string => path.join(kept.has(file) ? options.previousSiteDir! : options.siteDir, file);
  const threads = new PagefindThreads(options.rendering);
  let knownViews: Record<string, string> = {};
  try {
    knownViews = JSON.parse(await readFile(viewCacheFile(options.cacheDir), "utf8")) as Record<string, string>;
  } catch {
    // None yet, or unreadable: every page is read.
  }
  const views: Record<string, string> = {};
  const previous = await previousShardHashes(options.previousSiteDir);
  // Only the pages rendered since their view was hashed are read: adding an
  // article renders again a few pages of every year (related lists,
  // previous/next links), and reading whole shards for them took a third of
  // the search stage (README, "Performance").
  // Read synchronously, one page after the other (src/concurrency.ts).
  const viewHashOf = (page: ShardPlan["pages"][number], key: string | undefined): string => {
    const known = key ? knownViews[key] : undefined;
    const viewHash = known ?? pageViewHash(readFileSync(pagePath(page.file), "utf8"));
    if (key) views[key] = viewHash;
    return viewHash;
  };
  try {
    for (const [n, plan] of plans.entries()) {
      options.signal?.throwIfAborted();
      const viewHashes = plan.pages.map((page) => viewHashOf(page, options.renderKeys?.get(page.file)));
      const hash = shardHashOfViews(plan, viewHashes);
      const output = path.join(outputRoot, plan.id);
      const cached = path.join(cacheRoot, plan.id);
      if ((await readCachedHash(cached)) === hash) {
        const inPlace = options.previousSiteDir && previous.get(plan.id) === hash.slice(0, 16) ? path.join(options.previousSiteDir, "pagefind", plan.id) : null;
        // Kept in the site in place when it has the shard (its files then
        // need neither copy nor comparison), else, or if it cannot be
        // listed, put in from the cache.
        const inPlaceFiles = inPlace ? await filesUnder(inPlace).catch(() => null) : null;
        if (inPlaceFiles && inPlaceFiles.length > 0) {
          for (const file of inPlaceFiles) keptFromPrevious.push(path.join("pagefind", plan.id, file));
        } else {
          await placeBundle(path.join(cached, "bundle"), output);
        }
        reused.push(plan.id);
      } else {
        await threads.prepare();
        await indexShard(plan, pageFolders, output);
        await removeUnusedFiles(output);
        // The hash is written last: a cache entry interrupted half-way is never trusted.
        await rm(cached, { recursive: true, force: true });
        await mkdir(cached, { recursive: true });
        await placeBundle(output, path.join(cached, "bundle"));
        await writeFile(path.join(cached, "hash"), `${hash}\n`);
        rebuilt.push(plan.id);
      }
      manifest.shards.push({ id: plan.id, path: `${plan.id}/`, pages: plan.pages.length + plan.records.length, hash: hash.slice(0, 16) });
      options.onShard?.(n + 1, plans.length);
    }
  } finally {
    await threads.close();
  }
  await pruneCache(cacheRoot, new Set(plans.map((p) => p.id)));
  await mkdir(options.cacheDir, { recursive: true });
  const temporary = `${viewCacheFile(options.cacheDir)}.${process.pid}`;
  await writeFile(temporary, JSON.stringify(views));
  await rename(temporary, viewCacheFile(options.cacheDir));
  await writeFile(path.join(outputRoot, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, rebuilt, reused, keptFromPrevious };
}
