/**
 * Story threads: articles that tell one evolving story.
 *
 * Two articles belong to one story when they share its key actors (entities
 * weighted by rarity, see similarity.ts), are close in time (or one is
 * undated), and are tied by the story itself: a timeline event both report,
 * or the same topic. A shared country or a common topic alone is not enough.
 *
 * An article joins a thread through its tie to one member, but only if it
 * also names the thread's core — the actors at least half of its members
 * name. Without that check, ties chain (A shares a minister with B, B a
 * company with C…) and in a large archive that follows a few public figures,
 * most articles end up in one "thread" (on the benchmark corpus, 3,988 of
 * 4,002 articles did). Story detection does the same: a new document is
 * compared with the story as a whole, not only with its nearest report.
 *
 * Stability: thread membership is remembered in a registry (a JSON file kept
 * with the seeds, `_threads.json`, which the build reads and updates). An
 * article already in the registry keeps its thread; a new article joins the
 * existing thread it is most tied to, or starts a new one with other new
 * articles. Threads are never renamed, merged or reshuffled by an addition.
 * Without a registry, articles are taken in date order, so the same archive
 * always gives the same threads.
 */
import { slugify } from "../extract/text/index.ts";
import { buildEntityIndex, CandidateFinder, chronologicalOrder, overlapScore } from "./similarity.ts";

export interface ThreadInput {
  id: string;
  title: string;
  date: string | null;
  /** Topic ids, primary first then secondary. */
  topics: string[];
  /** Entity ids mentioned, with their mention counts. */
  entities: Map<string, number>;
  /** Ids of timeline events the article reports. */
  events: string[];
}

export interface Thread {
  id: string;
  /** Article ids, oldest first (undated last). */
  articles: string[];
  /** Event ids reported by the thread's articles, in timeline order. */
  events: string[];
  /** Entities the thread's articles share, most central first. */
  entities: string[];
}

/** `{ "<thread id>": ["<article id>", …] }` */
export type ThreadRegistry = Record<string, string[]>;

/** Minimum IDF-weighted entity overlap for two articles to tell one story
 * when only their topics tie them… */
export const THREAD_SIMILARITY = 0.5;
/** …and when they report the same timeline event. */
export const THREAD_SIMILARITY_WITH_EVENT = 0.25;
/** Minimum IDF-weighted overlap of an article with a thread's core actors
 * for it to join the thread. */
export const THREAD_CORE_SIMILARITY = 0.5;
/** Reports of one story further apart than this are different stories. */
export const THREAD_MAX_GAP_DAYS = 400;

const dayNumbers = new Map<string, number>();

/** Days since 1970 of a date value; memoised, since every candidate pair of
 * articles asks for two and an archive has far fewer dates than pairs. */
function days(value: string): number {
  let known = dayNumbers.get(value);
  if (known === undefined) {
    const [y, m = "07", d = "15"] = value.split("-");
    known = Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86_400_000;
    dayNumbers.set(value, known);
  }
  return known;
}

export function closeInTime(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  return Math.abs(days(a) - days(b)) <= THREAD_MAX_GAP_DAYS;
}

/** Why two articles are tied, or null when they are not. `entityScore` is
 * the overlap coefficient of their entities when the caller has it (from an
 * EntityIndex). */
export function storyTie(
  a: ThreadInput,
  b: ThreadInput,
  idf: Map<string, number>,
  entityScore?: number,
): { score: number } | null {
  if (!closeInTime(a.date, b.date)) return null;
  const score = entityScore ?? overlapScore(new Set(a.entities.keys()), new Set(b.entities.keys()), idf).score;
  const sharedEvent = a.events.some((e) => b.events.includes(e));
  const sharedTopic = a.topics.some((t) => b.topics.includes(t));
  if (sharedEvent ? score < THREAD_SIMILARITY_WITH_EVENT : !sharedTopic || score < THREAD_SIMILARITY) return null;
  return { score: score + (sharedEvent ? 0.5 : 0) };
}

function chronological(a: ThreadInput, b: ThreadInput): number {
  if (a.date && b.date) return a.date.localeCompare(b.date) || a.id.localeCompare(b.id);
  if (a.date) return -1;
  if (b.date) return 1;
  return a.id.localeCompare(b.id);
}

/** IDF-weighted mention counts of the members' entities, and how many
 * members name each: one pass over the members. */
function entityWeights(members: ThreadInput[], idf: Map<string, number>): { weight: Map<string, number>; naming: Map<string, number> } {
  const weight = new Map<string, number>();
  const naming = new Map<string, number>();
  for (const m of members) {
    for (const [id, count] of m.entities) {
      weight.set(id, (weight.get(id) ?? 0) + count * (idf.get(id) ?? 0));
      naming.set(id, (naming.get(id) ?? 0) + 1);
    }
  }
  return { weight, naming };
}

