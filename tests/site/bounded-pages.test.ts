/**
 * Pages stay bounded when the archive grows: a busy year of the timeline is
 * split in pages, an entity or a topic shows its latest events and links to
 * the full list, long axes are drawn by month, names under an event are
 * capped. Every event stays reachable at the URL the export gives it.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARTICLE_EVENTS, buildSiteView, EVENT_ARTICLES, EVENT_LIST_PAGE_SIZE, RECENT_EVENTS, TIMELINE_LATEST } from "../../src/site/view.ts";
import { placeOnTimeline, TIMELINE_PAGE_SIZE, timelineYearOf } from "../../src/link/urls.ts";
import { eventMonth } from "../../src/link/events.ts";
import { MAX_MARKS } from "../../src/site/timeline-axis.ts";
import { archiveOf, article, entity, event } from "./view-fixtures.ts";

// A municipal council reported all through 2023: 260 sessions, each in the
// minutes of its own article and in a weekly digest, all naming the mayor;
// plus a few events of 2022.
const day = (i: number) => `2023-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;
const sessions = Array.from({ length: 260 }, (_, i) => `seance-${String(i).padStart(3, "0")}`);
const articles = [
  ...sessions.map((id, i) => article(id, { date: day(i), entities: ["maire"] })),
  article("hebdo", { date: "2023-12-31", entities: ["maire"] }),
];
const rawTimeline = [
  event("2022-budget", "2022-03-01", ["hebdo"], ["maire"]),
  event("2022-bilan", "2022", ["hebdo"], ["maire"]),
  ...sessions.map((id, i) => event(`2023-${id}`, day(i), [id, "hebdo", ...sessions.slice(0, 10)], ["maire"])),
].sort((a, b) => (a.date.value < b.date.value ? -1 : a.date.value > b.date.value ? 1 : a.id < b.id ? -1 : 1));
const timeline = placeOnTimeline(rawTimeline, eventMonth);
const archive = archiveOf(articles, {
  entities: [entity("maire", "Nathalie Appéré", "person", articles.map((a) => a.id))],
  timeline,
  topics: [],
});
const view = buildSiteView(archive);

describe("bounded pages on a large archive", () => {
  test("a busy year of the timeline has a page per month, each event listed at its URL", () => {
    const pages2023 = view.timeline.yearPages.filter((p) => p.year === "2023");
    const months = Array.from({ length: 12 }, (_, i) => `/chronologie/2023/${String(i + 1).padStart(2, "0")}/`);
    assert.deepEqual(pages2023.map((p) => p.page.url), ["/chronologie/2023/", ...months]);
    assert.ok(pages2023.every((p) => p.page.items.length <= TIMELINE_PAGE_SIZE));
    const listedAt = new Map(view.timeline.yearPages.flatMap((p) => p.page.items.map((e) => [e.id, p.page.url] as const)));
    for (const e of timeline) assert.equal(e.url, `${listedAt.get(e.id)}#${e.id}`, e.id);
    // The quiet year keeps one page.
    assert.deepEqual(view.timeline.yearPages.filter((p) => p.year === "2022").map((p) => p.page.url), ["/chronologie/2022/"]);
  });

  test("an event added in March leaves the URLs of every other month's events as they were", () => {
    const added = { ...rawTimeline.find((e) => e.id === "2023-seance-002")!, id: "2023-conseil-extraordinaire" };
    const before = new Map(timeline.map((e) => [e.id, e.url]));
    const after = placeOnTimeline([...rawTimeline, added].sort((a, b) => (a.date.value < b.date.value ? -1 : a.date.value > b.date.value ? 1 : a.id < b.id ? -1 : 1)), eventMonth);
    const moved = after.filter((e) => before.has(e.id) && before.get(e.id) !== e.url);
    assert.deepEqual(moved, []);
    assert.match(after.find((e) => e.id === "2023-conseil-extraordinaire")!.url, /^\/chronologie\/2023\/03\/#/);
  });

  test("the year page indexes its months; a month page leads back to its year and to the months around it", () => {
    const year = view.timeline.yearPages.find((p) => p.page.url === "/chronologie/2023/")!;
    assert.equal(year.months.length, 12);
    assert.equal(year.months.reduce((n, m) => n + m.count, 0), 260);
    assert.equal(year.months.find((m) => m.label === "décembre 2023")!.url, "/chronologie/2023/12/");
    assert.ok(year.axis, "the year's axis is on its page");
    const april = view.timeline.yearPages.find((p) => p.page.url === "/chronologie/2023/04/")!;
    assert.equal(april.label, "avril 2023");
    assert.equal(april.ofLabel, "d’avril 2023");
    assert.deepEqual(april.up, { label: "2023", url: "/chronologie/2023/" });
    assert.equal(april.previous?.url, "/chronologie/2023/03/");
    assert.equal(april.next?.rel, "Mois suivant");
    assert.equal(april.groups[0]!.anchor, "mois-04");
  });

  test("the front page: years with counts, the latest events, an axis drawn by month", () => {
    assert.deepEqual(view.timeline.years.map((y) => [y.year, y.count]), [["2022", 2], ["2023", 260]]);
    assert.equal(view.timeline.latest.length, TIMELINE_LATEST);
    assert.equal(view.timeline.latest.at(-1)!.id, rawTimeline.at(-1)!.id);
    assert.ok(timeline.length > MAX_MARKS);
    assert.equal(view.timeline.axis.marks.length, 0, "no mark per event");
    assert.equal(view.timeline.axis.count, timeline.length);
    assert.ok(view.timeline.axis.months.length <= 24);
    assert.ok(view.timeline.axis.months.every((m) => m.href && /^\/chronologie\/\d{4}\/(\d\d\/|#mois-\d\d)$/.test(m.href)));
  });

  test("an entity page shows its latest events and links to all of them, by year, 100 a page", () => {
    const maire = view.entities.find((e) => e.id === "maire")!;
    assert.equal(maire.events.length, RECENT_EVENTS);
    assert.equal(maire.eventCount, 262);
    assert.equal(maire.eventsUrl, "/personnes/maire/chronologie/");
    const pages = view.eventPages.filter((p) => p.subject.id === "maire");
    assert.deepEqual(pages.map((p) => p.page.url), [
      "/personnes/maire/chronologie/",
      "/personnes/maire/chronologie/2022/",
      "/personnes/maire/chronologie/2023/",
      "/personnes/maire/chronologie/2023/page/2/",
      "/personnes/maire/chronologie/2023/page/3/",
    ]);
    assert.ok(pages.every((p) => p.page.items.length <= EVENT_LIST_PAGE_SIZE));
    assert.deepEqual(pages[0]!.page.items.slice(0, 2).map((e) => e.id).sort(), ["2022-bilan", "2022-budget"], "the front page starts at the first events");
    assert.equal(pages.slice(1).reduce((n, p) => n + p.page.items.length, 0), 262, "every event on its year's pages");
  });

  test("an event names a few of the articles that report it, and says how many there are", () => {
    const session = view.timeline.yearPages.flatMap((p) => p.page.items).find((e) => e.id === "2023-seance-100")!;
    assert.equal(session.articleRefs.length, EVENT_ARTICLES);
    assert.equal(session.articleCount, 12);
  });

  test("an article in many events lists a few, its axis draws them all", () => {
    const hebdo = view.articles.find((a) => a.id === "hebdo")!;
    assert.equal(hebdo.timeline.length, ARTICLE_EVENTS);
    assert.equal(hebdo.eventCount, 262);
    assert.equal(hebdo.axis.count, 262);
    // Views carry what pages print, not the extraction's working data.
    assert.equal("blocks" in hebdo, false);
    assert.equal("timexes" in hebdo, false);
  });

  test("an event's year page: decades and centuries go to their first year", () => {
    assert.equal(timelineYearOf("2021-03-02"), "2021");
    assert.equal(timelineYearOf("2021-W10"), "2021");
    assert.equal(timelineYearOf("195X"), "1950");
    assert.equal(timelineYearOf("19XX"), "1900");
    assert.equal(timelineYearOf("PRESENT_REF"), "autres");
  });
});
