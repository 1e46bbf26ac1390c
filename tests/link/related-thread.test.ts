import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { relatedArticles, relatedInputOf } from "../../src/link/related.ts";
import { RELATED_WORKER_FROM, relatedArticlesOn, startRelatedThread } from "../../src/link/related-thread.ts";
import { archiveOf, article, event } from "../site/view-fixtures.ts";

// A regional archive of the size where the build hands related articles to
// a worker: the council, the tram works and the market of the same towns,
// week after week.
const towns = ["rennes", "brest", "quimper", "vannes", "lorient", "saint-malo"];
const subjects = ["conseil-municipal", "tramway", "marche-de-noel", "budget", "piscine"];
const articles = Array.from({ length: RELATED_WORKER_FROM }, (_, i) =>
  article(`breve-${i}`, {
    date: `20${20 + (i % 5)}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
    entities: [towns[i % towns.length]!, subjects[i % subjects.length]!, `maire-${i % 9}`],
    topic: i % 3 === 0 ? "politique" : "societe",
  }),
);
const timeline = [event("2024-12-01-marche", "2024-12-01", ["breve-2", "breve-32", "breve-62"])];
const input = relatedInputOf(archiveOf(articles, { timeline }));
const entries = (related: Map<string, unknown>) => JSON.stringify([...related]);

describe("related articles on a worker thread", () => {
  test("the worker finds exactly the related articles the build's thread would", async () => {
    const thread = startRelatedThread(articles.length);
    assert.ok(thread, "an archive of this size gets a worker on a machine with two cores or more");
    const related = await relatedArticlesOn(thread, input);
    assert.equal(related.size, articles.length);
    assert.equal(entries(related), entries(relatedArticles(input)));
    // Every brief shares its town and subject with about 30 others.
    for (const [id, list] of related) {
      assert.ok(list.length > 0, `${id} has related articles`);
      for (const link of list) assert.ok(link.entities.length >= 2 || link.events.length > 0, `${id} → ${link.id} shares enough`);
    }
  });

  test("a small archive is not worth a worker", () => {
    assert.equal(startRelatedThread(RELATED_WORKER_FROM - 1), null);
  });

  test("a worker that died before being used: the related articles are computed here", async () => {
    const thread = startRelatedThread(articles.length)!;
    await thread.worker.terminate();
    assert.equal(entries(await relatedArticlesOn(thread, input)), entries(relatedArticles(input)));
  });

  test("without a worker, the same answer", async () => {
    assert.equal(entries(await relatedArticlesOn(null, input)), entries(relatedArticles(input)));
  });
});
