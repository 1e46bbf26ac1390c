import { test } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { formatPeaks, trackMemory } from "../../src/cli/memory.ts";

// A full collection on demand, so that the memory a stage held is given back
// before the stage ends: only sampling during the stage can then see it.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** Keeps the main thread busy, as linking does, so that only the sampler can see the stage. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test("the peak of a stage that holds memory only while it runs, synchronously, is seen", async () => {
  const memory = trackMemory(5);
  memory.stage("quiet");
  busy(60);
  memory.stage("greedy");
  let block: Buffer | undefined = Buffer.alloc(256 * 2 ** 20, 1);
  busy(120);
  block = undefined;
  collect();
  busy(20);
  memory.stage("after");
  busy(20);
  const peaks = await memory.stop();
  assert.deepEqual(peaks.map((p) => p.stage), ["quiet", "greedy", "after"]);
  const [quiet, greedy, after] = peaks;
  assert.ok(greedy!.rss - quiet!.rss > 200 * 2 ** 20, `greedy ${greedy!.rss}, quiet ${quiet!.rss}`);
  assert.ok(greedy!.rss - after!.rss > 200 * 2 ** 20, `the memory was given back: greedy ${greedy!.rss}, after ${after!.rss}`);
  assert.equal(block, undefined);
});

test("the peaks read in megabytes, stage by stage", () => {
  assert.equal(
    formatPeaks([
      { stage: "extract", rss: 812 * 2 ** 20 },
      { stage: "link", rss: 1020.4 * 2 ** 20 },
    ]),
    "extract 812 MB, link 1,020 MB",
  );
});
