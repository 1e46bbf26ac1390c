/**
 * How much two articles are about the same things, judged by the entities
 * they mention. Entities are weighted by rarity in the archive (inverse
 * document frequency): sharing "Chine" says little, sharing "Lee Jae-myung"
 * and "APEC" says a lot. The score is an overlap coefficient (shared weight
 * over the smaller article's weight), so a short report is not penalised
 * for being shorter than a long one about the same event.
 *
 * Candidates (which pairs are worth scoring at all) come from the entity
 * postings with a bounded amount of work per article, so every user of this
 * module (dates, threads, related articles) stays linear in the archive's
 * size, whatever its entities:
 * - an entity named in at most 2 × POSTINGS_WINDOW articles proposes all of
 *   them;
 * - a more common one ("Emmanuel Macron" in an archive of French politics)
 *   proposes only the POSTINGS_WINDOW articles just before and just after
 *   this one in the index's order (chronological for all callers): stories
 *   are told close in time, so the neighbours are where its other reports
 *   are;
 * - the proposals are summed per article, weighted by the entities' rarity,
 *   into the overlap coefficient below, and only the MAX_CANDIDATES with the
 *   highest are kept (ties: nearest in time).
 * The trade-off: two articles whose only common ground is entities frequent
 * in the archive, and that lie more than POSTINGS_WINDOW reports of each of
 * those entities apart, are never compared; neither is a pair when more than
 * MAX_CANDIDATES others share more weight with the article. An article that
 * shares a rare entity with another always meets it.
 */

export interface EntityIndex {
  /** Article indexes per entity id, in the index's order. */
  postings: Map<string, number[]>;
  idf: Map<string, number>;
  /** Position of each article in the index's order. */
  rank: Int32Array;
}

/** Articles before and after this one proposed by a common entity. */
export const POSTINGS_WINDOW = 64;
/** Candidates kept per article, most shared weight first. */
export const MAX_CANDIDATES = 64;

/**
 * Postings of every entity. `order` lists article indexes in the order the
 * windows of common entities follow (oldest first); by default, input order.
 */
export function buildEntityIndex(sets: Array<Set<string>>, order?: number[]): EntityIndex {
  const sequence = order ?? sets.map((_, i) => i);
  const rank = new Int32Array(sets.length);
  const postings = new Map<string, number[]>();
  sequence.forEach((i, position) => {
    rank[i] = position;
    for (const id of sets[i]!) {
      const list = postings.get(id);
      if (list) list.push(i);
      else postings.set(id, [i]);
    }
  });
  const n = sets.length;
  // +1 inside the log keeps an entity seen in every article slightly above 0.
  const idf = new Map<string, number>();
  for (const [id, list] of postings) idf.set(id, Math.log(1 + n / list.length));
  return { postings, idf, rank };
}

/** The total IDF weight of a set, for overlapScore. */
export function setWeight(set: Set<string>, idf: Map<string, number>): number {
  let weight = 0;
  for (const id of set) weight += idf.get(id) ?? 0;
  return weight;
}

/**
 * Overlap coefficient of two entity sets (shared IDF weight over the lighter
 * set's weight), the shared weight and how many ids are shared. The smaller
 * set is walked; the sets' total weights can be given when the caller
 * computed them once, as the loops over candidates do.
 */
export function overlapScore(
  a: Set<string>,
  b: Set<string>,
  idf: Map<string, number>,
  weightA = setWeight(a, idf),
  weightB = setWeight(b, idf),
): { score: number; weight: number; count: number } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sharedWeight = 0;
  let count = 0;
  for (const id of small) {
    if (!large.has(id)) continue;
    sharedWeight += idf.get(id) ?? 0;
    count++;
  }
  const smaller = Math.min(weightA, weightB);
  return { score: smaller === 0 ? 0 : sharedWeight / smaller, weight: sharedWeight, count };
}

