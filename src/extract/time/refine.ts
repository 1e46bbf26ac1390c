/**
 * Refiners (chrono-node's second stage): they take the parsers' raw,
 * overlapping proposals and decide what is finally tagged.
 */
import { merges, type Candidate } from "./engine.ts";

/** Longest match wins; on equal length the rule listed first in rules.json.
 * "il y a trois ans" beats "trois ans", "janvier dernier" beats "janvier". */
export function removeOverlaps(cands: Candidate[]): Candidate[] {
  const ordered = [...cands].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.rule.priority - b.rule.priority || a.start - b.start,
  );
  // Characters already covered by a kept match: checking a candidate costs
  // its own length, not the number of matches kept (a 5 MB article has
  // tens of thousands).
  let textEnd = 0;
  for (const c of cands) textEnd = Math.max(textEnd, c.end);
  const covered = new Uint8Array(textEnd);
  const kept: Candidate[] = [];
  for (const c of ordered) {
    if (covered.subarray(c.start, c.end).includes(1)) continue;
    covered.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Glues a day ("mardi", "hier", "le 3 mars") to the time or part of day
 * right after it ("soir", "vers 18 h"): the pair is one TIME whose extent
 * covers both and whatever small gap the merge allows. */
export function mergeDayAndTime(cands: Candidate[], text: string): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < cands.length; i++) {
    const left = cands[i]!;
    const right = cands[i + 1];
    if (right && left.rule.dayLevel && !left.parts) {
      const gap = text.slice(left.end, right.start);
      const merge = merges.find((m) => m.rightKinds.includes(right.rule.norm.kind) && m.gap.test(gap));
      if (merge) {
        out.push({
          start: left.start,
          end: right.end,
          rule: right.rule,
          groups: {},
          parts: [left, right],
          mergeName: `${left.rule.name}+${right.rule.name}`,
        });
        i++;
        continue;
      }
    }
    out.push(left);
  }
  return out;
}

/** Pieces that only make sense after a day ("matin" alone is not a date:
 * "le matin, il court") are dropped when no merge took them. */
export function dropOrphans(cands: Candidate[]): Candidate[] {
  return cands.filter((c) => c.parts || !c.rule.requiresMerge);
}
