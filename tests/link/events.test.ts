import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { datesCompatible, mergeEvents, type ArticleEvents } from "../../src/link/events.ts";
import type { ArticleEvent, TimexPrecision } from "../../src/types.ts";

function ev(value: string, precision: TimexPrecision, text: string, entities: string[], keys: string[]): ArticleEvent {
  return { date: { value, precision }, text, start: 0, end: text.length, timex: { text: value, start: 0, end: 4 }, entities, keys };
}

describe("datesCompatible", () => {
  const d = (value: string, precision: TimexPrecision = "day") => ({ value, precision });
  test("containment in either direction", () => {
    assert.ok(datesCompatible(d("2021-01", "month"), d("2021-01-14")));
    assert.ok(datesCompatible(d("2021-01-14"), d("2021", "year")));
    assert.ok(datesCompatible(d("2021-W02", "week"), d("2021-01-14")));
    assert.ok(datesCompatible(d("2021-Q1", "quarter"), d("2021-02", "month")));
    assert.ok(datesCompatible(d("201", "decade"), d("2019-05", "month")));
    assert.ok(!datesCompatible(d("2021-01-14"), d("2021-01-15")));
    assert.ok(!datesCompatible(d("2021-02", "month"), d("2021-01-14")));
  });
});

describe("mergeEvents", () => {
  const blacklistA = ev("2021-01", "month", "En janvier, Xiaomi a été placé sur la liste noire des États-Unis.", ["xiaomi", "etats-unis"], ["plac", "list", "noir"]);
  const blacklistB = ev(
    "2021-01-14",
    "day",
    "Le 14 janvier 2021, le Pentagone a placé Xiaomi sur sa liste noire.",
    ["pentagone", "xiaomi"],
    ["pentagon", "plac", "list", "noir"],
  );
  const input: ArticleEvents[] = [
    { articleId: "article-a", events: [blacklistA], topics: ["economie-commerce"] },
    { articleId: "article-b", events: [blacklistB], topics: ["technologie"] },
  ];

  test("two reports of one event with different precision merge", () => {
    const timeline = mergeEvents(input);
    assert.equal(timeline.length, 1);
    const e = timeline[0]!;
    assert.deepEqual(e.date, { value: "2021-01-14", precision: "day" });
    assert.equal(e.text, blacklistB.text, "text of the most precise report");
    assert.deepEqual(e.articles, ["article-a", "article-b"]);
    assert.deepEqual([...e.entities].sort(), ["etats-unis", "pentagone", "xiaomi"]);
    assert.deepEqual([...e.topics].sort(), ["economie-commerce", "technologie"]);
    assert.equal(e.url, `/chronologie/#${e.id}`);
    assert.match(e.id, /^2021-01-14-xiaomi-/);
  });

  test("the id does not depend on the order of articles", () => {
    assert.deepEqual(mergeEvents([...input].reverse()), mergeEvents(input));
  });

  test("two different events on the same day with different entities stay apart", () => {
    const timeline = mergeEvents([
      { articleId: "a", events: [ev("2021-01-14", "day", "Xiaomi a été placé sur liste noire.", ["xiaomi"], ["plac", "list", "noir"])], topics: [] },
      { articleId: "b", events: [ev("2021-01-14", "day", "Huawei a été placé sur liste noire.", ["huawei"], ["plac", "list", "noir"])], topics: [] },
      { articleId: "c", events: [ev("2021-01-14", "day", "Xiaomi a présenté un téléphone.", ["xiaomi"], ["présent", "téléphon"])], topics: [] },
    ]);
    assert.equal(timeline.length, 3);
    assert.equal(new Set(timeline.map((e) => e.id)).size, 3);
  });

  test("same article, same date, same keys: one entry", () => {
    const timeline = mergeEvents([
      {
        articleId: "a",
        events: [
          ev("2019", "year", "En 2019, il reçoit une médaille.", [], ["reçoit", "médaill"]),
          ev("2019", "year", "Il reçoit en 2019 cette médaille.", ["lei-jun"], ["médaill", "reçoit"]),
        ],
        topics: [],
      },
    ]);
    assert.equal(timeline.length, 1);
    assert.deepEqual(timeline[0]!.entities, ["lei-jun"]);
  });

  test("chronological order, coarse before fine, ties by id", () => {
    const timeline = mergeEvents([
      {
        articleId: "a",
        events: [
          ev("2015-09-22", "day", "c", ["x"], ["gamma"]),
          ev("2015", "year", "a", ["x"], ["alpha"]),
          ev("2015-09", "month", "b", ["x"], ["beta"]),
          ev("2014-12-31", "day", "z", ["x"], ["zeta"]),
          ev("2016", "year", "d", ["y"], ["delta"]),
          ev("2015-09-22", "day", "c2", ["y"], ["epsilon"]),
        ],
        topics: [],
      },
    ]);
    assert.deepEqual(
      timeline.map((e) => e.date.value),
      ["2014-12-31", "2015", "2015-09", "2015-09-22", "2015-09-22", "2016"],
    );
    assert.ok(timeline[3]!.id < timeline[4]!.id);
  });

  test("scales: thousands of reports merge quickly", () => {
    const many: ArticleEvents[] = [];
    for (let i = 0; i < 3000; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      many.push({
        articleId: `a${i}`,
        events: [ev(`20${10 + (i % 10)}-0${(i % 9) + 1}-${day}`, "day", `t${i}`, [`e${i % 50}`], [`k${i % 7}`, `m${i % 11}`])],
        topics: [],
      });
    }
    const t0 = performance.now();
    const timeline = mergeEvents(many);
    assert.ok(performance.now() - t0 < 500);
    assert.ok(timeline.length > 0);
  });
});
