/**
 * Calendar arithmetic and TIMEX3 value formatting (proleptic Gregorian, UTC,
 * ISO 8601 weeks). Kept free of any language.
 */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** A reference date known to the year, the month or the day. */
export interface Dct {
  y: number;
  m?: number;
  d?: number;
}

export function parseDct(s: string | null | undefined): Dct | null {
  if (!s) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s.trim());
  if (!m) return null;
  const dct: Dct = { y: Number(m[1]) };
  if (m[2]) dct.m = Number(m[2]);
  if (m[2] && m[3]) dct.d = Number(m[3]);
  return dct;
}

export const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

const toDate = (x: Ymd): Date => new Date(Date.UTC(x.y, x.m - 1, x.d));
const fromDate = (d: Date): Ymd => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() });

export function addDays(x: Ymd, n: number): Ymd {
  const d = toDate(x);
  d.setUTCDate(d.getUTCDate() + n);
  return fromDate(d);
}

/** Month arithmetic on (year, month) only. */
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const total = y * 12 + (m - 1) + n;
  return { y: Math.floor(total / 12), m: (total % 12 + 12) % 12 + 1 };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** ISO day of week: Monday 1 … Sunday 7. */
export function isoDow(x: Ymd): number {
  return toDate(x).getUTCDay() || 7;
}

export function mondayOf(x: Ymd): Ymd {
  return addDays(x, 1 - isoDow(x));
}

export function isoWeek(x: Ymd): { y: number; w: number } {
  // The ISO week belongs to the year of its Thursday.
  const thursday = addDays(x, 4 - isoDow(x));
  const jan1 = toDate({ y: thursday.y, m: 1, d: 1 });
  const w = Math.floor((toDate(thursday).getTime() - jan1.getTime()) / 86400000 / 7) + 1;
  return { y: thursday.y, w };
}

export function mondayOfIsoWeek(y: number, w: number): Ymd {
  const jan4: Ymd = { y, m: 1, d: 4 };
  return addDays(mondayOf(jan4), 7 * (w - 1));
}

export const fmtDay = (x: Ymd): string => `${pad(x.y, 4)}-${pad(x.m)}-${pad(x.d)}`;
export const fmtMonth = (y: number, m: number): string => `${pad(y, 4)}-${pad(m)}`;
export function fmtWeek(x: Ymd): string {
  const { y, w } = isoWeek(x);
  return `${pad(y, 4)}-W${pad(w)}`;
}

// ---------------------------------------------------------------------------
// Chronological order of TIMEX3 values of mixed precision
// ---------------------------------------------------------------------------

const SEASON_MONTH: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };
const PART_OF_DAY_HOUR: Record<string, number> = { MO: 6, MI: 12, AF: 14, EV: 18, NI: 22, DT: 9 };

/** Start instant (ms) and a rank that puts coarser values first when two
 * values start together (2015 < 2015-01 < 2015-01-01). */
function sortKey(v: string): { t: number; rank: number } | null {
  const at = (y: number, m = 1, d = 1, h = 0, min = 0): number => {
    const date = new Date(Date.UTC(2000, m - 1, d, h, min));
    date.setUTCFullYear(y); // years < 100 would otherwise be read as 19xx
    return date.getTime();
  };
  let m: RegExpExecArray | null;
  if ((m = /^(\d{2})$/.exec(v))) return { t: at(Number(m[1]) * 100), rank: 0 };
  if ((m = /^(\d{3})X$/.exec(v))) return { t: at(Number(m[1]) * 10), rank: 1 };
  if ((m = /^(\d{4})$/.exec(v))) return { t: at(Number(m[1])), rank: 2 };
  if ((m = /^(\d{4})-H([12])$/.exec(v))) return { t: at(Number(m[1]), 1 + 6 * (Number(m[2]) - 1)), rank: 3 };
  if ((m = /^(\d{4})-Q([1-4])$/.exec(v))) return { t: at(Number(m[1]), 1 + 3 * (Number(m[2]) - 1)), rank: 4 };
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(v))) return { t: at(Number(m[1]), SEASON_MONTH[m[2]!]), rank: 4 };
  if ((m = /^(\d{4})-(\d{2})$/.exec(v))) return { t: at(Number(m[1]), Number(m[2])), rank: 5 };
  if ((m = /^(\d{4})-W(\d{2})(?:-(\d|WE))?$/.exec(v))) {
    // A weekend starts on Saturday and is as coarse as a week.
    const offset = m[3] === "WE" ? 5 : m[3] ? Number(m[3]) - 1 : 0;
    const d = addDays(mondayOfIsoWeek(Number(m[1]), Number(m[2])), offset);
    return { t: at(d.y, d.m, d.d), rank: m[3] && m[3] !== "WE" ? 7 : 6 };
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:T(?:(MO|MI|AF|EV|NI|DT)|(\d{2}):(\d{2})))?$/.exec(v))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4]) return { t: at(y, mo, d, PART_OF_DAY_HOUR[m[4]]), rank: 8 };
    if (m[5]) return { t: at(y, mo, d, Number(m[5]), Number(m[6])), rank: 9 };
    return { t: at(y, mo, d), rank: 7 };
  }
  return null;
}

/** Negative when a comes before b. Values that place nothing on the
 * calendar (X placeholders, *_REF, durations) sort after all others. */
export function compareTimexValues(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka && kb) return ka.t - kb.t || ka.rank - kb.rank || (a < b ? -1 : a > b ? 1 : 0);
  if (ka) return -1;
  if (kb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
