/**
 * From a candidate's groups to a TIMEX3 value, one normaliser per norm.kind.
 * This is where the reference date (dct) and the text's own context (the
 * last explicit year, the last day mentioned) fill in what the text leaves
 * out; each result says which components were stated (known) and which were
 * filled (implied), and whether it was anchored on something.
 */
import {
  addDays,
  addMonths,
  daysInMonth,
  fmtDay,
  fmtMonth,
  fmtWeek,
  isoDow,
  mondayOf,
  pad,
  type Dct,
  type Ymd,
} from "./calendar.ts";
import { group, groupValue, rawGroup, tenseCues, type Candidate } from "./engine.ts";
import type { TimexPrecision } from "../../types.ts";

export interface Resolved {
  value: string;
  precision: TimexPrecision;
  known: string[];
  implied: string[];
  anchored: boolean;
  /** For times and parts of day: what goes after the date ("T20:00",
   * "TEV"), so the merge refiner can put it after another day. */
  suffix?: string;
}

/** What the text has established so far, in reading order. */
export interface Context {
  dct: Dct | null;
  /** The last year written out in the text (en 2019, le 3 mars 2015). */
  explicitYear: number | null;
  /** The last fully resolved day (for le lendemain, la veille). */
  lastDay: Ymd | null;
  /** Where the expression that gave `lastDay` ends in the text. */
  lastDayEnd: number;
  /** Where the last resolved expression of any type ends. */
  lastEnd: number;
  /** The last fully resolved date of any precision down to the day. */
  lastDate: { y: number; m?: number; d?: number } | null;
  /** The prepared text, for cheap tense cues. */
  text: string;
}

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const dctDay = (ctx: Context): Ymd | null =>
  ctx.dct && ctx.dct.m !== undefined && ctx.dct.d !== undefined ? { y: ctx.dct.y, m: ctx.dct.m, d: ctx.dct.d } : null;

const DAY_PARTS = ["year", "month", "day"];
const X_DAY = "XXXX-XX-XX";

// ---------------------------------------------------------------------------
// Tense of the sentence, for bare months (en janvier)
// ---------------------------------------------------------------------------

/** Sentence ends, for the tense of the sentence around an expression. */
const SENTENCE_MARKS = new Set([".", "!", "?", "\n"]);
/** A sentence is looked for this far on each side of the expression: the
 * tense cues are verbs near it, and an unbounded search would scan the whole
 * text for each expression of an article with no final mark. */
const SENTENCE_REACH = 1000;

function sentenceStart(text: string, from: number): number {
  const limit = Math.max(0, from - SENTENCE_REACH);
  for (let i = from - 1; i >= limit; i--) if (SENTENCE_MARKS.has(text[i]!)) return i + 1;
  return limit;
}

function sentenceEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + SENTENCE_REACH);
  for (let i = from; i < limit; i++) if (SENTENCE_MARKS.has(text[i]!)) return i;
  return limit;
}

function sentenceTense(ctx: Context, c: Candidate): "past" | "future" | null {
  const sentence = ctx.text.slice(sentenceStart(ctx.text, c.start), sentenceEnd(ctx.text, c.end));
  const past = tenseCues.past.some((re) => re.test(sentence));
  const future = tenseCues.future.some((re) => re.test(sentence));
  return past === future ? null : past ? "past" : "future";
}

// ---------------------------------------------------------------------------
// Normalisers
// ---------------------------------------------------------------------------

