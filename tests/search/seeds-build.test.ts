/**
 * Integration: the seeds built twice under a sub-path, as a project site on
 * GitHub Pages would be. Checks the feeds, sitemap, head metadata and the
 * search shards a reader and a crawler rely on, and that the second build
 * reuses every search shard and writes the same bytes.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { parseFeed } from "@rowanmanning/feed-parser";
import { ExportArticles, ExportEntities } from "../../src/types.ts";
import { indexedView } from "../../src/search/indexed-view.ts";
import { tempDir } from "../helpers/temp.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const work = tempDir("archive-discovery-");
const first = path.join(work, "site");
const second = path.join(work, "site-again");
const cacheDir = path.join(work, "cache");
// A copy of the seeds: the build keeps a registry file beside the articles,
// and this test must neither change the repository nor depend on its state.
const seedsDir = path.join(work, "seeds");
cpSync(path.join(root, "seeds"), seedsDir, { recursive: true });
const SITE = "https://exemple.github.io/archive";

const build = (outputDir: string) =>
  run("npx", ["tsx", "src/cli/build.ts", "--force"], {
    cwd: root,
    env: { ...process.env, SEEDS_DIR: seedsDir, OUTPUT_DIR: outputDir, CACHE_DIR: cacheDir, PATH_PREFIX: "/archive/", SITE_URL: "https://exemple.github.io" },
  });
const read = (p: string) => readFileSync(path.join(first, p), "utf8");
const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
const shardStamps = () =>
  readdirSync(path.join(cacheDir, "search")).map((shard) => [shard, statSync(path.join(cacheDir, "search", shard, "hash")).mtimeMs]);

let stampsAfterFirst: Array<Array<string | number>> = [];
before(async () => {
  await build(first);
  stampsAfterFirst = shardStamps();
  await build(second);
});

describe("feeds, sitemap and metadata of the built seeds", () => {
  const articles = () => ExportArticles.parse(JSON.parse(read("data/articles.json")));

  test("the Atom feed has RFC 4287's required elements and every article, newest first", () => {
    const xml = read("feed.xml");
    const head = xml.split("<entry>")[0]!;
    for (const required of ["<id>", "<title", "<updated>", "<author><name>", `<link rel="self" type="application/atom+xml" href="${SITE}/feed.xml"/>`, `<link rel="alternate" type="text/html" href="${SITE}/"/>`]) {
      assert.ok(head.includes(required), required);
    }
    const entries = xml.split("<entry>").slice(1);
    assert.equal(entries.length, articles().length);
    for (const entry of entries) for (const element of ["<id>", "<title", "<updated>", '<link rel="alternate"', "<content"]) assert.ok(entry.includes(element), element);
    const feed = parseFeed(xml);
    assert.deepEqual(new Set(feed.items.map((i) => i.url)), new Set(articles().map((a) => `${SITE}${a.url}`)));
    const dates = feed.items.map((i) => i.published?.toISOString()).filter(Boolean);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.doesNotMatch(xml, /href=&quot;\/(?!\/)/, "links inside entries are absolute");
  });

  test("the JSON feed lists every article", () => {
    const feed = JSON.parse(read("feed.json"));
    assert.equal(feed.version, "https://jsonfeed.org/version/1.1");
    assert.equal(feed.items.length, articles().length);
  });

  test("sitemap and robots.txt use absolute URLs under the prefix", () => {
    const sitemap = read("sitemap.xml");
    for (const a of articles()) assert.ok(sitemap.includes(`<loc>${SITE}${a.url}</loc>`), a.url);
    assert.ok(sitemap.includes(`<loc>${SITE}/recherche/</loc>`));
    assert.doesNotMatch(sitemap, /404/);
    assert.match(read("robots.txt"), new RegExp(`Sitemap: ${SITE}/sitemap.xml`));
  });

  test("article pages: canonical link, Open Graph and a NewsArticle that parses", () => {
    for (const a of articles()) {
      const html = read(path.join(a.url, "index.html"));
      assert.ok(html.includes(`<link rel="canonical" href="${SITE}${a.url}">`), a.url);
      assert.ok(html.includes(`<meta property="og:type" content="article">`));
      assert.ok(html.includes(`<meta property="og:locale" content="fr_FR">`));
      assert.equal(html.includes("article:published_time"), a.date !== null);
      assert.ok(html.includes(`<link rel="alternate" type="application/atom+xml" href="/archive/feed.xml"`));
      const jsonLd = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)![1]!);
      assert.equal(jsonLd["@type"], "NewsArticle");
      assert.equal(jsonLd.headline, a.title);
      assert.equal(jsonLd.datePublished, a.date?.value);
    }
  });

  test("entity pages: Person, Organization or Place, linked to Wikidata when known", () => {
    const types: Record<string, string> = { person: "Person", organization: "Organization", place: "Place", product: "Product", other: "Thing" };
    const entities = ExportEntities.parse(JSON.parse(read("data/entities.json")));
    assert.ok(entities.some((e) => e.wikidata));
    for (const entity of entities) {
      const html = read(path.join(entity.url, "index.html"));
      const jsonLd = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)![1]!);
      assert.equal(jsonLd["@type"], types[entity.type], entity.url);
      assert.equal(jsonLd.sameAs, entity.wikidata ? `https://www.wikidata.org/entity/${entity.wikidata}` : undefined, entity.url);
    }
  });

  test("no page has an inline script other than JSON-LD", () => {
    for (const file of files(first).filter((f) => f.endsWith(".html"))) {
      for (const tag of read(file).match(/<script\b[^>]*>/g) ?? []) {
        assert.ok(/type="application\/ld\+json"/.test(tag) || /\ssrc="/.test(tag), `${file}: ${tag}`);
      }
    }
  });

  test("the 404 page is French, not indexed, and its links work under the prefix", () => {
    const html = read("404.html");
    assert.match(html, /Page introuvable/);
    assert.match(html, /<meta name="robots" content="noindex">/);
    for (const href of ["/archive/", "/archive/archives/", "/archive/recherche/"]) assert.ok(html.includes(`href="${href}"`), href);
  });

  test("without JavaScript the search page is a GET form that leads to the indexes", () => {
    const html = read("recherche/index.html");
    assert.match(html, /<form[^>]*action="\/archive\/recherche\/"[^>]*method="get"/);
    for (const index of ["personnes", "organisations", "lieux", "themes", "archives"]) assert.ok(html.includes(`href="/archive/${index}/"`), index);
    assert.match(html, /<script type="module" src="\/archive\/assets\/search.js"><\/script>/);
  });
});

describe("search shards of the built seeds", () => {
  test("one shard per year of the articles' dates, one for undated articles, one for entities, in the manifest", () => {
    const manifest = JSON.parse(read("pagefind/manifest.json"));
    const years = [...new Set(ExportArticles.parse(JSON.parse(read("data/articles.json"))).map((a) => a.date?.value.slice(0, 4) ?? "sans-date"))];
    const ids = manifest.shards.map((s: { id: string }) => s.id);
    for (const year of years) assert.ok(ids.includes(year), year);
    assert.ok(ids.includes("entites"));
    for (const shard of manifest.shards) {
      for (const file of ["pagefind.js", "pagefind-entry.json"]) assert.ok(statSync(path.join(first, "pagefind", shard.path, file)).isFile(), `${shard.path}${file}`);
      assert.equal(JSON.parse(read(`pagefind/${shard.path}pagefind-entry.json`)).languages.fr.page_count, shard.pages);
    }
  });

  test("every article page marks its body for the index and carries its filters", () => {
    for (const a of ExportArticles.parse(JSON.parse(read("data/articles.json")))) {
      const html = read(path.join(a.url, "index.html"));
      assert.match(html, /<article[^>]*data-pagefind-body/);
      assert.equal(html.includes('data-pagefind-filter="annee"'), a.date !== null);
    }
  });

  test("every article page is strictly nested, so its shard hash covers only what Pagefind reads", () => {
    for (const a of ExportArticles.parse(JSON.parse(read("data/articles.json")))) {
      const view = indexedView(read(path.join(a.url, "index.html")));
      assert.match(view, /^view\0/, `${a.url}: the whole page is hashed`);
      assert.ok(view.includes('"data-pagefind-body"'), a.url);
    }
  });

  test("a second build with nothing changed reuses every shard and writes the same bytes", () => {
    assert.deepEqual(shardStamps(), stampsAfterFirst, "no shard was indexed again");
    const names = files(first);
    assert.deepEqual(files(second), names);
    for (const name of names) assert.ok(readFileSync(path.join(first, name)).equals(readFileSync(path.join(second, name))), name);
  });
});
