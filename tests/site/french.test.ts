import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatDate, frenchSpacing, frenchSpacingHtml } from "../../src/site/french.ts";

describe("French dates", () => {
  test("each precision reads as a French reader writes it", () => {
    assert.equal(formatDate("2025-11-01"), "1er\u00a0novembre 2025");
    assert.equal(formatDate("2024-03-17"), "17\u00a0mars 2024");
    assert.equal(formatDate("2015-09"), "septembre 2015");
    assert.equal(formatDate("2021"), "2021");
    assert.equal(formatDate("196X"), "années 1960");
    assert.equal(formatDate("2019-WI"), "hiver 2019");
  });
});

describe("French spacing", () => {
  test("no-break spaces inside guillemets and before double punctuation", () => {
    assert.equal(frenchSpacing("Il a dit :«Non!»"), "Il a dit\u00a0: «\u00a0Non\u202f!\u00a0»");
    assert.equal(frenchSpacing("Pourquoi ?"), "Pourquoi\u202f?");
  });

  test("is idempotent and leaves URLs and tags alone", () => {
    const once = frenchSpacing("Vraiment ? « Oui » : non ; peut-être !");
    assert.equal(frenchSpacing(once), once);
    assert.equal(frenchSpacingHtml('<a href="/x?a=1">Quoi?</a>'), '<a href="/x?a=1">Quoi\u202f?</a>');
  });
});
