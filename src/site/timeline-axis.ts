/**
 * The geometry of the timeline's visual axis, computed at build time and
 * drawn by templates/_includes/partials/timeline-axis.njk as inline SVG
 * (no JavaScript, explicit width/height/viewBox so nothing shifts).
 *
 *   layoutAxis([{ id: "e1", date: { value: "2021-01-14", precision: "day" }, label: "…" }])
 *   // { width, height, years: [{ year: "2021", x, width, count, barHeight }], marks: [{ id: "e1", x, y, width }], … }
 *
 * - Horizontal, one band per year. A year with events gets a band whose width
 *   grows with its number of events (between MIN_BAND and MAX_BAND), so a
 *   busy year is spread out rather than piled up; inside a band, a mark sits
 *   where its date falls, proportionally (1 July is in the middle).
 * - A mark spans the stretch its date covers: a dot for a day, a bar for a
 *   month (at least MIN_SPAN wide), the whole band for a year known only to
 *   the year.
 * - Empty years are compressed: a single empty year keeps a narrow band with
 *   its label; a run of two or more becomes a break ("…"), so 1950 and 2025
 *   on one axis do not leave seventy empty bands.
 * - Marks that would overlap go to the next row, up to MAX_ROWS; then they
 *   stay on the last row (the ordered list below remains the full record).
 * - Under each band, a bar whose height is the year's number of events
 *   relative to the busiest year: the density.
 * - Beyond MAX_MARKS events, one mark per event would make the drawing (and
 *   the page) grow with the archive: the axis is then aggregated, one bar
 *   per month whose height is the month's number of events, linking where
 *   the caller says (a year page of the timeline), so its size is bounded by
 *   the years covered, not by the number of events.
 */
import type { EventDate } from "../types.ts";
import { intervalOf } from "../link/events.ts";
import { monthName } from "./french.ts";

export const MIN_BAND = 96;
export const MAX_BAND = 480;
/** Band width per event in a busy year. */
export const PER_EVENT = 12;
export const EMPTY_BAND = 40;
export const BREAK_WIDTH = 28;
export const MARK_SIZE = 8;
/** A stretch longer than a day is never drawn shorter than this, so a
 * month stays a bar and does not look like a day's dot. */
export const MIN_SPAN = 14;
export const ROW_HEIGHT = 12;
export const MAX_ROWS = 6;
const PADDING = 6;
const DENSITY_MAX = 20;

/** Above this many events, the axis draws months, not events. */
export const MAX_MARKS = 150;
const MONTH_BAR_MAX = ROW_HEIGHT * 4;

export interface AxisEvent {
  id: string;
  date: EventDate;
  /** Accessible name of the mark: date and text. */
  label: string;
  /** Where the mark leads: "#id" when the event is listed on the page. */
  href: string;
}

