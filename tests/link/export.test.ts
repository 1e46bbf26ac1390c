/**
 * The JSON export is written record by record, yet each file must be what
 * `JSON.stringify(list, null, 2)` would give for the whole list: readers diff
 * it, and tools parse it. Two French articles of our own (Markdown with
 * front matter and a quote, plain text), linked by the real pipeline; they
 * share no story, so the threads file is an empty list.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runPipeline } from "../../src/pipeline.ts";
import { toExport, writeExports } from "../../src/link/export.ts";
import { tempDir } from "../helpers/temp.ts";

test("each export file holds the bytes of its whole list stringified with two-space indents, and a final newline", async () => {
  const work = tempDir("archive-export-");
  const seedsDir = path.join(work, "seeds");
  mkdirSync(seedsDir);
  writeFileSync(
    path.join(seedsDir, "vendanges.md"),
    [
      "---",
      "date: 2024-09-12",
      "---",
      "# Vendanges précoces en Bourgogne",
      "",
      "Les vignerons de Beaune ont commencé les vendanges le 2 septembre 2024, une semaine plus tôt que l'an dernier.",
      "",
      "« Le raisin est mûr, il faut couper », a déclaré Anne Morel, présidente du syndicat viticole de la Côte-d'Or.",
      "",
    ].join("\n"),
  );
  writeFileSync(
    path.join(seedsDir, "tramway.txt"),
    "Le tramway d'Angers prolongé\n\nLa ligne C du tramway d'Angers desservira le quartier de Belle-Beille dès mars 2025, a annoncé la métropole.\n",
  );
  const { archive } = await runPipeline({ seedsDir, cacheDir: null, workers: 0 });
  const site = path.join(work, "site");
  await writeExports(archive, site);
  const whole = toExport(archive);
  for (const name of ["articles", "entities", "threads", "timeline", "topics"] as const) {
    const written = readFileSync(path.join(site, "data", `${name}.json`), "utf8");
    assert.equal(written, `${JSON.stringify(whole[name], null, 2)}\n`, `data/${name}.json`);
  }
  assert.equal(whole.articles.length, 2);
  assert.ok(whole.articles.some((a) => a.title === "Vendanges précoces en Bourgogne"));
});
