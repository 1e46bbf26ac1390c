import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { compareFrench, groupByInitial, initialOf, pageSuffix, paginate, paginateByYear } from "../../src/site/lists.ts";

describe("pagination", () => {
  test("page 1 keeps the list's URL, later pages are /page/N/", () => {
    const pages = paginate(Array.from({ length: 120 }, (_, i) => i), "/personnes/anne-hidalgo/", 50);
    assert.deepEqual(pages.map((p) => p.url), ["/personnes/anne-hidalgo/", "/personnes/anne-hidalgo/page/2/", "/personnes/anne-hidalgo/page/3/"]);
    assert.deepEqual(pages.map((p) => p.items.length), [50, 50, 20]);
    assert.equal(pages[0]!.previousUrl, null);
    assert.equal(pages[1]!.nextUrl, "/personnes/anne-hidalgo/page/3/");
    assert.equal(pages[2]!.nextUrl, null);
  });

  test("a short or empty list is one page", () => {
    assert.equal(paginate([1, 2], "/themes/sport/").length, 1);
    assert.deepEqual(paginate([], "/archives/sans-date/").map((p) => [p.url, p.items.length]), [["/archives/sans-date/", 0]]);
  });
});

describe("long lists split by year", () => {
  // Articles newest first: 3 of 2025, 70 of 2024, 2 undated.
  const articles = [
    ...["2025-03-02", "2025-02-14", "2025-01-05"],
    ...Array.from({ length: 70 }, (_, i) => `2024-${String(12 - Math.floor(i / 6)).padStart(2, "0")}-01`),
    null,
    null,
  ].map((date, i) => ({ id: `a${i}`, date }));
  const yearOf = (a: { date: string | null }) => a.date?.slice(0, 4) ?? null;

  test("the front page keeps the list's URL and its first items; each year has its pages", () => {
    const pages = paginateByYear(articles, "/themes/logement/", yearOf, "Les plus récents", 50);
    assert.deepEqual(pages.map((p) => [p.url, p.items.length]), [
      ["/themes/logement/", 50],
      ["/themes/logement/2025/", 3],
      ["/themes/logement/2024/", 50],
      ["/themes/logement/2024/page/2/", 20],
      ["/themes/logement/sans-date/", 2],
    ]);
    assert.deepEqual(pages[0]!.items.map((a) => a.id), articles.slice(0, 50).map((a) => a.id));
    assert.deepEqual(pages.map((p) => p.part?.label), ["Les plus récents", "2025", "2024", "2024", "Sans date"]);
    assert.deepEqual(pages.map((p) => p.part?.after), ["en tout", "en 2025", "en 2024", "en 2024", "sans date"]);
    // Within a year, numbered pages and their links are the year's own.
    assert.equal(pages[2]!.nextUrl, "/themes/logement/2024/page/2/");
    assert.equal(pages[3]!.total, 2);
    assert.equal(pages[1]!.nextUrl, null);
    assert.deepEqual(pages.map(pageSuffix), ["", ", 2025", ", 2024", ", 2024, page 2", ", Sans date"]);
  });

  test("adding an item to one year leaves the other years' pages as they were", () => {
    const before = paginateByYear(articles, "/themes/logement/", yearOf, "Les plus récents", 50);
    const after = paginateByYear([...articles.slice(0, 3), { id: "new", date: "2024-12-24" }, ...articles.slice(3)], "/themes/logement/", yearOf, "Les plus récents", 50);
    const byUrl = (pages: typeof before) => new Map(pages.map((p) => [p.url, JSON.stringify(p)]));
    assert.equal(byUrl(after).get("/themes/logement/2025/"), byUrl(before).get("/themes/logement/2025/"));
    assert.equal(byUrl(after).get("/themes/logement/sans-date/"), byUrl(before).get("/themes/logement/sans-date/"));
    assert.notEqual(byUrl(after).get("/themes/logement/2024/"), byUrl(before).get("/themes/logement/2024/"));
  });

  test("a list that fits on one page is not split", () => {
    const pages = paginateByYear(articles.slice(0, 40), "/themes/logement/", yearOf, "Les plus récents", 50);
    assert.deepEqual(pages.map((p) => [p.url, p.items.length, p.part]), [["/themes/logement/", 40, undefined]]);
  });
});

describe("French alphabetical order", () => {
  test("accents and case do not move a name out of its letter", () => {
    const names = ["Zoé", "élysée", "Eure", "Édouard Philippe", "Œuvre d’Orient", "3M", "Ariège"];
    const groups = groupByInitial(names, (n) => n);
    assert.deepEqual(groups.map((g) => g.letter), ["A", "E", "O", "Z", "#"]);
    assert.deepEqual(groups[1]!.items, ["Édouard Philippe", "élysée", "Eure"]);
    assert.equal(groups[4]!.anchor, "lettre-autres");
    assert.equal(initialOf("« Le Monde »"), "L");
  });

  test("numbers in numeric order", () => {
    assert.ok(compareFrench("G7", "G20") < 0);
  });
});
