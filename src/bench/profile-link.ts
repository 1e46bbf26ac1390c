/**
 * `npx tsx src/bench/profile-link.ts --articles N [--rounds R] [--fresh]`:
 * time of each part of the link stage (everything between extraction and
 * rendering) on N synthetic articles (src/bench/corpus.ts).
 *
 * The corpus is extracted once and the extractions are kept in a JSON file in
 * the system's temp folder, so later runs start at the link stage (`--fresh`
 * extracts again; do so after changing the extractors or the corpus). Each round runs: date refinement across articles, the
 * re-extraction of the articles it re-dated (as the pipeline does), then
 * linkArchive part by part, related articles and the JSON export. The best
 * round is printed. For a CPU profile:
 *
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof src/bench/profile-link.ts --articles 4000
 *
 * A benchmark, not a test: nothing here asserts a time.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { syntheticArticle } from "./corpus.ts";
import { readFrontMatter } from "../read/frontmatter.ts";
import { extractAll, redateAll } from "../extract/batch.ts";
import { type ArticleExtraction, type SourceDocument } from "../extract/article.ts";
import { assignArticleIds, linkArchive } from "../link/archive.ts";
import { refineDatesAcrossArticles } from "../link/dates.ts";
import { relatedArticles, relatedInputOf } from "../link/related.ts";
import { toExport } from "../link/export.ts";

function parseArgs(argv: string[]): { articles: number; rounds: number; fresh: boolean } {
  const value = (name: string): string | undefined => {
    const at = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (at < 0) return undefined;
    return argv[at]!.includes("=") ? argv[at]!.split("=")[1] : argv[at + 1];
  };
  return {
    articles: Number(value("--articles") ?? 1000),
    rounds: Number(value("--rounds") ?? 2),
    fresh: argv.includes("--fresh"),
  };
}

function documents(n: number): SourceDocument[] {
  return Array.from({ length: n }, (_, i) => {
    const { name, text } = syntheticArticle(i);
    const frontMatter = readFrontMatter(text, name);
    return { source: name, format: "txt" as const, text, frontMatter: frontMatter.data, contentStart: frontMatter.contentStart };
  });
}

async function extractions(docs: SourceDocument[], fresh: boolean): Promise<ArticleExtraction[]> {
  // Not keyed by the extractor's version: this profiles linking, and the
  // extractors change often (--fresh to extract again).
  const file = path.join(tmpdir(), `profile-link-${docs.length}.json`);
  if (!fresh && existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const t = performance.now();
  const batch = await extractAll(docs, { cacheDir: null });
  const out = batch.results.map((r) => {
    if (!r.ok) throw new Error(r.error);
    return r.extraction;
  });
  console.error(`extracted ${docs.length} articles in ${((performance.now() - t) / 1000).toFixed(1)} s (${batch.workersUsed} workers) → ${file}`);
  writeFileSync(file, JSON.stringify(out));
  return out;
}

async function round(docs: SourceDocument[], cached: ArticleExtraction[]): Promise<Record<string, number>> {
  // linkArchive must not see objects a previous round touched.
  const extracted: ArticleExtraction[] = structuredClone(cached);
  const timings: Record<string, number> = {};
  let t = performance.now();
  const refinements = refineDatesAcrossArticles(extracted, assignArticleIds(extracted));
  timings["dates (refine)"] = performance.now() - t;
  timings["re-dated articles (count)"] = refinements.length;
  t = performance.now();
  const again = await redateAll(
    refinements.map((r) => ({ doc: docs[r.index]!, from: extracted[r.index]!, date: r.date })),
    { cacheDir: null },
  );
  again.results.forEach((r, i) => {
    if (r.ok) extracted[refinements[i]!.index] = r.extraction;
  });
  timings["dates (re-extract)"] = performance.now() - t;

  t = performance.now();
  const archive = linkArchive(extracted, [], { timings });
  timings["linkArchive total"] = performance.now() - t;
  t = performance.now();
  relatedArticles(relatedInputOf(archive));
  timings["related"] = performance.now() - t;
  t = performance.now();
  toExport(archive);
  timings["export"] = performance.now() - t;
  timings["threads (count)"] = archive.threads.length;
  timings["threads (largest)"] = Math.max(0, ...archive.threads.map((th) => th.articles.length));
  timings["timeline events (count)"] = archive.timeline.length;
  return timings;
}

async function main(): Promise<void> {
  const { articles, rounds, fresh } = parseArgs(process.argv.slice(2));
  const docs = documents(articles);
  const cached = await extractions(docs, fresh);
  let best: Record<string, number> | null = null;
  let bestTotal = Infinity;
  for (let r = 0; r < rounds; r++) {
    const timings = await round(docs, cached);
    const total = Object.entries(timings)
      .filter(([k]) => !/\((count|largest)\)/.test(k) && k !== "linkArchive total")
      .reduce((sum, [k, v]) => sum + (["entities", "tags", "articles", "topics", "events", "threads"].includes(k) ? 0 : v), 0);
    const link = total + (timings["linkArchive total"] ?? 0);
    if (link < bestTotal) {
      bestTotal = link;
      best = timings;
    }
  }
  console.log(`link stage on ${articles} synthetic articles (best of ${rounds}; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB)`);
  for (const [part, value] of Object.entries(best!)) {
    const isCount = /\((count|largest)\)/.test(part);
    console.log(`  ${part.padEnd(28)} ${isCount ? String(value).padStart(9) : `${value.toFixed(0).padStart(6)} ms`}`);
  }
  console.log(`  ${"link stage total".padEnd(28)} ${bestTotal.toFixed(0).padStart(6)} ms`);
}

await main();