/** First position in `list` (sorted by rank) whose rank is at least `target`. */
function lowerBound(list: number[], rank: Int32Array, target: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rank[list[mid]!]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Proposes candidates for one article at a time, with scratch space reused
 * across articles (one Float64Array of the archive's size, not a map per
 * article).
 */
export class CandidateFinder {
  private readonly weight: Float64Array;
  /** Overlap coefficient of each touched article with the current one. */
  private readonly coefficient: Float64Array;
  /** Each article's own IDF weight, the denominator of `overlapScore`. */
  private readonly total: Float64Array;
  private readonly touched: number[] = [];

  constructor(
    private readonly sets: Array<Set<string>>,
    private readonly index: EntityIndex,
    private readonly limits: { window?: number; maxCandidates?: number } = {},
  ) {
    this.weight = new Float64Array(sets.length);
    this.coefficient = new Float64Array(sets.length);
    this.total = new Float64Array(sets.length);
    sets.forEach((set, i) => {
      for (const id of set) this.total[i]! += index.idf.get(id) ?? 0;
    });
  }

  /**
   * Articles sharing entities with article `i`, most shared weight first
   * (ties: higher overlap coefficient, closest in the index's order, earlier
   * in it); at most maxCandidates. See the module comment for what is left
   * out. Cost: at most 2 × window + 1 postings per entity of the article.
   */
  candidatesFor(i: number): number[] {
    const window = this.limits.window ?? POSTINGS_WINDOW;
    const max = this.limits.maxCandidates ?? MAX_CANDIDATES;
    const { postings, idf, rank } = this.index;
    const { weight, touched } = this;
    const add = (j: number, w: number): void => {
      if (j === i) return;
      if (weight[j] === 0) touched.push(j);
      weight[j]! += w;
    };
    for (const id of this.sets[i]!) {
      const list = postings.get(id);
      if (!list) continue;
      // Never 0: an entity in every article still counts a little.
      const w = idf.get(id)! || Number.EPSILON;
      if (list.length <= 2 * window + 1) {
        for (const j of list) add(j, w);
        continue;
      }
      const at = lowerBound(list, rank, rank[i]!);
      const from = Math.max(0, at - window);
      const to = Math.min(list.length, at + window + 1);
      for (let k = from; k < to; k++) add(list[k]!, w);
    }
    const own = rank[i]!;
    const mine = this.total[i]!;
    // The overlap coefficient the callers score by, from the entities seen
    // here (exact unless a common entity's window left the pair out).
    const { coefficient } = this;
    // Rounded: sums taken in different orders must not break ties.
    for (const j of touched) coefficient[j] = Math.round((weight[j]! / Math.max(Number.EPSILON, Math.min(mine, this.total[j]!))) * 1e9) / 1e9;
    // Negative when a is the better candidate. Shared weight first: the
    // overlap coefficient alone would put an article naming only two common
    // entities, both shared, level with the other report of a story (and
    // common entities are only counted inside their window); then the
    // coefficient, then the nearest in time.
    const compare = (a: number, b: number): number =>
      Math.round((weight[b]! - weight[a]!) * 1e9) ||
      coefficient[b]! - coefficient[a]! ||
      Math.abs(rank[a]! - own) - Math.abs(rank[b]! - own) ||
      rank[a]! - rank[b]!;
    const found = topK(touched, max, compare);
    for (const j of touched) weight[j] = 0;
    touched.length = 0;
    return found;
  }
}

/** The `k` best items (compare < 0: first is better), best first, in
 * O(n log k) with a heap whose root is the worst item kept. */
export function topK<T>(items: T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (items.length <= k) return [...items].sort(compare);
  const heap: T[] = [];
  const worse = (a: T, b: T): boolean => compare(a, b) > 0;
  const siftDown = (at: number): void => {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let top = at;
      if (left < heap.length && worse(heap[left]!, heap[top]!)) top = left;
      if (right < heap.length && worse(heap[right]!, heap[top]!)) top = right;
      if (top === at) return;
      [heap[at], heap[top]] = [heap[top]!, heap[at]!];
      at = top;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!worse(heap[at]!, heap[parent]!)) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (k > 0 && compare(item, heap[0]!) < 0) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}

/** Chronological order of articles (dated first by value, then undated), ties
 * by id, whatever order they come in: the order of the index's windows. */
export function chronologicalOrder(items: Array<{ id: string; date: string | null }>): number[] {
  return items
    .map((_, i) => i)
    .sort((x, y) => {
      const a = items[x]!;
      const b = items[y]!;
      if (a.date !== b.date) {
        if (a.date === null) return 1;
        if (b.date === null) return -1;
        return a.date < b.date ? -1 : 1;
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
}
