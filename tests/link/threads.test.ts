import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildThreads, closeInTime, type ThreadInput } from "../../src/link/threads.ts";

const article = (id: string, date: string | null, topic: string | null, entities: string[], events: string[] = []): ThreadInput => ({
  id,
  title: id,
  date,
  topics: topic ? [topic] : [],
  entities: new Map(entities.map((e) => [e, 2])),
  events,
});

// A small archive: a strike at a car maker told in three articles, a court
// case about a football club told in two, and unrelated items that share a
// country or a topic with them.
const archive = [
  article("greve-debut", "2024-03-04", "social", ["renault", "cgt", "flins", "france"], ["2024-03-04-greve"]),
  article("greve-suite", "2024-03-12", "social", ["renault", "cgt", "flins", "france", "luca-de-meo"], ["2024-03-04-greve"]),
  article("greve-fin", "2024-04-02", "social", ["renault", "cgt", "flins", "france"]),
  article("club-proces", "2023-10-10", "justice", ["olympique-lyonnais", "tribunal-de-lyon", "france"], ["2023-10-10-audience"]),
  article("club-verdict", "2024-01-15", "justice", ["olympique-lyonnais", "tribunal-de-lyon", "france", "lyon"]),
  article("meteo", "2024-03-05", "societe", ["france", "meteo-france"]),
  article("autre-greve", "2024-03-06", "social", ["sncf", "sud-rail", "france"]),
  article("renault-2019", "2019-05-02", "social", ["renault", "cgt", "flins", "france"]),
];

