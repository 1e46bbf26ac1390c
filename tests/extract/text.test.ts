import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { slugify, splitSentences, tokenize, words, isStopword } from "../../src/extract/text/index.ts";
import { TOKEN_PATTERN } from "../../src/extract/text/tokens.ts";
import { maskOutside } from "../../src/extract/article.ts";

describe("slugify", () => {
  test("accents, case and punctuation", () => {
    assert.equal(slugify("Lee Jae-myung"), "lee-jae-myung");
    assert.equal(slugify("Ministère de l’Économie"), "ministere-de-l-economie");
    assert.equal(slugify("  Œuvre & Cœur "), "oeuvre-coeur");
    assert.equal(slugify("Élysée"), "elysee");
    assert.equal(slugify("G20"), "g20");
    assert.equal(slugify("!!!"), "");
  });
});

describe("splitSentences", () => {
  test("abbreviations and initials do not end a sentence", () => {
    const text = "M. Dupont a rencontré John F. Kennedy Jr. hier. Mme Durand est partie.";
    const s = splitSentences(text);
    assert.deepEqual(s.map((x) => x.text), ["M. Dupont a rencontré John F. Kennedy Jr. hier.", "Mme Durand est partie."]);
    for (const x of s) assert.equal(text.slice(x.start, x.end), x.text);
  });
  test("line breaks end sentences; ! ? … too", () => {
    const text = "Un titre sans point\n\nQui l'eût cru ? Personne ! Et pourtant… Voilà.";
    assert.deepEqual(splitSentences(text).map((x) => x.text), [
      "Un titre sans point", "Qui l'eût cru ?", "Personne !", "Et pourtant…", "Voilà.",
    ]);
  });
  test("closing quote stays with its sentence; lowercase after ? does not split", () => {
    const text = "Il a dit : « C'est fini. » Puis il est parti. « Vraiment ? » demanda-t-elle.";
    assert.deepEqual(splitSentences(text).map((x) => x.text), [
      "Il a dit : « C'est fini. »", "Puis il est parti.", "« Vraiment ? » demanda-t-elle.",
    ]);
  });
  test("range limits and offsets", () => {
    const text = "Avant. Dedans un. Dedans deux. Après.";
    const from = text.indexOf("Dedans");
    const to = text.indexOf("Après");
    const s = splitSentences(text, from, to);
    assert.deepEqual(s.map((x) => x.text), ["Dedans un.", "Dedans deux."]);
    assert.equal(s[0]!.start, from);
  });
});

describe("tokenize", () => {
  test("elision, hyphens, numbers and punctuation", () => {
    const toks = tokenize("L’APEC, aujourd’hui, a-t-il dit : 7,7 milliards à Jean-Pierre.");
    assert.deepEqual(toks.map((t) => t.text), [
      "L’", "APEC", ",", "aujourd’hui", ",", "a-t-il", "dit", ":", "7,7", "milliards", "à", "Jean-Pierre", ".",
    ]);
    assert.equal(toks.find((t) => t.text === "7,7")!.kind, "number");
    assert.equal(toks.find((t) => t.text === ",")!.kind, "punct");
  });
  test("offsets index the input", () => {
    const text = "qu’il vienne d'Orléans";
    for (const t of tokenize(text)) assert.equal(text.slice(t.start, t.end), t.text);
    assert.deepEqual(words(text).map((t) => t.text), ["qu’", "il", "vienne", "d'", "Orléans"]);
  });
});

describe("stopwords", () => {
  test("case-insensitive, apostrophes normalised", () => {
    assert.ok(isStopword("Pourtant"));
    assert.ok(isStopword("LES"));
    assert.ok(isStopword("l’"));
    assert.ok(!isStopword("Xiaomi"));
  });
});

describe("tokenize agrees with its regex grammar", () => {
  const byRegex = (text: string): Array<[string, number, string]> =>
    [...text.matchAll(TOKEN_PATTERN)].map((m) => {
      const t = m[0];
      const kind = /^\p{N}+(?:[.,]\p{N}+)*$/u.test(t) ? "number" : /^[\p{L}\p{N}]/u.test(t) ? "word" : "punct";
      return [t, m.index, kind];
    });
  const byScanner = (text: string): Array<[string, number, string]> => tokenize(text).map((t) => [t.text, t.start, t.kind]);
  test("on tricky French snippets", () => {
    for (const text of [
      "Quoiqu’il en soit, jusqu’à 3.5G et 12x, l’APEC (2,5 %) — O’Brien, lorsqu'elle a-t-elle dit « non » ?",
      "1.2.3 v1.2b 12-14 mai, 7,7 milliards ; ½ et 10²… l'2 d’ 😀 Jae‐myung",
      "  \u00a0L’\u202fapproche: aujourd'hui-même, S’ il.  ",
    ]) assert.deepEqual(byScanner(text), byRegex(text));
  });
  test("on random strings from a French-heavy alphabet", () => {
    const alphabet = ["a", "é", "L", "Q", "u", "d", "j", "s", "1", "2", ".", ",", "-", "‐", "'", "’", " ", "\u00a0", "«", "»", "😀", "É", "\n"];
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let k = 0; k < 500; k++) {
      let text = "";
      for (let c = rand(30); c > 0; c--) text += alphabet[rand(alphabet.length)];
      assert.deepEqual(byScanner(text), byRegex(text), JSON.stringify(text));
    }
  });
});

describe("maskOutside", () => {
  test("blanks everything outside the regions and keeps line breaks and offsets", () => {
    const text = "Photo : AFP\nXi Jinping a offert un téléphone 😀.\nRéagissez !";
    const start = text.indexOf("Xi");
    const end = text.indexOf("\nRéagissez");
    const masked = maskOutside(text, [{ start, end }]);
    assert.equal(masked.length, text.length);
    assert.equal(masked.slice(start, end), text.slice(start, end));
    assert.equal(masked.slice(0, start), " ".repeat(start - 1) + "\n");
    assert.equal(masked.slice(end), "\n" + " ".repeat(text.length - end - 1));
    // A region reaching past the end keeps what there is.
    assert.equal(maskOutside("abc", [{ start: 1, end: 10 }]), " bc");
  });
});
