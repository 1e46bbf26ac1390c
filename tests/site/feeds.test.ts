/**
 * The feeds, from small hand-made archives: order, dates, escaping and
 * absolute URLs under a sub-path.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseFeed } from "@rowanmanning/feed-parser";
import { atomXml, buildFeed, feedTimestamp, jsonFeed } from "../../src/site/feeds.ts";
import type { Article, ArticleDate } from "../../src/types.ts";
import type { SiteIdentity } from "../../src/site/seo.ts";

const site: SiteIdentity = {
  siteUrl: "https://journal.exemple.fr",
  pathPrefix: "/archive/",
  title: "Archives <du> Journal & Cie",
  description: "Les articles d’un journal régional.",
  lang: "fr",
  author: "La rédaction",
};

function date(value: string): ArticleDate {
  const precision = value.length === 4 ? "year" : value.length === 7 ? "month" : "day";
  return { value, precision, basis: "front-matter", evidence: [] };
}

function article(id: string, title: string, when: string | null, extra: Partial<Article> = {}): Article {
  return {
    id,
    url: `/articles/${id}/`,
    source: `${id}.txt`,
    title,
    titleInferred: false,
    lang: "fr",
    langDetected: "fra",
    date: when ? date(when) : null,
    topic: null,
    topics: [],
    tags: [],
    author: null,
    sourceUrl: null,
    credit: null,
    summary: `Résumé de ${title}`,
    headings: [],
    blocks: [],
    html: `<p>Le conseil municipal de <a href="/lieux/rennes/">Rennes</a> a voté.</p>`,
    wordCount: 7,
    boilerplate: [],
    timexes: [],
    mentions: [],
    quotes: [],
    events: [],
    thread: null,
    ...extra,
  };
}

const archive = [
  article("budget-vote", "Budget : le conseil <vote> & adopte", "2024-03-07", { tags: ["budget"], author: "Marie Dupont" }),
  article("fete-musique", "La fête de la musique", "2023-06"),
  article("sans-date", "Un portrait sans date", null),
  article("piscine", "La piscine rouvre", "2024"),
];

describe("feed dates", () => {
  test("a date at any precision becomes the start of its period", () => {
    assert.equal(feedTimestamp("2024-03-07"), "2024-03-07T00:00:00Z");
    assert.equal(feedTimestamp("2023-06"), "2023-06-01T00:00:00Z");
    assert.equal(feedTimestamp("2024"), "2024-01-01T00:00:00Z");
  });

  test("newest first, undated last; the feed's date is the newest article's, never the build's", () => {
    const feed = buildFeed(site, archive);
    assert.deepEqual(feed.entries.map((e) => e.title), ["Budget : le conseil <vote> & adopte", "La piscine rouvre", "La fête de la musique", "Un portrait sans date"]);
    assert.equal(feed.updated, "2024-03-07T00:00:00Z");
    const xml = atomXml(feed);
    const undated = xml.split("<entry>")[4]!;
    assert.match(undated, /<updated>2024-03-07T00:00:00Z<\/updated>/);
    assert.doesNotMatch(undated, /<published>/);
    assert.equal(atomXml(buildFeed(site, [...archive].reverse())), xml, "input order does not change the bytes");
  });

  test("a feed with no dated article has a fixed date", () => {
    assert.equal(buildFeed(site, [article("a", "A", null)]).updated, "1970-01-01T00:00:00Z");
  });

  test("the feed carries at most the requested number of articles", () => {
    assert.equal(buildFeed(site, archive, 2).entries.length, 2);
  });
});

describe("Atom", () => {
  const xml = atomXml(buildFeed(site, archive));

  test("has the elements RFC 4287 requires, with absolute URLs under the prefix", () => {
    assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    assert.match(xml, /<id>https:\/\/journal.exemple.fr\/archive\/<\/id>/);
    assert.match(xml, /<link rel="self" type="application\/atom\+xml" href="https:\/\/journal.exemple.fr\/archive\/feed.xml"\/>/);
    assert.match(xml, /<link rel="alternate" type="text\/html" href="https:\/\/journal.exemple.fr\/archive\/"\/>/);
    const entries = xml.split("<entry>").slice(1);
    assert.equal(entries.length, 4);
    for (const entry of entries) {
      for (const element of ["<id>https://journal.exemple.fr/archive/articles/", "<title", "<updated>", '<link rel="alternate"', "<content"]) {
        assert.ok(entry.includes(element), `${element} in ${entry.slice(0, 80)}`);
      }
    }
  });

  test("escapes < and & in titles and links inside the content are absolute", () => {
    assert.ok(xml.includes("<title type=\"text\">Archives &lt;du&gt; Journal &amp; Cie</title>"));
    assert.ok(xml.includes("Budget : le conseil &lt;vote&gt; &amp; adopte"));
    assert.ok(xml.includes("href=&quot;https://journal.exemple.fr/archive/lieux/rennes/&quot;"));
    assert.doesNotMatch(xml, /href=&quot;\/lieux/);
  });

  test("a feed reader reads it back as written", () => {
    const parsed = parseFeed(xml);
    assert.equal(parsed.title, "Archives <du> Journal & Cie");
    assert.equal(parsed.items.length, 4);
    assert.equal(parsed.items[0]!.title, "Budget : le conseil <vote> & adopte");
    assert.equal(parsed.items[0]!.url, "https://journal.exemple.fr/archive/articles/budget-vote/");
    assert.equal(parsed.items[0]!.authors[0]?.name, "Marie Dupont");
  });

  test("control characters that XML forbids are dropped", () => {
    const dirty = atomXml(buildFeed(site, [article("x", "Titre\u0007 propre", "2024-01-01")]));
    assert.ok(dirty.includes("Titre propre"));
  });
});

describe("JSON Feed 1.1", () => {
  const document = JSON.parse(jsonFeed(buildFeed(site, archive)));

  test("names its version and its own absolute URLs", () => {
    assert.equal(document.version, "https://jsonfeed.org/version/1.1");
    assert.equal(document.feed_url, "https://journal.exemple.fr/archive/feed.json");
    assert.equal(document.home_page_url, "https://journal.exemple.fr/archive/");
    assert.equal(document.language, "fr");
  });

  test("items keep titles as text, dated ones with date_published, undated ones without", () => {
    assert.equal(document.items[0].title, "Budget : le conseil <vote> & adopte");
    assert.equal(document.items[0].date_published, "2024-03-07T00:00:00Z");
    assert.equal(document.items[3].title, "Un portrait sans date");
    assert.equal("date_published" in document.items[3], false);
    assert.match(document.items[0].content_html, /href="https:\/\/journal.exemple.fr\/archive\/lieux\/rennes\/"/);
  });
});
