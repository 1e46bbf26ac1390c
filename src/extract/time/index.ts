/**
 * French temporal expression tagger (TimeML TIMEX3).
 *
 *   parse (one regex per data rule) -> removeOverlaps -> mergeDayAndTime
 *   -> dropOrphans -> resolve in reading order (dct + the text's context)
 *
 * The rules, patterns and word tables are in ./data/*.json.
 */
import type { EventDate, Timex } from "../../types.ts";
import { parseDct } from "./calendar.ts";
import { parse, prepareText, type Candidate } from "./engine.ts";
import { resolve, type Context } from "./normalize.ts";
import { dropOrphans, mergeDayAndTime, removeOverlaps } from "./refine.ts";

export { compareTimexValues } from "./calendar.ts";

export interface TagOptions {
  /** Document creation time: YYYY-MM-DD, YYYY-MM or YYYY. */
  dct?: string | null;
}

/**
 * The temporal expressions found in a text, before resolution: where they
 * are and which rule matched. Finding does not depend on the reference date,
 * so a text tagged against several dates (an article's own date, then the
 * date another article gives it) is parsed once.
 */
export interface FoundTimexes {
  text: string;
  prepared: string;
  candidates: Candidate[];
}

export function findTimexes(text: string): FoundTimexes {
  const prepared = prepareText(text);
  return { text, prepared, candidates: dropOrphans(mergeDayAndTime(removeOverlaps(parse(prepared)), prepared)) };
}

/** The found expressions resolved against a reference date, in reading order. */
export function resolveTimexes(found: FoundTimexes, options: TagOptions = {}): Timex[] {
  const ctx: Context = {
    dct: parseDct(options.dct),
    explicitYear: null,
    lastDay: null,
    lastDayEnd: -1,
    lastEnd: -1,
    lastDate: null,
    text: found.prepared,
  };
  const out: Timex[] = [];
  for (const c of found.candidates) {
    const r = resolve(c, ctx);
    if (!r) continue;
    out.push({
      text: found.text.slice(c.start, c.end),
      start: c.start,
      end: c.end,
      value: r.value,
      precision: r.precision,
      type: c.rule.type,
      rule: c.mergeName ?? c.rule.name,
      known: r.known,
      implied: r.implied,
      anchored: r.anchored,
    });
  }
  return out;
}

/** Temporal expressions of `text`, sorted by start, never overlapping. */
export function tagTimexes(text: string, options: TagOptions = {}): Timex[] {
  return resolveTimexes(findTimexes(text), options);
}

/** The calendar date a DATE or TIME places something at, when it is fully
 * resolved (no X placeholder, not a vague *_REF); null otherwise. */
export function toEventDate(t: Timex): EventDate | null {
  if (t.type !== "DATE" && t.type !== "TIME") return null;
  if (t.value.includes("X") || t.value.endsWith("_REF")) return null;
  return { value: t.value, precision: t.precision };
}