/** Calendar dates: any of year, month, day (and a checked weekday). */
function date(c: Candidate, ctx: Context): Resolved | null {
  const y = num(group(c, "year"));
  const m = num(group(c, "month"));
  const d = num(group(c, "day"));
  const rel = num(group(c, "rel"));
  if (m !== undefined && (m < 1 || m > 12)) return null;
  if (d !== undefined && (d < 1 || d > 31 || m === undefined)) return null;
  const known: string[] = [];
  if (y !== undefined) known.push("year");
  if (m !== undefined) known.push("month");
  if (d !== undefined) known.push("day");
  if (rawGroup(c, "weekday") !== undefined) known.push("weekday");
  const implied: string[] = [];
  let year = y ?? null;
  let anchored = false;

  if (year === null) {
    if (m === undefined) return null;
    implied.push("year");
    const dct = ctx.dct;
    if (rel !== undefined && rel !== 0) {
      // "janvier dernier": the latest January strictly before the dct's month
      // (or day, when a day is given: "le 14 janvier dernier").
      if (dct?.m !== undefined) {
        const here = dct.m * 100 + (d !== undefined ? dct.d ?? 0 : 0);
        const there = m * 100 + (d ?? 0);
        year = rel < 0 ? (there < here ? dct.y : dct.y - 1) : there > here ? dct.y : dct.y + 1;
        anchored = true;
      }
    } else if (d !== undefined) {
      // "1er novembre": the dct's year (news convention), else the last year
      // the text wrote out; never an invented one.
      if (dct) year = dct.y;
      else if (ctx.explicitYear !== null) year = ctx.explicitYear;
      anchored = year !== null;
      // "jeudi 3 mars": a stated weekday can move the date to the adjacent
      // year where the 3rd of March is a Thursday.
      const wd = num(group(c, "weekday"));
      if (year !== null && wd !== undefined) {
        const y0: number = year;
        const fits = (cy: number) => d <= daysInMonth(cy, m) && isoDow({ y: cy, m, d }) === wd;
        year = [y0, y0 - 1, y0 + 1].find(fits) ?? y0;
      }
    } else if (dct?.m !== undefined) {
      // "en janvier": the nearest January, bent towards the past or the
      // future when the sentence's tense says so.
      const tense = sentenceTense(ctx, c);
      const here = dct.y * 12 + dct.m;
      let best: number | null = null;
      for (const cy of [dct.y, dct.y - 1, dct.y + 1]) {
        const there = cy * 12 + m;
        if (tense === "past" && there > here) continue;
        if (tense === "future" && there < here) continue;
        if (best === null || Math.abs(there - here) < Math.abs(best * 12 + m - here)) best = cy;
      }
      year = best ?? dct.y;
      anchored = true;
    } else if (dct) {
      year = dct.y;
      anchored = true;
    } else if (ctx.explicitYear !== null) {
      year = ctx.explicitYear;
      anchored = true;
    }
  }
  // 31 avril never exists; 29 février only in leap years (2000 is one).
  if (m !== undefined && d !== undefined && d > daysInMonth(year ?? 2000, m)) return null;
  const yy = year === null ? "XXXX" : pad(year, 4);
  const value = yy + (m !== undefined ? `-${pad(m)}` : "") + (d !== undefined ? `-${pad(d)}` : "");
  const precision: TimexPrecision = d !== undefined ? "day" : m !== undefined ? "month" : "year";
  return { value, precision, known, implied, anchored };
}

const UNIT_PARTS: Record<string, { precision: TimexPrecision; implied: string[] }> = {
  D: { precision: "day", implied: DAY_PARTS },
  W: { precision: "week", implied: ["year", "week"] },
  WE: { precision: "week", implied: ["year", "week"] },
  M: { precision: "month", implied: ["year", "month"] },
  Y: { precision: "year", implied: ["year"] },
  DE: { precision: "decade", implied: ["year"] },
  CE: { precision: "century", implied: ["year"] },
};

/** A date `offset` units away from `base` (dct or a date of the text);
 * null when the base is not fine enough. */
function shift(base: { y: number; m?: number; d?: number } | null, unit: string, offset: number): string | null {
  if (!base) return null;
  switch (unit) {
    case "D":
      return base.m !== undefined && base.d !== undefined ? fmtDay(addDays({ y: base.y, m: base.m, d: base.d }, offset)) : null;
    case "W":
    case "WE": {
      if (base.m === undefined || base.d === undefined) return null;
      const week = fmtWeek(addDays({ y: base.y, m: base.m, d: base.d }, 7 * offset));
      return unit === "WE" ? `${week}-WE` : week;
    }
    case "M": {
      if (base.m === undefined) return null;
      const r = addMonths(base.y, base.m, offset);
      return fmtMonth(r.y, r.m);
    }
    case "Y":
      return pad(base.y + offset, 4);
    case "DE":
      return `${Math.floor((base.y + 10 * offset) / 10)}X`;
    case "CE":
      return pad(Math.floor((base.y + 100 * offset) / 100), 2);
    default:
      return null;
  }
}

const X_VALUE: Record<string, string> = { D: X_DAY, W: "XXXX-WXX", WE: "XXXX-WXX-WE", M: "XXXX-XX", Y: "XXXX", DE: "XXXX", CE: "XX" };

