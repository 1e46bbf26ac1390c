/**
 * Feeds, as a feed reader gets them: /feed.xml (Atom) read by
 * @rowanmanning/feed-parser with the elements RFC 4287 requires, /feed.json
 * checked against the JSON Feed 1.1 specification (feed-parser reads RSS and
 * Atom only); both hold every article, with links that resolve to the built
 * pages, at the domain root and under a sub-path.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { parseFeed } from "@rowanmanning/feed-parser";
import { z } from "zod";
import { builtSite, fileForPath, readSiteFile, siteFileExists, type BuiltSite } from "../helpers/site.ts";

const ATOM_NS = "http://www.w3.org/2005/Atom";
/** RFC 3339 date-time, as RFC 4287 §3.3 requires (upper-case T and Z). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type XmlElement = ReturnType<typeof parseFeed>["element"];

const sites: BuiltSite[] = [];
before(async () => {
  sites.push(...(await Promise.all([builtSite("/"), builtSite("/archive/")])));
});

/** Absolute URL of each article, as SITE_URL + PATH_PREFIX + its site path. */
function articleUrls(site: BuiltSite): string[] {
  const articles = JSON.parse(readSiteFile(site, "data/articles.json")) as Array<{ url: string }>;
  return articles.map((article) => `${site.siteUrl}${site.pathPrefix}${article.url.replace(/^\//, "")}`);
}

/** The built file behind an absolute URL of the site, or null when it is not the site's. */
function builtFileFor(site: BuiltSite, url: string): string | null {
  const base = `${site.siteUrl}${site.pathPrefix}`;
  if (!url.startsWith(base)) return null;
  return fileForPath(site, new URL(url).pathname);
}

/** The build must publish the feed: its absence is a failure, not a skip. */
function assertFeed(site: BuiltSite, file: string): void {
  assert.ok(siteFileExists(site, file), `/${file} is in the build`);
}

function children(element: XmlElement, name: string): XmlElement[] {
  return element.findElementsWithName(name).filter((child) => child.namespaceUri === ATOM_NS || child.namespaceUri === null);
}

/** RFC 4287: exactly one of each required element, with a usable value. */
function requireOne(element: XmlElement, name: string, where: string, problems: string[]): string | null {
  const found = children(element, name);
  if (found.length !== 1) {
    problems.push(`${where}: ${found.length} <${name}> element(s), RFC 4287 requires exactly one`);
    return null;
  }
  const text = found[0]!.textContentNormalized?.trim() ?? "";
  if (!text) problems.push(`${where}: <${name}> is empty`);
  if (name === "updated" && text && !RFC3339.test(text)) problems.push(`${where}: <updated>${text}</updated> is not an RFC 3339 date-time`);
  if (name === "id" && text && !/^[a-z][a-z0-9+.-]*:/i.test(text)) problems.push(`${where}: <id>${text}</id> is not an absolute IRI`);
  return text || null;
}

for (const prefix of ["/", "/archive/"]) {
  describe(`feeds of the site built under ${prefix}`, () => {
    const site = () => sites.find((s) => s.pathPrefix === prefix)!;

    test("Atom /feed.xml: read by feed-parser, RFC 4287 elements present, every article in it", () => {
      assertFeed(site(), "feed.xml");
      const feed = parseFeed(readSiteFile(site(), "feed.xml"));
      assert.equal(feed.meta.type, "atom", "feed-parser reads it as Atom");
      assert.equal(feed.element.namespaceUri, ATOM_NS, "the root is atom:feed");

      const problems: string[] = [];
      for (const name of ["id", "title", "updated"]) requireOne(feed.element, name, "feed", problems);
      const feedHasAuthor = children(feed.element, "author").some((author) => children(author, "name").length === 1);
      const entries = children(feed.element, "entry");
      const ids = new Set<string>();
      const links: string[] = [];
      entries.forEach((entry, index) => {
        const where = `entry ${index + 1}`;
        const id = requireOne(entry, "id", where, problems);
        requireOne(entry, "title", where, problems);
        requireOne(entry, "updated", where, problems);
        if (id && ids.has(id)) problems.push(`${where}: <id>${id}</id> is used by another entry`);
        if (id) ids.add(id);
        if (!feedHasAuthor && !children(entry, "author").some((author) => children(author, "name").length === 1)) {
          problems.push(`${where}: no <author><name> here nor on the feed`);
        }
        const alternate = children(entry, "link").filter((link) => (link.getAttribute("rel") ?? "alternate") === "alternate");
        if (alternate.length === 0 && children(entry, "content").length === 0) problems.push(`${where}: neither <link rel="alternate"> nor <content>`);
        for (const link of alternate) links.push(link.getAttribute("href") ?? "");
      });
      assert.deepEqual(problems, [], problems.join("\n"));

      // What a reader's feed app shows: feed-parser's view of the same entries.
      assert.ok(feed.title, "the feed has a title");
      assert.equal(feed.items.length, entries.length);
      for (const item of feed.items) assert.ok(item.title && item.url && item.updated, `entry ${item.url} has a title, a link and a date`);

      const expected = articleUrls(site());
      assert.deepEqual(expected.filter((url) => !links.includes(url)), [], "every article has an entry");
      for (const link of links) {
        const file = builtFileFor(site(), link);
        assert.ok(file && existsSync(file), `${link} is a page of the site`);
      }
    });

    test("JSON Feed /feed.json: valid JSON Feed 1.1, every article in it", () => {
      assertFeed(site(), "feed.json");
      const feed = JsonFeed.parse(JSON.parse(readSiteFile(site(), "feed.json")));
      const base = `${site().siteUrl}${site().pathPrefix}`;
      assert.equal(feed.feed_url, `${base}feed.json`, "feed_url is the feed's own address");
      assert.equal(new Set(feed.items.map((item) => item.id)).size, feed.items.length, "item ids are unique");
      const urls = feed.items.map((item) => item.url);
      assert.deepEqual(articleUrls(site()).filter((url) => !urls.includes(url)), [], "every article has an item");
      for (const url of urls) {
        const file = url ? builtFileFor(site(), url) : null;
        assert.ok(file && existsSync(file), `${url} is a page of the site`);
      }
    });
  });
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): what a reader needs. */
const rfc3339 = z.string().regex(RFC3339, "an RFC 3339 date-time");
const JsonFeed = z.object({
  version: z.literal("https://jsonfeed.org/version/1.1"),
  title: z.string().min(1),
  home_page_url: z.url().optional(),
  feed_url: z.url().optional(),
  language: z.string().optional(),
  authors: z.array(z.object({ name: z.string().optional(), url: z.url().optional() })).optional(),
  items: z.array(
    z
      .object({
        id: z.string().min(1),
        url: z.url().optional(),
        title: z.string().optional(),
        content_html: z.string().optional(),
        content_text: z.string().optional(),
        summary: z.string().optional(),
        date_published: rfc3339.optional(),
        date_modified: rfc3339.optional(),
        tags: z.array(z.string()).optional(),
        language: z.string().optional(),
      })
      .refine((item) => item.content_html !== undefined || item.content_text !== undefined, "an item has content_html or content_text"),
  ),
});
