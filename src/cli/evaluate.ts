/**
 * `npm run evaluate [-- DIR] [--json]`: extraction quality on an annotated
 * corpus of French news (default tests/eval/corpus): entity precision,
 * recall and F1 per type; TIMEX3 extent F1 (strict: same offsets; relaxed:
 * overlapping) and value F1 (relaxed extent and same value) per type; quote
 * attribution accuracy.
 *
 * A corpus file is JSON: { id, domain, dct, text, entities: [[surface, type]],
 * timexes: [[surface, value, type]], quotes: [[quote opening, speaker]] }.
 * An annotation stands for every occurrence of its surface at word
 * boundaries (the longest annotation wins where two overlap), so articles can
 * be annotated by hand without counting offsets.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Entity, EntityType, Mention, Quote, Timex, TimexType } from "../types.ts";
import { tagTimexes } from "../extract/time/index.ts";
import { recognizeEntities, attributeQuotes } from "../extract/entities/index.ts";
import { slugify } from "../extract/text/index.ts";

export interface EvalDocument {
  id: string;
  domain: string;
  dct: string;
  text: string;
  entities: Array<[string, EntityType]>;
  timexes: Array<[string, string, TimexType]>;
  quotes: Array<[string, string]>;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  documents: number;
  entities: Record<EntityType | "all", Prf>;
  timexStrict: Record<TimexType | "all", Prf>;
  timexRelaxed: Record<TimexType | "all", Prf>;
  timexValue: Record<TimexType | "all", Prf>;
  quotes: { total: number; found: number; correct: number; accuracy: number };
  /** What was missed or wrong, for reading (document id, kind, detail). */
  errors: Array<{ doc: string; kind: string; detail: string }>;
}

interface GoldSpan {
  start: number;
  end: number;
  text: string;
  label: string;
  value?: string;
}

const ENTITY_TYPES: EntityType[] = ["person", "organization", "place", "product", "other"];
const TIMEX_TYPES: TimexType[] = ["DATE", "TIME", "DURATION", "SET"];
const ALNUM = /[\p{L}\p{N}]/u;

