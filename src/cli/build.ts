/**
 * `npm run build`: seeds → records → site, written atomically.
 *
 * What the build could not keep is written into a temporary folder next to
 * the output folder, and put into the site only when everything succeeded
 * (src/cli/commit.ts): a failed build leaves the previous site intact, a file
 * of the site is only ever replaced whole, and files whose bytes did not
 * change are not touched, so they keep their inode and times.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { readConfig, type BuildConfig } from "../config.ts";
import { runPipeline, type PipelineResult } from "../pipeline.ts";
import type { Archive } from "../types.ts";
import { provideView, resetWrittenPages, writtenPages } from "../site/source.ts";
import { prepareSiteView } from "../site/view.ts";
import { relatedInputOf, type RelatedArticle } from "../link/related.ts";
import { relatedArticlesOn, startRelatedThread } from "../link/related-thread.ts";
import { pageKeys, planRender, readManifest, renderBatches, writeManifest, type RenderBatch, type RenderPlan } from "../site/render-plan.ts";
import { buildReport, formatDiagnostic, formatSummary, reportPathFromArgs, type BuildReport } from "./report.ts";
import { createProgress } from "./progress.ts";
import { formatPeaks, trackMemory } from "./memory.ts";
import { startSearchAside } from "../search/aside.ts";
import { buildSearchIndex, type SearchableArchive, type SearchIndexResult } from "../search/index.ts";
import { buildFingerprint, isUpToDate, recordBuild, withRegistry } from "./fingerprint.ts";
import { THREAD_REGISTRY_FILE, URL_REGISTRY_FILE, registryText, writeRegistry } from "../read/registries.ts";
import { urlRegistryOf } from "../link/archive.ts";
import { writeExports } from "../link/export.ts";
import { COMMIT_JOURNAL, commitSite, completeInterruptedCommit, formatChanges, listTree, type OutputChanges } from "./commit.ts";
import { isRunning } from "../processes.ts";
import { listArticleFiles } from "../read/files.ts";

/**
 * A build killed half-way (Ctrl-C, a crash, a CI timeout) can leave its
 * staging folder: before its commit began (delete it), or during it (finish
 * the commit from its journal, then delete it). A first build killed while
 * it moved aside what was at the output path leaves it under `.old-<pid>`:
 * put it back. Only the leftovers of builds no longer running are touched.
 */
async function recoverInterruptedBuilds(outputDir: string): Promise<void> {
  const parent = path.dirname(outputDir);
  const base = path.basename(outputDir);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^\.(tmp|old)-(\d+)$/.exec(name.slice(base.length));
    if (!name.startsWith(base) || !match || isRunning(Number(match[2]))) continue;
    const leftover = path.join(parent, name);
    if (match[1] === "old" && !existsSync(outputDir)) {
      await rename(leftover, outputDir);
      console.error(`The previous site was restored from ${name}, left by an interrupted build.`);
    } else {
      if (match[1] === "tmp" && (await completeInterruptedCommit(leftover, outputDir))) {
        console.error(`An interrupted build had begun to update ${outputDir}: its changes were completed from ${name}.`);
      }
      await rm(leftover, { recursive: true, force: true });
    }
  }
}

