/**
 * The build reads each seed file once: the fingerprint that decides whether
 * anything changed keeps the bytes it hashed, and the pipeline builds those
 * very bytes. Also the small concurrency helper both rely on.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildFingerprint } from "../../src/cli/fingerprint.ts";
import { readConfig } from "../../src/config.ts";
import { forEachAtMost } from "../../src/concurrency.ts";
import { runPipeline } from "../../src/pipeline.ts";
import { tempDir } from "../helpers/temp.ts";

const CRUE = [
  "# La Loire en crue à Orléans",
  "",
  "Le préfet du Loiret a placé la ville en vigilance rouge le lundi 14 octobre 2024. Les écoles resteront fermées jusqu'à jeudi.",
  "",
].join("\n");

const GREVE = [
  "Grève à la SNCF",
  "",
  "Les cheminots ont cessé le travail mardi 3 septembre 2024 à Lyon, a annoncé la CGT.",
  "",
].join("\n");

function seedsFolder(files: Record<string, string>): string {
  const dir = tempDir("archive-fingerprint-");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("the fingerprint keeps what it hashed", () => {
  test("it returns the bytes of each seed file, and its hash follows the text", async () => {
    const seedsDir = seedsFolder({ "crue.md": CRUE, "greve.txt": GREVE });
    const config = readConfig({ SEEDS_DIR: seedsDir });
    const first = await buildFingerprint(config);
    assert.deepEqual([...first.seeds.keys()].sort(), ["crue.md", "greve.txt"]);
    assert.equal(first.seeds.get("crue.md")!.toString("utf8"), CRUE);

    assert.equal((await buildFingerprint(config)).inputs, first.inputs, "same files, same fingerprint");
    writeFileSync(path.join(seedsDir, "greve.txt"), GREVE.replace("mardi", "mercredi"));
    assert.notEqual((await buildFingerprint(config)).inputs, first.inputs, "an edited article changes it");
  });

  test("the pipeline builds the bytes it was given, not a later edit, and holds none of them after the read", async () => {
    // A subfolder's file is fingerprinted but is not an article.
    const seedsDir = seedsFolder({ "crue.md": CRUE, "greve.txt": GREVE, "brouillons/inondation.txt": "Notes sur la crue de Tours." });
    const fingerprint = await buildFingerprint(readConfig({ SEEDS_DIR: seedsDir }));
    // Edited between the fingerprint and the read: building the old text
    // keeps the recorded fingerprint true to what was built.
    writeFileSync(path.join(seedsDir, "crue.md"), CRUE.replace("La Loire en crue à Orléans", "Décrue de la Loire"));
    const { archive } = await runPipeline({ seedsDir, cacheDir: null, workers: 0, seedBytes: fingerprint.seeds });
    const titles = archive.articles.map((article) => article.title).sort();
    assert.deepEqual(titles, ["Grève à la SNCF", "La Loire en crue à Orléans"]);
    assert.equal(archive.articles.length, 2, "the subfolder's file is not an article");
    assert.equal(fingerprint.seeds.size, 0, "no bytes are held after the read");
  });

  test("a file the fingerprint did not see is read from the folder", async () => {
    const seedsDir = seedsFolder({ "crue.md": CRUE });
    const fingerprint = await buildFingerprint(readConfig({ SEEDS_DIR: seedsDir }));
    writeFileSync(path.join(seedsDir, "greve.txt"), GREVE);
    const { archive } = await runPipeline({ seedsDir, cacheDir: null, workers: 0, seedBytes: fingerprint.seeds });
    assert.deepEqual(archive.articles.map((article) => article.title).sort(), ["Grève à la SNCF", "La Loire en crue à Orléans"]);
  });
});

describe("forEachAtMost", () => {
  test("runs every task once, never more than the limit at a time", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachAtMost(25, 4, async (i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, i % 3));
      done.push(i);
      running--;
    });
    assert.deepEqual(done.sort((a, b) => a - b), Array.from({ length: 25 }, (_, i) => i));
    assert.equal(most, 4);
  });

  test("rejects with the first failure", async () => {
    await assert.rejects(
      forEachAtMost(10, 3, async (i) => {
        if (i === 5) throw new Error("fichier illisible : 5.md");
      }),
      /fichier illisible : 5\.md/,
    );
  });
});
