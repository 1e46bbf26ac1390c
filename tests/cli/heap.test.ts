/**
 * The build's heap limit follows the archive's size (src/cli/heap.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { heapLimitMb, MIN_HEAP_MB, relaunchWithHeapLimit } from "../../src/cli/heap.ts";

test("a small archive gets the minimum heap, a large one 80 KB an article", () => {
  assert.equal(heapLimitMb(5), MIN_HEAP_MB);
  assert.equal(heapLimitMb(20_000), 1563);
  assert.ok(heapLimitMb(100_000) > 7_000, "never a fixed ceiling that a large archive would hit");
});

test("a limit the user chose is left alone: the build goes on in this process", async () => {
  const before = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = "--max-old-space-size=6000";
  try {
    assert.equal(await relaunchWithHeapLimit(20_000), null);
  } finally {
    if (before === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = before;
  }
});
