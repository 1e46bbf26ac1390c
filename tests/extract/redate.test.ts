import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { extractArticle, redateArticle, type SourceDocument } from "../../src/extract/article.ts";
import { readFrontMatter } from "../../src/read/frontmatter.ts";
import type { ArticleDate } from "../../src/types.ts";

function doc(source: string, text: string): SourceDocument {
  const fm = readFrontMatter(text, source);
  return { source, format: "txt", text, frontMatter: fm.data, contentStart: fm.contentStart };
}

// An undated report: "hier", "mardi" and "le mois dernier" only mean
// something once the article has a date.
const grève = doc(
  "greve.txt",
  [
    "Grève à la SNCF : le trafic reste perturbé",
    "",
    "La SNCF a annoncé hier la suppression de trois TGV sur quatre entre Paris et Lyon. Mardi, les syndicats avaient appelé à la grève après l'échec des négociations du mois dernier.",
    "",
    "Le ministre des Transports, Clément Beaune, a réuni les partenaires sociaux le 3 mars 2023 à Paris.",
  ].join("\n"),
);

const fromOtherArticle: ArticleDate = {
  value: "2023-03-08",
  precision: "day",
  basis: "inferred",
  evidence: [{ text: "La grève continue", start: 0, end: 0, rule: "same-event-as:greve-continue" }],
};

describe("redateArticle: an article dated by another one", () => {
  test("gives exactly what a full extraction with that date gives", () => {
    const first = extractArticle(grève);
    const redated = redateArticle(grève, first, fromOtherArticle);
    assert.deepEqual(redated, extractArticle(grève, { assignedDate: fromOtherArticle }));
  });

  test("resolves the relative expressions against the new date, and the events with them", () => {
    const redated = redateArticle(grève, extractArticle(grève), fromOtherArticle);
    assert.equal(redated.date?.value, "2023-03-08");
    const value = (text: string): string | undefined => redated.timexes.find((t) => t.text.toLowerCase() === text)?.value;
    assert.equal(value("hier"), "2023-03-07");
    assert.equal(value("mardi"), "2023-03-07");
    assert.ok(
      redated.events.some((e) => e.date.value === "2023-03-07" && /suppression de trois TGV/.test(e.text)),
      `the announcement is dated the day before: ${JSON.stringify(redated.events.map((e) => [e.date.value, e.text]))}`,
    );
  });

  test("leaves what does not depend on the date as it was", () => {
    const first = extractArticle(grève);
    const redated = redateArticle(grève, first, fromOtherArticle);
    assert.deepEqual(redated.mentions, first.mentions);
    assert.deepEqual(redated.topics, first.topics);
    assert.equal(redated.title, first.title);
    // The absolute date is the same whatever the article's date.
    assert.equal(redated.timexes.find((t) => t.text.endsWith("3 mars 2023"))?.value, "2023-03-03");
  });
});
