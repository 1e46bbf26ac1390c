/**
 * A build that fails half-way through rendering leaves the previous site as
 * it was and no staging folder behind. The failure is real: a copy of the
 * project whose article template throws on one article only, so Eleventy has
 * already written other pages into the staging folder when it stops.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { GOOD, writeSeeds } from "./fixtures.ts";
import { projectFailingOn } from "../helpers/broken-project.ts";
import { tempDir } from "../helpers/temp.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");

test("a template error mid-build keeps the previous site and removes the staging folder", async () => {
  const work = tempDir("archive-atomic-");
  // Throws while rendering the second article only.
  const project = projectFailingOn(work, "autre-bon.md");

  const seeds = writeSeeds(GOOD, path.join(work, "seeds"));
  const out = path.join(work, "site");
  mkdirSync(out);
  writeFileSync(path.join(out, "index.html"), "<p>le site d’hier</p>");

  const failure = await run("npx", ["tsx", "src/cli/build.ts", "--force"], {
    cwd: project,
    env: { ...process.env, SEEDS_DIR: seeds, OUTPUT_DIR: out, CACHE_DIR: path.join(work, "cache"), EXTRACT_WORKERS: "0" },
  }).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  assert.ok(failure, "the build fails");
  assert.notEqual(failure.code, 0);
  assert.match(failure.stderr, /previous site .* was left as it was/);
  assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), "<p>le site d’hier</p>");
  assert.deepEqual(readdirSync(out), ["index.html"]);
  assert.deepEqual(readdirSync(work).sort(), ["cache", "project", "seeds", "site"]);
});

test("a staging folder left by a killed build is removed by the next build", async () => {
  const work = tempDir("archive-stale-");
  const seeds = writeSeeds(GOOD, path.join(work, "seeds"));
  const out = path.join(work, "site");
  // No process has pid 2^22 + 1 (above Linux's pid_max limit).
  const stale = `${out}.tmp-4194305`;
  mkdirSync(stale);
  writeFileSync(path.join(stale, "index.html"), "moitié");
  await run("npx", ["tsx", "src/cli/build.ts", "--force"], {
    cwd: root,
    env: { ...process.env, SEEDS_DIR: seeds, OUTPUT_DIR: out, CACHE_DIR: path.join(work, "cache"), EXTRACT_WORKERS: "0" },
  });
  assert.deepEqual(readdirSync(work).sort(), ["cache", "seeds", "site"]);
  assert.match(readFileSync(path.join(out, "index.html"), "utf8"), /<html/);
});
