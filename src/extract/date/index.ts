/**
 * The article's own date, at the precision its evidence allows.
 *
 * In order, the first that answers wins:
 * 1. front matter;
 * 2. the date the lede gives to the reported event when fully written out
 *    ("le 23 septembre 2015");
 * 3. inference: every piece of evidence (terms of office, dated reference
 *    events, the latest year reported) narrows the set of possible days;
 *    a day and month of the lede ("ce 1er novembre") takes the year the
 *    text's context gives it when that fits; otherwise the finest value that
 *    covers the whole set (a day, a month or a year);
 * 4. null — the article is listed as undated, a date is never invented.
 * Another article reporting the same event can refine it later (src/link).
 */
import type { ArticleDate, Block, Evidence, FrontMatter, Mention, Span, Timex } from "../../types.ts";
import { commonValue, contains, FOREVER, intersect, type DaySet } from "./intervals.ts";
import { latestYearConstraint, officeConstraints, referenceEventConstraint, type DateConstraint } from "./evidence.ts";

export interface DateInput {
  frontMatter: FrontMatter;
  text: string;
  /** Temporal expressions tagged without a reference date. */
  timexes: Timex[];
  blocks: Block[];
  mentions: Mention[];
  sentences: Span[];
}

export interface DateResult {
  date: ArticleDate | null;
  /** Every day the evidence allows (for refinement across articles). */
  bounds: DaySet;
  /** Evidence behind `bounds`. */
  boundsEvidence: Evidence[];
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function precisionOf(value: string): ArticleDate["precision"] | null {
  if (ISO_DAY.test(value)) return "day";
  if (/^\d{4}-\d{2}$/.test(value)) return "month";
  if (/^\d{4}$/.test(value)) return "year";
  return null;
}

function dedupe(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.start}:${e.end}:${e.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function evidence(timex: Timex, rule: string): Evidence {
  return { text: timex.text, start: timex.start, end: timex.end, rule: `${rule}:${timex.rule}` };
}

/** The lede: the first paragraph, and the next one when the first is short. */
function ledeRange(blocks: Block[]): { start: number; end: number } | null {
  const paragraphs = blocks.filter((b) => b.kind === "paragraph");
  const first = paragraphs[0];
  if (!first) return null;
  const second = paragraphs[1];
  return { start: first.start, end: first.text.length < 400 && second ? second.end : first.end };
}

/** "ce 1er novembre", "ce mardi 3 mars": the demonstrative points at the
 * news of the day (TimeML keeps the determiner inside the expression). */
const DEMONSTRATIVE = /^ce\s/iu;

export function dateArticle(input: DateInput): DateResult {
  const { frontMatter, timexes, blocks, text } = input;
  if (frontMatter.date) {
    const span = { start: frontMatter.date, end: frontMatter.date };
    return {
      date: { value: frontMatter.date, precision: precisionOf(frontMatter.date)!, basis: "front-matter", evidence: [] },
      bounds: [span],
      boundsEvidence: [],
    };
  }
  const dates = timexes.filter((t) => t.type === "DATE" || t.type === "TIME");
  const lede = ledeRange(blocks);
  const inLede = lede ? dates.filter((t) => t.start >= lede.start && t.end <= lede.end) : [];

  const stated = inLede.find((t) => ISO_DAY.test(t.value.slice(0, 10)) && t.known.includes("year") && t.known.includes("day"));
  if (stated) {
    const value = stated.value.slice(0, 10);
    return { date: { value, precision: "day", basis: "text", evidence: [evidence(stated, "lede-full-date")] }, bounds: [{ start: value, end: value }], boundsEvidence: [] };
  }

  const constraints: DateConstraint[] = [
    ...officeConstraints(text, input.mentions, input.sentences),
    ...[latestYearConstraint(text, timexes), referenceEventConstraint(text, input.mentions, input.sentences)].filter(
      (c): c is DateConstraint => c !== null,
    ),
  ];
  let bounds: DaySet = FOREVER;
  const used: Evidence[] = [];
  for (const constraint of constraints) {
    const narrowed = intersect(bounds, constraint.days);
    // Contradictory evidence (a misread cue) is dropped rather than allowed
    // to make every day impossible.
    if (narrowed.length === 0) continue;
    bounds = narrowed;
    used.push(...constraint.evidence);
  }

  // A day and month with no year: the news of the day when introduced by a
  // demonstrative or given in the lede; its year is the latest year the text
  // reports, if the evidence allows it.
  const dayMonth = dates.find(
    (t) => /^XXXX-\d{2}-\d{2}/.test(t.value) || (ISO_DAY.test(t.value.slice(0, 10)) && t.implied.includes("year")),
  );
  if (dayMonth && (DEMONSTRATIVE.test(dayMonth.text) || (lede && dayMonth.start < lede.end))) {
    const latest = latestYearConstraint(text, timexes);
    const year = latest?.evidence[0] ? /\d{4}/.exec(latest.evidence[0].text)?.[0] ?? null : null;
    const value = year ? `${year}-${dayMonth.value.slice(5, 10)}` : null;
    if (value && contains(bounds, value)) {
      return {
        date: { value, precision: "day", basis: "inferred", evidence: dedupe([evidence(dayMonth, "day-month-of-the-news"), ...(latest?.evidence ?? []), ...used]) },
        bounds: [{ start: value, end: value }],
        boundsEvidence: used,
      };
    }
  }

  const common = commonValue(bounds);
  if (common) return { date: { ...common, basis: "inferred", evidence: used }, bounds, boundsEvidence: used };
  return { date: null, bounds, boundsEvidence: used };
}
