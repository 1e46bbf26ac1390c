import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { compareFrench, groupByInitial, initialOf, paginate } from "../../src/site/lists.ts";

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
