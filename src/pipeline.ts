/**
 * The whole data flow, composed in one place:
 * read → structure → extract → link. Rendering is Eleventy's job
 * (eleventy.config.ts), fed with the Archive this returns.
 *
 * The archive is what the site needs: its articles' working data (text
 * blocks, time expressions, boilerplate, per-article events) is emptied
 * once used, and nothing holds the source texts or the first extraction
 * results while the articles are linked. At 20,000 articles this is the
 * difference between about 1 GB and a few hundred MB of live heap.
 */
import path from "node:path";
import type { Archive, Article, Diagnostic } from "./types.ts";
import { listArticleFiles, readArticleFile, type ReadResult } from "./read/files.ts";
import { FILES_IN_FLIGHT, forEachAtMost } from "./concurrency.ts";
import { readFrontMatter } from "./read/frontmatter.ts";
import type { ArticleExtraction, SourceDocument } from "./extract/article.ts";
import { closeExtractionWorkers, extractAll, pruneCache, redateAll } from "./extract/batch.ts";
import { assignArticleIds, linkArchive } from "./link/archive.ts";
import { refineDatesAcrossArticles } from "./link/dates.ts";
import { readThreadRegistry, readUrlRegistry } from "./read/registries.ts";

export interface PipelineReport {
  files: number;
  articles: number;
  /** Entries left out on purpose, with why: drafts (draft: true), and names
   * the seeds-folder conventions exclude (`_…`, `.…`, README, subfolders). */
  skipped: Array<{ file: string; reason: string }>;
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
  /** Articles whose extraction came from the cache. */
  cacheHits: number;
  /** Worker threads used for extraction (0: none). */
  workers: number;
}

export interface PipelineResult {
  archive: Archive;
  report: PipelineReport;
}

export interface PipelineOptions {
  seedsDir: string;
  /** YYYY-MM-DD, to warn about front matter dates in the future. */
  today?: string;
  linkPrefix?: string;
  /** Extraction cache folder (see src/extract/batch.ts); null or absent: no cache. */
  cacheDir?: string | null;
  /** Worker threads for extraction; default: one per core when it pays. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called as each stage begins: "read", "extract", "link". */
  onStage?: (stage: string) => void;
  /** Bytes of seed files already read (by name in the folder), used instead
   * of reading them again; the map is emptied once the articles are read.
   * A file not in it is read from the folder. */
  seedBytes?: Map<string, Buffer>;
}

/**
 * Empties what an article record carries only for extraction and linking:
 * its text blocks (its HTML is rendered from them), its time expressions,
 * its boilerplate lines and its own events (merged into the timeline). The
 * site shows none of them, and at 20,000 articles they are several hundred
 * MB of heap that would otherwise be held until the site is written.
 * `npm run extract` links articles itself and keeps them.
 */
function dropWorkingData(article: Article): void {
  article.blocks = [];
  article.timexes = [];
  article.boilerplate = [];
  article.events = [];
}

