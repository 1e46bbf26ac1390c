/**
 * The search index in shards: which page goes where, what a shard's cache
 * key depends on, and a real (small) Pagefind build that reuses unchanged
 * shards from the cache.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildSearchIndex, ENTITY_SHARD, planShards, shardHash, UNDATED_SHARD } from "../../src/search/index.ts";
import { startSearchAside } from "../../src/search/aside.ts";
import { articleFacets } from "../../src/search/facets.ts";
import type { ArchiveEntity, Article, Mention, MentionCount } from "../../src/types.ts";
import { countMentions } from "../../src/link/mentions.ts";
import { tempDir } from "../helpers/temp.ts";

function entity(id: string, name: string, type: ArchiveEntity["type"]): ArchiveEntity {
  return { id, name, type, aliases: [], description: null, wikidata: null, articles: [], url: `/${type === "person" ? "personnes" : type === "place" ? "lieux" : "organisations"}/${id}/` };
}
const entities = [entity("anne-hidalgo", "Anne Hidalgo", "person"), entity("paris", "Paris", "place"), entity("ratp", "RATP", "organization"), entity("velib", "Vélib’", "product")];

const mention = (id: string): Mention => ({ text: id, start: 0, end: 1, entity: id, type: entities.find((e) => e.id === id)!.type, rule: "test" });

function article(id: string, title: string, date: string | null, body: string, mentions: string[] = []): Pick<Article, "id" | "url" | "title" | "date" | "mentions" | "topic"> & { body: string; mentionCounts: MentionCount[] } {
  return {
    id,
    url: `/articles/${id}/`,
    title,
    date: date ? { value: date, precision: date.length === 10 ? "day" : date.length === 7 ? "month" : "year", basis: "front-matter", evidence: [] } : null,
    mentions: mentions.map(mention),
    mentionCounts: countMentions(mentions.map(mention)),
    topic: { id: "transports", label: "Transports" },
    body,
  };
}

const articles = [
  article("metro", "Le métro prolongé", "2024-02-10", "La RATP prolonge la ligne de métro vers le sud, annonce Anne Hidalgo.", ["ratp", "anne-hidalgo", "ratp"]),
  article("tram", "Un nouveau tramway", "2023-11", "Le tramway des Maréchaux arrive à Paris.", ["paris"]),
  article("velo", "Le vélo en ville", null, "La cybersécurité des vélos en libre-service inquiète.", ["velib"]),
  article("bus", "Des bus électriques", "2024", "Les bus électriques remplacent le diesel.", []),
];

function page(a: (typeof articles)[number], nav = "Accueil Archives"): string {
  const facets = articleFacets(a, entities);
  const spans = [
    ...facets.filters.map((f) => `<span data-pagefind-filter="${f.key}">${f.value}</span>`),
    ...facets.sort.map((s) => `<span data-pagefind-sort="${s.key}">${s.value}</span>`),
  ].join("");
  return `<!doctype html><html lang="fr"><head><title>${a.title}</title></head><body><nav>${nav}</nav><article data-pagefind-body><h1>${a.title}</h1><p>${a.body}</p></article><div hidden>${spans}</div></body></html>`;
}

async function writeSite(dir: string, list = articles, nav?: string): Promise<void> {
  for (const a of list) {
    await mkdir(path.join(dir, "articles", a.id), { recursive: true });
    await writeFile(path.join(dir, "articles", a.id, "index.html"), page(a, nav));
  }
}

/** Pagefind's files are gzipped, with a "pagefind_dcd" marker in front. */
function fragments(bundle: string): Array<{ url: string; content: string; filters: Record<string, string[]> }> {
  const dir = path.join(bundle, "fragment");
  return readdirSync(dir).map((name) => JSON.parse(gunzipSync(readFileSync(path.join(dir, name))).toString("utf8").replace(/^pagefind_dcd/, "")));
}

