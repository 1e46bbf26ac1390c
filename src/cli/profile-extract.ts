/**
 * `npx tsx src/cli/profile-extract.ts [FILE…] [--rounds N]`: per-article
 * time of each text stage (sentences, time tagging, NER, quotes) after
 * warm-up, on the given files or on the bundled evaluation corpus
 * (tests/eval/corpus). Each text is padded or cut to about 3.6 KB, the
 * article size of the archive benchmark (issue 8), so figures compare across
 * runs. A benchmark, not a test: nothing here asserts a time.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { splitSentences } from "../extract/text/index.ts";
import { tagTimexes } from "../extract/time/index.ts";
import { recognizeEntities, attributeQuotes } from "../extract/entities/index.ts";

const TARGET_BYTES = 3600;

function parseArgs(argv: string[]): { files: string[]; rounds: number } {
  const files: string[] = [];
  let rounds = 200;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--rounds") rounds = Number(argv[++i]);
    else if (a.startsWith("--rounds=")) rounds = Number(a.slice(9));
    else files.push(a);
  }
  return { files, rounds: Number.isFinite(rounds) && rounds > 0 ? rounds : 200 };
}

function corpusTexts(): string[] {
  const dir = new URL("../../tests/eval/corpus/", import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => (JSON.parse(readFileSync(new URL(f, dir), "utf8")) as { text: string }).text);
}

/** Repeats paragraphs until the text weighs about TARGET_BYTES (UTF-8). */
function toSize(text: string): string {
  let out = text;
  while (Buffer.byteLength(out) < TARGET_BYTES) out += `\n\n${text}`;
  while (Buffer.byteLength(out) > TARGET_BYTES * 1.1) {
    const cut = out.lastIndexOf("\n\n");
    if (cut <= 0) break;
    out = out.slice(0, cut);
  }
  return out;
}

interface Stage {
  name: string;
  run: (text: string) => unknown;
}

function main(): void {
  const { files, rounds } = parseArgs(process.argv.slice(2));
  const texts = (files.length ? files.map((f) => readFileSync(path.resolve(f), "utf8")) : corpusTexts()).map(toSize);
  const stages: Stage[] = [
    { name: "sentences", run: (t) => splitSentences(t) },
    { name: "time (dct)", run: (t) => tagTimexes(t, { dct: "2026-11-18" }) },
    { name: "time (no dct)", run: (t) => tagTimexes(t, { dct: null }) },
    { name: "entities", run: (t) => recognizeEntities(t) },
  ];
  const mentionsOf = texts.map((t) => recognizeEntities(t).mentions);
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / texts.length;
  console.log(`${texts.length} texts of ~${Math.round(bytes)} bytes, ${rounds} rounds after warm-up`);
  const report = (name: string, fn: (i: number) => unknown): void => {
    for (let r = 0; r < 20; r++) for (let i = 0; i < texts.length; i++) fn(i); // warm-up
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) for (let i = 0; i < texts.length; i++) fn(i);
    const per = (performance.now() - t0) / (rounds * texts.length);
    console.log(`${name.padEnd(14)} ${per.toFixed(3)} ms / article`);
  };
  for (const s of stages) report(s.name, (i) => s.run(texts[i]!));
  report("quotes", (i) => attributeQuotes(texts[i]!, mentionsOf[i]!));
}

main();
