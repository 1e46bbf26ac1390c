import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { dateHtml, escapeHtml, linkList } from "../../src/site/html-lists.ts";

describe("HTML lists printed by the templates", () => {
  test("names are escaped as Nunjucks' autoescape escapes them", () => {
    assert.equal(escapeHtml(`L'Oréal & "Les Échos" <Paris> C:\\`), "L&#39;Oréal &amp; &quot;Les Échos&quot; &lt;Paris&gt; C:&#92;");
  });

  test("the names under an event: links joined by the separator, in order", () => {
    const refs = [
      { url: "/personnes/anne-hidalgo/", name: "Anne Hidalgo" },
      { url: "/organisations/ratp/", name: "RATP" },
      { url: "/organisations/l-oreal/", name: "L'Oréal" },
    ];
    assert.equal(
      linkList(refs, ", "),
      '<a href="/personnes/anne-hidalgo/">Anne Hidalgo</a>, <a href="/organisations/ratp/">RATP</a>, <a href="/organisations/l-oreal/">L&#39;Oréal</a>',
    );
    assert.equal(linkList([], ", "), "");
  });

  test("article titles get French spacing before they are escaped", () => {
    const titles = [
      { url: "/articles/greve/", name: "Grève : la RATP « prête à négocier »" },
      { url: "/articles/metro/", name: "Métro : quelles lignes ?" },
    ];
    assert.equal(
      linkList(titles, "&#8239;; ", true),
      '<a href="/articles/greve/">Grève\u00a0: la RATP «\u00a0prête à négocier\u00a0»</a>&#8239;; <a href="/articles/metro/">Métro\u00a0: quelles lignes\u202f?</a>',
    );
  });

  test("a date HTML can express is a <time>; another is its French label", () => {
    assert.equal(dateHtml({ iso: "2024-03-08", label: "8 mars 2024" }), '<time datetime="2024-03-08">8 mars 2024</time>');
    assert.equal(dateHtml({ iso: null, label: "hiver 2023-2024" }), '<span class="date">hiver 2023-2024</span>');
  });
});
