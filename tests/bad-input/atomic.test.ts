/**
 * A build that fails half-way through rendering leaves the previous site as
 * it was and no staging folder behind. The failure is real: a copy of the
 * project whose article template throws on one article only, so Eleventy has
 * already written other pages into the staging folder when it stops.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { GOOD, writeSeeds } from "./fixtures.ts";
import { projectFailingOn } from "../helpers/broken-project.ts";
import { tempDir } from "../helpers/temp.ts";
import { COMMIT_JOURNAL, listTree, planCommit } from "../../src/cli/commit.ts";

/** Every file under `dir`, as relative paths. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

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

test("a build killed while it updated the site is completed by the next build before anything else", async () => {
  const work = tempDir("archive-interrupted-commit-");
  const seeds = writeSeeds(GOOD, path.join(work, "seeds"));
  const out = path.join(work, "site");
  const env = { ...process.env, SEEDS_DIR: seeds, OUTPUT_DIR: out, CACHE_DIR: path.join(work, "cache"), EXTRACT_WORKERS: "0" };
  await run("npx", ["tsx", "src/cli/build.ts"], { cwd: root, env });
  // What a killed build leaves: its staging folder with the commit's
  // journal, one file of two moved into the site already.
  const stale = `${out}.tmp-4194305`;
  mkdirSync(path.join(stale, "notes"), { recursive: true });
  writeFileSync(path.join(stale, "notes", "a.txt"), "première note");
  writeFileSync(path.join(stale, "notes", "b.txt"), "seconde note");
  const { journal } = planCommit(stale, out, (await listTree(stale))!, (await listTree(out))!, { kept: listFiles(out) });
  writeFileSync(path.join(stale, COMMIT_JOURNAL), JSON.stringify(journal));
  mkdirSync(path.join(out, "notes"));
  renameSync(path.join(stale, "notes", "a.txt"), path.join(out, "notes", "a.txt"));

  const { stderr } = await run("npx", ["tsx", "src/cli/build.ts", "--force"], { cwd: root, env });
  assert.match(stderr, /An interrupted build had begun to update .*site: its changes were completed from site\.tmp-4194305/);
  assert.deepEqual(readdirSync(work).sort(), ["cache", "seeds", "site"]);
  // Then the build itself ran: the notes, which no build makes, are gone again.
  assert.equal(readdirSync(out).includes("notes"), false);
  assert.match(readFileSync(path.join(out, "index.html"), "utf8"), /<html/);
});