/** A readable, stable id for a new thread: its founder's key entities and year. */
function threadIdFor(founder: ThreadInput, members: ThreadInput[], idf: Map<string, number>, taken: Set<string>): string {
  const { weight, naming } = entityWeights(members, idf);
  const shared = [...weight]
    .filter(([id]) => naming.get(id)! >= Math.min(2, members.length))
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, 2)
    .map(([id]) => id);
  const base = slugify([...shared, founder.date?.slice(0, 4) ?? ""].join(" ")) || slugify(founder.title).slice(0, 40);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export function buildThreads(
  inputs: ThreadInput[],
  registry: ThreadRegistry = {},
  eventOrder: string[] = [],
  settled: ReadonlySet<string> = new Set(),
): { threads: Thread[]; registry: ThreadRegistry } {
  const byId = new Map(inputs.map((a) => [a.id, a]));
  const sets = inputs.map((a) => new Set(a.entities.keys()));
  const index = buildEntityIndex(sets, chronologicalOrder(inputs));
  const finder = new CandidateFinder(index);
  const position = new Map(inputs.map((a, i) => [a.id, i]));

  // Existing threads keep their members that are still in the archive.
  const members = new Map<string, string[]>();
  const threadOf = new Map<string, string>();
  for (const [threadId, articleIds] of Object.entries(registry).sort(([x], [y]) => x.localeCompare(y))) {
    const present = articleIds.filter((id) => byId.has(id) && !threadOf.has(id));
    members.set(threadId, present);
    for (const id of present) threadOf.set(id, threadId);
  }
  // How many members of each thread name each entity; keyed "t:<thread id>"
  // for threads of the registry, "p:<founder id>" for threads founded in this build.
  const naming = new Map<string, Map<string, number>>();
  const size = new Map<string, number>();
  /** The core of each thread (entities named by half its members), while
   * its members do not change: asked for by every candidate of every new article. */
  const cores = new Map<string, Set<string>>();
  const addMember = (key: string, article: ThreadInput): void => {
    cores.delete(key);
    let counts = naming.get(key);
    if (!counts) naming.set(key, (counts = new Map()));
    for (const id of article.entities.keys()) counts.set(id, (counts.get(id) ?? 0) + 1);
    size.set(key, (size.get(key) ?? 0) + 1);
  };
  for (const [threadId, articleIds] of members) for (const id of articleIds) addMember(`t:${threadId}`, byId.get(id)!);
  /** Whether an article (its entity set) names the core of thread `key`. */
  const namesCore = (key: string, articleSet: Set<string>): boolean => {
    const counts = naming.get(key);
    if (!counts) return false;
    let core = cores.get(key);
    if (!core) {
      const needed = Math.max(2, Math.ceil(size.get(key)! / 2));
      core = new Set<string>();
      for (const [id, count] of counts) if (count >= needed) core.add(id);
      cores.set(key, core);
    }
    return overlapScore(articleSet, core, index.idf).score >= THREAD_CORE_SIMILARITY;
  };

  // New articles, oldest first: join the most tied thread, or pair up. An
  // article the last build already placed nowhere (`settled`) is not placed
  // again: when that build considered it, the thread members published after
  // it were not placed yet, so they could not draw it in; now they could, and
  // a rebuild of the same archive would change its threads. A new article
  // may still start a story with it.
  const pending = inputs.filter((a) => !threadOf.has(a.id) && !settled.has(a.id)).sort(chronological);
  const provisional = new Map<string, string[]>(); // founder id → members, for new threads
  const provisionalOf = new Map<string, string>();
  for (const article of pending) {
    const i = position.get(article.id)!;
    let best: { key: string; isNew: boolean; score: number } | null = null;
    for (const j of finder.candidatesFor(i)) {
      const other = inputs[j]!;
      const tie = storyTie(article, other, index.idf, index.overlap(i, j).score);
      if (!tie) continue;
      const existing = threadOf.get(other.id);
      const fresh = provisionalOf.get(other.id);
      const key = existing ?? fresh ?? other.id;
      const isNew = existing === undefined;
      // Only articles already placed (in a thread or seen before this one) count.
      if (!existing && !fresh && chronological(other, article) > 0) continue;
      if (existing ? !namesCore(`t:${existing}`, sets[i]!) : fresh ? !namesCore(`p:${fresh}`, sets[i]!) : false) continue;
      if (!best || tie.score > best.score || (tie.score === best.score && key < best.key)) best = { key, isNew, score: tie.score };
    }
    if (best && !best.isNew) {
      members.get(best.key)!.push(article.id);
      threadOf.set(article.id, best.key);
      addMember(`t:${best.key}`, article);
    } else if (best) {
      const founder = provisionalOf.get(best.key) ?? best.key;
      if (!provisional.has(founder)) {
        provisional.set(founder, [founder]);
        provisionalOf.set(founder, founder);
        addMember(`p:${founder}`, byId.get(founder)!);
      }
      provisional.get(founder)!.push(article.id);
      provisionalOf.set(article.id, founder);
      addMember(`p:${founder}`, article);
    }
  }

  const taken = new Set(members.keys());
  for (const [founderId, articleIds] of provisional) {
    const founder = byId.get(founderId)!;
    const id = threadIdFor(founder, articleIds.map((a) => byId.get(a)!), index.idf, taken);
    taken.add(id);
    members.set(id, articleIds);
    for (const a of articleIds) threadOf.set(a, id);
  }

  const eventRank = new Map(eventOrder.map((e, i) => [e, i]));
  const threads: Thread[] = [];
  const nextRegistry: ThreadRegistry = {};
  for (const [id, articleIds] of [...members].sort(([x], [y]) => x.localeCompare(y))) {
    if (articleIds.length === 0) continue;
    nextRegistry[id] = [...articleIds].sort();
    // A story needs two articles; a thread left with one member is kept in
    // the registry (its id stays reserved) but not shown.
    if (articleIds.length < 2) continue;
    const articles = articleIds.map((a) => byId.get(a)!).sort(chronological);
    const events = [...new Set(articles.flatMap((a) => a.events))].sort((x, y) => (eventRank.get(x) ?? 0) - (eventRank.get(y) ?? 0));
    const { weight, naming } = entityWeights(articles, index.idf);
    const entities = [...weight]
      .filter(([e]) => naming.get(e)! >= 2)
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .map(([e]) => e);
    threads.push({ id, articles: articles.map((a) => a.id), events, entities });
  }
  return { threads, registry: nextRegistry };
}