describe("story threads", () => {
  test("reports of one story form a thread; related but distinct stories do not", () => {
    const { threads } = buildThreads(archive);
    const sets = threads.map((t) => t.articles).sort((a, b) => a[0]!.localeCompare(b[0]!));
    assert.deepEqual(sets, [
      ["club-proces", "club-verdict"],
      ["greve-debut", "greve-suite", "greve-fin"],
    ]);
    // Another strike the same week (other company) and the same company five
    // years earlier are other stories.
    assert.ok(!sets.flat().includes("autre-greve"));
    assert.ok(!sets.flat().includes("renault-2019"));
    assert.ok(!sets.flat().includes("meteo"));
  });

  test("a thread lists its articles oldest first and the entities they share", () => {
    const { threads } = buildThreads(archive);
    const strike = threads.find((t) => t.articles.includes("greve-debut"))!;
    assert.deepEqual(strike.articles, ["greve-debut", "greve-suite", "greve-fin"]);
    assert.ok(strike.entities.includes("renault") && strike.entities.includes("cgt"));
    assert.ok(!strike.entities.includes("luca-de-meo"), "an entity of one article only is not the story's");
    assert.deepEqual(strike.events, ["2024-03-04-greve"]);
  });

  test("adding an article joins an existing thread and leaves every thread id unchanged", () => {
    const first = buildThreads(archive);
    const added = article("greve-bilan", "2024-05-20", "social", ["renault", "cgt", "flins", "france"]);
    const second = buildThreads([...archive, added], first.registry);
    const ids = (r: typeof first) => r.threads.map((t) => t.id).sort();
    assert.deepEqual(ids(second), ids(first));
    const strike = second.threads.find((t) => t.articles.includes("greve-debut"))!;
    assert.ok(strike.articles.includes("greve-bilan"));
    for (const thread of first.threads) {
      const after = second.threads.find((t) => t.id === thread.id)!;
      for (const id of thread.articles) assert.ok(after.articles.includes(id), `${id} stays in ${thread.id}`);
    }
  });

  test("an older article added later does not rename or reshuffle existing threads", () => {
    const first = buildThreads(archive);
    const early = article("greve-preavis", "2024-02-25", "social", ["renault", "cgt", "flins", "france"]);
    const second = buildThreads([early, ...archive], first.registry);
    assert.deepEqual(second.threads.map((t) => t.id).sort(), first.threads.map((t) => t.id).sort());
    const strike = second.threads.find((t) => t.articles.includes("greve-debut"))!;
    assert.equal(strike.articles[0], "greve-preavis", "joined, and shown first because it is older");
  });

  test("without a registry the same archive always gives the same threads, whatever the input order", () => {
    const a = buildThreads(archive).threads;
    const b = buildThreads([...archive].reverse()).threads;
    assert.deepEqual(a, b);
  });

  test("a shared event ties two reports even when they mention different side actors", () => {
    const reports = [
      article("bourse-a", null, "economie", ["valdor", "jeanne-roux", "bercy", "airbus", "safran", "thales"], ["2022-06-ipo"]),
      article("bourse-b", null, "entreprises", ["valdor", "jeanne-roux", "euronext", "bnp", "axa", "orange"], ["2022-06-ipo"]),
      article("bourse-c", null, "entreprises", ["valdor", "jeanne-roux", "euronext", "bnp", "axa", "orange"]),
      article("filler-1", null, "sport", ["psg", "france"]),
      article("filler-2", null, "sport", ["om", "france"]),
    ];
    const { threads } = buildThreads(reports);
    const thread = threads.find((t) => t.articles.includes("bourse-a"));
    assert.ok(thread?.articles.includes("bourse-b"), "tied by the event they both report");
  });

  test("ties do not chain: an article joins a story only if it names the story's core actors", () => {
    // A pension-reform story (the minister and the unions), then a report
    // tied to its last article only through the prime minister and a budget
    // vote, then one tied to that report only through the budget. Each pair
    // shares a topic and enough actors; the last two are other stories.
    const chain = [
      article("retraites-1", "2023-01-10", "politique", ["olivier-dussopt", "cfdt", "cgt", "elisabeth-borne", "assemblee-nationale"]),
      article("retraites-2", "2023-01-19", "politique", ["olivier-dussopt", "cfdt", "cgt", "laurent-berger"]),
      article("retraites-3", "2023-03-16", "politique", ["olivier-dussopt", "cfdt", "cgt", "elisabeth-borne", "article-49-3"]),
      article("budget-1", "2023-03-20", "politique", ["elisabeth-borne", "article-49-3", "bruno-le-maire", "senat"]),
      article("budget-2", "2023-04-02", "politique", ["bruno-le-maire", "senat", "cour-des-comptes"]),
      article("budget-3", "2023-04-20", "politique", ["bruno-le-maire", "senat", "cour-des-comptes", "pierre-moscovici"]),
      ...["a", "b", "c", "d", "e", "f"].map((x, i) => article(`fait-divers-${x}`, `2023-0${1 + (i % 4)}-0${1 + i}`, "societe", [`commune-${x}`, "gendarmerie"])),
    ];
    const { threads } = buildThreads(chain);
    const pensions = threads.find((t) => t.articles.includes("retraites-1"))!;
    assert.deepEqual(pensions.articles, ["retraites-1", "retraites-2", "retraites-3"]);
    const budget = threads.find((t) => t.articles.includes("budget-2"));
    assert.ok(budget && !budget.articles.some((id) => id.startsWith("retraites")), "the budget reports are a story of their own");
  });

  test("a rebuild of the same archive with its registry gives the same threads", () => {
    // A rail strike told from January to May; the March notice names only the
    // union, which the May reports name too. The first build placed the
    // notice nowhere (when it was considered, the May reports were not yet
    // in the thread); the next build must not move it in.
    const strike = [
      article("greve-janvier", "2024-01-11", "social", ["sncf", "sud-rail"]),
      article("preavis-mars", "2024-03-13", "social", ["cgt-cheminots"]),
      article("greve-mai", "2024-05-10", "social", ["clement-beaune", "sncf", "cgt-cheminots", "sud-rail"]),
      article("greve-mai-bilan", "2024-05-12", "social", ["sncf", "gare-de-lyon", "cgt-cheminots", "sud-rail"]),
    ];
    const first = buildThreads(strike);
    const published = new Set(strike.map((a) => a.id));
    const again = buildThreads(strike, first.registry, [], published);
    assert.deepEqual(again.threads, first.threads);
    assert.deepEqual(again.registry, first.registry);
    // A new report may still start a story with an article left alone.
    const added = article("preavis-suite", "2024-03-20", "social", ["cgt-cheminots", "sncf-voyageurs"]);
    const third = buildThreads([...strike, added], first.registry, [], published);
    assert.ok(third.threads.some((t) => t.articles.includes("preavis-mars") && t.articles.includes("preavis-suite")));
  });

  test("undated articles may join a story; dates far apart may not", () => {
    assert.equal(closeInTime(null, "2024-01-01"), true);
    assert.equal(closeInTime("2019-05", "2024-03-04"), false);
    assert.equal(closeInTime("2024-01", "2024-06-30"), true);
  });
});
