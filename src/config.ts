/**
 * Build settings, from the environment (documented in the README).
 */
import path from "node:path";

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
    workers: env.EXTRACT_WORKERS !== undefined && /^\d+$/.test(env.EXTRACT_WORKERS) ? Number(env.EXTRACT_WORKERS) : undefined,
  };
}
