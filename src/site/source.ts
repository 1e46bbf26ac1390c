/**
 * Where Eleventy gets the archive. `npm run build` runs the pipeline itself
 * (to report, and to fail before writing anything), decides which pages to
 * render (src/site/render-plan.ts) and hands the view over with
 * `provideView`; under `npm start` (eleventy --serve) nothing was handed
 * over, so the pipeline runs here, on every rebuild, and every page is
 * rendered.
 */
import type { SitemapEntryOfPage } from "./seo.ts";
import { readConfig } from "../config.ts";
import { runPipeline } from "../pipeline.ts";
import { buildSiteView, type SiteView } from "./view.ts";

interface Handover {
  view: SiteView;
  /** Sitemap entries of the pages kept from the previous build (not rendered). */
  keptSitemap: SitemapEntryOfPage[];
}

let provided: Handover | null = null;
/** URL → sitemap entry (null: not in the sitemap) of every page Eleventy wrote last. */
let written = new Map<string, SitemapEntryOfPage | null>();

export function provideView(view: SiteView, keptSitemap: SitemapEntryOfPage[] = []): void {
  provided = { view, keptSitemap };
}

export function keptSitemapEntries(): SitemapEntryOfPage[] {
  return provided?.keptSitemap ?? [];
}

export function recordWrittenPages(pages: Map<string, SitemapEntryOfPage | null>): void {
  written = pages;
}

export function writtenPages(): Map<string, SitemapEntryOfPage | null> {
  return written;
}

export async function loadSiteView(): Promise<SiteView> {
  if (provided) return provided.view;
  const config = readConfig();
  const { archive, report } = await runPipeline({ seedsDir: config.seedsDir, cacheDir: config.cacheDir, workers: config.workers });
  for (const d of report.diagnostics) console.warn(`[archive] ${d.severity}: ${d.file}${d.line ? `:${d.line}` : ""} ${d.message}`);
  return buildSiteView(archive);
}
