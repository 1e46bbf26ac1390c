/**
 * `npm run build`: seeds → records → site, written atomically.
 *
 * The site is rendered into a temporary folder next to the output folder and
 * swapped in only when everything succeeded, so a failed build leaves the
 * previous site intact and a host never serves a half-written one.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { readConfig } from "../config.ts";
import { runPipeline } from "../pipeline.ts";
import { provideArchive } from "../site/source.ts";
import { countBySeverity, formatDiagnostic } from "./report.ts";
import { createProgress } from "./progress.ts";
import { buildSearchIndex } from "../search/index.ts";
import { buildFingerprint, isUpToDate, recordBuild } from "./fingerprint.ts";
import { THREAD_REGISTRY_FILE, writeThreadRegistry } from "../read/threads.ts";

async function main(): Promise<number> {
  const config = readConfig(process.env, process.argv.slice(2));
  const started = performance.now();
  const today = new Date().toISOString().slice(0, 10);
  const fingerprint = await buildFingerprint(config);
  if (!process.argv.includes("--force") && (await isUpToDate(config, fingerprint))) {
    console.log(`Nothing changed since the last build; ${path.relative(process.cwd(), config.outputDir) || "."} is up to date (--force rebuilds).`);
    return 0;
  }
  const progress = createProgress();
  progress.stage("extract");
  const { archive, report } = await runPipeline({
    seedsDir: config.seedsDir,
    today,
    cacheDir: config.cacheDir,
    workers: config.workers,
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.stage("render");

  for (const diagnostic of report.diagnostics) console.error(formatDiagnostic(diagnostic));
  const { warnings, errors } = countBySeverity(report.diagnostics);
  if (config.strict && warnings + errors > 0) {
    console.error(`--strict: ${errors} erreur(s), ${warnings} avertissement(s); nothing was written.`);
    return 1;
  }

  provideArchive(archive);
  const parent = path.dirname(config.outputDir);
  await mkdir(parent, { recursive: true });
  const staging = `${config.outputDir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    const renderStarted = performance.now();
    // eleventy.config.ts names the output folder from OUTPUT_DIR (so that
    // `npm start` honours it too); point it at the staging folder.
    process.env.OUTPUT_DIR = staging;
    const { Eleventy } = await import("@11ty/eleventy");
    const eleventy = new Eleventy("templates", staging, { configPath: "eleventy.config.ts", quietMode: true });
    await eleventy.write();
    report.timings.render = performance.now() - renderStarted;

    // Search index: one Pagefind shard per year, unchanged shards reused from the cache.
    progress.stage("search index");
    const searchStarted = performance.now();
    await buildSearchIndex({
      siteDir: staging,
      archive,
      cacheDir: config.cacheDir,
      onShard: (done, total) => progress.update(done, total),
    });
    report.timings.search = performance.now() - searchStarted;

    // Machine-readable report, deterministic (no timings) so identical input
    // gives identical output.
    const buildReport = {
      articles: report.articles,
      files: report.files,
      skipped: report.skipped,
      warnings,
      errors,
      diagnostics: report.diagnostics,
    };
    await writeFile(path.join(staging, "build-report.json"), `${JSON.stringify(buildReport, null, 2)}\n`);

    const previous = `${config.outputDir}.old-${process.pid}`;
    await rename(config.outputDir, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    await rename(staging, config.outputDir);
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    console.error(`The build failed; the previous site in ${config.outputDir} was left as it was.`);
    throw error;
  }

  progress.end();
  // Remember thread membership only once the site is in place.
  if (await writeThreadRegistry(config.seedsDir, archive.threadRegistry)) {
    console.log(`Thread registry updated: ${path.join(path.relative(process.cwd(), config.seedsDir), THREAD_REGISTRY_FILE)}`);
  }
  await recordBuild(config, await buildFingerprint(config));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const stages = Object.entries(report.timings)
    .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(2)} s`)
    .join(", ");
  console.log(
    `${report.articles} article(s) built from ${report.files} file(s)` +
      `${report.skipped.length ? `, ${report.skipped.length} draft(s) skipped` : ""}; ` +
      `${warnings} warning(s), ${errors} error(s); ${seconds} s (${stages}) → ${path.relative(process.cwd(), config.outputDir) || "."}`,
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
