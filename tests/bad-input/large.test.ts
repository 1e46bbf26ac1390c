/**
 * Scale inputs through the real build: a 5 MB article and a single
 * 10,000-line paragraph, beside a good article. No timing is asserted
 * (benchmarks measure speed); the build must finish and publish them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { GOOD, largeInputs, writeSeeds } from "./fixtures.ts";
import { tempDir } from "../helpers/temp.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");

test("a 5 MB article and a 10,000-line paragraph are built and published", { timeout: 15 * 60_000 }, async () => {
  const work = tempDir("archive-large-");
  const seeds = writeSeeds([...GOOD, ...largeInputs()], path.join(work, "seeds"));
  const out = path.join(work, "site");
  await run("npx", ["tsx", "src/cli/build.ts", "--force"], {
    cwd: root,
    env: { ...process.env, SEEDS_DIR: seeds, OUTPUT_DIR: out, CACHE_DIR: path.join(work, "cache") },
    maxBuffer: 64 * 1024 * 1024,
  });
  const articles = JSON.parse(readFileSync(path.join(out, "data", "articles.json"), "utf8")) as Array<{ source: string; url: string }>;
  for (const source of ["tres-long.txt", "paragraphe-unique.txt", ...GOOD.map((g) => g.name)]) {
    const article = articles.find((a) => a.source === source);
    assert.ok(article, `${source} is published`);
    const page = readFileSync(path.join(out, article.url, "index.html"), "utf8");
    assert.match(page, /<\/html>\s*$/);
  }
  const long = readFileSync(path.join(out, articles.find((a) => a.source === "tres-long.txt")!.url, "index.html"), "utf8");
  assert.ok(long.includes("la séance numéro 12000 a duré deux heures"), "the end of the 5 MB article is on its page");
  const paragraph = readFileSync(path.join(out, articles.find((a) => a.source === "paragraphe-unique.txt")!.url, "index.html"), "utf8");
  assert.match(paragraph, /ligne 9999[\s\u00a0\u202f]:/, "the last line of the paragraph is on its page");
});
