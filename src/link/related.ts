/**
 * Related articles, in the spirit of Hugo's related content: several indices
 * (entities, timeline events, topic), each with a weight, summed into one
 * score; below a threshold an article is not related at all.
 *
 *   relatedArticles(relatedInputOf(archive))
 *   // Map { "a" => [{ id: "b", score: 0.71, entities: ["xiaomi", "lei-jun"], events: [], sameTopic: true }] }
 *
 * - Entities are weighted by rarity (IDF, src/link/similarity.ts): sharing
 *   "Lei Jun" says more than sharing "Chine". The entity part is the overlap
 *   coefficient of the two IDF-weighted entity sets, in [0, 1], so a short
 *   report is not kept away from the long article it summarises.
 * - Events: the share of the smaller article's timeline events that both
 *   report, in [0, 1].
 * - Topic: 1 when both have the same main topic.
 * A link needs real common ground: at least one shared event, or at least
 * MIN_SHARED_ENTITIES shared entities. A shared topic only adds to a score,
 * it never makes a link alone. Newer and older articles are both candidates.
 * Candidates come from the entity postings and the timeline's events, never
 * from all pairs, with a bounded number per article (CandidateFinder in
 * similarity.ts: common entities and events reported by many articles
 * propose only the articles nearest in time), so the cost grows linearly
 * with the archive.
 */
import type { Archive } from "../types.ts";
import { buildEntityIndex, CandidateFinder, chronologicalOrder, topK } from "./similarity.ts";

export const WEIGHTS = { entities: 0.7, events: 0.2, topic: 0.1 };
/** Below this the link is too weak to show. */
export const MIN_SCORE = 0.25;
export const MIN_SHARED_ENTITIES = 2;
export const MAX_RELATED = 5;

export interface RelatedArticle {
  id: string;
  score: number;
  /** Shared entity ids, rarest (most telling) first, by rarity class (see
   * relatedArticles). */
  entities: string[];
  /** Shared timeline event ids. */
  events: string[];
  sameTopic: boolean;
}

/** What related articles are computed from: for each article its entities
 * (first mention order), date and main topic; the timeline's events and the
 * articles reporting each. A few MB at 20,000 articles, so that it can be
 * sent to a worker thread (src/link/related-thread.ts). */
export interface RelatedInput {
  articles: Array<{ id: string; entities: string[]; date: string | null; topic: string | null }>;
  events: Array<{ id: string; articles: string[] }>;
}

export function relatedInputOf(archive: Pick<Archive, "articles" | "timeline">): RelatedInput {
  return {
    articles: archive.articles.map((a) => ({ id: a.id, entities: [...new Set(a.mentions.map((m) => m.entity))], date: a.date?.value ?? null, topic: a.topic?.id ?? null })),
    events: archive.timeline.map((e) => ({ id: e.id, articles: e.articles })),
  };
}

export function relatedArticles(input: RelatedInput, limit = MAX_RELATED): Map<string, RelatedArticle[]> {
  const { articles } = input;
  const sets = articles.map((a) => new Set(a.entities));
  const order = chronologicalOrder(articles);
  const index = buildEntityIndex(sets, order);
  const byEntities = new CandidateFinder(index);
  const position = new Map(articles.map((a, i) => [a.id, i]));

  const eventsOf: Array<Set<string>> = articles.map(() => new Set());
  for (const event of input.events) {
    for (const id of event.articles) {
      const i = position.get(id);
      if (i !== undefined) eventsOf[i]!.add(event.id);
    }
  }
  // Events propose candidates the same way entities do: an event many
  // articles report proposes those nearest in time.
  const eventIndex = buildEntityIndex(eventsOf, order);
  const byEvents = new CandidateFinder(eventIndex);

  // Shared entities are shown rarest first, by classes of document frequency
  // (1, 2–3, 4–7, 8–15…) and by id within a class: an exact rarity order
  // would move with every article added, and with it the reason printed on
  // every page that lists the link.
  const rarityClass = (id: string): number => Math.floor(Math.log2(index.postings.get(id)?.length ?? 1));
  const result = new Map<string, RelatedArticle[]>();
  articles.forEach((article, i) => {
    const candidates = new Set(byEntities.candidatesFor(i));
    if (eventsOf[i]!.size > 0) for (const j of byEvents.candidatesFor(i)) candidates.add(j);

    // Scored first, described after: only the `limit` kept are worth the
    // lists of what they share.
    const found: Array<{ j: number; score: number; weight: number; sameTopic: boolean }> = [];
    for (const j of candidates) {
      const other = articles[j]!;
      const { score: entityPart, count, weight } = index.overlap(i, j);
      const sharedEvents = eventIndex.overlap(i, j).count;
      if (sharedEvents === 0 && count < MIN_SHARED_ENTITIES) continue;

      const fewer = Math.min(eventIndex.size(i), eventIndex.size(j));
      const eventPart = fewer ? sharedEvents / fewer : 0;
      const sameTopic = article.topic !== null && article.topic === other.topic;
      const score = WEIGHTS.entities * entityPart + WEIGHTS.events * eventPart + WEIGHTS.topic * (sameTopic ? 1 : 0);
      if (score < MIN_SCORE) continue;
      found.push({ j, score: Math.round(score * 1000) / 1000, weight, sameTopic });
    }
    // Equal scores: the link sharing more (rarer) names first.
    const best = topK(found, limit, (a, b) => b.score - a.score || b.weight - a.weight || (articles[a.j]!.id < articles[b.j]!.id ? -1 : 1));
    result.set(
      article.id,
      best.map(({ j, score, sameTopic }) => ({
        id: articles[j]!.id,
        score,
        entities: [...sets[j]!].filter((id) => sets[i]!.has(id)).sort((a, b) => rarityClass(a) - rarityClass(b) || (a < b ? -1 : a > b ? 1 : 0)),
        events: [...eventsOf[i]!].filter((id) => eventsOf[j]!.has(id)).sort(),
        sameTopic,
      })),
    );
  });
  return result;
}