describe("planning shards", () => {
  test("one shard per year of article date, newest first, then undated articles, then entities", () => {
    const plans = planShards({ articles: articles as unknown as Article[], entities });
    assert.deepEqual(plans.map((p) => p.id), ["2024", "2023", UNDATED_SHARD, ENTITY_SHARD]);
    assert.deepEqual(plans[0]!.pages.map((p) => p.url), ["/articles/bus/", "/articles/metro/"]);
    assert.equal(plans[0]!.pages[0]!.file, path.join("articles", "bus", "index.html"));
    assert.deepEqual(plans[3]!.records.map((r) => r.url), ["/lieux/paris/", "/organisations/ratp/", "/organisations/velib/", "/personnes/anne-hidalgo/"]);
  });

  test("a year with too many articles is split by month, and too many undated articles by a hash of their URL", () => {
    const many = [
      article("a", "A", "2024-02-10", ""),
      article("b", "B", "2024-02-20", ""),
      article("c", "C", "2024-11-03", ""),
      article("d", "D", "2024", ""),
      article("e", "E", "2023-05", ""),
      ...["u1", "u2", "u3", "u4"].map((id) => article(id, id, null, "")),
    ] as unknown as Article[];
    const plans = planShards({ articles: many, entities: [] }, 3);
    const ids = plans.map((p) => p.id);
    assert.deepEqual(ids.slice(0, 4), ["2024-11", "2024-02", "2024", "2023"], "newest first, the year-only shard after its months");
    assert.deepEqual(plans[1]!.pages.map((p) => p.url), ["/articles/a/", "/articles/b/"]);
    const undated = plans.filter((p) => p.id.startsWith(`${UNDATED_SHARD}-`));
    assert.equal(undated.reduce((n, p) => n + p.pages.length, 0), 4);
    for (const p of undated) assert.match(p.id, /^sans-date-[0-9a-f]$/);
    // A bucket depends on the URL alone: adding pages never moves the others.
    const again = planShards({ articles: [...many, ...(["u5", "u6"].map((id) => article(id, id, null, "")) as unknown as Article[])], entities: [] }, 3);
    for (const p of undated) for (const page of p.pages) assert.ok(again.find((q) => q.id === p.id)!.pages.some((x) => x.url === page.url));
    assert.equal(planShards({ articles: many, entities: [] }, 100).length, 3, "below the limit: one shard per year and one undated");
  });

  test("a shard's key changes with its pages' bytes when they have no data-pagefind-body (Pagefind reads all of them)", () => {
    const [plan] = planShards({ articles: articles as unknown as Article[], entities });
    const base = shardHash(plan!, ["<p>a</p>", "<p>b</p>"]);
    assert.equal(shardHash(plan!, ["<p>a</p>", "<p>b</p>"]), base);
    assert.notEqual(shardHash(plan!, ["<p>a</p>", "<p>c</p>"]), base);
    assert.notEqual(shardHash(plan!, ["<p>a</p><p>b</p>", ""]), base, "page boundaries count");
  });
});

describe("search facets", () => {
  test("people, organisations, places once each, topic and year; date as sort key and French label", () => {
    const facets = articleFacets(articles[0]!, entities);
    assert.deepEqual(facets.filters, [
      { key: "organisation", value: "RATP" },
      { key: "personne", value: "Anne Hidalgo" },
      { key: "theme", value: "Transports" },
      { key: "annee", value: "2024" },
    ]);
    assert.deepEqual(facets.sort, [{ key: "date", value: "2024-02-10" }]);
    assert.deepEqual(facets.meta, [{ key: "date", value: "10\u00a0février 2024" }]);
  });

  test("an undated article has no year and no sort key", () => {
    const facets = articleFacets(articles[2]!, entities);
    assert.equal(facets.filters.some((f) => f.key === "annee"), false);
    assert.deepEqual(facets.sort, []);
    assert.deepEqual(facets.meta, [{ key: "date", value: "Sans date" }]);
  });
});