/** hier, l'an prochain, cette semaine, il y a trois ans, dans deux jours. */
function relative(c: Candidate, ctx: Context): Resolved | null {
  const unit = c.rule.norm.unit ?? str(group(c, "unit"));
  if (!unit || !UNIT_PARTS[unit]) return null;
  let offset = c.rule.norm.offset ?? num(group(c, "dayword")) ?? num(group(c, "rel")) ?? num(group(c, "relb"));
  const amount = group(c, "num");
  if (amount !== undefined) {
    const sign = c.rule.norm.sign ?? 1;
    // "il y a quelques années" places nothing precisely: a vague reference.
    if (amount === "X") {
      return { value: sign < 0 ? "PAST_REF" : "FUTURE_REF", precision: "ref", known: [], implied: [], anchored: false };
    }
    if (typeof amount !== "number") return null;
    offset = sign * amount;
  }
  if (offset === undefined) return null;
  const parts = UNIT_PARTS[unit]!;
  const value = shift(ctx.dct, unit, offset);
  return {
    value: value ?? X_VALUE[unit]!,
    precision: parts.precision,
    known: [],
    implied: parts.implied,
    anchored: value !== null,
  };
}

/** le lendemain, la veille: from the last day the text resolved, else dct. */
function anaphoric(c: Candidate, ctx: Context): Resolved | null {
  const offset = num(group(c, "anaphor"));
  if (offset === undefined) return null;
  const base = ctx.lastDay ?? dctDay(ctx);
  return {
    value: base ? fmtDay(addDays(base, offset)) : X_DAY,
    precision: "day",
    known: [],
    implied: DAY_PARTS,
    anchored: base !== null,
  };
}

/** l'année suivante, cette année-là: from the text's last date. */
function anaphoricUnit(c: Candidate, ctx: Context): Resolved | null {
  const unit = str(group(c, "unit"));
  if (!unit || !UNIT_PARTS[unit]) return null;
  const offset = num(group(c, "arel")) ?? 0;
  const value = shift(ctx.lastDate, unit, offset);
  const parts = UNIT_PARTS[unit]!;
  return { value: value ?? X_VALUE[unit]!, precision: parts.precision, known: [], implied: parts.implied, anchored: value !== null };
}

/** The day of a weekday: the one strictly before (dernier) or after
 * (prochain) the dct; a bare weekday is the last such day up to the dct when
 * the sentence is in a past tense ("a survécu mardi"), the next one from the
 * dct when it is in a future tense ("recevra jeudi"), else the one in the
 * dct's ISO week. */
function weekdayDate(wd: number, rel: number | undefined, ctx: Context, tense: "past" | "future" | null = null): Ymd | null {
  const base = dctDay(ctx);
  if (!base) return null;
  const dow = isoDow(base);
  if (rel !== undefined && rel < 0) return addDays(base, -((dow - wd + 7) % 7 || 7));
  if (rel !== undefined && rel > 0) return addDays(base, (wd - dow + 7) % 7 || 7);
  if (tense === "past") return addDays(base, -((dow - wd + 7) % 7));
  if (tense === "future") return addDays(base, (wd - dow + 7) % 7);
  return addDays(mondayOf(base), wd - 1);
}

function weekday(c: Candidate, ctx: Context): Resolved | null {
  const wd = num(group(c, "weekday"));
  if (wd === undefined) return null;
  const rel = num(group(c, "rel"));
  const day = weekdayDate(wd, rel, ctx, rel === undefined ? sentenceTense(ctx, c) : null);
  return {
    value: day ? fmtDay(day) : `XXXX-WXX-${wd}`,
    precision: "day",
    known: ["weekday"],
    implied: DAY_PARTS,
    anchored: day !== null,
  };
}

const SEASON_ORDER = ["SP", "SU", "FA", "WI"];
/** Index of the season a month falls in (December belongs to winter). */
const seasonOfMonth = (m: number): number => (m === 12 || m <= 2 ? 3 : Math.floor((m - 3) / 3));

/** A year for an expression that states none: dct, else the text's last
 * explicit year, else null. */
function contextYear(ctx: Context): number | null {
  return ctx.dct?.y ?? ctx.explicitYear;
}

function season(c: Candidate, ctx: Context): Resolved | null {
  const code = str(group(c, "season"));
  if (!code) return null;
  const y = num(group(c, "year"));
  const rel = num(group(c, "rel"));
  if (y !== undefined) return { value: `${pad(y, 4)}-${code}`, precision: "season", known: ["year", "season"], implied: [], anchored: false };
  let year = contextYear(ctx);
  const tense = rel ? null : /(?:depuis|dès)\s+$/iu.test(ctx.text.slice(Math.max(0, c.start - 12), c.start)) ? "past" : sentenceTense(ctx, c);
  if (!rel && tense && ctx.dct?.m !== undefined) {
    // "depuis l'automne" in January: the last autumn begun by the dct;
    // "l'été sera chaud" in March: the next one.
    const startMonth = [3, 6, 9, 12][SEASON_ORDER.indexOf(code)]!;
    if (tense === "past") year = startMonth <= ctx.dct.m ? ctx.dct.y : ctx.dct.y - 1;
    else year = startMonth >= ctx.dct.m ? ctx.dct.y : ctx.dct.y + 1;
  } else if (rel && ctx.dct) {
    const here = ctx.dct.m !== undefined ? seasonOfMonth(ctx.dct.m) : null;
    const there = SEASON_ORDER.indexOf(code);
    if (here === null) year = null;
    else if (rel < 0) year = there < here ? ctx.dct.y : ctx.dct.y - 1;
    else year = there > here ? ctx.dct.y : ctx.dct.y + 1;
  } else if (rel) {
    year = null;
  }
  return {
    value: `${year === null ? "XXXX" : pad(year, 4)}-${code}`,
    precision: "season",
    known: ["season"],
    implied: ["year"],
    anchored: year !== null,
  };
}

