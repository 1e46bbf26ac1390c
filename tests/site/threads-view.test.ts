import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildSiteView } from "../../src/site/view.ts";
import { urls } from "../../src/link/urls.ts";
import { archiveOf, article, event } from "./view-fixtures.ts";

// A strike told in three articles, and an unrelated item; `withFollowUp`
// adds a fourth, later article to the story, reporting its events again.
function strikeArchive(withFollowUp = false) {
  const ids = ["preavis", "greve", "accord", ...(withFollowUp ? ["reprise"] : [])];
  const articles = [
    { ...article("preavis", { title: "Préavis de grève à l'usine de Flins", date: "2024-03-01" }), thread: "renault-cgt-2024" },
    { ...article("greve", { title: "La grève paralyse l'usine", date: "2024-03-12" }), thread: "renault-cgt-2024" },
    { ...article("accord", { title: "Un accord met fin au conflit", date: "2024-04-02" }), thread: "renault-cgt-2024" },
    article("meteo", { title: "Orages en Bretagne", date: "2024-03-05" }),
    ...(withFollowUp ? [{ ...article("reprise", { title: "Le travail reprend à Flins", date: "2024-04-20" }), thread: "renault-cgt-2024" }] : []),
  ];
  const later = withFollowUp ? ["reprise"] : [];
  const timeline = [
    event("depot-preavis", "2024-02-28", ["preavis"]),
    event("debut-greve", "2024-03-10", ["preavis", "greve", "accord", ...later]),
    event("signature", "2024-04-01", ["accord"]),
  ];
  const threads = [
    {
      id: "renault-cgt-2024",
      title: "Renault et CGT",
      summary: "3 articles",
      articles: ids,
      events: timeline.map((e) => e.id),
      entities: [],
      url: urls.thread("renault-cgt-2024"),
    },
  ];
  return buildSiteView(archiveOf(articles, { timeline, threads }));
}

describe("threads on the reading side", () => {
  test("each article of a thread links to the previous and next article of its story", () => {
    const view = strikeArchive();
    const byId = new Map(view.articles.map((a) => [a.id, a]));
    const middle = byId.get("greve")!.threadView!;
    assert.equal(middle.previous?.id, "preavis");
    assert.equal(middle.next?.id, "accord", "forward links to newer articles too");
    assert.equal(middle.position, 2);
    assert.equal(byId.get("preavis")!.threadView!.previous, null);
    assert.equal(byId.get("meteo")!.threadView, null, "an article outside any thread has no box");
  });

  test("a later article of the story leaves the earlier pages' events and thread box as they were, but for the last one's next link", () => {
    const before = new Map(strikeArchive().articles.map((a) => [a.id, a]));
    const after = new Map(strikeArchive(true).articles.map((a) => [a.id, a]));
    for (const id of ["preavis", "greve", "accord"]) {
      assert.deepEqual(after.get(id)!.timeline, before.get(id)!.timeline, `${id}: its events, as its page lists them`);
    }
    assert.deepEqual(after.get("preavis")!.threadView, before.get("preavis")!.threadView);
    assert.deepEqual(after.get("greve")!.threadView, before.get("greve")!.threadView);
    assert.deepEqual({ ...after.get("accord")!.threadView!, next: null }, before.get("accord")!.threadView);
    assert.equal(after.get("accord")!.threadView!.next?.id, "reprise");
    // The earliest reports are the ones named, and the page says there are more.
    const strike = after.get("reprise")!.timeline.find((e) => e.id === "debut-greve")!;
    assert.deepEqual(strike.articleRefs.map((r) => r.id), ["preavis", "greve"]);
    assert.equal(strike.moreArticles, true);
  });

  test("the background box lists the story's earlier events, each linked to an article that reports it", () => {
    const view = strikeArchive();
    const last = view.articles.find((a) => a.id === "accord")!.threadView!;
    // The strike's start is reported by this article too, but also by an
    // earlier one: it is background only through that other report… and
    // events this article reports itself are not background.
    assert.deepEqual(last.background.map((b) => [b.text, b.article.id]), [["Événement depot-preavis", "preavis"]]);
    const first = view.articles.find((a) => a.id === "preavis")!.threadView!;
    assert.deepEqual(first.background, [], "nothing came before the first article");
  });

  test("a thread page lists its articles oldest first with its slice of the timeline", () => {
    const view = strikeArchive();
    const thread = view.threads[0]!;
    const pages = view.threadPages.filter((p) => p.thread.id === thread.id);
    assert.deepEqual(pages.flatMap((p) => p.page.items.map((a) => a.id)), ["preavis", "greve", "accord"]);
    assert.deepEqual(thread.events.map((e) => e.id), ["depot-preavis", "debut-greve", "signature"]);
    assert.equal(thread.axis.marks.length, 3);
  });
});
