import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFrontMatter, checkCalendarDate } from "../../src/read/frontmatter.ts";

describe("readFrontMatter", () => {
  test("reads the known fields and says where the article starts", () => {
    const text = "---\ntitle: Grève à Marseille\ndate: 2024-03-07\ntags: [social, transports]\nsource: https://exemple.fr/greve\n---\nLes dockers ont cessé le travail.";
    const result = readFrontMatter(text, "greve.md");
    assert.equal(result.data.title, "Grève à Marseille");
    assert.equal(result.data.date, "2024-03-07");
    assert.deepEqual(result.data.tags, ["social", "transports"]);
    assert.equal(text.slice(result.contentStart), "Les dockers ont cessé le travail.");
    assert.deepEqual(result.diagnostics, []);
  });

  test("a text without front matter starts at 0", () => {
    const result = readFrontMatter("Titre\n\nTexte.", "a.txt");
    assert.equal(result.contentStart, 0);
    assert.deepEqual(result.data, {});
  });

  test("invalid YAML is reported with its line and ignored, the body is kept", () => {
    const text = "---\ntitle: ok\ndate: [2024\n---\nCorps du texte.";
    const result = readFrontMatter(text, "casse.md");
    assert.deepEqual(result.data, {});
    assert.equal(text.slice(result.contentStart), "Corps du texte.");
    assert.equal(result.diagnostics.length, 1);
    assert.equal(result.diagnostics[0]!.file, "casse.md");
    assert.ok(result.diagnostics[0]!.line! >= 2);
  });

  test("wrong types are reported field by field and the other fields kept", () => {
    const text = "---\ntitle: Séisme au Japon\ndate: hier\ntags: 3\n---\nTexte.";
    const result = readFrontMatter(text, "seisme.md");
    assert.equal(result.data.title, "Séisme au Japon");
    assert.equal(result.data.date, undefined);
    assert.equal(result.data.tags, undefined);
    const lines = result.diagnostics.map((d) => d.line);
    assert.deepEqual(lines, [3, 4]);
    assert.match(result.diagnostics[0]!.hint!, /YYYY-MM-DD/);
  });

  test("an impossible date is refused, a future one is kept with a warning", () => {
    assert.equal(readFrontMatter("---\ndate: 2021-02-30\n---\nx", "f.md").data.date, undefined);
    const future = readFrontMatter("---\ndate: 2099-01-01\n---\nx", "f.md", "2026-11-23");
    assert.equal(future.data.date, "2099-01-01");
    assert.match(future.diagnostics[0]!.message, /future/);
  });

  test("checkCalendarDate knows leap years", () => {
    assert.equal(checkCalendarDate("2024-02-29"), true);
    assert.equal(checkCalendarDate("2023-02-29"), false);
    assert.equal(checkCalendarDate("2023-13"), false);
    assert.equal(checkCalendarDate("1998"), true);
  });

  test("a source that is not a web address, or a lang that is not a language tag, is refused with its line", () => {
    const text = "---\ntitle: Crue de la Seine\nsource: javascript:alert(1)\nlang: '\"><script>'\n---\nLa Seine déborde.";
    const result = readFrontMatter(text, "crue.md");
    assert.equal(result.data.source, undefined);
    assert.equal(result.data.lang, undefined);
    assert.deepEqual(result.diagnostics.map((d) => d.line), [3, 4]);
    assert.equal(readFrontMatter("---\nsource: https://exemple.fr/crue\nlang: fr-CA\n---\nTexte.", "ok.md").diagnostics.length, 0);
  });

  test("a slug or permalink written as a path is kept but reported with its line", () => {
    for (const [key, value] of [["slug", "../../etc"], ["permalink", "/etc/passwd"], ["slug", ".."]]) {
      const result = readFrontMatter(`---\ntitle: Essai\n${key}: "${value}"\n---\nTexte.`, "essai.md");
      assert.equal(result.diagnostics.length, 1, `${key}: ${value}`);
      assert.equal(result.diagnostics[0]!.line, 3);
      assert.match(result.diagnostics[0]!.message, /last segment/);
    }
    assert.deepEqual(readFrontMatter("---\nslug: loi-sur-l-eau\n---\nTexte.", "eau.md").diagnostics, []);
  });

  test("an unclosed YAML list is reported on a line of the front matter, not after it", () => {
    const result = readFrontMatter("---\ntitle: Fête à Metz\ndate: [2021-03-01\nauthor: X\n---\nTexte.", "metz.md");
    assert.ok(result.diagnostics[0]!.line! <= 4, String(result.diagnostics[0]!.line));
  });
});