function quarter(c: Candidate, ctx: Context): Resolved | null {
  const n = num(group(c, "ord"));
  const q = str(group(c, "qunit"));
  if (n === undefined || !q || n < 1 || n > (q === "H" ? 2 : 4)) return null;
  const y = num(group(c, "year"));
  const year = y ?? contextYear(ctx);
  return {
    value: `${year === null ? "XXXX" : pad(year, 4)}-${q}${n}`,
    precision: "quarter",
    known: y !== undefined ? ["year", "quarter"] : ["quarter"],
    implied: y !== undefined ? [] : ["year"],
    anchored: y === undefined && year !== null,
  };
}

function decade(c: Candidate): Resolved | null {
  const raw = rawGroup(c, "decade");
  if (!raw) return null;
  // "les années 80" are the 1980s; four digits say it all.
  const full = raw.length === 2 ? `19${raw}` : raw;
  return { value: `${full.slice(0, 3)}X`, precision: "decade", known: ["decade"], implied: [], anchored: false };
}

function century(c: Candidate): Resolved | null {
  const n = num(group(c, "century"));
  if (n === undefined || n < 1 || n > 21) return null;
  return { value: pad(n - 1), precision: "century", known: ["century"], implied: [], anchored: false };
}

/** A bare clock time belongs to the day the paragraph has just named
 * ("Mercredi, le préfet a réuni les maires. À 20 heures, …"), as news
 * narrates; only a day at most this far back, with no line break between. */
const CLOCK_REACH = 1500;

function dayOfParagraph(ctx: Context, at: number): Ymd | null {
  if (!ctx.lastDay || ctx.lastDayEnd < 0 || at - ctx.lastDayEnd > CLOCK_REACH) return null;
  // Another expression in between ("tous les jeudis jusqu'à 21 heures") is
  // what the time belongs to, not the day before it.
  if (ctx.lastEnd !== ctx.lastDayEnd) return null;
  return ctx.text.slice(ctx.lastDayEnd, at).includes("\n") ? null : ctx.lastDay;
}

/** A clock time: on the day merged with it ("mardi à 20 heures"), else on the
 * day its paragraph last named, else on the dct's day. */
function time(c: Candidate, ctx: Context): Resolved | null {
  let hour = num(group(c, "hour")) ?? num(group(c, "noon"));
  const minute = num(group(c, "minute")) ?? 0;
  const shiftBy = num(group(c, "shift")) ?? 0;
  if (hour === undefined || hour > 24 || minute > 59) return null;
  if (hour < 12) hour += shiftBy;
  const suffix = `T${pad(hour)}:${pad(minute)}`;
  const base = dayOfParagraph(ctx, c.start) ?? dctDay(ctx);
  return {
    value: (base ? fmtDay(base) : X_DAY) + suffix,
    precision: "minute",
    known: ["time"],
    implied: DAY_PARTS,
    anchored: base !== null,
    suffix,
  };
}

function partOfDay(c: Candidate, ctx: Context): Resolved | null {
  const code = str(group(c, "pod"));
  if (!code) return null;
  const base = dctDay(ctx);
  const suffix = `T${code}`;
  return {
    value: (base ? fmtDay(base) : X_DAY) + suffix,
    precision: "partOfDay",
    known: ["partOfDay"],
    implied: DAY_PARTS,
    anchored: base !== null,
    suffix,
  };
}

/** A part of a named day: "la nuit de lundi à mardi" is Monday's night, "la
 * nuit du 3 au 4 mars" the 3rd's, "la soirée de mardi" Tuesday evening. */
