/**
 * Dates across articles: an article that cannot date itself precisely takes
 * the date of another article that reports the same event, when that date
 * fits everything its own evidence allows. "The same event" is judged by the
 * entities both articles mention (weighted by how rare they are in the
 * archive) — two articles about one summit share its people and places; two
 * articles that merely both mention China do not.
 */
import type { ArticleDate } from "../types.ts";
import type { ArticleExtraction } from "../extract/article.ts";
import { spanOf, intersect } from "../extract/date/intervals.ts";
import { buildEntityIndex, CandidateFinder, chronologicalOrder } from "./similarity.ts";

/** Minimum weighted overlap of entities for "reports the same event". */
const SAME_EVENT_SIMILARITY = 0.5;

const PRECISION_RANK = { year: 1, month: 2, day: 3 } as const;

function entitySet(e: ArticleExtraction): Set<string> {
  return new Set(e.mentions.map((m) => m.entity));
}

export interface DateRefinement {
  index: number;
  date: ArticleDate;
}

/**
 * Proposes better dates for articles whose own evidence stops short of a
 * day. Returns only the changes; the caller re-extracts those articles with
 * the new date so that their relative expressions resolve against it.
 */
export function refineDatesAcrossArticles(extractions: ArticleExtraction[], ids: string[]): DateRefinement[] {
  const sets = extractions.map(entitySet);
  // Common entities propose the articles nearest in time (similarity.ts): the
  // article's own date, or the first day its evidence allows.
  const when = extractions.map((e, i) => {
    const from = e.dateBounds[0]?.start;
    return { id: ids[i]!, date: e.date?.value ?? (from && from !== "0001-01-01" ? from : null) };
  });
  const index = buildEntityIndex(sets, chronologicalOrder(when));
  const finder = new CandidateFinder(index);

  const refinements: DateRefinement[] = [];
  extractions.forEach((article, i) => {
    if (article.date?.basis === "front-matter" || article.date?.precision === "day") return;
    let best: { j: number; score: number; weight: number } | null = null;
    for (const j of finder.candidatesFor(i)) {
      const other = extractions[j]!.date;
      if (!other) continue;
      if (article.date && PRECISION_RANK[other.precision] <= PRECISION_RANK[article.date.precision]) continue;
      const span = spanOf(other.value);
      // The other article's date must fit what this article's evidence allows.
      if (!span) continue;
      const inside = intersect(article.dateBounds, [span]);
      if (inside.length !== 1 || inside[0]!.start !== span.start || inside[0]!.end !== span.end) continue;
      const { score, weight } = index.overlap(i, j);
      if (score < SAME_EVENT_SIMILARITY) continue;
      // Equal scores: the article sharing more (rarer) names, then by id.
      if (!best || score > best.score || (score === best.score && (weight > best.weight || (weight === best.weight && ids[j]! < ids[best.j]!)))) {
        best = { j, score, weight };
      }
    }
    if (!best) return;
    const other = extractions[best.j]!;
    refinements.push({
      index: i,
      date: {
        value: other.date!.value,
        precision: other.date!.precision,
        basis: "inferred",
        evidence: [
          ...(article.date?.evidence ?? []),
          // Evidence from another article: its offsets are not into this text.
          { text: other.title, start: 0, end: 0, rule: `same-event-as:${ids[best.j]}` },
        ],
      },
    });
  });
  return refinements;
}
