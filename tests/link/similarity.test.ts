/**
 * Entity overlap between articles (src/link/similarity.ts), which dates,
 * threads and related articles all score by: the same pair always weighs the
 * same, and the bounded candidate search keeps exactly the best candidates.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildEntityIndex, CandidateFinder, overlapScore } from "../../src/link/similarity.ts";

describe("entity overlap", () => {
  // A report on the SNCF strike in Rennes, a short brief naming the same
  // three (in another order), and a long report naming them among others;
  // a few other articles make the names' rarities differ.
  const sets = [
    ["sncf", "cgt", "rennes", "greve"],
    ["rennes", "cgt", "sncf"],
    ["lille", "sncf", "cgt", "rennes", "nantes", "brest"],
    ["sncf", "ter-bretagne"],
    ["cgt", "philippe-martinez"],
    ["rennes", "nathalie-appere"],
    ["lille", "martine-aubry"],
    ["sncf", "jean-pierre-farandou"],
  ].map((ids) => new Set(ids));
  const index = buildEntityIndex(sets);

  test("two articles sharing the same names with a third weigh exactly the same, whatever order the names come in", () => {
    // Summed in each set's own order these differed in the last bit
    // (3.152736022363656 and 3.1527360223636554), and an exact tie between two
    // candidate dates was decided by that bit instead of by id.
    assert.equal(index.overlap(0, 1).weight, index.overlap(0, 2).weight);
    assert.equal(index.overlap(0, 1).count, 3);
    assert.equal(index.overlap(1, 0).score, index.overlap(0, 1).score);
  });

  test("the overlap of two articles is the overlap coefficient of their sets", () => {
    for (const [i, j] of [[0, 1], [0, 2], [2, 6], [3, 4]] as const) {
      const expected = overlapScore(sets[i]!, sets[j]!, index.idf);
      const found = index.overlap(i, j);
      assert.equal(found.count, expected.count);
      assert.ok(Math.abs(found.score - expected.score) < 1e-12, `${i}-${j}: ${found.score} vs ${expected.score}`);
    }
    assert.deepEqual(index.overlap(3, 6), { score: 0, weight: 0, count: 0 });
    assert.equal(index.overlap(0, 2).count, 3);
    assert.equal(index.size(2), 6);
  });
});

describe("candidate search", () => {
  // 300 articles naming 12 of 40 people, organisations and places each:
  // nearly every article shares something with every other, far more than
  // the candidates kept.
  const pool = Array.from({ length: 40 }, (_, k) => `entite-${k}`);
  let state = 7;
  const next = () => (state = (state * 48271) % 2147483647);
  const sets = Array.from({ length: 300 }, () => {
    const set = new Set<string>();
    while (set.size < 12) set.add(pool[next() % pool.length]!);
    return set;
  });
  const index = buildEntityIndex(sets);
  const max = 20;
  const finder = new CandidateFinder(index, { window: 10_000, maxCandidates: max });

  test("keeps the candidates a full sort of every article sharing a name would rank first", () => {
    for (const i of [0, 17, 150, 299]) {
      const others = sets.map((_, j) => j).filter((j) => j !== i && index.overlap(i, j).count > 0);
      assert.ok(others.length > 2 * max, `${others.length} articles share a name with ${i}`);
      const coefficient = (j: number) => Math.round(index.overlap(i, j).score * 1e9) / 1e9;
      const expected = others
        .sort(
          (a, b) =>
            Math.round((index.overlap(i, b).weight - index.overlap(i, a).weight) * 1e9) ||
            coefficient(b) - coefficient(a) ||
            Math.abs(a - i) - Math.abs(b - i) ||
            a - b,
        )
        .slice(0, max);
      assert.deepEqual(finder.candidatesFor(i), expected);
    }
  });
});