function namedDayPart(c: Candidate, ctx: Context): Resolved | null {
  const code = str(group(c, "pod")) ?? "NI";
  const wd = num(group(c, "weekday"));
  if (wd !== undefined) {
    const wd2 = c.groups.weekday2 !== undefined ? num(groupValue("weekday2", c.groups.weekday2)) : undefined;
    const base = dctDay(ctx);
    let day: Ymd | null = null;
    if (base) {
      // Anchor on the morning's day in the dct's week, so that "la nuit de
      // dimanche à lundi" is the Sunday just before that Monday.
      day = wd2 !== undefined && wd2 === (wd % 7) + 1 ? addDays(mondayOf(base), wd2 - 2) : addDays(mondayOf(base), wd - 1);
    }
    return {
      value: `${day ? fmtDay(day) : `XXXX-WXX-${wd}`}T${code}`,
      precision: "partOfDay",
      known: ["weekday", "partOfDay"],
      implied: DAY_PARTS,
      anchored: day !== null,
    };
  }
  const d = date(c, ctx);
  if (!d) return null;
  return { ...d, value: `${d.value}T${code}`, precision: "partOfDay", known: [...d.known, "partOfDay"] };
}

function durationValue(amount: number | string, unit: string): string {
  return unit.startsWith("T:") ? `PT${amount}${unit.slice(2)}` : `P${amount}${unit}`;
}

function duration(c: Candidate): Resolved | null {
  const unit = str(group(c, "unit"));
  let amount: number | string | undefined = c.rule.norm.amount ?? group(c, "num");
  if (!unit || amount === undefined || amount === 0) return null;
  if (typeof amount === "number" && rawGroup(c, "half") !== undefined) amount += 0.5;
  return { value: durationValue(amount, unit), precision: "none", known: ["duration"], implied: [], anchored: false };
}

function set(c: Candidate): Resolved | null {
  const none = (value: string): Resolved => ({ value, precision: "none", known: ["set"], implied: [], anchored: false });
  const wd = num(group(c, "weekday"));
  if (wd !== undefined) return none(`XXXX-WXX-${wd}`);
  const s = str(group(c, "season"));
  if (s) return none(`XXXX-${s}`);
  const podRaw = rawGroup(c, "pod");
  if (podRaw !== undefined) {
    // "tous les matins": the plural is read through the singular's entry.
    const code = str(groupValue("pod", podRaw.replace(/s$/i, "")));
    return code ? none(`XXXX-XX-XXT${code}`) : null;
  }
  const unit = str(group(c, "unit"));
  if (!unit) return null;
  const amount = group(c, "num") ?? 1;
  return none(durationValue(amount, unit));
}

function constant(c: Candidate): Resolved | null {
  const value = c.rule.norm.value;
  if (!value) return null;
  const isRef = value.endsWith("_REF");
  return { value, precision: isRef ? "ref" : "none", known: [], implied: [], anchored: false };
}

const NORMALISERS: Record<string, (c: Candidate, ctx: Context) => Resolved | null> = {
  date,
  relative,
  anaphoric,
  anaphoricUnit,
  weekday,
  season,
  quarter,
  decade,
  century,
  time,
  partOfDay,
  namedDayPart,
  duration,
  set,
  constant,
};

/** Value of a candidate; a merged one is its day's value followed by its
 * time's suffix. Updates the context so later expressions can lean on it. */
export function resolve(c: Candidate, ctx: Context): Resolved | null {
  let r: Resolved | null;
  if (c.parts) {
    const [day, t] = c.parts;
    const left = resolve(day, ctx);
    const right = NORMALISERS[t.rule.norm.kind]!(t, ctx);
    if (!left || !right?.suffix) return null;
    r = {
      value: left.value + right.suffix,
      precision: right.precision,
      known: [...left.known, ...right.known],
      implied: left.implied,
      anchored: left.anchored,
    };
    ctx.lastEnd = c.end;
    return r; // the day part already updated the context
  }
  const fn = NORMALISERS[c.rule.norm.kind];
  if (!fn) throw new Error(`time rules: unknown norm.kind "${c.rule.norm.kind}" in ${c.rule.name}`);
  r = fn(c, ctx);
  if (r && (c.rule.type === "DATE" || c.rule.type === "TIME")) remember(r, ctx, c.end);
  if (r) ctx.lastEnd = c.end;
  return r;
}

function remember(r: Resolved, ctx: Context, end: number): void {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)/.exec(r.value);
  if (!m) return;
  const y = Number(m[1]);
  const date: { y: number; m?: number; d?: number } = { y };
  if (m[2]) date.m = Number(m[2]);
  if (m[3]) date.d = Number(m[3]);
  ctx.lastDate = date;
  if (date.m !== undefined && date.d !== undefined) {
    ctx.lastDay = { y, m: date.m, d: date.d };
    ctx.lastDayEnd = end;
  }
  if (r.known.includes("year")) ctx.explicitYear = y;
}
