/**
 * `npm run extract`: what an editor sees when debugging one article.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { tempDir } from "../helpers/temp.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");
const extract = (...args: string[]) => run("npx", ["tsx", "src/cli/extract.ts", ...args], { cwd: root });

const dir = tempDir("archive-extract-");
const text =
  "Le maire de Lyon, Grégory Doucet, a inauguré mardi une nouvelle ligne de tramway.\r\n" +
  "« Ce chantier a duré trois ans », a déclaré l’élu devant la presse.\r\n";
const file = path.join(dir, "tramway.txt");
writeFileSync(file, `\uFEFF${text}`);
writeFileSync(path.join(dir, "second.txt"), "La Commission européenne a présenté hier son budget pour 2026 à Bruxelles.");

describe("npm run extract", () => {
  test("prints the record with every temporal expression and mention, offsets into the text as read", async () => {
    const { stdout } = await extract(file, "--dct", "2024-03-14");
    const record = JSON.parse(stdout);
    // As read: BOM removed, CRLF turned into LF.
    const asRead = text.replace(/\r\n/g, "\n");
    assert.equal(record.source, "tramway.txt");
    for (const t of record.timexes) assert.equal(asRead.slice(t.start, t.end), t.text);
    for (const m of record.mentions) assert.equal(asRead.slice(m.start, m.end), m.text);
    const tuesday = record.timexes.find((t: { text: string }) => t.text === "mardi");
    assert.equal(tuesday.value, "2024-03-12", "mardi resolves against --dct (Thursday 14 March 2024)");
    const duration = record.timexes.find((t: { type: string }) => t.type === "DURATION");
    assert.equal(duration.value, "P3Y");
    assert.ok(record.mentions.some((m: { entity: string; type: string }) => m.entity === "lyon" && m.type === "place"));
    assert.ok(record.mentions.some((m: { text: string; type: string }) => m.text === "Grégory Doucet" && m.type === "person"));
  });

  test("several files give one JSON object per line", async () => {
    const { stdout } = await extract(file, path.join(dir, "second.txt"));
    const lines = stdout.trim().split("\n");
    assert.equal(lines.length, 2);
    assert.deepEqual(lines.map((l) => JSON.parse(l).source), ["tramway.txt", "second.txt"]);
  });

  test("a seed article: its date, evidence and thread", async () => {
    const { stdout } = await extract(path.join(root, "seeds", "001_10fa90ac178066db.txt"));
    const record = JSON.parse(stdout);
    assert.equal(record.date.value, "2025-11-01");
    assert.equal(record.date.basis, "inferred");
    assert.ok(record.date.evidence.some((e: { text: string }) => e.text === "ce 1er novembre"));
    assert.equal(typeof record.thread, "string");
  });

  test("a bad --dct is refused with a message", async () => {
    await assert.rejects(extract(file, "--dct", "2024-02-30"), (error: { stderr: string }) => /YYYY-MM-DD/.test(error.stderr));
  });
});
