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
import { parse, prepareText } from "./engine.ts";
import { resolve, type Context } from "./normalize.ts";
import { dropOrphans, mergeDayAndTime, removeOverlaps } from "./refine.ts";

export { compareTimexValues } from "./calendar.ts";

export interface TagOptions {
  /** Document creation time: YYYY-MM-DD, YYYY-MM or YYYY. */
  dct?: string | null;
}

/** Temporal expressions of `text`, sorted by start, never overlapping. */
export function tagTimexes(text: string, options: TagOptions = {}): Timex[] {
  const prepared = prepareText(text);
  const candidates = dropOrphans(mergeDayAndTime(removeOverlaps(parse(prepared)), prepared));
  const ctx: Context = {
    dct: parseDct(options.dct),
    explicitYear: null,
    lastDay: null,
    lastDayEnd: -1,
    lastEnd: -1,
    lastDate: null,
    text: prepared,
  };
  const out: Timex[] = [];
  for (const c of candidates) {
    const r = resolve(c, ctx);
    if (!r) continue;
    out.push({
      text: text.slice(c.start, c.end),
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

/** The calendar date a DATE or TIME places something at, when it is fully
 * resolved (no X placeholder, not a vague *_REF); null otherwise. */
export function toEventDate(t: Timex): EventDate | null {
  if (t.type !== "DATE" && t.type !== "TIME") return null;
  if (t.value.includes("X") || t.value.endsWith("_REF")) return null;
  return { value: t.value, precision: t.precision };
}
