/**
 * The search index is built in shards (one Pagefind index per year, one for
 * undated articles, one for entities) and merged in the browser
 * (templates/assets/search-engine.js). A reader must not be able to tell:
 * in Chromium, the merged shards give the results, the filter counts and
 * the accent folding that one Pagefind index of the same pages gives.
 *
 * The site is built from a corpus of the benchmark's generator
 * (src/bench/corpus.ts), spread over a dozen years, so that most queries
 * hit several shards and some words exist in a few years only.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import * as pagefind from "pagefind";
import type { Browser, Page } from "playwright-core";
import { syntheticArticle } from "../../src/bench/corpus.ts";
import { entityRecord } from "../../src/search/facets.ts";
import { INDEX_OPTIONS } from "../../src/search/index.ts";
import type { ArchiveEntity } from "../../src/types.ts";
import { launchChromium, watchForProblems } from "../helpers/browser.ts";
import { serveSite, type ServedSite } from "../helpers/server.ts";
import { TEST_SITE_URL } from "../helpers/site.ts";
import { tempDir } from "../helpers/temp.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");
const ARTICLES = 40;
/** Where the test writes the single index, beside the site's own shards. */
const SINGLE = "pagefind-un-seul-index";

let browser: Browser;
let served: ServedSite;
let page: Page;
let problems: string[];
let siteDir: string;

/** One Pagefind index of every article page and entity record of the site. */
async function writeSingleIndex(dir: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex(INDEX_OPTIONS);
  assert.ok(index, errors.join("; "));
  const added = await index.addDirectory({ path: dir, glob: "articles/**/*.html" });
  assert.deepEqual(added.errors, []);
  const entities = JSON.parse(readFileSync(path.join(dir, "data", "entities.json"), "utf8")) as ArchiveEntity[];
  for (const entity of entities) await index.addCustomRecord(entityRecord(entity, entity.url, "fr"));
  await index.writeFiles({ outputPath: path.join(dir, SINGLE) });
  await pagefind.close();
}

before(async () => {
  const work = tempDir("search-shards-browser-");
  const seeds = path.join(work, "seeds");
  siteDir = path.join(work, "site");
  mkdirSync(seeds);
  for (let i = 0; i < ARTICLES; i++) {
    const article = syntheticArticle(i, 7);
    writeFileSync(path.join(seeds, article.name), article.text);
  }
  const env = { ...process.env, SEEDS_DIR: seeds, OUTPUT_DIR: siteDir, CACHE_DIR: path.join(work, "cache"), SITE_URL: TEST_SITE_URL, EXTRACT_WORKERS: "0" };
  await run("npx", ["tsx", "src/cli/build.ts"], { cwd: root, env });
  await writeSingleIndex(siteDir);
  [browser, served] = await Promise.all([launchChromium(), serveSite({ dir: siteDir, pathPrefix: "/", siteUrl: TEST_SITE_URL })]);
  const context = await browser.newContext({ locale: "fr-FR" });
  page = await context.newPage();
  problems = watchForProblems(page);
});

after(async () => {
  await browser?.close();
  await served?.close();
});

interface Answer {
  urls: string[];
  dates: string[];
}

/**
 * Runs each search in a page of the site, with the site's merged shards and with the
 * single index: result URLs (sorted, since scores are computed per index
 * and ties may fall either way) and, for date-sorted searches, the dates in
 * the order given.
 */
async function both(searches: Array<{ query: string; filters?: Record<string, string>; order?: "" | "recent" | "ancien" }>): Promise<{
  out: Array<{ sharded: Answer; single: Answer }>;
  filters: { sharded: FilterCounts; single: FilterCounts };
}> {
  // A fresh page each time: Pagefind is one module per page, and merging the
  // shards into it twice would count every page twice.
  await page.goto(served.url());
  return page.evaluate(`(${IN_PAGE})(${JSON.stringify({ searches, single: SINGLE })})`);
}

type FilterCounts = Record<string, Record<string, number>>;

