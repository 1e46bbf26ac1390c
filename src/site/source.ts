/**
 * Where Eleventy gets the archive. `npm run build` runs the pipeline itself
 * (to report, and to fail before writing anything), decides which pages to
 * render (src/site/render-plan.ts) and hands the view over with
 * `provideView`; under `npm start` (eleventy --serve) nothing was handed
 * over, so the pipeline runs here, on every rebuild, and every page is
 * rendered.
 */
import type { SitemapEntryOfPage } from "./seo.ts";
import type { Archive } from "../types.ts";
import { readConfig } from "../config.ts";
import { runPipeline } from "../pipeline.ts";
import { buildSiteView, type SiteView } from "./view.ts";

interface Handover {
  view: SiteView;
  /** Whether this Eleventy run renders the single pages (home, indexes, feeds…). */
  singles: boolean;
  /** Whether this run is the build's last, which writes the sitemap. */
  last: boolean;
  /** Sitemap entries of the pages kept from the previous build (not rendered). */
  keptSitemap: SitemapEntryOfPage[];
}

let provided: Handover | null = null;
/** URL → sitemap entry (null: not in the sitemap) of every page Eleventy
 * wrote since `resetWrittenPages`, over all the build's runs. */
const written = new Map<string, SitemapEntryOfPage | null>();

/** Hands a view to the next Eleventy run of `npm run build`. */
export function provideView(view: SiteView, options: Omit<Handover, "view">): void {
  provided = { view, ...options };
}

/** Set by `npm run build`; null under `npm start`, where one run renders everything. */
export function handover(): Omit<Handover, "view"> | null {
  return provided && { singles: provided.singles, last: provided.last, keptSitemap: provided.keptSitemap };
}

export function recordWrittenPages(pages: Map<string, SitemapEntryOfPage | null>): void {
  for (const [url, entry] of pages) written.set(url, entry);
}

export function resetWrittenPages(): void {
  written.clear();
}

export function writtenPages(): ReadonlyMap<string, SitemapEntryOfPage | null> {
  return written;
}

/** Under `npm start`, the archive of the last run, for its JSON export. */
let served: Archive | null = null;

export function servedArchive(): Archive | null {
  return served;
}

export async function loadSiteView(): Promise<SiteView> {
  if (provided) return provided.view;
  const config = readConfig();
  const { archive, report } = await runPipeline({ seedsDir: config.seedsDir, cacheDir: config.cacheDir, workers: config.workers });
  for (const d of report.diagnostics) console.warn(`[archive] ${d.severity}: ${d.file}${d.line ? `:${d.line}` : ""} ${d.message}`);
  served = archive;
  return buildSiteView(archive);
}
