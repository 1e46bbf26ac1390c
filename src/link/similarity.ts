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

/** What two articles share: `score` is the overlap coefficient. */
export interface Overlap {
  score: number;
  /** Shared IDF weight. */
  weight: number;
  /** How many ids are shared. */
  count: number;
}

/**
 * The articles' entity sets, indexed. Besides the postings and IDF by id,
 * each article's set is held as entity numbers, sorted, in one array (the
 * numbers follow the ids' order): comparing two articles is then a merge of
 * two short runs of integers in memory that is read in order, where walking
 * one Set and looking each id up in the other cost 1.7 times as much per
 * pair at 20,000 articles as at 4,000 (sets scattered over a larger heap).
 * Shared weights are summed in entity order, so they do not depend on the
 * order the articles or their mentions came in.
 */
export class EntityIndex {
  /** Article indexes per entity id, in the index's order. */
  readonly postings: Map<string, number[]>;
  readonly idf: Map<string, number>;
  /** Position of each article in the index's order. */
  readonly rank: Int32Array;
  /** Each article's total IDF weight, the denominator of the overlap coefficient. */
  readonly weights: Float64Array;
  /** Article i's entity numbers are members[start[i]] … members[start[i + 1] - 1]. */
  private readonly start: Int32Array;
  private readonly members: Int32Array;
  /** IDF and postings by entity number. */
  readonly idfOf: Float64Array;
  readonly postingsOf: number[][];

  constructor(sets: Array<Set<string>>, sequence: number[]) {
    this.rank = new Int32Array(sets.length);
    this.postings = new Map();
    sequence.forEach((i, position) => {
      this.rank[i] = position;
      for (const id of sets[i]!) {
        const list = this.postings.get(id);
        if (list) list.push(i);
        else this.postings.set(id, [i]);
      }
    });
    const n = sets.length;
    const ids = [...this.postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const numberOf = new Map(ids.map((id, k) => [id, k]));
    this.idf = new Map();
    this.idfOf = new Float64Array(ids.length);
    this.postingsOf = ids.map((id, k) => {
      const list = this.postings.get(id)!;
      // +1 inside the log keeps an entity seen in every article slightly above 0.
      const idf = Math.log(1 + n / list.length);
      this.idf.set(id, idf);
      this.idfOf[k] = idf;
      return list;
    });
    this.start = new Int32Array(n + 1);
    let total = 0;
    sets.forEach((set, i) => {
      this.start[i] = total;
      total += set.size;
    });
    this.start[n] = total;
    this.members = new Int32Array(total);
    this.weights = new Float64Array(n);
    sets.forEach((set, i) => {
      const from = this.start[i]!;
      let at = from;
      for (const id of set) this.members[at++] = numberOf.get(id)!;
      const run = this.members.subarray(from, at).sort();
      let weight = 0;
      for (const k of run) weight += this.idfOf[k]!;
      this.weights[i] = weight;
    });
  }

  /** How many entities article i has. */
  size(i: number): number {
    return this.start[i + 1]! - this.start[i]!;
  }

  /** Article i's entity numbers, ascending (a view, not a copy). */
  numbersOf(i: number): Int32Array {
    return this.members.subarray(this.start[i]!, this.start[i + 1]!);
  }

  /** The overlap of articles i and j (shared IDF weight over the lighter one's weight). */
  overlap(i: number, j: number): Overlap {
    const { members, idfOf } = this;
    let a = this.start[i]!;
    let b = this.start[j]!;
    const aEnd = this.start[i + 1]!;
    const bEnd = this.start[j + 1]!;
    let weight = 0;
    let count = 0;
    while (a < aEnd && b < bEnd) {
      const x = members[a]!;
      const y = members[b]!;
      if (x === y) {
        weight += idfOf[x]!;
        count++;
        a++;
        b++;
      } else if (x < y) a++;
      else b++;
    }
    const smaller = Math.min(this.weights[i]!, this.weights[j]!);
    return { score: smaller === 0 ? 0 : weight / smaller, weight, count };
  }
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
  return new EntityIndex(sets, order ?? sets.map((_, i) => i));
}

/** The total IDF weight of a set, for overlapScore. */
export function setWeight(set: Set<string>, idf: Map<string, number>): number {
  let weight = 0;
  for (const id of set) weight += idf.get(id) ?? 0;
  return weight;
}

/**
 * Overlap coefficient of two entity sets that are not both articles of an
 * index (a thread's core, say): shared IDF weight over the lighter set's
 * weight, the shared weight and how many ids are shared. The smaller set is
 * walked. For two articles of an index, EntityIndex.overlap is faster.
 */
export function overlapScore(a: Set<string>, b: Set<string>, idf: Map<string, number>): Overlap {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sharedWeight = 0;
  let count = 0;
  for (const id of small) {
    if (!large.has(id)) continue;
    sharedWeight += idf.get(id) ?? 0;
    count++;
  }
  const smaller = Math.min(setWeight(a, idf), setWeight(b, idf));
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

/** Shared weights closer than this are equal (sums taken in different
 * orders): the order in candidatesFor rounds their difference to 1e-9. */
const WEIGHT_EPSILON = 1e-9;

/**
 * Proposes candidates for one article at a time, with scratch space reused
 * across articles (typed arrays of the archive's size, not a map per
 * article).
 */
export class CandidateFinder {
  private readonly weight: Float64Array;
  /** Overlap coefficient of each kept article with the current one. */
  private readonly coefficient: Float64Array;
  /** The touched articles' shared weights, sorted to find the cut-off. */
  private readonly scratch: Float64Array;
  private readonly touched: number[] = [];

  constructor(
    private readonly index: EntityIndex,
    private readonly limits: { window?: number; maxCandidates?: number } = {},
  ) {
    const n = index.rank.length;
    this.weight = new Float64Array(n);
    this.coefficient = new Float64Array(n);
    this.scratch = new Float64Array(n);
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
    const { rank, idfOf, postingsOf, weights: total } = this.index;
    const { weight, touched } = this;
    for (const k of this.index.numbersOf(i)) {
      const list = postingsOf[k]!;
      // Never 0: an entity in every article still counts a little.
      const w = idfOf[k]! || Number.EPSILON;
      let from = 0;
      let to = list.length;
      if (list.length > 2 * window + 1) {
        const at = lowerBound(list, rank, rank[i]!);
        from = Math.max(0, at - window);
        to = Math.min(list.length, at + window + 1);
      }
      for (let p = from; p < to; p++) {
        const j = list[p]!;
        if (j === i) continue;
        if (weight[j] === 0) touched.push(j);
        weight[j]! += w;
      }
    }
    // Most touched articles share one common entity; only those whose shared
    // weight reaches about the max-th highest can be kept (the order below
    // compares shared weight first), so only they are ranked.
    let pool = touched;
    if (touched.length > 2 * max) {
      const { scratch } = this;
      for (let t = 0; t < touched.length; t++) scratch[t] = weight[touched[t]!]!;
      const cutoff = scratch.subarray(0, touched.length).sort()[touched.length - max]! - WEIGHT_EPSILON;
      pool = touched.filter((j) => weight[j]! >= cutoff);
    }
    const own = rank[i]!;
    const mine = total[i]!;
    // The overlap coefficient the callers score by, from the entities seen
    // here (exact unless a common entity's window left the pair out).
    const { coefficient } = this;
    // Rounded: sums taken in different orders must not break ties.
    for (const j of pool) coefficient[j] = Math.round((weight[j]! / Math.max(Number.EPSILON, Math.min(mine, total[j]!))) * 1e9) / 1e9;
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
    const found = topK(pool, max, compare);
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
