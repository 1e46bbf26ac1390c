import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { relatedArticles, relatedInputOf } from "../../src/link/related.ts";
import { relatedReason } from "../../src/site/view.ts";
import { archiveOf, article, event } from "../site/view-fixtures.ts";

// A small regional archive: a strike story told in three articles, a football
// article and a council article that share only the city with it.
const articles = [
  article("greve-1", { date: "2024-03-01", entities: ["rennes", "star", "cgt", "nathalie-appere"], topic: "transports" }),
  article("greve-2", { date: "2024-03-08", entities: ["rennes", "star", "cgt"], topic: "transports" }),
  article("greve-3", { date: "2024-04-02", entities: ["rennes", "star"], topic: "transports" }),
  article("foot", { date: "2024-03-05", entities: ["rennes", "stade-rennais"], topic: "sport" }),
  article("conseil", { date: "2024-02-20", entities: ["rennes", "nathalie-appere", "bretagne"], topic: "politique" }),
  article("meteo", { date: "2024-03-02", entities: ["bretagne"], topic: "transports" }),
];
const timeline = [event("2024-03-01-greve", "2024-03-01", ["greve-1", "greve-3"], ["star"])];
const related = relatedArticles(relatedInputOf(archiveOf(articles, { timeline })));
const ids = (id: string) => related.get(id)!.map((r) => r.id);

describe("related articles", () => {
  test("articles of the same story are related, older and newer alike, strongest first", () => {
    assert.deepEqual(ids("greve-2"), ["greve-1", "greve-3"]);
    assert.ok(ids("greve-1").includes("greve-2") && ids("greve-1").includes("greve-3"));
  });

  test("sharing only a common place, or only a topic, is not enough", () => {
    assert.ok(!ids("foot").length, `foot: ${ids("foot")}`);
    assert.ok(!ids("meteo").includes("greve-1"));
    assert.ok(!ids("greve-1").includes("foot"));
  });

  test("a shared timeline event links articles even with few shared names", () => {
    const link = related.get("greve-3")!.find((r) => r.id === "greve-1")!;
    assert.deepEqual(link.events, ["2024-03-01-greve"]);
  });

  test("the reason names the rarest shared entities first, then the event and the topic", () => {
    const link = related.get("greve-1")!.find((r) => r.id === "greve-2")!;
    const names: Record<string, string> = { cgt: "CGT", star: "STAR", rennes: "Rennes" };
    assert.equal(relatedReason(link, (id) => names[id], 2), "CGT, STAR, même thème");
    const withEvent = related.get("greve-3")!.find((r) => r.id === "greve-1")!;
    assert.match(relatedReason(withEvent, (id) => names[id]), /même événement, même thème$/);
  });

  test("an article added elsewhere does not reorder the names a link gives as its reason", () => {
    // "Airbus" is in 4 articles, "Toulouse" in 5: Airbus is the rarer. Two new
    // articles about Airbus alone make it the more common of the two, but
    // both stay in the same class of rarity (4 to 7 articles), so the reason
    // printed on the page of every article linked through them stays put.
    const archive = (extra: number) => [
      article("a380", { date: "2024-05-02", entities: ["airbus", "toulouse", "blagnac"] }),
      article("a350", { date: "2024-05-09", entities: ["airbus", "toulouse", "blagnac"] }),
      article("salon", { date: "2024-01-10", entities: ["airbus"] }),
      article("greve-airbus", { date: "2024-02-10", entities: ["airbus"] }),
      article("metro", { date: "2024-03-10", entities: ["toulouse"] }),
      article("rugby", { date: "2024-03-11", entities: ["toulouse"] }),
      article("capitole", { date: "2024-03-12", entities: ["toulouse"] }),
      ...Array.from({ length: extra }, (_, i) => article(`airbus-${i}`, { date: `2024-06-0${i + 1}`, entities: ["airbus"] })),
    ];
    const names: Record<string, string> = { airbus: "Airbus", toulouse: "Toulouse", blagnac: "Blagnac" };
    const reason = (extra: number) => relatedReason(relatedArticles(relatedInputOf(archiveOf(archive(extra)))).get("a380")!.find((r) => r.id === "a350")!, (id) => names[id]);
    assert.equal(reason(0), "Blagnac, Airbus, Toulouse");
    assert.equal(reason(2), reason(0));
  });

  test("the same input gives the same list", () => {
    assert.deepEqual([...relatedArticles(relatedInputOf(archiveOf([...articles].reverse(), { timeline })))].sort(), [...related].sort());
  });
});
