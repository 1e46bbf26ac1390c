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
 */
import type { EventDate } from "../types.ts";
import { intervalOf } from "../link/events.ts";

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

export interface AxisEvent {
  id: string;
  date: EventDate;
  /** Accessible name of the mark: date and text. */
  label: string;
}

export interface AxisMark {
  id: string;
  label: string;
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

export interface AxisLayout {
  width: number;
  height: number;
  axisY: number;
  labelY: number;
  bands: AxisBand[];
  breaks: AxisBreak[];
  marks: AxisMark[];
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

export function layoutAxis(events: AxisEvent[]): AxisLayout {
  const placed: Array<{ event: AxisEvent; startYear: number; endYear: number; from: number; to: number; oneDay: boolean }> = [];
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
    });
  }
  const empty: AxisLayout = { width: 0, height: 0, axisY: 0, labelY: 0, bands: [], breaks: [], marks: [], unplaced, firstYear: null, lastYear: null };
  if (placed.length === 0) return empty;

  // Events are counted in the year they start.
  const counts = new Map<number, number>();
  for (const p of placed) counts.set(p.startYear, (counts.get(p.startYear) ?? 0) + 1);
  const first = Math.min(...placed.map((p) => p.startYear));
  const last = Math.max(...placed.map((p) => p.endYear));
  const busiest = Math.max(...counts.values());

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
    return { id: event.id, label: event.label, x: round(left), y: PADDING + row * ROW_HEIGHT, width: round(right - left), height: MARK_SIZE };
  });

  const rows = Math.max(1, rowEnds.length);
  const axisY = PADDING + rows * ROW_HEIGHT + 2;
  const densityBottom = axisY + 4 + DENSITY_MAX;
  const labelY = densityBottom + 14;
  return {
    width: totalWidth,
    height: labelY + PADDING,
    axisY,
    labelY,
    bands: bands.map((b) => ({ ...b, barY: round(densityBottom - b.barHeight) })),
    breaks,
    marks,
    unplaced,
    firstYear: String(first),
    lastYear: String(last),
  };
}
