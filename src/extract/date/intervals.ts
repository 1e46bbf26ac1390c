/**
 * Sets of closed day intervals ("YYYY-MM-DD" strings compare in calendar
 * order), the currency of date inference: every piece of evidence narrows the
 * set of days the article can be from.
 */

export interface Interval {
  start: string;
  end: string;
}

/** A union of disjoint intervals, sorted. The empty array is "impossible". */
export type DaySet = Interval[];

export const FOREVER: DaySet = [{ start: "0001-01-01", end: "9999-12-31" }];

export function normalise(set: DaySet): DaySet {
  const sorted = set.filter((i) => i.start <= i.end).sort((a, b) => a.start.localeCompare(b.start));
  const out: Interval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && interval.start <= last.end) {
      if (interval.end > last.end) last.end = interval.end;
    } else {
      out.push({ ...interval });
    }
  }
  return out;
}

export function intersect(a: DaySet, b: DaySet): DaySet {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = x.start > y.start ? x.start : y.start;
      const end = x.end < y.end ? x.end : y.end;
      if (start <= end) out.push({ start, end });
    }
  }
  return normalise(out);
}

export function contains(set: DaySet, day: string): boolean {
  return set.some((i) => i.start <= day && day <= i.end);
}

/** The days an ISO value at year, month or day precision covers. */
export function spanOf(value: string): Interval | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d) return { start: value, end: value };
  if (mo) {
    const last = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    return { start: `${y}-${mo}-01`, end: `${y}-${mo}-${String(last).padStart(2, "0")}` };
  }
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

/**
 * The finest ISO value (day, month or year) that still covers the whole set,
 * or null when the set spans several years or is unbounded.
 */
export function commonValue(set: DaySet): { value: string; precision: "year" | "month" | "day" } | null {
  if (set.length === 0) return null;
  const start = set[0]!.start;
  const end = set[set.length - 1]!.end;
  if (start === end) return { value: start, precision: "day" };
  if (start.slice(0, 7) === end.slice(0, 7)) return { value: start.slice(0, 7), precision: "month" };
  if (start.slice(0, 4) === end.slice(0, 4)) return { value: start.slice(0, 4), precision: "year" };
  return null;
}