export interface AxisMark {
  id: string;
  label: string;
  href: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AxisBand {
  year: string;
  x: number;
  width: number;
  count: number;
  /** Density bar: count relative to the busiest year. */
  barHeight: number;
  barY: number;
  labelX: number;
}

export interface AxisBreak {
  /** Years left out, e.g. "1951–2020". */
  label: string;
  x: number;
  width: number;
  labelX: number;
}

/** A month of an aggregated axis. */
export interface AxisMonth {
  /** "mars 2021 : 34 événements". */
  label: string;
  /** Where the bar leads, or null when it is only drawn. */
  href: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AxisLayout {
  width: number;
  height: number;
  axisY: number;
  labelY: number;
  bands: AxisBand[];
  breaks: AxisBreak[];
  marks: AxisMark[];
  /** Month bars, when the axis is aggregated (then `marks` is empty). */
  months: AxisMonth[];
  /** Events drawn, one by one or in month bars. */
  count: number;
  /** Events whose date cannot be placed (left out of the drawing only). */
  unplaced: string[];
  firstYear: string | null;
  lastYear: string | null;
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Fraction of a year elapsed at a "YYYY-MM-DDTHH:MM" instant, in [0, 1]. */
export function yearFraction(instant: string, endOfDay = false): number {
  const year = Number(instant.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const next = Date.UTC(year + 1, 0, 1);
  const day = Date.UTC(year, Number(instant.slice(5, 7)) - 1, Number(instant.slice(8, 10)));
  const at = endOfDay ? day + 86_400_000 : day;
  return Math.min(1, Math.max(0, (at - start) / (next - start)));
}

export function bandWidth(count: number): number {
  return count === 0 ? EMPTY_BAND : Math.min(MAX_BAND, Math.max(MIN_BAND, count * PER_EVENT));
}

export interface AxisOptions {
  /** Aggregate above this many events (MAX_MARKS). */
  maxMarks?: number;
  /** Link of a month bar of an aggregated axis ("2021", "03"); none by default. */
  monthHref?: (year: string, month: string) => string | null;
}

export function layoutAxis(events: AxisEvent[], options: AxisOptions = {}): AxisLayout {
  const placed: Array<{ event: AxisEvent; startYear: number; endYear: number; from: number; to: number; oneDay: boolean; month: string | null }> = [];
  const unplaced: string[] = [];
  for (const event of events) {
    const interval = intervalOf(event.date.value);
    if (!interval) {
      unplaced.push(event.id);
      continue;
    }
    placed.push({
      event,
      startYear: Number(interval.start.slice(0, 4)),
      endYear: Number(interval.end.slice(0, 4)),
      from: yearFraction(interval.start),
      to: yearFraction(interval.end, true),
      oneDay: interval.start.slice(0, 10) === interval.end.slice(0, 10),
      month: interval.start.slice(0, 7) === interval.end.slice(0, 7) ? interval.start.slice(0, 7) : null,
    });
  }
  const empty: AxisLayout = { width: 0, height: 0, axisY: 0, labelY: 0, bands: [], breaks: [], marks: [], months: [], count: 0, unplaced, firstYear: null, lastYear: null };
  if (placed.length === 0) return empty;

  // Events are counted in the year they start.
  const counts = new Map<number, number>();
  let first = Infinity;
  let last = -Infinity;
  for (const p of placed) {
    counts.set(p.startYear, (counts.get(p.startYear) ?? 0) + 1);
    first = Math.min(first, p.startYear);
    last = Math.max(last, p.endYear);
  }
  let busiest = 0;
  for (const count of counts.values()) busiest = Math.max(busiest, count);
  const aggregated = placed.length > (options.maxMarks ?? MAX_MARKS);

  // Horizontal layout: bands and breaks, left to right.
  const bandX = new Map<number, { x: number; width: number }>();
  const bands: Array<Omit<AxisBand, "barY">> = [];
  const breaks: AxisBreak[] = [];
  let x = PADDING;
  for (let year = first; year <= last; ) {
    let emptyRun = 0;
    while (year + emptyRun <= last && !counts.has(year + emptyRun)) emptyRun++;
    if (emptyRun >= 2) {
      breaks.push({ label: `${year}–${year + emptyRun - 1}`, x: round(x), width: BREAK_WIDTH, labelX: round(x + BREAK_WIDTH / 2) });
      // Multi-year spans (decades) that fall in a break are drawn across it.
      for (let y = year; y < year + emptyRun; y++) bandX.set(y, { x, width: BREAK_WIDTH / emptyRun });
      x += BREAK_WIDTH;
      year += emptyRun;
      continue;
    }
    const count = counts.get(year) ?? 0;
    const width = bandWidth(count);
    bandX.set(year, { x, width });
    bands.push({ year: String(year), x: round(x), width, count, barHeight: round((count / busiest) * DENSITY_MAX), labelX: round(x + width / 2) });
    x += width;
    year++;
  }
  const totalWidth = Math.ceil(x + PADDING);

  if (aggregated) {
    // Events known to the month or finer, counted in the month they start;
    // those known only to the year (or coarser) are in the band's density.
    const perMonth = new Map<string, number>();
    for (const p of placed) if (p.month) perMonth.set(p.month, (perMonth.get(p.month) ?? 0) + 1);
    let busiestMonth = 1;
    for (const count of perMonth.values()) busiestMonth = Math.max(busiestMonth, count);
    const baseY = PADDING + MONTH_BAR_MAX;
    const months: AxisMonth[] = [...perMonth]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([key, count]) => {
        const band = bandX.get(Number(key.slice(0, 4)))!;
        const slot = (band.width - 4) / 12;
        const height = Math.max(2, round((count / busiestMonth) * MONTH_BAR_MAX));
        const month = key.slice(5, 7);
        return {
          label: `${monthName(Number(month))} ${key.slice(0, 4)} : ${count} événement${count > 1 ? "s" : ""}`,
          href: options.monthHref?.(key.slice(0, 4), month) ?? null,
          x: round(band.x + 2 + (Number(month) - 1) * slot + 1),
          y: round(baseY - height),
          width: round(Math.max(1, slot - 2)),
          height,
        };
      });
    return finish(totalWidth, baseY - PADDING + 2, bands, breaks, [], months, placed.length, unplaced, first, last);
  }

  // Marks: horizontal extent, then rows so that marks do not overlap.
  const spans = placed
    .map((p) => {
      const startBand = bandX.get(p.startYear)!;
      const endBand = bandX.get(p.endYear)!;
      const inner = (band: { x: number; width: number }, f: number): number => band.x + 2 + f * (band.width - 4);
      let left = inner(startBand, p.from);
      let right = inner(endBand, p.to);
      const least = p.oneDay ? MARK_SIZE : MIN_SPAN;
      if (right - left < least) {
        const middle = (left + right) / 2;
        left = middle - least / 2;
        right = middle + least / 2;
      }
      return { event: p.event, left, right };
    })
    .sort((a, b) => a.left - b.left || b.right - a.right || (a.event.id < b.event.id ? -1 : 1));
  const rowEnds: number[] = [];
  const marks: AxisMark[] = spans.map(({ event, left, right }) => {
    let row = rowEnds.findIndex((end) => end + 2 <= left);
    if (row < 0) row = rowEnds.length < MAX_ROWS ? rowEnds.length : MAX_ROWS - 1;
    rowEnds[row] = Math.max(rowEnds[row] ?? -Infinity, right);
    return { id: event.id, label: event.label, href: event.href, x: round(left), y: PADDING + row * ROW_HEIGHT, width: round(right - left), height: MARK_SIZE };
  });

  const rows = Math.max(1, rowEnds.length);
  return finish(totalWidth, rows * ROW_HEIGHT, bands, breaks, marks, [], placed.length, unplaced, first, last);
}

/** Vertical layout under the drawing area (`drawn` pixels high): axis line, density bars, year labels. */
function finish(
  width: number,
  drawn: number,
  bands: Array<Omit<AxisBand, "barY">>,
  breaks: AxisBreak[],
  marks: AxisMark[],
  months: AxisMonth[],
  count: number,
  unplaced: string[],
  first: number,
  last: number,
): AxisLayout {
  const axisY = PADDING + drawn + 2;
  const densityBottom = axisY + 4 + DENSITY_MAX;
  const labelY = densityBottom + 14;
  return {
    width,
    height: labelY + PADDING,
    axisY,
    labelY,
    bands: bands.map((b) => ({ ...b, barY: round(densityBottom - b.barHeight) })),
    breaks,
    marks,
    months,
    count,
    unplaced,
    firstYear: String(first),
    lastYear: String(last),
  };
}
