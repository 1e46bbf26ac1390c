import { test } from "node:test";
import assert from "node:assert/strict";
import { assignArticleIds, urlRegistryOf } from "../../src/link/archive.ts";
import type { ArticleExtraction } from "../../src/extract/article.ts";

const article = (source: string, title: string, slug?: string) => ({ source, title, slug }) as unknown as ArticleExtraction;

test("same titles get distinct ids that do not depend on file order", () => {
  const a = article("gard-1.md", "Inondations dans le Gard");
  const b = article("gard-2.md", "Inondations dans le Gard");
  const c = article("nimes.md", "Nîmes sous l’eau");
  const forward = assignArticleIds([a, b, c]);
  const backward = assignArticleIds([c, b, a]).reverse();
  assert.deepEqual(forward, backward);
  assert.notEqual(forward[0], forward[1]);
  assert.match(forward[0]!, /^inondations-dans-le-gard-[0-9a-f]{6}$/);
  assert.equal(forward[2], "nimes-sous-l-eau");
  // Adding a third article with the same title leaves the other ids as they were.
  assert.deepEqual(assignArticleIds([a, b, article("gard-3.md", "Inondations dans le Gard")]).slice(0, 2), forward.slice(0, 2));
});

test("a slug or permalink written as a path becomes one safe segment", () => {
  const ids = assignArticleIds([
    article("a.md", "A", "../../etc"),
    article("b.md", "B", "/etc/passwd"),
    article("c.md", "C", "..\\..\\Windows\\System32"),
    article("d.md", "Titre de secours", ".."),
  ]);
  for (const id of ids) assert.match(id, /^[a-z0-9][a-z0-9-]*$/);
  assert.deepEqual(ids.slice(0, 3), ["etc", "passwd", "system32"]);
  assert.equal(ids[3], "titre-de-secours");
});

test("an article keeps the URL it was published under when a namesake arrives or its title changes", () => {
  const first = article("gard-1.md", "Inondations dans le Gard");
  const published = { "gard-1.md": assignArticleIds([first])[0]! };
  assert.equal(published["gard-1.md"], "inondations-dans-le-gard");
  // A second article with the same title: the first keeps its URL, the
  // newcomer takes a suffix, whatever the order of the files.
  const second = article("gard-2.md", "Inondations dans le Gard");
  const ids = assignArticleIds([second, first], published);
  assert.equal(ids[1], "inondations-dans-le-gard");
  assert.match(ids[0]!, /^inondations-dans-le-gard-[0-9a-f]{6}$/);
  assert.deepEqual(assignArticleIds([first, second], published), [ids[1], ids[0]]);
  // A corrected headline does not move a published page.
  assert.deepEqual(assignArticleIds([article("gard-1.md", "Crues meurtrières dans le Gard")], published), ["inondations-dans-le-gard"]);
  // A front matter slug still wins.
  assert.deepEqual(assignArticleIds([article("gard-1.md", "Inondations dans le Gard", "crues-gard")], published), ["crues-gard"]);
  assert.deepEqual(urlRegistryOf([{ source: "gard-1.md", id: "inondations-dans-le-gard" }]), published);
});
