/**
 * The span of time a `<time datetime>` value names, at its own precision:
 * "2025" is the whole year, "2025-11" the month, "2025-W45" the ISO week,
 * "2025-11-01" (with or without a time) the day. Milliseconds since the
 * epoch, UTC, end exclusive; null when the value is not one of these forms.
 */
export function dateInterval(value: string): { start: number; end: number } | null {
  let match = /^(\d{4})$/.exec(value);
  if (match) {
    const year = Number(match[1]);
    return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
  }
  match = /^(\d{4})-(\d{2})$/.exec(value);
  if (match) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (month < 1 || month > 12) return null;
    return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
  }
  match = /^(\d{4})-W(\d{2})$/.exec(value);
  if (match) {
    const [year, week] = [Number(match[1]), Number(match[2])];
    if (week < 1 || week > 53) return null;
    // ISO week 1 is the week with the year's first Thursday; weeks start on Monday.
    const january4 = Date.UTC(year, 0, 4);
    const mondayOfWeek1 = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * 86_400_000;
    const start = mondayOfWeek1 + (week - 1) * 7 * 86_400_000;
    return { start, end: start + 7 * 86_400_000 };
  }
  match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const start = Date.UTC(year, month - 1, day);
    const check = new Date(start);
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    return { start, end: start + 86_400_000 };
  }
  return null;
}
