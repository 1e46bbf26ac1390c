import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildSiteView } from "../../src/site/view.ts";
import { articlePage, entityPage, threadPage } from "../../src/site/page-data.ts";
import { urls } from "../../src/link/urls.ts";
import { archiveOf, article, entity } from "./view-fixtures.ts";

// Sixty-two articles citing a company in 2023 and 2024, two of them told as
// one story whose title holds characters HTML escapes.
const articles = Array.from({ length: 62 }, (_, i) =>
  article(`pg-${String(i).padStart(2, "0")}`, {
    title: `Procter & Gamble, épisode ${i}`,
    date: `${i < 30 ? "2023" : "2024"}-05-${String((i % 28) + 1).padStart(2, "0")}`,
    entities: ["pg"],
  }),
);
articles[0] = { ...articles[0]!, thread: "pg-lessive" };
articles[1] = { ...articles[1]!, thread: "pg-lessive" };
const view = buildSiteView(
  archiveOf(articles, {
    entities: [{ ...entity("pg", "Procter & Gamble", "organization", articles.map((a) => a.id)), description: "Groupe américain de produits d’entretien." }],
    threads: [
      {
        id: "pg-lessive",
        title: "Procter & Gamble et l'« affaire » des lessives",
        summary: "2 articles sur <la> rappel des lessives",
        articles: ["pg-00", "pg-01"],
        events: [],
        entities: ["pg"],
        url: urls.thread("pg-lessive"),
      },
    ],
  }),
);

describe("URL, title and description of the paginated pages", () => {
  test("an article page takes its URL, headline, lede and language from the article", () => {
    const page = view.articles.find((a) => a.id === "pg-05")!;
    assert.equal(articlePage.permalink({ article: page }), "/articles/pg-05/");
    assert.equal(articlePage.eleventyComputed.title({ article: page }), "Procter & Gamble, épisode 5");
    assert.equal(articlePage.eleventyComputed.description!({ article: page }), "Chapeau de Procter & Gamble, épisode 5");
    assert.equal(articlePage.eleventyComputed.lang!({ article: page }), "fr");
  });

  test("titles are plain text, escaped once by the layout: a thread's & and quotes are not turned into entities here", () => {
    const entry = view.threadPages[0]!;
    assert.equal(threadPage.eleventyComputed.title({ entry }), "Procter & Gamble et l'« affaire » des lessives");
    assert.equal(threadPage.eleventyComputed.description!({ entry }), "2 articles sur <la> rappel des lessives");
    assert.equal(threadPage.permalink({ entry }), "/fils/pg-lessive/");
  });

  test("an entity's front page describes the entity; its year pages say which year they list, with their page number", () => {
    const pages = view.entityPages.filter((p) => p.entity.id === "pg");
    const title = (i: number) => entityPage.eleventyComputed.title({ entry: pages[i]! });
    const description = (i: number) => entityPage.eleventyComputed.description!({ entry: pages[i]! });
    assert.deepEqual(
      pages.map((p) => entityPage.permalink({ entry: p })),
      ["/organisations/pg/", "/organisations/pg/2024/", "/organisations/pg/2023/"],
    );
    assert.equal(title(0), "Procter & Gamble");
    assert.equal(description(0), "Groupe américain de produits d’entretien.");
    assert.equal(title(1), "Procter & Gamble, 2024");
    assert.equal(description(2), "Les articles de l’archive qui citent Procter & Gamble (2023).");
  });

  test("without a description, an entity's front page says how many articles cite it, in agreement with its kind", () => {
    const bare = buildSiteView(archiveOf(articles.slice(0, 3), { entities: [entity("pg", "Procter & Gamble", "organization", ["pg-00", "pg-01", "pg-02"])] }));
    const entry = bare.entityPages.find((p) => p.entity.id === "pg")!;
    assert.equal(entityPage.eleventyComputed.description!({ entry }), "Organisation citée dans 3\u00a0articles de l’archive.");
    const place = buildSiteView(archiveOf(articles.slice(0, 1), { entities: [entity("lyon", "Lyon", "place", ["pg-00"])] }));
    assert.equal(entityPage.eleventyComputed.description!({ entry: place.entityPages[0]! }), "Lieu cité dans 1\u00a0article de l’archive.");
  });
});
