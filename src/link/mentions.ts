/**
 * How often an article names each entity: what its page needs of its
 * mentions (the JSON-LD subjects, the search filters), without the mentions
 * themselves (text and offsets, a few KB an article).
 */
import type { Mention, MentionCount } from "../types.ts";

/** Entity id → number of mentions, in the order of first mention. */
export function mentionsByEntity(mentions: readonly Pick<Mention, "entity">[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mention of mentions) counts.set(mention.entity, (counts.get(mention.entity) ?? 0) + 1);
  return counts;
}

/** The same as a list, the form page data carries (JSON has no Map). */
export function countMentions(mentions: readonly Pick<Mention, "entity">[]): MentionCount[] {
  return [...mentionsByEntity(mentions)].map(([entity, count]) => ({ entity, count }));
}
