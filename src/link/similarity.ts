/**
 * How much two articles are about the same things, judged by the entities
 * they mention. Entities are weighted by rarity in the archive (inverse
 * document frequency): sharing "Chine" says little, sharing "Lee Jae-myung"
 * and "APEC" says a lot. The score is an overlap coefficient (shared weight
 * over the smaller article's weight), so a short report is not penalised
 * for being shorter than a long one about the same event.
 */

export interface EntityIndex {
  /** Article indexes per entity id. */
  postings: Map<string, number[]>;
  idf: Map<string, number>;
}

export function buildEntityIndex(sets: Array<Set<string>>): EntityIndex {
  const postings = new Map<string, number[]>();
  sets.forEach((set, i) => {
    for (const id of set) {
      const list = postings.get(id);
      if (list) list.push(i);
      else postings.set(id, [i]);
    }
  });
  const n = sets.length;
  // +1 inside the log keeps an entity seen in every article slightly above 0.
  const idf = new Map([...postings].map(([id, list]) => [id, Math.log(1 + n / list.length)]));
  return { postings, idf };
}

export function overlap(a: Set<string>, b: Set<string>, idf: Map<string, number>): { score: number; shared: string[] } {
  let weightA = 0;
  let weightB = 0;
  let sharedWeight = 0;
  const shared: string[] = [];
  for (const id of a) weightA += idf.get(id) ?? 0;
  for (const id of b) {
    const w = idf.get(id) ?? 0;
    weightB += w;
    if (a.has(id)) {
      sharedWeight += w;
      shared.push(id);
    }
  }
  const smaller = Math.min(weightA, weightB);
  return { score: smaller === 0 ? 0 : sharedWeight / smaller, shared };
}

/** Articles sharing at least one not-too-common entity with article `i`. */
export function candidatesFor(i: number, sets: Array<Set<string>>, index: EntityIndex, maxPostings: number): number[] {
  const found = new Set<number>();
  for (const id of sets[i]!) {
    const list = index.postings.get(id)!;
    if (list.length > maxPostings) continue;
    for (const j of list) if (j !== i) found.add(j);
  }
  return [...found].sort((a, b) => a - b);
}
