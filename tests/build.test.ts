/**
 * Integration: `npm run build` on the seeds, into a temporary folder, as an
 * editor runs it. Checks what a reader and a consumer of the JSON see.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { ExportArticles, ExportEntities, ExportThreads, ExportTimeline, ExportTopics } from "../src/types.ts";
import { tempDir } from "./helpers/temp.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const work = tempDir("archive-build-");
const out = path.join(work, "site");
// A copy of the seeds without their thread registry: threads are recomputed
// from the articles alone, and the repository is never written to.
const seeds = path.join(work, "seeds");
let stdout = "";

const read = (p: string) => readFileSync(path.join(out, p), "utf8");
/** The file a site path is served from. */
const fileFor = (url: string) => path.join(out, url.split("#")[0]!, url.endsWith("/") || url.includes("#") ? "index.html" : "");

before(async () => {
  cpSync(path.join(root, "seeds"), seeds, { recursive: true });
  rmSync(path.join(seeds, "_threads.json"), { force: true });
  const result = await run("npx", ["tsx", "src/cli/build.ts"], {
    cwd: root,
    env: { ...process.env, SEEDS_DIR: seeds, OUTPUT_DIR: out, CACHE_DIR: path.join(work, "cache") },
  });
  stdout = result.stdout;
});

