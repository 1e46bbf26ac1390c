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
    assert.equal(e.url, `/chronologie/2021/#${e.id}`, "listed on its year's page of the timeline");
    assert.match(e.id, /^2021-/, "the id holds the year, not the day: it must not change when a finer report arrives");
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

  test("the id stays when a more precise report arrives later", () => {
    const first = ev("2022", "year", "En 2022, la ville de Brest a signé un jumelage avec Cork.", ["brest", "cork"], ["sign", "jumel"]);
    const later = ev(
      "2022-06-18",
      "day",
      "Le 18 juin 2022, Brest a signé son jumelage avec Cork devant les élus.",
      ["brest", "cork", "conseil-municipal"],
      ["sign", "jumel", "élus"],
    );
    const before = mergeEvents([{ articleId: "premier", events: [first], topics: [], published: "2022-02-01" }]);
    const after = mergeEvents([
      { articleId: "premier", events: [first], topics: [], published: "2022-02-01" },
      { articleId: "suivant", events: [later], topics: [], published: "2022-06-19" },
    ]);
    assert.equal(after.length, 1);
    assert.equal(after[0]!.date.value, "2022-06-18", "the finer date is shown");
    assert.equal(after[0]!.id, before[0]!.id);
  });

  test("adding an article renames no other event, not even one whose id it would share", () => {
    // Lyon's council votes its budget twice a year: distinct events, the same
    // year, place and words, so the same id before telling them apart.
    const vote = (articleId: string, day: string): ArticleEvents => ({
      articleId,
      published: day,
      events: [ev(day, "day", `Le conseil municipal de Lyon a voté le budget le ${day}.`, ["lyon"], ["vot", "budget"])],
      topics: [],
    });
    const before = mergeEvents([vote("conseil-mars", "2023-03-10"), vote("conseil-novembre", "2023-11-20")]);
    assert.equal(before.length, 2);
    const idOf = (timeline: ReturnType<typeof mergeEvents>, articleId: string) => timeline.find((e) => e.articles.includes(articleId))!.id;
    assert.equal(idOf(before, "conseil-mars"), "2023-lyon-vot-budget", "the first published keeps the plain id");
    assert.match(idOf(before, "conseil-novembre"), /^2023-lyon-vot-budget-[0-9a-f]{6}$/);

    // An article published in between, whose id sorts before the others'.
    const after = mergeEvents([vote("conseil-mars", "2023-03-10"), vote("conseil-novembre", "2023-11-20"), vote("conseil-juin", "2023-06-15")]);
    assert.equal(new Set(after.map((e) => e.id)).size, 3, "ids are unique");
    for (const article of ["conseil-mars", "conseil-novembre"]) assert.equal(idOf(after, article), idOf(before, article), `${article}: same id`);
    // The one exception: an article published before all of them (an old
    // article added late) takes the plain id, and only its holder changes.
    const backfilled = mergeEvents([vote("conseil-mars", "2023-03-10"), vote("conseil-novembre", "2023-11-20"), vote("conseil-janvier", "2023-01-12")]);
    assert.equal(idOf(backfilled, "conseil-janvier"), "2023-lyon-vot-budget");
    assert.equal(idOf(backfilled, "conseil-novembre"), idOf(before, "conseil-novembre"));
  });

  test("adding the newest article does not split an event reported years before", () => {
    // A region named in many year-level reports of 2019, published over four
    // years: one of the first, and a report of the same vote to the day
    // published just after it, are one event.
    const yearly = (k: number, published: string, keys: string[]): ArticleEvents => ({
      articleId: `bilan-${String(k).padStart(2, "0")}`,
      published,
      events: [ev("2019", "year", `En 2019, la région Occitanie avait déjà voté (${k}).`, ["occitanie"], keys)],
      topics: [],
    });
    const published = (k: number) => `${2020 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}-10`;
    const reports: ArticleEvents[] = [yearly(0, published(0), ["vot", "budget", "transport"])];
    for (let k = 1; k < 48; k++) reports.push(yearly(k, published(k), ["inaugur", `salle${k}`]));
    reports.push({
      articleId: "vote-transports",
      published: "2020-01-20",
      events: [ev("2019-06-12", "day", "Le 12 juin 2019, la région Occitanie a voté le budget des transports.", ["occitanie"], ["vot", "budget", "transport"])],
      topics: [],
    });
    const groupOf = (timeline: ReturnType<typeof mergeEvents>) => timeline.find((e) => e.articles.includes("vote-transports"))!.articles;
    assert.deepEqual(groupOf(mergeEvents(reports)), ["bilan-00", "vote-transports"]);
    // Today's article, with yet another year-level report of 2019.
    const added = mergeEvents([...reports, yearly(48, "2024-05-02", ["inaugur", "salle48"])]);
    assert.deepEqual(groupOf(added), ["bilan-00", "vote-transports"], "the 2019 vote is still one event");
  });

  test("synonyms: 'inscrit sur sa liste noire' and 'ajouté à ses sanctions' are one event", () => {
    const timeline = mergeEvents([
      { articleId: "a", events: [ev("2021", "year", "Washington inscrit Norba sur sa liste noire.", ["norba"], ["inscrit", "list noir"])], topics: [] },
      { articleId: "b", events: [ev("2021-03", "month", "En mars 2021, Washington a ajouté Norba à ses sanctions.", ["norba"], ["ajout", "sanction"])], topics: [] },
    ]);
    assert.equal(timeline.length, 1);
    // Without the synonyms the keys would not meet.
    const unrelated = mergeEvents([
      { articleId: "a", events: [ev("2021", "year", "x", ["norba"], ["inscrit", "list noir"])], topics: [] },
      { articleId: "b", events: [ev("2021-03", "month", "y", ["norba"], ["ouvr", "magasin"])], topics: [] },
    ]);
    assert.equal(unrelated.length, 2);
  });

  test("linear: a synthetic archive of 3,000 articles merges its pairs and nothing else", () => {
    // Each entity e<k> has two reports of one event (same year, same keys) in
    // two articles, plus an unrelated event the same day. Bucketing by year and
    // entity keeps the work proportional to the archive (no all-pairs).
    const many: ArticleEvents[] = [];
    for (let i = 0; i < 3000; i++) {
      const k = Math.floor(i / 2);
      const day = `20${10 + (k % 10)}-0${(k % 9) + 1}-${String((k % 28) + 1).padStart(2, "0")}`;
      many.push({
        articleId: `a${String(i).padStart(4, "0")}`,
        events: [
          ev(i % 2 ? day : day.slice(0, 4), i % 2 ? "day" : "year", `t${i}`, [`e${k}`], [`signatur`, `accord${k}`]),
          ev(day, "day", `u${i}`, [`e${k}`, `f${i}`], [`incend${i}`, `usin${i}`]),
        ],
        topics: [],
      });
    }
    const timeline = mergeEvents(many);
    assert.equal(timeline.length, 1500 + 3000);
    assert.equal(timeline.filter((e) => e.articles.length === 2).length, 1500);
  });
});
