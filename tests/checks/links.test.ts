/**
 * Links, over the served site, at the domain root and under a sub-path:
 * linkinator crawls from the home page and requests every internal link,
 * stylesheet, script, image and feed link (links to other hosts are skipped:
 * no network); every generated page must be reachable that way. Linkinator
 * does not look at `#fragments`, so Chromium reads every page's ids and links
 * and each fragment is checked against the ids of the page it points to.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { LinkChecker, LinkState } from "linkinator";
import type { Browser } from "playwright-core";
import { launchChromium } from "../helpers/browser.ts";
import { serveSite, type ServedSite } from "../helpers/server.ts";
import { builtSite, fileForPath, htmlPages, type BuiltSite } from "../helpers/site.ts";

const PREFIXES = ["/", "/archive/"];
/** Pages a reader reaches by a missing URL, not by a link. */
const UNLINKED_PAGES = new Set(["404.html"]);

const sites = new Map<string, { site: BuiltSite; served: ServedSite }>();
let browser: Browser;

before(async () => {
  const built = await Promise.all(PREFIXES.map((prefix) => builtSite(prefix)));
  for (const site of built) sites.set(site.pathPrefix, { site, served: await serveSite(site) });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const { served } of sites.values()) await served.close();
});

for (const prefix of PREFIXES) {
  describe(`the site served under ${prefix}`, () => {
    test("linkinator: every internal link, asset and feed link resolves, every page is reachable", async () => {
      const { site, served } = sites.get(prefix)!;
      const checker = new LinkChecker();
      const crawled = new Set<string>();
      checker.on("pagestart", (url) => crawled.add(new URL(url).pathname));
      const result = await checker.check({
        path: served.url(),
        recurse: true,
        concurrency: 8,
        timeout: 10_000,
        // Other hosts (sources of the articles, Wikidata, SITE_URL in
        // canonical links) are not checked: the tests run offline.
        linksToSkip: async (link) => !link.startsWith(`${served.origin}/`),
      });
      const broken = result.links
        .filter((link) => link.state === LinkState.BROKEN)
        .map((link) => `${link.status ?? "no response"} ${link.url}\n    linked from ${link.parent ?? "(start)"}`);
      assert.deepEqual(broken, [], `${broken.length} broken link(s):\n${broken.join("\n")}`);
      const checked = result.links.filter((link) => link.state === LinkState.OK).length;
      assert.ok(checked > 50, `linkinator checked ${checked} links`);

      const unreachable = (await htmlPages(site)).filter(
        (page) => !crawled.has(page) && !UNLINKED_PAGES.has(page.slice(prefix.length)),
      );
      assert.deepEqual(unreachable, [], "every generated page is reached by following links from the home page");
    });

    test("every #fragment link points to an id on its target page", async () => {
      const { site, served } = sites.get(prefix)!;
      const pages = await htmlPages(site);
      // Chromium's HTML parser reads the pages as served (the same bytes),
      // all in one call: no navigation, no subresources to wait for.
      const documents = pages.map((sitePath) => ({ url: `${served.origin}${sitePath}`, html: readFileSync(fileForPath(site, sitePath), "utf8") }));
      const context = await browser.newContext();
      const page = await context.newPage();
      let parsed: Array<{ url: string; ids: string[]; hrefs: string[] }>;
      try {
        await page.goto(served.url());
        parsed = await page.evaluate((documents) => {
          const parser = new DOMParser();
          return documents.map(({ url, html }) => {
            const document = parser.parseFromString(html, "text/html");
            const baseHref = document.querySelector("base[href]")?.getAttribute("href");
            const base = baseHref ? new URL(baseHref, url).href : url;
            return {
              url,
              ids: [
                ...[...document.querySelectorAll("[id]")].map((element) => element.id),
                ...[...document.querySelectorAll("a[name]")].map((element) => element.getAttribute("name") ?? ""),
              ],
              // Links inside inline SVG count too (they have no string .href).
              hrefs: [...document.querySelectorAll("a[href], area[href]")].map((link) => new URL(link.getAttribute("href") ?? "", base).href),
            };
          });
        }, documents);
      } finally {
        await context.close();
      }
      const idsByPage = new Map(parsed.map((document) => [new URL(document.url).pathname, new Set(document.ids)]));
      const links = parsed.flatMap((document) =>
        document.hrefs.filter((href) => href.includes("#")).map((href) => ({ from: new URL(document.url).pathname, href })),
      );

      const problems: string[] = [];
      let internal = 0;
      for (const { from, href } of links) {
        const url = new URL(href);
        if (url.origin !== served.origin) continue;
        internal++;
        const fragment = decodeURIComponent(url.hash.slice(1));
        const targetIds = idsByPage.get(url.pathname);
        if (!targetIds) problems.push(`${from}: ${href} points into ${url.pathname}, which is not a generated page`);
        // "#top" is the top of the page by the HTML standard; "#" alone goes nowhere.
        else if (fragment !== "top" && !targetIds.has(fragment)) problems.push(`${from}: ${href} — no id="${fragment}" on ${url.pathname}`);
      }
      assert.ok(internal > 0, "the site has fragment links (skip link, timeline anchors)");
      assert.deepEqual(problems, [], `${problems.length} fragment link(s) without a target:\n${problems.join("\n")}`);
    });
  });
}
