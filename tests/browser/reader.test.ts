/**
 * A reader in a real browser (Debian's Chromium through playwright-core), on
 * the site built from the seeds and served over HTTP: following links from
 * the home page, reading the timeline, searching, on a small and a large
 * screen, at the domain root and under a sub-path.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, screenshotPath, watchForProblems } from "../helpers/browser.ts";
import { serveSite, type ServedSite } from "../helpers/server.ts";
import { builtSite, readSiteFile, siteFileExists, type BuiltSite } from "../helpers/site.ts";
import { dateInterval } from "../helpers/dates.ts";

const SUB_PATH = "/archive/";

let browser: Browser;
let site: BuiltSite;
let served: ServedSite;
let prefixedSite: BuiltSite;
let prefixedServed: ServedSite;

before(async () => {
  [site, prefixedSite, browser] = await Promise.all([builtSite("/"), builtSite(SUB_PATH), launchChromium()]);
  [served, prefixedServed] = await Promise.all([serveSite(site), serveSite(prefixedSite)]);
});

after(async () => {
  await browser?.close();
  await served?.close();
  await prefixedServed?.close();
});

/** Text as a reader compares it: no-break and thin spaces are spaces. */
const normalise = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();

async function newPage(options: { width?: number; height?: number } = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: "fr-FR",
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page, problems: watchForProblems(page) };
}

const pathOf = (page: Page) => new URL(page.url()).pathname;
const heading = async (page: Page) => normalise(await page.locator("h1").first().innerText());

/**
 * Home → an article → a person it mentions → the timeline, then back,
 * only by clicking, as a reader does. Returns the paths visited.
 */
async function readerJourney(page: Page, served: ServedSite, prefix: string): Promise<string[]> {
  const visited: string[] = [];
  await page.goto(served.url());
  assert.equal(pathOf(page), prefix, "the home page is served at the site's root");
  const homeTitle = await heading(page);
  assert.ok(homeTitle.length > 0, "the home page has a heading");
  visited.push(pathOf(page));

  // An article from the home page's list.
  const articleLink = page.locator(`main a[href^="${prefix}articles/"]`).first();
  const linkText = normalise(await articleLink.innerText()).replace(/…$/, "");
  await articleLink.click();
  await page.waitForURL(new RegExp(`${prefix}articles/[^/]+/$`));
  const articlePath = pathOf(page);
  assert.ok((await heading(page)).startsWith(linkText), `the article's heading continues the link text « ${linkText} »`);
  assert.ok((await page.locator("main p").count()) > 2, "the article has a body");
  visited.push(articlePath);

  // A person the article mentions.
  const personLink = page.locator(`main a[href^="${prefix}personnes/"]:not([href="${prefix}personnes/"])`).first();
  await personLink.click();
  await page.waitForURL(new RegExp(`${prefix}personnes/[^/]+/$`));
  const personPath = pathOf(page);
  assert.ok((await heading(page)).length > 0, "the person's page has a heading");
  assert.ok(
    (await page.locator(`main a[href="${articlePath}"]`).count()) > 0,
    `the person's page links back to the article that mentions them (${articlePath})`,
  );
  visited.push(personPath);

  // The timeline, from the site's navigation.
  await page.getByRole("link", { name: "Chronologie", exact: true }).first().click();
  await page.waitForURL(new RegExp(`${prefix}chronologie/$`));
  assert.match(await heading(page), /Chronologie/);
  visited.push(pathOf(page));

  // Back with the browser, then home with the site's own link.
  await page.goBack();
  assert.equal(pathOf(page), personPath, "Back returns to the person's page");
  await page.getByRole("banner").getByRole("link", { name: homeTitle, exact: true }).first().click();
  await page.waitForURL((url) => url.pathname === prefix);
  assert.equal(await heading(page), homeTitle, "the site's name leads back home");
  return visited;
}