async function writeReportCopy(file: string | undefined, report: BuildReport): Promise<void> {
  if (!file) return;
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** Under --strict, an up-to-date site only passes if its last build was clean. */
async function previousBuildWasClean(outputDir: string): Promise<boolean> {
  try {
    const previous = JSON.parse(await readFile(path.join(outputDir, "build-report.json"), "utf8")) as Partial<BuildReport>;
    return previous.warnings === 0 && previous.errors === 0;
  } catch {
    return false;
  }
}

/** The site's paginated pages with their keys, the pages kept from the
 * site in place, and the Eleventy runs that render the others. */
interface SitePlan {
  pages: RenderPlan["pages"];
  reused: RenderPlan["reused"];
  batches: RenderBatch[];
}

/** Builds the view and plans its rendering. The full view is let go on
 * return: the runs hold only the pages to render (and what they share).
 * `related` is being computed on another core meanwhile. */
async function planSite(archive: Archive, related: Promise<Map<string, RelatedArticle[]>>, codeFingerprint: string, config: BuildConfig): Promise<SitePlan> {
  const completeView = prepareSiteView(archive);
  const view = completeView(await related);
  const plan = await planRender(view, pageKeys(view, codeFingerprint), await readManifest(config.cacheDir), config.outputDir);
  return { pages: plan.pages, reused: plan.reused, batches: renderBatches(plan.view, config.renderBatchPages) };
}

/** What the search index reads of the archive. */
function searchableOf(archive: Archive): SearchableArchive {
  return { articles: archive.articles.map((a) => ({ url: a.url, date: a.date })), entities: archive.entities };
}

/**
 * How far V8 lets the heap grow past what survived its last full collection
 * before collecting again, in percent, for archives of at least
 * BOUNDED_HEAP_FROM articles. V8 picks a factor of its own, up to 4 (300 %)
 * on a machine with much memory: a build's live data is about 1 GB at 20,000
 * articles, and its short-lived garbage (page data hashed, pages rendered)
 * then pushed the resident set past 3 GB. At 50 % it stayed between 2.0 and
 * 2.3 GB for about 3 % more time. A smaller archive is left to V8's factor:
 * at 4,000 articles it peaks at about 0.9 GB instead of 0.6 GB, and an
 * article added builds 5–6 % faster (README, "Performance"). Flags are
 * process-wide, so the extraction workers get it too. An explicit
 * `node --heap-growing-percent=…` wins.
 */
const HEAP_GROWING_PERCENT = 50;
const BOUNDED_HEAP_FROM = 5000;

function boundHeapGrowth(articleFiles: number): void {
  if (process.execArgv.some((arg) => arg.startsWith("--heap-growing-percent"))) return;
  if (articleFiles >= BOUNDED_HEAP_FROM) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * A full garbage collection, run where the build has just let go of most of
 * its heap: the extraction results and the linker's working data, once the
 * archive is linked (about 1.1 GB live at 20,000 articles, 0.65 GB after).
 * V8 would collect them only once the heap had grown by its factor over the
 * 1.1 GB, so the plan stage ran in a heap of 1.6 GB that was mostly garbage,
 * and the build peaked there at 1.9 GB. For archives of at least
 * BOUNDED_HEAP_FROM articles, like the heap bound above: at 4,000 articles it
 * took the peak from 0.95 to 0.65 GB but one article added from 13.5–13.8 to
 * 13.7–14.2 s (V8 then collects a smaller heap more often). `--expose-gc` set
 * at run time gives new contexts a `gc`; it collects the whole isolate.
 */
function collectGarbageOfLargeArchive(articleFiles: number): void {
  if (articleFiles < BOUNDED_HEAP_FROM) return;
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

async function main(): Promise<number> {
  const config = readConfig(process.env, process.argv.slice(2));
  // The seeds folder's listing (names only; the pipeline lists it again to read it).
  const articleFiles = (await listArticleFiles(config.seedsDir)).files.length;
  boundHeapGrowth(articleFiles);
  const reportFile = reportPathFromArgs(process.argv.slice(2));
  const started = performance.now();
  const today = new Date().toISOString().slice(0, 10);
  await recoverInterruptedBuilds(config.outputDir);
  const fingerprint = await buildFingerprint(config);
  if (
    !process.argv.includes("--force") &&
    !reportFile &&
    (await isUpToDate(config, withRegistry(fingerprint.inputs, fingerprint.registry))) &&
    (!config.strict || (await previousBuildWasClean(config.outputDir)))
  ) {
    console.log(`Nothing changed since the last build; ${path.relative(process.cwd(), config.outputDir) || "."} is up to date (--force rebuilds).`);
    return 0;
  }
  // Loaded while the articles are read and extracted (src/link/related-thread.ts).
  const relatedThread = startRelatedThread(articleFiles);
  const progress = createProgress();
  const memory = process.argv.includes("--memory") ? trackMemory() : undefined;
  const stage = (name: string, label = name) => {
    progress.stage(label);
    memory?.stage(name);
  };
  // `let`: the archive is let go once the site view is built (below).
  let linked: PipelineResult | undefined = await runPipeline({
    seedsDir: config.seedsDir,
    today,
    cacheDir: config.cacheDir,
    workers: config.workers,
    seedBytes: fingerprint.seeds,
    onProgress: (done, total) => progress.update(done, total),
    onStage: stage,
  });
  collectGarbageOfLargeArchive(articleFiles);
  const { report } = linked;

  for (const diagnostic of report.diagnostics) console.error(formatDiagnostic(diagnostic));
  const summary = buildReport(report, linked.archive, config.strict);
  if (config.strict && summary.warnings + summary.errors > 0) {
    progress.end();
    await writeReportCopy(reportFile, summary);
    console.error(`${formatSummary(summary)}.`);
    console.error(`--strict: the build fails on any warning; ${path.relative(process.cwd(), config.outputDir) || "."} was left as it was.`);
    return 1;
  }
  // What the steps after rendering read of the archive, taken now.
  const searchable = searchableOf(linked.archive);
  const registries: Array<[string, Record<string, unknown>]> = [
    [THREAD_REGISTRY_FILE, linked.archive.threadRegistry],
    [URL_REGISTRY_FILE, urlRegistryOf(linked.archive.articles)],
  ];

  const parent = path.dirname(config.outputDir);
  await mkdir(parent, { recursive: true });
  const staging = `${config.outputDir}.tmp-${process.pid}`;
  let changes: OutputChanges | undefined;
  let planned: SitePlan | undefined;
  await rm(staging, { recursive: true, force: true });
  try {
    // The JSON export is written from the archive's records first, so that
    // the archive can be let go once the view is built: the pages' data
    // shares most of it, but not the articles' mentions, which Eleventy's
    // runs would otherwise carry. With the pages' data counting mentions
    // instead of holding them (src/link/mentions.ts), this took a cold build
    // of 20,000 articles from 1.93 to 1.54 GB at its peak.
    // Related articles are computed beside the export and the view, which
    // do not need them until the article pages' data is completed.
    const related = relatedArticlesOn(relatedThread, relatedInputOf(linked.archive));
    stage("export", "JSON export");
    const exportStarted = performance.now();
    await writeExports(linked.archive, staging);
    report.timings.export = performance.now() - exportStarted;

    // The pages to render: those whose data changed since the site in place was built.
    stage("plan");
    const planStarted = performance.now();
    planned = await planSite(linked.archive, related, fingerprint.code, config);
    linked = undefined;
    const { batches, reused, pages } = planned;
    report.timings.plan = performance.now() - planStarted;

    stage("render");
    const renderStarted = performance.now();
    // eleventy.config.ts names the output folder from OUTPUT_DIR (so that
    // `npm start` honours it too); point it at the staging folder.
    process.env.OUTPUT_DIR = staging;
    const { Eleventy } = await import("@11ty/eleventy");
    resetWrittenPages();
    const keptSitemap = reused.flatMap((page) => (page.record.sitemap ? [{ url: page.url, ...page.record.sitemap }] : []));
    // Search index: one Pagefind shard per year, unchanged shards reused
    // from the cache. It reads only article pages, which the first runs
    // render (renderBatches keeps the lists' order): when other runs follow,
    // it is built beside them on a worker thread (src/search/aside.ts).
    const keptPages = new Set(reused.map((page) => page.file));
    let searchShown = false;
    const searchOptions = {
      siteDir: staging,
      archive: searchable,
      cacheDir: config.cacheDir,
      renderKeys: new Map(pages.map((page) => [page.file, page.key])),
      previousSiteDir: config.outputDir,
      keptPages,
      onShard: (done: number, total: number) => searchShown && progress.update(done, total),
    };
    // The run after which the index can be built beside the others (the
    // last with article pages, or the first), if any run follows it.
    const asideAfter = Math.max(0, batches.reduce((last, batch, i) => (batch.view.articles.length > 0 ? i : last), -1));
    const aside = asideAfter < batches.length - 1 ? startSearchAside() : undefined;
    let searchBeside: Promise<SearchIndexResult> | undefined;
    let asideStarted = 0;
    let done = 0;
    try {
      // Each run's pages are let go once written (shift), so the data of the
      // pages already rendered does not stay in memory until the last run.
      for (let run = 0, batch = batches.shift(); batch; run++, batch = batches.shift()) {
        provideView(batch.view, { singles: batch.singles, last: batches.length === 0, keptSitemap });
        const eleventy = new Eleventy("templates", staging, { configPath: "eleventy.config.ts", quietMode: true });
        await eleventy.write();
        done += batch.pages;
        progress.update(done, pages.length - reused.length);
        if (aside && run === asideAfter) {
          asideStarted = performance.now();
          searchBeside = aside.build(searchOptions);
          // Awaited after the render; a failure meanwhile is not unhandled.
          searchBeside.catch(() => {});
        }
      }
    } catch (error) {
      // Pagefind may be reading the staging folder, which is deleted below.
      await aside?.cancel();
      throw error;
    }
    aside?.rendered();
    // Pagefind indexes beside this process from now on, on every core: the
    // render's garbage is collected first, so that the two together stay
    // within the memory bound of a large archive.
    if (searchBeside) collectGarbageOfLargeArchive(articleFiles);
    report.timings.render = performance.now() - renderStarted;
    if (searchBeside) report.timings["search beside render"] = performance.now() - asideStarted;

    stage("search", "search index");
    searchShown = true;
    const searchWaited = performance.now();
    // The commit below needs every entry of the site in place, which no
    // step of the build changes: listed while Pagefind indexes, when this
    // thread only waits. (A failure surfaces where the list is used.)
    const currentTree = listTree(config.outputDir);
    currentTree.catch(() => {});
    const searchResult = await (searchBeside ?? buildSearchIndex(searchOptions));
    report.timings.search = performance.now() - searchWaited;

    // Machine-readable report (fields in the README).
    await writeFile(path.join(staging, "build-report.json"), `${JSON.stringify(summary, null, 2)}\n`);
    await writeReportCopy(reportFile, summary);

    // Into the site in place: the staged files that differ from its own,
    // and the removal of what the new site no longer has. Nothing is
    // written to the staging folder after this.
    stage("commit", "update the site");
    const commitStarted = performance.now();
    changes = await commitSite(staging, config.outputDir, { kept: [...keptPages, ...searchResult.keptFromPrevious], currentTree });
    report.timings.commit = performance.now() - commitStarted;
  } catch (error) {
    if (existsSync(path.join(staging, COMMIT_JOURNAL))) {
      // The site is half updated: the staging folder holds the rest and the
      // plan, which the next build completes before anything else.
      console.error(`The build failed while updating ${config.outputDir}; build again to complete the update (${path.basename(staging)} holds it).`);
      throw error;
    }
    // A failed Eleventy run can still have copies in flight (passthrough
    // files) when it throws: a folder emptied here may get a file again,
    // and rm then fails with ENOTEMPTY. It retries (seen in CI); whatever
    // is left is deleted by the next build (recoverInterruptedBuilds).
    await rm(staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch((cleanup: Error) =>
      console.error(`Could not delete ${staging} (${cleanup.message}); the next build deletes it.`),
    );
    console.error(`The build failed; the previous site in ${config.outputDir} was left as it was.`);
    throw error;
  }

  progress.end();
  // Not a stage of the progress line, which has just been cleared.
  memory?.stage("finish");
  // What the next build may keep: the pages now in place, with their keys.
  const { reused, pages } = planned!;
  const written = writtenPages();
  // A kept page is the very file its record describes.
  const kept = new Map(reused.map((page) => [page.file, page.record]));
  await writeManifest(
    config.cacheDir,
    config.outputDir,
    pages,
    (page) => (kept.has(page.file) ? kept.get(page.file)!.sitemap : written.has(page.url) ? written.get(page.url)! : undefined),
    kept,
  ).catch((error: Error) => console.error(`Could not record the rendered pages (${error.message}); the next build renders them all.`));
  // Remember thread membership and published URLs only once the site is in place.
  for (const [file, registry] of registries) {
    if (await writeRegistry(config.seedsDir, file, registry)) {
      console.log(`Registry updated: ${path.join(path.relative(process.cwd(), config.seedsDir), file)}`);
    }
  }
  await recordBuild(config, withRegistry(fingerprint.inputs, registries.map(([, registry]) => registryText(registry)).join("")));
  if (memory) console.log(`Peak memory (resident set) by stage: ${formatPeaks(await memory.stop())}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const stages = Object.entries(report.timings)
    .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(2)} s`)
    .join(", ");
  console.log(
    `${formatSummary(summary)}; ${seconds} s (${stages}) → ${path.relative(process.cwd(), config.outputDir) || "."}` +
      (changes ? ` (${formatChanges(changes)})` : "") +
      `; ${(pages.length - reused.length).toLocaleString("en-US")} of ${pages.length.toLocaleString("en-US")} paginated page(s) rendered, the others kept`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
