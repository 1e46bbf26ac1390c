/**
 * Weight budgets: what a reader downloads for each kind of page, gzip
 * compressed as a static host serves it (level 6, the usual on-the-fly
 * setting). For a page: its HTML plus the stylesheets (and, for the search
 * page, the scripts) it links; for each kind, the heaviest page of the seeds.
 * An article page's HTML plus CSS stays under 14 kB so that it arrives in the
 * first round trips (issue 5). 1 kB = 1000 bytes.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { builtSite, fileForPath, htmlPages, type BuiltSite } from "../helpers/site.ts";

/** Compressed bytes allowed, per kind of page. */
const BUDGETS = {
  "home (HTML + CSS)": 12_000,
  "article (HTML + CSS)": 14_000,
  "person (HTML + CSS)": 10_000,
  "timeline (HTML + CSS)": 16_000,
  "search (HTML + CSS + JS)": 16_000,
  "CSS (all stylesheets)": 6_000,
} as const;
type Kind = keyof typeof BUDGETS;

let site: BuiltSite;
before(async () => {
  site = await builtSite("/");
});

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 6 }).length;

/** Local files a page links with `<link rel="stylesheet">` and, when asked, `<script src>` and their static imports. */
function linkedFiles(html: string, from: string, withScripts: boolean): string[] {
  const urls = [...html.matchAll(/<link\b[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => /\brel=["']?stylesheet\b/.test(tag))
    .map((tag) => /\bhref=["']([^"']+)["']/.exec(tag)?.[1]);
  if (withScripts) urls.push(...[...html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/g)].map((match) => match[1]));
  const files = new Set<string>();
  const add = (url: string, base: string) => {
    const resolved = new URL(url, `http://site${base}`);
    if (resolved.host !== "site") return;
    const file = fileForPath(site, resolved.pathname);
    if (!existsSync(file) || files.has(file)) return;
    files.add(file);
    if (file.endsWith(".js")) {
      // Modules the script imports statically load with it.
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/\bimport\s+(?:[^"'();]*?\bfrom\s*)?["']([^"']+)["']/g)) add(match[1]!, resolved.pathname);
    }
  };
  for (const url of urls) if (url) add(url, from);
  return [...files];
}

function pageWeight(sitePath: string, withScripts = false): { bytes: number; files: string[] } {
  const file = fileForPath(site, sitePath);
  const html = readFileSync(file, "utf8");
  const linked = linkedFiles(html, sitePath, withScripts);
  return { bytes: gzipped(file) + linked.reduce((sum, linkedFile) => sum + gzipped(linkedFile), 0), files: [file, ...linked] };
}

describe("weight budgets (gzip)", () => {
  test("each kind of page stays under its budget", async (t) => {
    const pages = await htmlPages(site);
    const heaviest = (prefix: string) =>
      pages
        .filter((page) => page.startsWith(prefix) && page !== prefix)
        .map((page) => ({ page, ...pageWeight(page) }))
        .sort((a, b) => b.bytes - a.bytes)[0];

    const measured: Partial<Record<Kind, { page: string; bytes: number; files: string[] }>> = {};
    measured["home (HTML + CSS)"] = { page: "/", ...pageWeight("/") };
    measured["article (HTML + CSS)"] = heaviest("/articles/");
    measured["person (HTML + CSS)"] = heaviest("/personnes/");
    measured["timeline (HTML + CSS)"] = { page: "/chronologie/", ...pageWeight("/chronologie/") };
    if (pages.includes("/recherche/")) measured["search (HTML + CSS + JS)"] = { page: "/recherche/", ...pageWeight("/recherche/", true) };
    else t.diagnostic("search: no /recherche/ page in the build yet, not measured");
    const stylesheets = new Set(pages.flatMap((page) => pageWeight(page).files.filter((file) => file.endsWith(".css"))));
    measured["CSS (all stylesheets)"] = {
      page: [...stylesheets].map((file) => path.relative(site.dir, file)).join(", "),
      bytes: [...stylesheets].reduce((sum, file) => sum + gzipped(file), 0),
      files: [...stylesheets],
    };

    const over: string[] = [];
    for (const [kind, budget] of Object.entries(BUDGETS) as Array<[Kind, number]>) {
      const entry = measured[kind];
      if (!entry) continue;
      const line = `${kind.padEnd(26)} ${(entry.bytes / 1000).toFixed(1).padStart(5)} kB / ${budget / 1000} kB  ${entry.page}`;
      t.diagnostic(line);
      if (entry.bytes > budget) over.push(`${line}\n    files: ${entry.files.map((file) => path.relative(site.dir, file)).join(", ")}`);
    }
    assert.ok(measured["article (HTML + CSS)"] && measured["person (HTML + CSS)"], "the seeds give article and person pages");
    assert.deepEqual(over, [], `over budget:\n${over.join("\n")}`);
  });
});