describe("a reader in Chromium", () => {
  test("goes from the home page to an article, a person and the timeline and back, by clicking links", async () => {
    const { context, page, problems } = await newPage();
    try {
      await readerJourney(page, served, "/");
      assert.deepEqual(problems, [], "no failed request, HTTP error or script error on the way");
    } finally {
      await context.close();
    }
  });

  test("reads the timeline's events in date order", async () => {
    const { context, page, problems } = await newPage();
    try {
      await page.goto(served.url("chronologie/"));
      // The timeline has a page per year, linked from its front page, in
      // order; a busy year continues on more pages (its pager). Each event is
      // a list item with an id (the anchor /chronologie/<year>/#id); its date
      // is the first <time datetime> in it.
      const years = await page.locator('main a[href*="chronologie/"]').evaluateAll((links) =>
        links.map((a) => (a as HTMLAnchorElement).href).filter((href) => /\/chronologie\/\d{4}\/$/.test(href)),
      );
      const events: Array<{ id: string; datetime: string | null }> = [];
      for (const year of [...new Set(years)]) {
        let next: string | null = year;
        while (next) {
          await page.goto(next);
          events.push(
            ...(await page.locator("main li[id]").evaluateAll((items) =>
              items.map((item) => ({ id: item.id, datetime: item.querySelector("time[datetime]")?.getAttribute("datetime") ?? null })),
            )),
          );
          next = await page.locator('main .pager a[rel="next"]').first().getAttribute("href", { timeout: 100 }).then((href) => (href ? new URL(href, page.url()).href : null), () => null);
        }
      }
      const exported = JSON.parse(readSiteFile(site, "data/timeline.json")) as Array<{ id: string }>;
      assert.ok(exported.length > 0, "the seeds give the timeline events");
      const shownIds = new Set(events.map((event) => event.id));
      assert.deepEqual(exported.filter((event) => !shownIds.has(event.id)).map((e) => e.id), [], "every event of data/timeline.json is on the page");

      let previous: { id: string; start: number; end: number; datetime: string } | null = null;
      for (const event of events) {
        assert.ok(event.datetime, `event #${event.id} has a <time datetime>`);
        const interval = dateInterval(event.datetime);
        assert.ok(interval, `event #${event.id}: datetime="${event.datetime}" is a date`);
        // Dates of different precision may overlap ("2025" and "2025-11-01");
        // an event is out of order only when it ends before the previous one starts.
        if (previous) {
          assert.ok(
            interval.end > previous.start,
            `#${event.id} (${event.datetime}) is listed after #${previous.id} (${previous.datetime}) but is earlier`,
          );
        }
        previous = { id: event.id, datetime: event.datetime, ...interval };
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("finds an article by a French word typed with or without accents on /recherche/", async () => {
    assert.ok(siteFileExists(site, "recherche/index.html"), "the build has a search page");
    const { context, page, problems } = await newPage();
    try {
      const articles = JSON.parse(readSiteFile(site, "data/articles.json")) as Array<{ url: string }>;
      const withWord = articles
        .filter((article) => pageText(site, article.url).includes("cybersécurité"))
        .map((article) => article.url);
      assert.ok(withWord.length > 0, "an article of the seeds says « cybersécurité »");

      const accented = await search(page, served, "cybersécurité");
      assert.ok(accented.some((url) => withWord.includes(url)), `« cybersécurité » finds ${withWord.join(", ")}; got ${accented.join(", ") || "nothing"}`);
      const folded = await search(page, served, "cybersecurite");
      // Accents are folded: the same articles, though an exact spelling may rank higher.
      assert.deepEqual([...folded].sort(), [...accented].sort(), "« cybersecurite » finds the same articles as « cybersécurité »");

      // The reader opens the first result.
      const first = page.locator(`main a[href$="${folded[0]}"]`).first();
      await first.click();
      await page.waitForURL((url) => url.pathname === folded[0]);
      assert.ok((await heading(page)).length > 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("pages fit a 320 px screen; screenshots at 375 px and 1280 px are kept in test-results/", async () => {
    const articles = JSON.parse(readSiteFile(site, "data/articles.json")) as Array<{ url: string }>;
    const entities = JSON.parse(readSiteFile(site, "data/entities.json")) as Array<{ type: string; url: string; articles: string[] }>;
    const person = entities.filter((e) => e.type === "person").sort((a, b) => b.articles.length - a.articles.length)[0];
    assert.ok(articles[0] && person, "the seeds give an article and a person");
    const pages = { accueil: "", article: articles[0].url, personne: person.url, chronologie: "chronologie/" };

    const overflowing: string[] = [];
    for (const width of [320, 375, 1280]) {
      const { context, page, problems } = await newPage({ width, height: width < 800 ? 800 : 900 });
      try {
        for (const [name, url] of Object.entries(pages)) {
          await page.goto(served.url(url));
          await page.evaluate(() => document.fonts.ready);
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scrollWidth > width) overflowing.push(`${name} (${url || "/"}) is ${scrollWidth} px wide at ${width} px`);
          if (width !== 320) await page.screenshot({ path: screenshotPath(`${name}-${width}`), fullPage: true });
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
    assert.deepEqual(overflowing, [], "no page scrolls sideways");
  });
});

describe(`the site built with PATH_PREFIX=${SUB_PATH}`, () => {
  test("loads its stylesheet and keeps the reader under the sub-path", async () => {
    const { context, page, problems } = await newPage();
    const outside: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.origin === prefixedServed.origin && !url.pathname.startsWith(SUB_PATH)) outside.push(url.pathname);
    });
    try {
      const visited = await readerJourney(page, prefixedServed, SUB_PATH);
      for (const visitedPath of visited) assert.ok(visitedPath.startsWith(SUB_PATH), visitedPath);
      const sheets = await page.evaluate(() =>
        [...document.styleSheets].filter((sheet) => sheet.href).map((sheet) => ({ href: sheet.href!, rules: sheet.cssRules.length })),
      );
      assert.ok(sheets.length > 0, "the home page links a stylesheet");
      for (const sheet of sheets) {
        assert.ok(new URL(sheet.href).pathname.startsWith(SUB_PATH), `${sheet.href} is under ${SUB_PATH}`);
        assert.ok(sheet.rules > 0, `${sheet.href} loaded with its rules`);
      }
      assert.deepEqual(outside, [], `nothing is requested outside ${SUB_PATH}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("search works under the sub-path", async () => {
    assert.ok(siteFileExists(prefixedSite, "recherche/index.html"), "the build has a search page");
    const { context, page, problems } = await newPage();
    try {
      const results = await search(page, prefixedServed, "cybersecurite");
      assert.ok(results.length > 0, "« cybersecurite » finds an article");
      for (const url of results) assert.ok(url.startsWith(`${SUB_PATH}articles/`), `result ${url} is under ${SUB_PATH}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

/** The words of a built page, as a reader reads them. */
function pageText(site: BuiltSite, url: string): string {
  const html = readSiteFile(site, `${url.slice(site.pathPrefix.length)}index.html`);
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? html;
  return main.replace(/<[^>]+>/g, " ").normalize("NFC").toLowerCase();
}

/**
 * Types a query into the search page's French-labelled search box and
 * returns the article links that appear (site paths, in order).
 */
async function search(page: Page, served: ServedSite, query: string): Promise<string[]> {
  await page.goto(served.url("recherche/"));
  const label = /cherch/i;
  const box = page.getByRole("searchbox", { name: label }).or(page.getByRole("textbox", { name: label })).first();
  assert.ok(await box.count(), "the search page has a text box labelled in French (« Rechercher… »)");
  const articleLinks = page.locator('main a[href*="/articles/"]');
  const before = new Set(await articleLinks.evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href)));
  await box.pressSequentially(query, { delay: 15 });
  await page.waitForFunction(
    (known) => [...document.querySelectorAll<HTMLAnchorElement>('main a[href*="/articles/"]')].some((link) => !known.includes(link.href)),
    [...before],
    { timeout: 15_000 },
  ).catch(() => assert.fail(`no article link appeared after typing « ${query} »`));
  // Let the result list settle (results may render in batches).
  await page.waitForTimeout(300);
  const hrefs = await articleLinks.evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  return [...new Set(hrefs.filter((href) => !before.has(href)).map((href) => new URL(href).pathname))];
}
