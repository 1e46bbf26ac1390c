/**
 * A rebuild renders only the pages whose data changed, and the site it
 * leaves is byte for byte the site a build from scratch makes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { tempDir } from "../helpers/temp.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");

/** Builds; `batch` pages per Eleventy run (the site must not depend on it). */
function build(seeds: string, out: string, cache: string, batch = "1000") {
  const env = { ...process.env, SEEDS_DIR: seeds, OUTPUT_DIR: out, CACHE_DIR: cache, EXTRACT_WORKERS: "0", RENDER_BATCH_PAGES: batch };
  return run("npx", ["tsx", "src/cli/build.ts"], { cwd: root, env });
}

/** "12 of 80 paginated page(s) rendered" → [12, 80]. */
function rendered(stdout: string): [number, number] {
  const m = /([\d,]+) of ([\d,]+) paginated page\(s\) rendered/.exec(stdout);
  assert.ok(m, `the summary says how many pages were rendered:\n${stdout}`);
  return [Number(m[1]!.replace(/,/g, "")), Number(m[2]!.replace(/,/g, ""))];
}

function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(path.join(dir, f)).isFile()).sort();
}

function folders(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(path.join(dir, f)).isDirectory()).sort();
}

/** The same files with the same bytes, and the same folders (none left empty). */
function assertSameSite(out: string, fresh: string): void {
  const names = files(out);
  assert.deepEqual(names, files(fresh), "the same files");
  const different = names.filter((f) => !readFileSync(path.join(out, f)).equals(readFileSync(path.join(fresh, f))));
  assert.deepEqual(different, [], "the same bytes");
  assert.deepEqual(folders(out), folders(fresh), "the same folders");
}

const addedArticle = `---
title: Le Pentagone retire Xiaomi de sa liste noire
date: 2021-05-25
---
Le département de la Défense des États-Unis a accepté mardi de retirer Xiaomi de la liste des entreprises liées à l’armée chinoise, selon un document déposé devant un tribunal de Washington.

« C’est une victoire pour nos utilisateurs », a déclaré Lei Jun, le fondateur de Xiaomi. Le groupe de Pékin avait attaqué la décision en justice en janvier.
`;

test("after an article is added, only changed pages are rendered, in batches, and the site equals a fresh build's", async () => {
  const work = tempDir("archive-render-plan-");
  const seeds = path.join(work, "seeds");
  cpSync(path.join(root, "seeds"), seeds, { recursive: true });
  const out = path.join(work, "site");
  const cache = path.join(work, "cache");

  const first = await build(seeds, out, cache, "7");
  const [renderedFirst, total] = rendered(first.stdout);
  assert.equal(renderedFirst, total, "a first build renders every page");
  // The article pages have runs of their own, first: the search index is
  // built on a worker beside the later runs (src/search/aside.ts).
  assert.match(first.stdout, /search beside render/, "the index was built beside the render");

  const article = path.join(out, "articles", readdirSync(path.join(out, "articles"))[0]!, "index.html");
  const untouched = readdirSync(path.join(out, "themes"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(out, "themes", d.name, "index.html"));
  const inodes = new Map([article, ...untouched].map((f) => [f, statSync(f).ino]));

  writeFileSync(path.join(seeds, "xiaomi-pentagone-mai-2021.md"), addedArticle);
  const second = await build(seeds, out, cache, "7");
  const [renderedSecond, totalSecond] = rendered(second.stdout);
  assert.ok(totalSecond > total, "the new article has pages");
  assert.ok(renderedSecond < totalSecond, `some pages were kept (${renderedSecond} of ${totalSecond} rendered)`);
  assert.ok(renderedSecond > 0, "the new article's pages were rendered");
  assert.ok(
    [...inodes].some(([file, ino]) => statSync(file, { throwIfNoEntry: false })?.ino === ino),
    "a kept page is the same file as before",
  );

  // The same seeds (with the registries the builds wrote) built from scratch, in one batch.
  const fresh = path.join(work, "fresh");
  cpSync(seeds, path.join(work, "seeds-copy"), { recursive: true });
  await build(path.join(work, "seeds-copy"), fresh, path.join(work, "cache-fresh"));
  assertSameSite(out, fresh);
  const names = files(out);

  // A kept page edited by hand in the output is rendered again, not trusted.
  const kept = names.find((f) => f.startsWith(`articles${path.sep}`) && f.endsWith("index.html"))!;
  const original = readFileSync(path.join(out, kept), "utf8");
  writeFileSync(path.join(out, kept), original.replace("</main>", "<p>modifié à la main</p></main>"));
  await run("npx", ["tsx", "src/cli/build.ts", "--force"], {
    cwd: root,
    env: { ...process.env, SEEDS_DIR: seeds, OUTPUT_DIR: out, CACHE_DIR: cache, EXTRACT_WORKERS: "0" },
  });
  assert.equal(readFileSync(path.join(out, kept), "utf8"), original, "the edited page was rendered again");

  // The article deleted again: its pages leave the site, and nothing of them
  // is left behind (the site is updated in place, not built anew).
  const addedPage = JSON.parse(readFileSync(path.join(out, "data", "articles.json"), "utf8")).find((a: { source: string }) => a.source === "xiaomi-pentagone-mai-2021.md").url as string;
  rmSync(path.join(seeds, "xiaomi-pentagone-mai-2021.md"));
  const third = await build(seeds, out, cache, "7");
  assert.match(third.stdout, /[1-9][\d,]* removed\)/, "the summary counts removed files");
  assert.equal(existsSync(path.join(out, addedPage.replace(/^\//, ""))), false, `${addedPage} is gone`);
  const freshAgain = path.join(work, "fresh-again");
  cpSync(seeds, path.join(work, "seeds-copy-again"), { recursive: true });
  await build(path.join(work, "seeds-copy-again"), freshAgain, path.join(work, "cache-fresh-again"));
  assertSameSite(out, freshAgain);
});
