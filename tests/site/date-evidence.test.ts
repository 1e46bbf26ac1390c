import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { describeDate, describeTerm, dateReasons, type EvidenceNames } from "../../src/site/date-evidence.ts";
import { dated } from "./view-fixtures.ts";

const names: EvidenceNames = {
  entityName: (id) => ({ "emmanuel-macron": "Emmanuel Macron", "angela-merkel": "Angela Merkel" })[id],
  referenceEventLabel: (id) => ({ "g7-2019": "sommet du G7 2019 à Biarritz" })[id],
  article: (id) => (id === "greve-sncf" ? { title: "La grève à la SNCF se prolonge", url: "/articles/greve-sncf/" } : undefined),
};
const at = (text: string, rule: string) => ({ text, start: 0, end: text.length, rule });

describe("how a date was obtained, in French", () => {
  test("terms of office read as months, open or closed", () => {
    assert.equal(describeTerm("2017-05-14.."), "depuis mai 2017");
    assert.equal(describeTerm("2005-11-22..2021-12-08"), "de novembre 2005 à décembre 2021");
    assert.equal(describeTerm("?..2021-12-08"), "jusqu’en décembre 2021");
  });

  test("an inferred date lists its reasons with names, not ids", () => {
    const date = dated("2019-08", "inferred", [
      at("le président Emmanuel Macron", "term-of-office:emmanuel-macron:2017-05-14.."),
      at("la chancelière Angela Merkel", "term-of-office:angela-merkel:2005-11-22..2021-12-08"),
      at("sommet", "reference-event:g7-2019"),
      at("G7", "reference-event:g7-2019"),
      at("La grève…", "same-event-as:greve-sncf"),
    ]);
    assert.equal(
      describeDate(date, names),
      "date déduite : mandat de Emmanuel Macron (depuis mai 2017), mandat de Angela Merkel (de novembre 2005 à décembre 2021), " +
        "sommet du G7 2019 à Biarritz, même événement que « La grève à la SNCF se prolonge »",
    );
    const linked = dateReasons(date, names).filter((r) => r.url);
    assert.deepEqual(linked.map((r) => r.url), ["/articles/greve-sncf/"]);
  });

  test("dates from the text quote the words that gave them", () => {
    assert.equal(describeDate(dated("2024-03-07", "text", [at("le 7 mars 2024", "lede-full-date:date_full")]), names), "date donnée par le texte : « le 7 mars 2024 » dans le chapeau");
    assert.equal(
      describeDate(dated("2024-03-07", "inferred", [at("ce jeudi 7 mars", "day-month-of-the-news:date_day_month"), at("2024", "not-before-latest-reported-year")]), names),
      "date déduite : « ce jeudi 7 mars » dans le chapeau, pas avant 2024, dernière année citée",
    );
  });

  test("front matter dates say nothing; unknown rules and unknown ids never show machine names", () => {
    assert.equal(describeDate(dated("2024-03-07"), names), null);
    assert.equal(describeDate(dated("2024", "inferred", [at("x", "some-future-rule:abc")]), names), "date déduite");
    assert.equal(describeDate(dated("2024", "inferred", [at("La mairie…", "same-event-as:disparu")]), names), "date déduite : même événement que « La mairie… »");
  });
});
