/**
 * Which pages a build renders, and in which Eleventy run: keys change with
 * a page's data only, and batches share the pages out without losing any.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildSiteView } from "../../src/site/view.ts";
import { pageKeys, renderBatches } from "../../src/site/render-plan.ts";
import { outputFileOf } from "../../src/link/urls.ts";
import { archiveOf, article, entity, event } from "./view-fixtures.ts";

// A week of a regional daily: the flood articles name the prefect; the
// market and cycling articles do not.
const week = [
  article("crue-lundi", { date: "2024-10-14", entities: ["prefet"], topic: "environnement" }),
  article("crue-mardi", { date: "2024-10-15", entities: ["prefet"], topic: "environnement" }),
  article("marche-noel", { date: "2024-10-16", topic: "societe" }),
  article("tour-cycliste", { date: "2024-10-17", topic: "sport" }),
];
const viewOf = (articles: ReturnType<typeof article>[]) =>
  buildSiteView(archiveOf(articles, { entities: [entity("prefet", "Michel Valois", "person", articles.filter((a) => a.id.startsWith("crue")).map((a) => a.id))] }));

describe("render plan", () => {
  test("a page's file is where its URL is served", () => {
    assert.equal(outputFileOf("/articles/crue-lundi/"), "articles/crue-lundi/index.html");
    assert.equal(outputFileOf("/"), "index.html");
    assert.equal(outputFileOf("/404.html"), "404.html");
  });

  test("adding a flood article changes the prefect's page, not the cycling article's", () => {
    const before = new Map(pageKeys(viewOf(week), "code").map((p) => [p.file, p.key]));
    const added = article("crue-mardi-soir", { date: "2024-10-15", entities: ["prefet"], topic: "environnement" });
    const after = new Map(pageKeys(viewOf([...week, added]), "code").map((p) => [p.file, p.key]));
    assert.notEqual(after.get("personnes/prefet/index.html"), before.get("personnes/prefet/index.html"));
    assert.equal(after.get("articles/tour-cycliste/index.html"), before.get("articles/tour-cycliste/index.html"));
    assert.ok(after.has("articles/crue-mardi-soir/index.html") && !before.has("articles/crue-mardi-soir/index.html"));
  });

  test("other code or settings change every key", () => {
    const a = pageKeys(viewOf(week), "code-1");
    const b = pageKeys(viewOf(week), "code-2");
    assert.ok(a.every((page, i) => page.key !== b[i]!.key));
  });

  test("an event reworded changes every page that shows it, and only those", () => {
    // The flood warning is one object of the view, listed on the timeline's
    // year page, on the prefect's page and on both flood articles' pages:
    // its key is hashed once, and must still reach each of them.
    const withEvent = (text: string) => {
      const warning = { ...event("vigilance-rouge", "2024-10-14", ["crue-lundi", "crue-mardi"], ["prefet"]), text };
      const archive = archiveOf(week, {
        entities: [entity("prefet", "Michel Valois", "person", ["crue-lundi", "crue-mardi"])],
        timeline: [warning],
      });
      return new Map(pageKeys(buildSiteView(archive), "code").map((p) => [p.file, p.key]));
    };
    const before = withEvent("Vigilance rouge crues dans le Gard");
    const after = withEvent("Vigilance rouge crues dans le Gard et l'Hérault");
    const changed = [...before].filter(([file, key]) => after.get(file) !== key).map(([file]) => file).sort();
    assert.deepEqual(changed, ["articles/crue-lundi/index.html", "articles/crue-mardi/index.html", "chronologie/2024/index.html", "personnes/prefet/index.html"]);
    // Outside key computation the shared event serialises as itself.
    const view = buildSiteView(archiveOf(week, { timeline: [event("vigilance-rouge", "2024-10-14", ["crue-lundi"])] }));
    assert.equal(JSON.parse(JSON.stringify(view.timeline.yearPages[0])).groups[0].events[0].text, "Événement vigilance-rouge");
  });

  test("batches hold every page once; only the first renders the single pages", () => {
    const view = viewOf(week);
    const all = pageKeys(view, "code").map((p) => p.file).sort();
    const batches = renderBatches(view, 3);
    assert.ok(batches.length > 2);
    assert.deepEqual(batches.map((b) => b.singles), batches.map((_, i) => i === 0));
    assert.ok(batches.every((b) => b.pages <= 3));
    const shared = batches.flatMap((b) => pageKeys(b.view, "code").map((p) => p.file)).sort();
    assert.deepEqual(shared, all);
    assert.ok(batches.slice(1).every((b) => b.view.entityIndexes.length === 0), "the entity indexes are single pages");
    assert.equal(renderBatches({ ...view, articles: [], entityPages: [], topicPages: [], threadPages: [], eventPages: [], timeline: { ...view.timeline, yearPages: [] }, archives: { ...view.archives, pages: [] } }).length, 1, "one run even with nothing paginated to render");
  });

  test("article pages are rendered first and in runs of their own, so the search index can be built beside the others", () => {
    const view = viewOf(week);
    const batches = renderBatches(view, 10);
    const articlePages = batches.map((b) => b.view.articles.length);
    assert.deepEqual(articlePages, [4, ...batches.slice(1).map(() => 0)], "the four article pages fill the first run");
    assert.equal(batches[0]!.pages, 4, "no page of another list joins them, though the run has room");
    assert.ok(batches.length > 1 && batches.slice(1).every((b) => b.pages > 0), "the other pages follow");
    // An archive without article pages to render is not split for nothing.
    const withoutArticles = renderBatches({ ...view, articles: [] }, 10);
    assert.equal(withoutArticles.length, Math.ceil(batches.slice(1).reduce((n, b) => n + b.pages, 0) / 10));
  });
});
