import { test } from "node:test";
import assert from "node:assert/strict";
import { assignArticleIds } from "../../src/link/archive.ts";
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