function now(): number {
  return performance.now();
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const timings: Record<string, number> = {};
  const diagnostics: Diagnostic[] = [];
  const skipped: PipelineReport["skipped"] = [];

  options.onStage?.("read");
  let t = now();
  const listing = await listArticleFiles(options.seedsDir);
  diagnostics.push(...listing.diagnostics);
  skipped.push(...listing.ignored);
  const documents: SourceDocument[] = [];
  const reads: ReadResult[] = new Array(listing.files.length);
  await forEachAtMost(listing.files.length, FILES_IN_FLIGHT, async (i) => {
    const file = listing.files[i]!;
    const known = options.seedBytes?.get(file);
    // Taken out as used: the bytes are not held beside the decoded text.
    options.seedBytes?.delete(file);
    reads[i] = await readArticleFile(options.seedsDir, file, known);
  });
  // What is left is not an article (other files, subfolders' files).
  options.seedBytes?.clear();
  for (const [i, file] of listing.files.entries()) {
    const read = reads[i]!;
    if (!read.ok) {
      diagnostics.push(...read.diagnostics);
      continue;
    }
    diagnostics.push(...read.diagnostics);
    if (read.text.trim().length === 0) {
      diagnostics.push({
        severity: "error",
        file,
        message: "is empty; it was not published",
        hint: "write the article's text in the file, or delete it",
      });
      continue;
    }
    const frontMatter = readFrontMatter(read.text, file, options.today);
    diagnostics.push(...frontMatter.diagnostics);
    if (frontMatter.data.draft) {
      skipped.push({ file, reason: "draft: true" });
      continue;
    }
    if (read.text.slice(frontMatter.contentStart).trim().length === 0) {
      diagnostics.push({
        severity: "error",
        file,
        message: "has front matter but no text; it was not published",
        hint: "write the article's text below the closing ---",
      });
      continue;
    }
    documents.push({
      source: file,
      format: path.extname(file).toLowerCase() === ".md" ? ("md" as const) : ("txt" as const),
      text: read.text,
      frontMatter: frontMatter.data,
      contentStart: frontMatter.contentStart,
    });
  }
  timings.read = now() - t;

  options.onStage?.("extract");
  t = now();
  const batch = await extractAll(documents, {
    cacheDir: options.cacheDir ?? null,
    workers: options.workers,
    onProgress: options.onProgress,
    withoutTimexes: true,
  });
  const extractions: ArticleExtraction[] = [];
  const extracted: SourceDocument[] = [];
  batch.results.forEach((result, i) => {
    const doc = documents[i]!;
    if (result.ok) {
      extractions.push(result.extraction);
      extracted.push(doc);
    } else {
      // A bug in a rule must not take the whole archive down; the editor is
      // told which file triggered it.
      diagnostics.push({
        severity: "error",
        file: doc.source,
        message: `extraction failed (${result.error}); the article was not published`,
        hint: "report this file to the developers: it is a bug in the extractor",
      });
    }
  });
  const { cacheHits, workersUsed, cacheKeys: usedCacheKeys } = batch;
  // Each list holds its own references to the texts and extractions: the
  // source texts are needed again only to re-date, the first results only
  // until they are sorted out. Emptied so that they are not all held while
  // linking, the stage where the heap is largest.
  documents.length = 0;
  batch.results.length = 0;
  timings.extract = now() - t;

  options.onStage?.("link");
  t = now();
  const published = await readUrlRegistry(options.seedsDir);
  diagnostics.push(...published.diagnostics);
  // Dates from other articles reporting the same event; the articles whose
  // date changed are extracted again so "hier" or "mardi" resolve against it.
  const refinements = refineDatesAcrossArticles(extractions, assignArticleIds(extractions, published.registry));
  const again = await redateAll(
    refinements.map((r) => ({ doc: extracted[r.index]!, from: extractions[r.index]!, date: r.date })),
    // As many as half the articles of a large archive can be re-dated: they
    // are shared out to workers like the first extraction (cached too).
    { cacheDir: options.cacheDir ?? null, workers: options.workers, withoutTimexes: true },
  );
  // The same workers extracted and re-dated; linking needs their memory.
  await closeExtractionWorkers();
  again.results.forEach((result, i) => {
    if (result.ok) extractions[refinements[i]!.index] = result.extraction;
  });
  extracted.length = 0;
  if (options.cacheDir) await pruneCache(options.cacheDir, [...usedCacheKeys, ...again.cacheKeys]);
  const threads = await readThreadRegistry(options.seedsDir);
  diagnostics.push(...threads.diagnostics);
  const archive = linkArchive(extractions, diagnostics, { linkPrefix: options.linkPrefix, threadRegistry: threads.registry, urlRegistry: published.registry });
  for (const article of archive.articles) dropWorkingData(article);
  timings.link = now() - t;

  return {
    archive,
    report: {
      files: listing.files.length,
      articles: archive.articles.length,
      skipped,
      diagnostics,
      timings,
      cacheHits,
      workers: workersUsed,
    },
  };
}
