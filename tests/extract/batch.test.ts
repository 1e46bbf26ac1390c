/**
 * The extraction of a whole folder: what an editor sees is that a rebuild
 * does not extract unchanged articles again, gives the same records when it
 * reads them back, and that the cache does not grow with every edit.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { extractAll, pruneCache, redateAll } from "../../src/extract/batch.ts";
import { extractArticle, redateArticle, type SourceDocument } from "../../src/extract/article.ts";
import type { ArticleDate } from "../../src/types.ts";
import { readFrontMatter } from "../../src/read/frontmatter.ts";
import { tempDir } from "../helpers/temp.ts";

function doc(source: string, text: string): SourceDocument {
  const fm = readFrontMatter(text, source);
  return { source, format: "txt", text, frontMatter: fm.data, contentStart: fm.contentStart };
}

const ville = ["Lyon", "Marseille", "Lille", "Nantes", "Rennes", "Bordeaux", "Toulouse", "Strasbourg"];

/** A short dated report per town: enough for dates, places and events. */
function report(i: number, extra = ""): SourceDocument {
  const town = ville[i % ville.length]!;
  return doc(
    `conseil-${i}.txt`,
    [
      `Le conseil municipal de ${town} vote son budget`,
      "",
      `Le conseil municipal de ${town} a adopté le ${1 + (i % 27)} mars 2024 un budget de ${10 + i} millions d'euros. Le maire a annoncé hier l'ouverture d'une médiathèque en septembre.${extra}`,
    ].join("\n"),
  );
}

function entries(cacheDir: string): string[] {
  const root = path.join(cacheDir, "extract");
  return readdirSync(root).flatMap((folder) => readdirSync(path.join(root, folder)));
}

describe("extractAll: the extraction cache", () => {
  test("a re-dated article is read back from the cache as re-dating gives it, from a small entry", async () => {
    const cacheDir = tempDir("batch-redate-");
    const undated = doc(
      "grève-sans-date.txt",
      "Grève à la SNCF\n\nLa SNCF a annoncé hier la suppression de trois TGV sur quatre entre Paris et Lyon. Mardi, les syndicats avaient appelé à la grève.",
    );
    const date: ArticleDate = { value: "2023-03-08", precision: "day", basis: "inferred", evidence: [{ text: "La grève continue", start: 0, end: 0, rule: "same-event-as:greve-continue" }] };
    const [first] = (await extractAll([undated], { cacheDir, workers: 0 })).results;
    assert.ok(first?.ok);
    const expected = redateArticle(undated, first.extraction, date);
    const job = [{ doc: undated, from: first.extraction, date }];
    const written = await redateAll(job, { cacheDir, workers: 0 });
    const read = await redateAll(job, { cacheDir, workers: 0 });
    assert.equal(read.cacheHits, 1, "the second re-dating comes from the cache");
    assert.deepEqual(written.results[0], { ok: true, extraction: expected });
    assert.deepEqual(read.results[0], { ok: true, extraction: expected });
    assert.ok(expected.events.some((e) => e.date.value === "2023-03-07"), "hier is the day before the new date");
    // The entry keeps what re-dating changed, not the article's mentions or blocks again.
    const file = (key: string) => readFileSync(path.join(cacheDir, "extract", key.slice(0, 2), `${key}.json`), "utf8");
    const entry = file(read.cacheKeys[0]!);
    assert.ok(!entry.includes('"mentions"') && !entry.includes('"blocks"'));
    assert.ok(entry.length < file((await extractAll([undated], { cacheDir, workers: 0 })).cacheKeys[0]!).length / 2);
  });

  test("a second run reads every article back from the cache, with the same record", async () => {
    const cacheDir = tempDir("batch-cache-");
    const docs = [0, 1, 2].map((i) => report(i));
    const first = await extractAll(docs, { cacheDir, workers: 0 });
    assert.equal(first.cacheHits, 0);
    const second = await extractAll(docs, { cacheDir, workers: 0 });
    assert.equal(second.cacheHits, 3);
    assert.deepEqual(
      second.results.map((r) => r.ok && r.extraction),
      docs.map((d) => extractArticle(d)),
    );
  });

  test("an edited article is extracted again, and pruning leaves one entry per article", async () => {
    const cacheDir = tempDir("batch-prune-");
    const before = [0, 1, 2].map((i) => report(i));
    const firstRun = await extractAll(before, { cacheDir, workers: 0 });
    const after = [report(0), report(1, " La séance a duré quatre heures."), report(3)];
    const secondRun = await extractAll(after, { cacheDir, workers: 0 });
    assert.equal(secondRun.cacheHits, 1, "only the untouched article comes from the cache");
    assert.equal(entries(cacheDir).length, 5, "old and new versions side by side");

    assert.equal(await pruneCache(cacheDir, secondRun.cacheKeys), 2);
    assert.deepEqual(entries(cacheDir).sort(), secondRun.cacheKeys.map((key) => `${key}.json`).sort());
    assert.ok(!entries(cacheDir).includes(`${firstRun.cacheKeys[2]}.json`), "the removed article's entry is gone");
    const third = await extractAll(after, { cacheDir, workers: 0 });
    assert.equal(third.cacheHits, 3, "what the build uses is still cached");
  });

  test("pruning keeps the temporary file of a write under way and deletes one left by a dead process", async () => {
    const cacheDir = tempDir("batch-tmp-");
    const run = await extractAll([report(0)], { cacheDir, workers: 0 });
    const folder = path.join(cacheDir, "extract", run.cacheKeys[0]!.slice(0, 2));
    // pid 2^22 + 1 is above Linux's pid_max: no process has it.
    writeFileSync(path.join(folder, `${run.cacheKeys[0]}.json.4194305.tmp`), "{");
    writeFileSync(path.join(folder, `${run.cacheKeys[0]}.json.${process.pid}.tmp`), "{");
    assert.equal(await pruneCache(cacheDir, run.cacheKeys), 1);
    assert.deepEqual(readdirSync(folder).sort(), [`${run.cacheKeys[0]}.json`, `${run.cacheKeys[0]}.json.${process.pid}.tmp`]);
  });

  test("without time expressions: the results leave them out, the cache keeps them for other callers", async () => {
    const cacheDir = tempDir("batch-timexes-");
    const docs = [report(4)];
    const lean = await extractAll(docs, { cacheDir, workers: 0, withoutTimexes: true });
    const result = lean.results[0]!;
    assert.ok(result.ok);
    assert.deepEqual(result.extraction.timexes, []);
    assert.ok(result.extraction.events.length > 0, "the events they date are kept");
    const full = await extractAll(docs, { cacheDir, workers: 0 });
    assert.equal(full.cacheHits, 1);
    const timexes = full.results[0]!.ok ? full.results[0]!.extraction.timexes.map((t) => t.value) : [];
    assert.ok(timexes.includes("2024-03-05"), `the cached entry has the time expressions (${timexes.join(", ")})`);
  });

  test("worker threads give the records extraction in this thread gives", async () => {
    // 64 articles: the smallest batch shared out to workers.
    const docs = Array.from({ length: 64 }, (_, i) => report(i));
    const parallel = await extractAll(docs, { cacheDir: null, workers: 2 });
    assert.equal(parallel.workersUsed, 2);
    assert.deepEqual(
      parallel.results.map((r) => r.ok && r.extraction),
      docs.map((d) => extractArticle(d)),
    );
  });
});