describe("building the shards with Pagefind", () => {
  test("writes one bundle per shard and a manifest; unchanged shards come from the cache", async () => {
    const work = tempDir("search-shards-");
    const cacheDir = path.join(work, "cache");
    const first = path.join(work, "site1");
    await writeSite(first);
    const archive = { articles: articles as unknown as Article[], entities };
    const built = await buildSearchIndex({ siteDir: first, archive, cacheDir });
    assert.deepEqual(built.rebuilt, ["2024", "2023", UNDATED_SHARD, ENTITY_SHARD]);
    const manifest = JSON.parse(readFileSync(path.join(first, "pagefind", "manifest.json"), "utf8"));
    assert.deepEqual(manifest.shards.map((s: { path: string; pages: number }) => [s.path, s.pages]), [["2024/", 2], ["2023/", 1], [`${UNDATED_SHARD}/`, 1], [`${ENTITY_SHARD}/`, 4]]);
    for (const shard of manifest.shards) assert.ok(statSync(path.join(first, "pagefind", shard.path, "pagefind.js")).isFile());
    assert.equal(readdirSync(path.join(first, "pagefind", "2024")).some((f) => f.startsWith("pagefind-ui")), false, "Pagefind's own UI is not shipped");

    // Only the article body is indexed; the filters are attached to the page.
    const metro = fragments(path.join(first, "pagefind", "2024")).find((f) => f.url === "/articles/metro/")!;
    assert.doesNotMatch(metro.content, /Accueil/);
    assert.match(metro.content, /prolonge la ligne/);
    assert.deepEqual(metro.filters.personne, ["Anne Hidalgo"]);
    assert.deepEqual(metro.filters.annee, ["2024"]);

    // Change one 2023 article: only its shard is indexed again.
    const second = path.join(work, "site2");
    const changed = articles.map((a) => (a.id === "tram" ? { ...a, body: "Le tramway des Maréchaux est retardé." } : a));
    await writeSite(second, changed);
    const rebuilt = await buildSearchIndex({ siteDir: second, archive: { articles: changed as unknown as Article[], entities }, cacheDir });
    assert.deepEqual(rebuilt.rebuilt, ["2023"]);
    assert.deepEqual(rebuilt.reused, ["2024", UNDATED_SHARD, ENTITY_SHARD]);
    const bytes = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [path.relative(dir, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name)).toString("base64")]).sort();
    assert.deepEqual(bytes(path.join(second, "pagefind", "2024")), bytes(path.join(first, "pagefind", "2024")));
    assert.match(fragments(path.join(second, "pagefind", "2023"))[0]!.content, /retardé/);

    // Change every page outside what Pagefind reads (the navigation): every shard is reused.
    const third = path.join(work, "site3");
    await writeSite(third, changed, "Accueil Archives Chronologie (12 événements)");
    const again = await buildSearchIndex({ siteDir: third, archive: { articles: changed as unknown as Article[], entities }, cacheDir });
    assert.deepEqual(again.rebuilt, []);
    assert.deepEqual(again.reused, ["2024", "2023", UNDATED_SHARD, ENTITY_SHARD]);

    // With the previous site given, reused shards stay there: their files are
    // said to be kept and none is put in the new site's folder.
    const fourth = path.join(work, "site4");
    await writeSite(fourth, changed, "Accueil Archives Chronologie (12 événements)");
    const inPlace = await buildSearchIndex({ siteDir: fourth, archive: { articles: changed as unknown as Article[], entities }, cacheDir, previousSiteDir: third });
    assert.deepEqual(inPlace.rebuilt, []);
    const shardFiles = bytes(path.join(third, "pagefind")).map(([rel]) => path.join("pagefind", rel!)).filter((rel) => rel.split(path.sep).length > 2);
    assert.deepEqual([...inPlace.keptFromPrevious].sort(), shardFiles.sort());
    assert.deepEqual(readdirSync(path.join(fourth, "pagefind")), ["manifest.json"]);

    // A shard indexed again reads the pages the build kept in the site in
    // place: the unchanged 2024 article is not in the new folder, yet indexed.
    const fifth = path.join(work, "site5");
    const metroChanged = changed.map((a) => (a.id === "metro" ? { ...a, body: "La RATP prolonge la ligne 14 jusqu’à Orly." } : a));
    await writeSite(fifth, metroChanged);
    const keptPages = new Set([path.join("articles", "bus", "index.html")]);
    rmSync(path.join(fifth, "articles", "bus"), { recursive: true });
    const mixed = await buildSearchIndex({ siteDir: fifth, archive: { articles: metroChanged as unknown as Article[], entities }, cacheDir, previousSiteDir: third, keptPages });
    assert.deepEqual(mixed.rebuilt, ["2024"]);
    const indexed = fragments(path.join(fifth, "pagefind", "2024"));
    assert.deepEqual(indexed.map((f) => f.url).sort(), ["/articles/bus/", "/articles/metro/"]);
    assert.match(indexed.find((f) => f.url === "/articles/metro/")!.content, /Orly/);
    assert.equal(existsSync(path.join(fifth, "articles", "bus")), false, "nothing is put in the new folder for it");
  });

  test("built on a worker beside the render, the index is the one built after it; a failed render stops it", async () => {
    const work = tempDir("search-aside-");
    const archive = { articles: articles as unknown as Article[], entities };
    const after = path.join(work, "after");
    await writeSite(after);
    await buildSearchIndex({ siteDir: after, archive, cacheDir: path.join(work, "cache-after") });

    const beside = path.join(work, "beside");
    await writeSite(beside);
    const shardsDone: number[] = [];
    const aside = startSearchAside();
    const building = aside.build({ siteDir: beside, archive, cacheDir: path.join(work, "cache-beside"), onShard: (done) => shardsDone.push(done) });
    aside.rendered();
    const result = await building;
    assert.deepEqual(result.rebuilt, ["2024", "2023", UNDATED_SHARD, ENTITY_SHARD]);
    assert.deepEqual(shardsDone, [1, 2, 3, 4], "progress is reported shard by shard");
    const manifest = (dir: string) => readFileSync(path.join(dir, "pagefind", "manifest.json"), "utf8");
    assert.equal(manifest(beside), manifest(after), "the same shards with the same input hashes");
    for (const shard of ["2024", "2023", UNDATED_SHARD]) {
      const indexed = (dir: string) => fragments(path.join(dir, "pagefind", shard)).sort((a, b) => a.url.localeCompare(b.url));
      assert.deepEqual(indexed(beside), indexed(after), `shard ${shard}: the same pages, text and filters`);
    }

    // The render failed: the index begins no further shard, and says so.
    const failed = path.join(work, "failed");
    await writeSite(failed);
    const stopped = startSearchAside();
    const stoppedResult = stopped.build({ siteDir: failed, archive, cacheDir: path.join(work, "cache-failed") });
    const cancelled = stopped.cancel();
    await assert.rejects(stoppedResult);
    await cancelled;
    assert.equal(existsSync(path.join(failed, "pagefind", "manifest.json")), false, "no manifest for an index that was stopped");
    // A render that fails before the index began: the worker just stops.
    await startSearchAside().cancel();
  });
});
