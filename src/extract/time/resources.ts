/**
 * Loads the French resources (data/*.json) once. The engine never hard-codes
 * a French word: everything language-specific lives in these three files, so
 * covering a new expression means editing data, not code (HeidelTime's split
 * between normalization tables, named patterns and rules).
 */
import { readFileSync } from "node:fs";
import type { TimexType } from "../../types.ts";

export type TableValue = number | string;
export type Table = Record<string, TableValue>;

/** What a rule's normaliser is told, besides the captured groups. */
export interface NormSpec {
  /** Which normaliser of normalize.ts computes the value. */
  kind:
    | "date"
    | "relative"
    | "anaphoric"
    | "anaphoricUnit"
    | "weekday"
    | "season"
    | "quarter"
    | "decade"
    | "century"
    | "time"
    | "partOfDay"
    | "namedDayPart"
    | "duration"
    | "set"
    | "constant";
  /** Fixed unit code (D, W, M, Y) when the pattern has no unit group. */
  unit?: string;
  /** Fixed offset for relative rules ("fin de l'année" is this year). */
  offset?: number;
  /** +1 / -1 for "dans N jours" / "il y a N jours". */
  sign?: number;
  /** Fixed amount for durations ("X" for ces dernières années). */
  amount?: string;
  /** Fixed value for constant rules (PAST_REF, P1D…). */
  value?: string;
}

export interface RuleData {
  name: string;
  type: TimexType;
  pattern: string;
  norm: NormSpec;
  dayLevel?: boolean;
  requiresMerge?: boolean;
  reject?: string[];
  lowercase?: string[];
  /** A sentence the rule must tag, checked by the tests (dct 2026-11-18). */
  example?: { text: string; span: string; value: string };
}

export interface MergeData {
  name: string;
  rightKinds: NormSpec["kind"][];
  gap: string;
}

export interface Normalization {
  groups: Record<string, string[]>;
  numberGroups: string[];
  romanGroups: string[];
  tenseCues: { past: string[]; future: string[] };
  [table: string]: unknown;
}

function load<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), "utf8")) as T;
}

export const normalization = load<Normalization>("normalization.json");
export const patterns = load<Record<string, string>>("patterns.json");
export const ruleFile = load<{ rules: RuleData[]; merges: MergeData[] }>("rules.json");

/** A normalization table by name (month, weekday, unit…). */
export function table(name: string): Table {
  const t = normalization[name];
  if (t === null || typeof t !== "object" || Array.isArray(t)) {
    throw new Error(`time resources: no normalization table "${name}"`);
  }
  return t as Table;
}