/** Every occurrence of each surface at word boundaries; longest first, no overlaps. */
export function locate<T extends { surface: string }>(text: string, items: T[]): Array<T & { start: number; end: number }> {
  const found: Array<T & { start: number; end: number }> = [];
  const ordered = [...items].sort((a, b) => b.surface.length - a.surface.length);
  for (const item of ordered) {
    for (let at = text.indexOf(item.surface); at !== -1; at = text.indexOf(item.surface, at + 1)) {
      const end = at + item.surface.length;
      if (at > 0 && ALNUM.test(text[at - 1]!) && ALNUM.test(item.surface[0]!)) continue;
      if (end < text.length && ALNUM.test(text[end]!) && ALNUM.test(item.surface.at(-1)!)) continue;
      if (found.some((f) => at < f.end && end > f.start)) continue;
      found.push({ ...item, start: at, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

function table<K extends string>(keys: K[]): Record<K | "all", Counts> {
  const out = { all: zero() } as Record<K | "all", Counts>;
  for (const k of keys) out[k] = zero();
  return out;
}

/** One-to-one matching of system spans to gold spans under `same`. */
function matchSpans<S extends { start: number; end: number }, G extends GoldSpan>(
  sys: S[],
  gold: G[],
  same: (s: S, g: G) => boolean,
): { pairs: Array<[S, G]>; extraSys: S[]; missedGold: G[] } {
  const used = new Set<G>();
  const pairs: Array<[S, G]> = [];
  const extraSys: S[] = [];
  for (const s of sys) {
    const g = gold.find((x) => !used.has(x) && same(s, x));
    if (g) {
      used.add(g);
      pairs.push([s, g]);
    } else extraSys.push(s);
  }
  return { pairs, extraSys, missedGold: gold.filter((g) => !used.has(g)) };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;
const exact = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start === b.start && a.end === b.end;

function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[’‘]/g, "'");
}

/** The speaker entity names the gold speaker (name, alias or id). */
function speakerMatches(gold: string, speaker: string | null, entities: Entity[]): boolean {
  if (!speaker) return false;
  if (speaker === slugify(gold)) return true;
  const e = entities.find((x) => x.id === speaker);
  if (!e) return false;
  return [e.name, ...e.aliases].some((n) => fold(n) === fold(gold));
}

export interface SystemOutput {
  mentions: Mention[];
  entities: Entity[];
  timexes: Timex[];
  quotes: Quote[];
}

export function runSystem(doc: EvalDocument): SystemOutput {
  const { mentions, entities } = recognizeEntities(doc.text);
  return { mentions, entities, timexes: tagTimexes(doc.text, { dct: doc.dct }), quotes: attributeQuotes(doc.text, mentions) };
}

export function scoreDocuments(docs: EvalDocument[], system: (d: EvalDocument) => SystemOutput = runSystem): EvalReport {
  const ent = table(ENTITY_TYPES);
  const strict = table(TIMEX_TYPES);
  const relaxed = table(TIMEX_TYPES);
  const value = table(TIMEX_TYPES);
  const quotes = { total: 0, found: 0, correct: 0, accuracy: 0 };
  const errors: EvalReport["errors"] = [];
  const add = (t: Record<string, Counts>, label: string, k: keyof Counts): void => {
    t[label]![k]++;
    t.all![k]++;
  };

  for (const doc of docs) {
    const out = system(doc);
    // Entities: same offsets and same type.
    const goldEnt: GoldSpan[] = locate(doc.text, doc.entities.map(([surface, label]) => ({ surface, label }))).map((g) => ({
      ...g,
      text: g.surface,
    }));
    const e = matchSpans(out.mentions, goldEnt, (s, g) => exact(s, g) && s.type === g.label);
    for (const [s] of e.pairs) add(ent, s.type, "tp");
    for (const s of e.extraSys) {
      add(ent, s.type, "fp");
      const g = goldEnt.find((x) => overlaps(x, s));
      errors.push({ doc: doc.id, kind: "entity-fp", detail: `${s.text} (${s.type})${g ? ` ≠ gold ${g.text} (${g.label})` : ""}` });
    }
    for (const g of e.missedGold) {
      add(ent, g.label, "fn");
      if (!out.mentions.some((s) => overlaps(s, g)))
        errors.push({ doc: doc.id, kind: "entity-fn", detail: `${g.text} (${g.label})` });
    }

    // Time expressions.
    const goldTx: GoldSpan[] = locate(doc.text, doc.timexes.map(([surface, v, label]) => ({ surface, value: v, label }))).map((g) => ({
      ...g,
      text: g.surface,
    }));
    const sx = matchSpans(out.timexes, goldTx, (s, g) => exact(s, g));
    for (const [s] of sx.pairs) add(strict, s.type, "tp");
    for (const s of sx.extraSys) add(strict, s.type, "fp");
    for (const g of sx.missedGold) add(strict, g.label, "fn");
    const rx = matchSpans(out.timexes, goldTx, (s, g) => overlaps(s, g));
    for (const [s] of rx.pairs) add(relaxed, s.type, "tp");
    for (const s of rx.extraSys) {
      add(relaxed, s.type, "fp");
      errors.push({ doc: doc.id, kind: "timex-fp", detail: `${s.text} = ${s.value} (${s.type})` });
    }
    for (const g of rx.missedGold) {
      add(relaxed, g.label, "fn");
      errors.push({ doc: doc.id, kind: "timex-fn", detail: `${g.text} = ${g.value} (${g.label})` });
    }
    const vx = matchSpans(out.timexes, goldTx, (s, g) => overlaps(s, g) && s.value === g.value);
    for (const [s] of vx.pairs) add(value, s.type, "tp");
    for (const s of vx.extraSys) add(value, s.type, "fp");
    for (const g of vx.missedGold) {
      add(value, g.label, "fn");
      const s = out.timexes.find((x) => overlaps(x, g));
      if (s) errors.push({ doc: doc.id, kind: "timex-value", detail: `${s.text} = ${s.value}, gold ${g.text} = ${g.value}` });
    }

    // Quotes: the system quote holding the gold quote's opening words.
    for (const [opening, speaker] of doc.quotes) {
      quotes.total++;
      const at = doc.text.indexOf(opening);
      const q = out.quotes.find((x) => at >= x.start && at < x.end);
      if (!q) {
        errors.push({ doc: doc.id, kind: "quote-missed", detail: opening });
        continue;
      }
      quotes.found++;
      if (speakerMatches(speaker, q.speaker, out.entities)) quotes.correct++;
      else errors.push({ doc: doc.id, kind: "quote-speaker", detail: `« ${opening}… » → ${q.speaker ?? "none"}, gold ${speaker}` });
    }
  }
  quotes.accuracy = quotes.total ? quotes.correct / quotes.total : 0;
  const final = <K extends string>(t: Record<K, Counts>): Record<K, Prf> =>
    Object.fromEntries(Object.entries<Counts>(t).map(([k, c]) => [k, prf(c)])) as Record<K, Prf>;
  return {
    documents: docs.length,
    entities: final(ent),
    timexStrict: final(strict),
    timexRelaxed: final(relaxed),
    timexValue: final(value),
    quotes,
    errors,
  };
}

export function readCorpus(dir: string): EvalDocument[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as EvalDocument);
}

export const DEFAULT_CORPUS = fileURLToPath(new URL("../../tests/eval/corpus/", import.meta.url));

const pct = (x: number): string => `${(x * 100).toFixed(1)}`.padStart(5);

function printTable(title: string, rows: Record<string, Prf>): void {
  console.log(`\n${title}\n  ${"".padEnd(13)}   P      R      F1    (tp/fp/fn)`);
  for (const [k, r] of Object.entries(rows)) {
    if (r.tp + r.fp + r.fn === 0) continue;
    console.log(`  ${k.padEnd(13)} ${pct(r.precision)}  ${pct(r.recall)}  ${pct(r.f1)}   (${r.tp}/${r.fp}/${r.fn})`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith("--")) ?? DEFAULT_CORPUS;
  const report = scoreDocuments(readCorpus(dir));
  if (args.includes("--json")) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`Evaluation on ${report.documents} annotated articles (${dir})`);
  printTable("Entities (exact span and type)", report.entities);
  printTable("TIMEX3 extent, strict (same offsets)", report.timexStrict);
  printTable("TIMEX3 extent, relaxed (overlap)", report.timexRelaxed);
  printTable("TIMEX3 value (relaxed extent, same value)", report.timexValue);
  const q = report.quotes;
  console.log(`\nQuotes: ${q.correct}/${q.total} attributed correctly (${pct(q.accuracy)} %), ${q.found} found`);
  if (args.includes("--errors")) {
    console.log("\nErrors:");
    for (const e of report.errors) console.log(`  ${e.doc}  ${e.kind.padEnd(14)} ${e.detail}`);
  } else console.log("(--errors lists what was missed or wrong)");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
