/**
 * Accessibility: axe-core (through @axe-core/playwright) in Chromium on every
 * generated page, with the WCAG 2.0 and 2.1 A and AA rules. Zero violations.
 * The site declares `color-scheme: light dark`, so colour contrast is also
 * checked in dark mode, on one page of each kind.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser.ts";
import { serveSite, type ServedSite } from "../helpers/server.ts";
import { builtSite, htmlPages, type BuiltSite } from "../helpers/site.ts";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const TABS = 4;

let site: BuiltSite;
let served: ServedSite;
let browser: Browser;

before(async () => {
  [site, browser] = await Promise.all([builtSite("/"), launchChromium()]);
  served = await serveSite(site);
});

after(async () => {
  await browser?.close();
  await served?.close();
});

/** One readable paragraph per violation: page, rule, impact, elements. */
async function violationsOn(page: Page, sitePath: string): Promise<string[]> {
  const response = await page.goto(served.url(sitePath.slice(site.pathPrefix.length)));
  assert.ok(response?.ok() || sitePath.endsWith("404.html"), `${sitePath} is served`);
  // Legacy mode runs axe in the page itself instead of opening a blank page
  // per analysis to merge frame results: twice as fast, and the same rules
  // since the site's pages have no frames.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  return results.violations.map((violation) => {
    const nodes = violation.nodes
      .slice(0, 5)
      .map((node) => `    - ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ") ?? ""}\n      ${node.html.slice(0, 200)}`)
      .join("\n");
    const more = violation.nodes.length > 5 ? `\n    … and ${violation.nodes.length - 5} more element(s)` : "";
    return `${sitePath} — ${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.helpUrl}\n${nodes}${more}`;
  });
}

/** The first page of each kind: the home page, each folder's index and its first item, other pages. */
function onePerKind(pages: string[]): string[] {
  const seen = new Set<string>();
  return pages.filter((page) => {
    const segments = page.slice(site.pathPrefix.length).split("/").filter(Boolean);
    const kind = segments.length <= 1 ? page : `${segments[0]}/*`;
    if (seen.has(kind)) return false;
    seen.add(kind);
    return true;
  });
}

/**
 * Runs axe on the pages with a few tabs at once (each page waits on the
 * browser much of the time), returning the violations in page order.
 */
async function checkPages(pages: string[], colorScheme: "light" | "dark"): Promise<string[]> {
  const context = await browser.newContext({ colorScheme, locale: "fr-FR" });
  const results: string[][] = [];
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(TABS, pages.length) }, async () => {
        const page = await context.newPage();
        while (next < pages.length) {
          const index = next++;
          results[index] = await violationsOn(page, pages[index]!);
        }
      }),
    );
  } finally {
    await context.close();
  }
  return results.flat();
}

describe("axe-core, WCAG 2.1 A and AA", () => {
  test("every generated page, light mode: zero violations", async () => {
    const pages = await htmlPages(site);
    assert.ok(pages.length > 10, `pages found: ${pages.length}`);
    const violations = await checkPages(pages, "light");
    assert.equal(violations.length, 0, `${violations.length} violation(s) on ${pages.length} pages:\n\n${violations.join("\n\n")}`);
  });

  test("one page of each kind, dark mode: zero violations", async () => {
    const pages = onePerKind(await htmlPages(site));
    const violations = await checkPages(pages, "dark");
    assert.equal(violations.length, 0, `${violations.length} violation(s) on ${pages.length} pages:\n\n${violations.join("\n\n")}`);
  });
});
