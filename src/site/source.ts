/**
 * Where Eleventy gets the archive. `npm run build` runs the pipeline itself
 * (to report, and to fail before writing anything) and hands the result over
 * with `provideArchive`; under `npm start` (eleventy --serve) nothing was
 * handed over, so the pipeline runs here, on every rebuild.
 */
import type { Archive } from "../types.ts";
import { readConfig } from "../config.ts";
import { runPipeline } from "../pipeline.ts";
import { buildSiteView, type SiteView } from "./view.ts";

let provided: Archive | null = null;

export function provideArchive(archive: Archive): void {
  provided = archive;
}

export async function loadSiteView(): Promise<SiteView> {
  if (provided) return buildSiteView(provided);
  const config = readConfig();
  const { archive, report } = await runPipeline({ seedsDir: config.seedsDir, cacheDir: config.cacheDir, workers: config.workers });
  for (const d of report.diagnostics) console.warn(`[archive] ${d.severity}: ${d.file}${d.line ? `:${d.line}` : ""} ${d.message}`);
  return buildSiteView(archive);
}