/** Runs in the page; plain JavaScript in a string, so that nothing the test's
 * TypeScript compiler adds (esbuild's __name helper) reaches the browser. */
const IN_PAGE = `async ({ searches, single }) => {
  const engine = await import(new URL("/assets/search-engine.js", location.href).href);
  const sharded = await engine.openArchiveSearch(new URL("/pagefind/", location.href), "/");
  const one = await import(new URL("/" + single + "/pagefind.js", location.href).href);
  await one.options({ baseUrl: "/" });
  async function answer(results, ordered) {
    const data = await Promise.all(results.map((r) => r.data()));
    const urls = data.map((d) => d.url);
    return { urls: ordered ? urls : [...urls].sort(), dates: data.map((d) => d.meta.date ?? "") };
  }
  const out = [];
  for (const { query, filters = {}, order = "" } of searches) {
    const mine = await sharded.search(query, { filters, order });
    const sort = order ? { sort: { date: order === "ancien" ? "asc" : "desc" } } : {};
    const theirs = await one.search(query || null, { filters, ...sort });
    out.push({ sharded: await answer(mine.results, Boolean(order)), single: await answer(theirs?.results ?? [], Boolean(order)) });
  }
  return { out, filters: { sharded: await sharded.filters(), single: await one.filters() } };
}`;

describe("the search in shards answers as one index would, in Chromium", () => {
  test("the same articles and entities for words with and without accents, several words, and a word found nowhere", async () => {
    const queries = ["cybersécurité", "cybersecurite", "hôpitaux", "hopitaux", "Aminata Diallo", "transition énergétique", "Genève", "geneve", "Commission européenne", "mot-introuvable-zq"];
    const { out } = await both(queries.map((query) => ({ query })));
    for (const [i, query] of queries.entries()) {
      assert.deepEqual(out[i]!.sharded.urls, out[i]!.single.urls, `« ${query} »`);
    }
    const count = (query: string) => out[queries.indexOf(query)]!.single.urls.length;
    assert.ok(count("cybersécurité") > 1 && count("Genève") > 1 && count("Aminata Diallo") > 1, "the queries find several pages, so the comparison says something");
    assert.equal(count("mot-introuvable-zq"), 0);
    assert.deepEqual(out[0]!.sharded.urls, out[1]!.sharded.urls, "« cybersecurite » finds what « cybersécurité » finds");
    assert.deepEqual(out[6]!.sharded.urls, out[7]!.sharded.urls, "« geneve » finds what « Genève » finds");
    assert.deepEqual(problems, []);
  });

  test("the same filter values with the same counts, and the same results under a filter", async () => {
    const { filters } = await both([]);
    assert.deepEqual(filters.sharded, filters.single);
    const person = Object.entries(filters.single.personne ?? {}).sort((a, b) => b[1] - a[1])[0]?.[0];
    const year = Object.keys(filters.single.annee ?? {}).sort()[0];
    assert.ok(person && year, "the corpus has people and dated articles");
    const { out } = await both([
      { query: "", filters: { personne: person } },
      { query: "réforme", filters: { annee: year } },
      { query: "Paris", filters: { personne: person } },
    ]);
    for (const answer of out) assert.deepEqual(answer.sharded.urls, answer.single.urls);
    assert.ok(out[0]!.single.urls.length > 1, `${person} is in several articles`);
  });

  test("sorted by date, newest or oldest first, the same articles in date order", async () => {
    const { out } = await both([
      { query: "réforme", order: "recent" },
      { query: "Paris", order: "ancien" },
    ]);
    for (const [i, answer] of out.entries()) {
      assert.deepEqual([...answer.sharded.urls].sort(), [...answer.single.urls].sort());
      assert.ok(answer.single.urls.length > 1);
      // Articles of the same day may come in either order: compare the dates.
      assert.deepEqual(answer.sharded.dates, answer.single.dates, i === 0 ? "newest first" : "oldest first");
    }
  });
});
