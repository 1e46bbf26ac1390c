import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildSiteView, coverage, htmlDatetime } from "../../src/site/view.ts";
import { archiveOf, article, entity, event } from "./view-fixtures.ts";

describe("dates in <time datetime>", () => {
  test("only values HTML accepts, at the finest valid precision", () => {
    assert.equal(htmlDatetime("2025-11-01"), "2025-11-01");
    assert.equal(htmlDatetime("2015-09"), "2015-09");
    assert.equal(htmlDatetime("2021"), "2021");
    assert.equal(htmlDatetime("2021-W02"), "2021-W02");
    assert.equal(htmlDatetime("2024-03-07TEV"), "2024-03-07");
    assert.equal(htmlDatetime("2019-SU"), "2019");
    assert.equal(htmlDatetime("195X"), null);
    assert.equal(htmlDatetime("PRESENT_REF"), null);
  });
});

// Sixty articles about a mayor in two months of 2024, one known only to the
// year, two undated.
const many = Array.from({ length: 60 }, (_, i) =>
  article(`conseil-${String(i).padStart(2, "0")}`, { date: `2024-${i < 40 ? "03" : "04"}-${String((i % 28) + 1).padStart(2, "0")}`, entities: ["maire"] }),
);
const archive = archiveOf(
  [
    ...many,
    article("bilan", { date: "2024", entities: ["maire"] }),
    article("ancien", { date: "2019-06-12", entities: ["maire"] }),
    article("portrait", { title: "Portrait d’une ville" }),
    article("archive-orale", { title: "Archive orale" }),
  ],
  {
    entities: [entity("maire", "Nathalie Appéré", "person", [...many.map((a) => a.id), "bilan", "ancien"])],
    timeline: [event("2024-03-05-vote", "2024-03-05", ["conseil-04"], ["maire"]), event("195x-fondation", "195X", ["portrait"])],
  },
);
const view = buildSiteView(archive);

describe("site view on a small archive", () => {
  test("an entity in many articles gets its latest articles on its page, then a page per year", () => {
    const pages = view.entityPages.filter((p) => p.entity.id === "maire");
    assert.deepEqual(pages.map((p) => p.page.url), ["/personnes/maire/", "/personnes/maire/2024/", "/personnes/maire/2024/page/2/", "/personnes/maire/2019/"]);
    assert.equal(pages[0]!.page.items.length, 50);
    assert.deepEqual(pages[0]!.page.part?.parts.map((p) => p.label), ["Les plus récents", "2024", "2019"]);
    const years = pages.slice(1);
    assert.equal(years.reduce((n, p) => n + p.page.items.length, 0), 62, "every article on its year's pages");
    assert.deepEqual(years.map((p) => p.page.part?.after), ["en 2024", "en 2024", "en 2019"]);
    for (const page of pages) {
      const isoDates = page.page.items.map((a) => a.date?.iso ?? "");
      assert.deepEqual(isoDates, [...isoDates].sort().reverse(), `newest first on ${page.page.url}`);
    }
    // The front page describes the entity; a year's page names it only, so
    // that it does not change with every article the entity gets.
    assert.equal((pages[0]!.entity as { articleCount?: number }).articleCount, 62);
    assert.deepEqual(Object.keys(years[0]!.entity).sort(), ["id", "index", "name", "typeLabel", "url", "wikidata"]);
  });

  test("an article of another year leaves an entity's year pages as they were", () => {
    const later = archiveOf(
      [...archive.articles, article("nouveau", { date: "2019-09-01", entities: ["maire"] })],
      {
        entities: [entity("maire", "Nathalie Appéré", "person", [...archive.entities[0]!.articles, "nouveau"])],
        timeline: archive.timeline,
      },
    );
    const pagesOf = (v: ReturnType<typeof buildSiteView>) => new Map(v.entityPages.filter((p) => p.entity.id === "maire").map((p) => [p.page.url, JSON.stringify(p)]));
    const before = pagesOf(view);
    const after = pagesOf(buildSiteView(later));
    assert.equal(after.get("/personnes/maire/2024/"), before.get("/personnes/maire/2024/"));
    assert.equal(after.get("/personnes/maire/2024/page/2/"), before.get("/personnes/maire/2024/page/2/"));
    assert.notEqual(after.get("/personnes/maire/2019/"), before.get("/personnes/maire/2019/"));
    assert.notEqual(after.get("/personnes/maire/"), before.get("/personnes/maire/"), "the front page counts it");
  });

  test("archives: a page per year and per month, undated articles listed", () => {
    const urls = view.archives.pages.map((p) => p.page.url);
    for (const url of ["/archives/2024/", "/archives/2024/page/2/", "/archives/2024/03/", "/archives/2024/04/", "/archives/2019/", "/archives/2019/06/", "/archives/sans-date/"]) {
      assert.ok(urls.includes(url), url);
    }
    const y2024 = view.archives.years.find((y) => y.year === "2024")!;
    assert.deepEqual(y2024.months.map((m) => [m.label, m.count]), [["avril 2024", 20], ["mars 2024", 40], ["2024, mois inconnu", 1]]);
    const listed = new Set(view.archives.pages.filter((p) => /^\/archives\/\d{4}\/(page\/\d+\/)?$|sans-date/.test(p.page.url)).flatMap((p) => p.page.items.map((a) => a.id)));
    assert.equal(listed.size, archive.articles.length, "every article is on a year page or the undated page");
    assert.deepEqual(view.archives.undated.map((a) => a.title), ["Archive orale", "Portrait d’une ville"]);
  });

  test("previous and next follow dates; undated articles have neither", () => {
    const ancien = view.articles.find((a) => a.id === "ancien")!;
    assert.equal(ancien.previous, null);
    assert.equal(ancien.next?.id, "bilan");
    const portrait = view.articles.find((a) => a.id === "portrait")!;
    assert.equal(portrait.previous, null);
    assert.equal(portrait.next, null);
  });

  test("home: coverage in French, most cited first", () => {
    assert.equal(view.home.coverage, "de 12\u00a0juin 2019 à 28\u00a0avril 2024");
    assert.equal(coverage(["2015-09", "2025-11-01"]), "de septembre 2015 à 1er\u00a0novembre 2025");
    assert.equal(coverage(["2021"]), "en 2021");
    assert.equal(view.home.people[0]!.name, "Nathalie Appéré");
    assert.equal(view.home.counts.undated, 2);
  });

  test("events: an entity's slice of the timeline, decades printed without <time>", () => {
    const maire = view.entities.find((e) => e.id === "maire")!;
    assert.deepEqual(maire.events.map((e) => e.id), ["2024-03-05-vote"]);
    assert.equal(maire.axis.marks[0]!.id, "2024-03-05-vote");
    const decade = view.timeline.yearPages.flatMap((p) => p.page.items).find((e) => e.id === "195x-fondation")!;
    assert.equal(decade.dateView.iso, null);
    assert.equal(decade.dateView.label, "années 1950");
  });
});
