/**
 * The link stage at archive scale: candidates are bounded per article, so a
 * name every article mentions cannot turn linking into all pairs, and the
 * bounds never hide what a reader would miss: two reports sharing a rare
 * name always meet, events merge across a crowded year. (Speed itself is
 * measured by src/bench/profile-link.ts, never timed here.)
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildEntityIndex, CandidateFinder, chronologicalOrder, MAX_CANDIDATES, POSTINGS_WINDOW, topK } from "../../src/link/similarity.ts";
import { containingValues, mergeEvents, type ArticleEvents } from "../../src/link/events.ts";
import { relatedArticles, relatedInputOf } from "../../src/link/related.ts";
import type { ArticleEvent, TimexPrecision } from "../../src/types.ts";
import { archiveOf, article } from "../site/view-fixtures.ts";

const day = (n: number): string => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

// 1,200 reports of Emmanuel Macron's year, one a day, file order shuffled;
// two of them (months apart) also name the Ehpad of Mougins and its director.
const N = 1200;
const shuffled = Array.from({ length: N }, (_, i) => (i * 7919) % N);
const items = shuffled.map((n) => ({
  id: `macron-${String(n).padStart(4, "0")}`,
  date: day(n),
  entities: ["emmanuel-macron", "elysee", ...(n === 40 || n === 300 ? ["ehpad-de-mougins", "claire-vasseur"] : [])],
}));
const sets = items.map((a) => new Set(a.entities));
const order = chronologicalOrder(items);
const index = buildEntityIndex(sets, order);
const finder = new CandidateFinder(index);
const at = (n: number): number => shuffled.indexOf(n);

describe("candidates at archive scale", () => {
  test("a name in every article proposes a bounded number of candidates, the nearest in time", () => {
    const candidates = finder.candidatesFor(at(600));
    assert.ok(candidates.length <= MAX_CANDIDATES, `${candidates.length} candidates`);
    assert.ok(candidates.length > 0);
    for (const j of candidates) {
      const distance = Math.abs(shuffled[j]! - 600);
      assert.ok(distance <= POSTINGS_WINDOW, `${items[j]!.id} is ${distance} days away`);
    }
    // The very next and previous days are among them.
    assert.ok(candidates.includes(at(599)) && candidates.includes(at(601)));
  });

  test("two reports sharing a rare name meet, however far apart in time and file order", () => {
    const candidates = finder.candidatesFor(at(40));
    assert.equal(candidates[0], at(300), "the other Mougins report comes first");
  });

  test("the same candidates whatever order the files are read in", () => {
    const reversed = [...items].reverse();
    const rSets = reversed.map((a) => new Set(a.entities));
    const rFinder = new CandidateFinder(buildEntityIndex(rSets, chronologicalOrder(reversed)));
    const idsOf = (list: number[], source: typeof items) => list.map((j) => source[j]!.id);
    assert.deepEqual(idsOf(rFinder.candidatesFor(reversed.length - 1 - at(600)), reversed), idsOf(finder.candidatesFor(at(600)), items));
  });

  test("topK keeps the best items, best first, as a full sort would", () => {
    const values = Array.from({ length: 500 }, (_, i) => (i * 37) % 101);
    const byValue = (a: number, b: number) => b - a;
    assert.deepEqual(topK(values, 7, byValue), [...values].sort(byValue).slice(0, 7));
    assert.deepEqual(topK([3, 1, 2], 7, byValue), [3, 2, 1]);
  });

  test("related articles: the Mougins pair is linked, and no list grows with the archive", () => {
    const articles = items.map((a) => article(a.id, { date: a.date, entities: a.entities, topic: "politique" }));
    const related = relatedArticles(relatedInputOf(archiveOf(articles)));
    assert.equal(related.get("macron-0040")![0]!.id, "macron-0300");
    assert.deepEqual(related.get("macron-0040")![0]!.entities.slice(0, 2).sort(), ["claire-vasseur", "ehpad-de-mougins"]);
    for (const list of related.values()) assert.ok(list.length <= 5);
  });
});

function ev(value: string, precision: TimexPrecision, text: string, entities: string[], keys: string[]): ArticleEvent {
  return { date: { value, precision }, text, start: 0, end: text.length, timex: { text: value, start: 0, end: 4 }, entities, keys };
}

describe("merging events at archive scale", () => {
  test("the date values that contain a day, a time and a December day, within its year", () => {
    assert.deepEqual(containingValues("2021-01-14").sort(), ["2021", "2021-01", "2021-H1", "2021-Q1", "2021-W02"]);
    const morning = containingValues("2021-01-14T09:30");
    assert.ok(morning.includes("2021-01-14TMO") && morning.includes("2021-01-14") && !morning.includes("2021-01-14TAF"));
    assert.ok(containingValues("2021-12-25").includes("2021-WI"), "winter 2021 begins on 21 December");
    assert.ok(containingValues("2021-03").includes("2021-Q1") && !containingValues("2021-03").includes("2021-SP"));
    assert.deepEqual(containingValues("2021"), []);
  });

  // A year of daily reports on the president, each a different happening,
  // and one story told at two precisions among them.
  const crowd: ArticleEvents[] = Array.from({ length: 400 }, (_, n) => ({
    articleId: `jour-${String(n).padStart(3, "0")}`,
    published: day(n),
    topics: ["politique"],
    events: [ev(day(n), "day", `Le président a inauguré l'équipement numéro ${n}.`, ["emmanuel-macron"], [`equip${n}`, "inaugur"])],
  }));
  const story: ArticleEvents[] = [
    {
      articleId: "traite-bilan",
      published: "2022-12-30",
      topics: ["politique"],
      events: [ev("2022", "year", "En 2022, Emmanuel Macron a signé le traité du Quirinal.", ["emmanuel-macron"], ["sign", "trait", "quirinal"])],
    },
    {
      articleId: "traite-jour",
      published: "2022-03-02",
      topics: ["politique"],
      events: [ev("2022-03-02", "day", "Le 2 mars, Emmanuel Macron a signé le traité du Quirinal.", ["emmanuel-macron"], ["sign", "trait", "quirinal"])],
    },
  ];

  test("a year-level report finds its day-level report among hundreds naming the same person that year", () => {
    const timeline = mergeEvents([...crowd, ...story]);
    const treaty = timeline.filter((e) => e.articles.some((a) => a.startsWith("traite")));
    assert.equal(treaty.length, 1);
    assert.deepEqual(treaty[0]!.articles, ["traite-bilan", "traite-jour"]);
    assert.equal(treaty[0]!.date.value, "2022-03-02");
    // The daily happenings share "inaugur" only: one key, Jaccard 1/3, not the same event.
    assert.equal(timeline.length, crowd.length + 1);
  });

  test("the merged timeline does not depend on the order of articles", () => {
    const all = [...crowd, ...story];
    assert.deepEqual(mergeEvents([...all].reverse()), mergeEvents(all));
  });
});
