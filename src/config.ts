/**
 * Build settings, from the environment (documented in the README).
 */
import path from "node:path";
import { RENDER_BATCH_PAGES } from "./site/render-plan.ts";

export interface BuildConfig {
  seedsDir: string;
  outputDir: string;
  /** Where the site is served from, with leading and trailing slash. */
  pathPrefix: string;
  /** Absolute site URL for feeds, canonical links and the sitemap. */
  siteUrl: string;
  /** Fail on any warning (for CI). */
  strict: boolean;
  /** Cache of extraction results and search shards; safe to delete. */
  cacheDir: string;
  /** Worker threads for extraction (undefined: one per core when it pays). */
  workers: number | undefined;
  /** Pages per Eleventy run (src/site/render-plan.ts): fewer use less memory, more are a little faster. */
  renderBatchPages: number;
}

export function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").trim().replace(/^\/*|\/*$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): BuildConfig {
  return {
    seedsDir: path.resolve(env.SEEDS_DIR ?? "seeds"),
    outputDir: path.resolve(env.OUTPUT_DIR ?? "_site"),
    pathPrefix: normalisePrefix(env.PATH_PREFIX),
    siteUrl: (env.SITE_URL ?? "https://archive.example.org").replace(/\/+$/, ""),
    strict: argv.includes("--strict") || env.STRICT === "1" || env.STRICT === "true",
    cacheDir: path.resolve(env.CACHE_DIR ?? ".cache"),
    renderBatchPages: env.RENDER_BATCH_PAGES !== undefined && /^[1-9]\d*$/.test(env.RENDER_BATCH_PAGES) ? Number(env.RENDER_BATCH_PAGES) : RENDER_BATCH_PAGES,
    workers: env.EXTRACT_WORKERS !== undefined && /^\d+$/.test(env.EXTRACT_WORKERS) ? Number(env.EXTRACT_WORKERS) : undefined,
  };
}