describe("building the seeds", () => {
  test("ends with a summary and writes the home page", () => {
    assert.match(stdout, /5 article\(s\) built from 5 file\(s\)/);
    const home = read("index.html");
    assert.match(home, /<html lang="fr">/);
    assert.equal((home.match(/class="article-list"/g) ?? []).length, 1);
  });

  test("every article has a page with its title, lang and no page furniture", () => {
    const articles = ExportArticles.parse(JSON.parse(read("data/articles.json")));
    assert.equal(articles.length, 5);
    const home = read("index.html");
    for (const article of articles) {
      const page = readFileSync(fileFor(article.url), "utf8");
      assert.match(page, new RegExp(`<html lang="${article.lang}">`));
      assert.ok(page.includes("<h1>"), article.url);
      assert.ok(home.includes(`href="${article.url}"`), `home links to ${article.url}`);
      const body = /<div class="body">([\s\S]*?)<\/div>/.exec(page)?.[1] ?? "";
      assert.ok(body.length > 200, `${article.url} has a body`);
      assert.doesNotMatch(body, /Laisser un commentaire|adresse e-mail ne sera pas publiée|Lire aussi|Mots-clés|crédit photo|shutterstock/i);
    }
  });

  test("the photo credit moves out of the body into its own line", () => {
    const articles = ExportArticles.parse(JSON.parse(read("data/articles.json")));
    const pages = articles.map((a) => readFileSync(fileFor(a.url), "utf8"));
    assert.equal(pages.filter((p) => /<p>Crédit photo(&nbsp;|\u00a0| ):? Karen Roach – shutterstock<\/p>/.test(p)).length, 1);
  });

  test("titles: headlines kept, missing ones inferred from the lede at a word boundary", () => {
    const articles = ExportArticles.parse(JSON.parse(read("data/articles.json")));
    const inferred = articles.filter((a) => a.titleInferred);
    assert.equal(inferred.length, 2);
    for (const a of inferred) assert.ok(a.title.length <= 120 && !/\s$/.test(a.title), a.title);
  });

  test("the JSON export validates and every url resolves to a page or an anchor", () => {
    const entities = ExportEntities.parse(JSON.parse(read("data/entities.json")));
    const timeline = ExportTimeline.parse(JSON.parse(read("data/timeline.json")));
    const topics = ExportTopics.parse(JSON.parse(read("data/topics.json")));
    assert.ok(entities.length > 10, "entities found");
    assert.ok(topics.length >= 1, "topics assigned");
    for (const item of [...entities, ...topics, ...timeline]) {
      assert.ok(existsSync(fileFor(item.url)), `${item.url} exists`);
      if (item.url.includes("#")) assert.ok(readFileSync(fileFor(item.url), "utf8").includes(`id="${item.url.split("#")[1]}"`), item.url);
    }
  });

  test("reading pages: article HTML plus CSS under 14 KB gzipped, no inline style, valid <time> values", () => {
    const articles = ExportArticles.parse(JSON.parse(read("data/articles.json")));
    const css = readFileSync(path.join(out, "assets/style.css"));
    for (const a of articles) {
      const html = readFileSync(fileFor(a.url));
      const size = gzipSync(Buffer.concat([html, css]), { level: 9 }).length;
      assert.ok(size < 14 * 1024, `${a.url}: ${size} bytes`);
    }
    const pages = readdirSync(out, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));
    for (const page of pages) {
      const html = read(page);
      assert.doesNotMatch(html, /\sstyle="/, page);
      for (const [, value] of html.matchAll(/<time datetime="([^"]*)"/g)) {
        assert.match(value!, /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?|-W\d{2})?$/, `${page}: ${value}`);
      }
    }
  });

  test("the timeline: a page per year listing its events in date order, axes whose every mark leads to a listed event", () => {
    const timeline = ExportTimeline.parse(JSON.parse(read("data/timeline.json")));
    const front = read("chronologie/index.html");
    const pageOf = (url: string) => url.split("#")[0]!;
    const years = [...new Set(timeline.map((e) => pageOf(e.url)))].filter((u) => /^\/chronologie\/\d{4}\/$/.test(u));
    const linked = [...front.matchAll(/<li><a href="(\/chronologie\/[^"#]+\/)">/g)].map((m) => m[1]!);
    assert.deepEqual(linked, [...years].sort(), "the front page links every year, in order");
    for (const page of ["chronologie/", ...new Set(timeline.map((e) => pageOf(e.url).slice(1)))]) {
      const html = read(`${page}index.html`);
      const svg = /<svg width="(\d+)" height="(\d+)" viewBox="0 0 \1 \2"[^>]*>([\s\S]*?)<\/svg>/.exec(html);
      assert.ok(svg, `${page}: inline SVG with explicit size`);
      for (const [, href] of svg[3]!.matchAll(/<a href="([^"]+)" aria-label="[^"]+">/g)) {
        const [target, id] = href!.startsWith("#") ? [html, href!.slice(1)] : [readFileSync(fileFor(href!), "utf8"), href!.split("#")[1]!];
        assert.ok(target.includes(` id="${id}"`), `${page}: axis mark ${href}`);
      }
      if (page === "chronologie/") continue;
      const listed = [...html.matchAll(/<li id="([^"]+)">\s*<p class="when">(?:<time datetime="([^"]+)")?/g)].map((m) => m[1]!);
      assert.deepEqual(listed, timeline.filter((e) => pageOf(e.url) === `/${page}`).map((e) => e.id), `${page} lists its events in the timeline's order`);
    }
  });

  test("archives: a page per month of each dated article, undated articles listed", () => {
    const articles = ExportArticles.parse(JSON.parse(read("data/articles.json")));
    for (const a of articles) {
      if (a.date && a.date.precision !== "year") {
        const month = read(`archives/${a.date.value.slice(0, 4)}/${a.date.value.slice(5, 7)}/index.html`);
        assert.ok(month.includes(`href="${a.url}"`), a.url);
      } else if (!a.date) assert.ok(read("archives/sans-date/index.html").includes(`href="${a.url}"`), a.url);
    }
  });

  test("an article page says how an inferred date was obtained, in French, and lists related articles with a reason", () => {
    const articles = ExportArticles.parse(JSON.parse(read("data/articles.json")));
    const inferred = articles.find((a) => a.date?.basis === "inferred");
    if (inferred) {
      const html = read(`${inferred.url.slice(1)}index.html`);
      assert.match(html, /<p class="how">Date déduite&nbsp;: /);
      assert.doesNotMatch(html, /term-of-office|reference-event|same-event-as/);
    }
    const withRelated = articles.map((a) => read(`${a.url.slice(1)}index.html`)).filter((h) => h.includes('id="lies"'));
    assert.ok(withRelated.length > 0, "some article has related articles");
    for (const html of withRelated) assert.match(html, /<ul class="related-list">\s*<li><a href="\/articles\/[^"]+\/">[^<]+<\/a> <span class="meta">/);
  });

  test("no temporary folder is left next to the output", () => {
    const siblings = readdirSync(path.dirname(out)).sort();
    assert.deepEqual(siblings, ["cache", "seeds", "site"]);
  });

  test("story threads: the two pairs reporting the same events each form a thread, the Seattle visit stands alone", () => {
    const articles = ExportArticles.parse(JSON.parse(read("data/articles.json")));
    const threads = ExportThreads.parse(JSON.parse(read("data/threads.json")));
    const sourcesOf = (ids: string[]) => ids.map((id) => articles.find((a) => a.id === id)!.source.slice(0, 3)).sort();
    assert.deepEqual(threads.map((t) => sourcesOf(t.articles)).sort(), [["000", "001"], ["003", "004"]]);
    const alone = articles.find((a) => a.source.startsWith("002"))!;
    assert.equal(alone.thread, null);
    for (const thread of threads) {
      const page = readFileSync(fileFor(thread.url), "utf8");
      for (const id of thread.articles) {
        const article = articles.find((a) => a.id === id)!;
        assert.equal(article.thread, thread.id);
        assert.ok(page.includes(`href="${article.url}"`), `${thread.url} lists ${article.url}`);
        const articlePage = readFileSync(fileFor(article.url), "utf8");
        assert.match(articlePage, /class="thread-box"/);
        assert.match(articlePage, /Précédemment|La suite/);
      }
    }
    // The registry was written beside the articles for the next build.
    assert.ok(existsSync(path.join(seeds, "_threads.json")));
  });
});
