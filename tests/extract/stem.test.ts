import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { normaliseTerm, stemFrench } from "../../src/extract/stem/index.ts";
import { contentTerms } from "../../src/extract/stem/terms.ts";

describe("stemFrench (Snowball French)", () => {
  // Outputs of the reference Snowball implementation.
  const pairs: Array<[string, string]> = [
    ["continuation", "continu"],
    ["continuer", "continu"],
    ["continuellement", "continuel"],
    ["continuons", "continuon"],
    ["nationales", "national"],
    ["nationaux", "national"],
    ["national", "national"],
    ["majestueusement", "majestu"],
    ["heureusement", "heureux"],
    ["finissant", "fin"],
    ["intelligemment", "intelligent"],
    ["abondamment", "abond"],
    ["probabilité", "probabl"],
    ["historique", "histor"],
    ["négociations", "négoci"],
    ["informations", "inform"],
    ["événements", "éven"],
    ["premières", "premi"],
    ["naïve", "naïv"],
    ["aiguë", "aigu"],
    ["smartphones", "smartphon"],
    ["espionnage", "espionnag"],
  ];
  for (const [word, stem] of pairs) {
    test(`${word} → ${stem}`, () => assert.equal(stemFrench(word), stem));
  }

  test("inflected forms share a stem", () => {
    assert.equal(stemFrench("sanctions"), stemFrench("sanction"));
    assert.equal(stemFrench("cyberattaques"), stemFrench("cyberattaque"));
    assert.equal(stemFrench("placée"), stemFrench("placé"));
  });

  test("elision, case and ligatures are normalised before stemming", () => {
    assert.equal(stemFrench("l’Assemblée"), stemFrench("assemblée"));
    assert.equal(stemFrench("Œuvres"), stemFrench("oeuvre"));
    assert.equal(stemFrench("qu'elle"), "elle");
  });

  test("numbers and short words pass through", () => {
    assert.equal(stemFrench("2024"), "2024");
    assert.equal(stemFrench("UE"), "ue");
  });
});

describe("normaliseTerm", () => {
  test("lowercases, strips elision and surrounding punctuation, folds ligatures", () => {
    assert.equal(normaliseTerm("L’État"), "état");
    assert.equal(normaliseTerm("d'Œuvre"), "oeuvre");
    assert.equal(normaliseTerm("jusqu’au"), "au");
    assert.equal(normaliseTerm("«Cœur»"), "coeur");
    assert.equal(normaliseTerm("aujourd’hui"), "aujourd'hui");
  });

  test("a word already in normal form comes back as is; any other is normalised", () => {
    assert.equal(normaliseTerm("présidentielle"), "présidentielle");
    assert.equal(normaliseTerm("2024"), "2024");
    assert.equal(normaliseTerm("Présidentielle"), "présidentielle");
    // æ is a Latin-1 lower-case letter, but a ligature: folded.
    assert.equal(normaliseTerm("cæcum"), "caecum");
    // "é" written as e + combining accent becomes the single letter.
    assert.equal(normaliseTerm("e\u0301lu"), "élu");
    assert.equal(normaliseTerm("l'élu"), "élu");
  });
});

describe("contentTerms", () => {
  test("drops stopwords, generic words and inverted verbs, keeps offsets", () => {
    const text = "Les États-Unis ont placé Xiaomi sur la liste noire, a-t-il dit.";
    const terms = contentTerms(text);
    assert.deepEqual(
      terms.map((t) => t.surface),
      ["États-Unis", "placé", "Xiaomi", "liste", "noire"],
    );
    for (const t of terms) assert.equal(text.slice(t.start, t.end), t.surface);
    assert.equal(terms.find((t) => t.surface === "noire")?.adjacent, true);
    assert.equal(terms.find((t) => t.surface === "liste")?.adjacent, false);
  });
});
