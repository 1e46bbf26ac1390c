/**
 * The whole data flow, composed in one place:
 * read → structure → extract → link. Rendering is Eleventy's job
 * (eleventy.config.ts), fed with the Archive this returns.
 */
import path from "node:path";
import type { Archive, Diagnostic } from "./types.ts";
import { listArticleFiles, readArticleFile } from "./read/files.ts";
import { readFrontMatter } from "./read/frontmatter.ts";
import type { ArticleExtraction, SourceDocument } from "./extract/article.ts";
import { extractAll, redateAll } from "./extract/batch.ts";
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
  for (const file of listing.files) {
    const read = await readArticleFile(options.seedsDir, file);
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
  const batch = await extractAll(documents, { cacheDir: options.cacheDir ?? null, workers: options.workers, onProgress: options.onProgress });
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
    { cacheDir: options.cacheDir ?? null, workers: options.workers },
  );
  again.results.forEach((result, i) => {
    if (result.ok) extractions[refinements[i]!.index] = result.extraction;
  });
  const threads = await readThreadRegistry(options.seedsDir);
  diagnostics.push(...threads.diagnostics);
  const archive = linkArchive(extractions, diagnostics, { linkPrefix: options.linkPrefix, threadRegistry: threads.registry, urlRegistry: published.registry });
  timings.link = now() - t;

  return {
    archive,
    report: {
      files: listing.files.length,
      articles: archive.articles.length,
      skipped,
      diagnostics,
      timings,
      cacheHits: batch.cacheHits,
      workers: batch.workersUsed,
    },
  };
}
