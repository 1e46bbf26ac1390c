// The archive's search over its Pagefind shards (one per year, plus undated
// articles and entities), merged with Pagefind's multi-index search, made to
// answer as one index would:
//
// - Pagefind "backtracks" a word missing from an index to its longest prefix
//   that is there ("xiaomi" → "xi"). A single index does that only when the
//   word is missing from the whole archive; a shard does it whenever the word
//   is missing from that year. So each query word is first looked up exactly
//   (a quoted search: stemmed and accent-folded, never backtracked) and, when
//   some shards have every word that exists somewhere, the search is limited
//   to those shards.
// - Sorting by date: dated shards are years (or months of a large year), so a
//   date-sorted search walks them in date order. Pages without a date are left out of a date-sorted
//   search, as Pagefind does for pages without the sort key.
//
// Each shard is tagged with a filter of its own (Pagefind's mergeFilter), which
// is how a search is limited to some shards; it is hidden from filters().

export const SHARD_FILTER = "tranche";

export async function openArchiveSearch(bundleRoot, baseUrl) {
  const response = await fetch(new URL("manifest.json", bundleRoot));
  if (!response.ok) throw new Error(`pagefind/manifest.json: HTTP ${response.status}`);
  const manifest = await response.json();
  if (!manifest.shards.length) return null;
  const [primary, ...others] = manifest.shards;
  const pagefind = await import(new URL(`${primary.path}pagefind.js`, bundleRoot).href);
  await pagefind.options({ baseUrl, excerptLength: 24, mergeFilter: { [SHARD_FILTER]: primary.id } });
  for (const shard of others) {
    await pagefind.mergeIndex(new URL(shard.path, bundleRoot).pathname, { baseUrl, mergeFilter: { [SHARD_FILTER]: shard.id } });
  }
  // Dated shards are years ("2025"), or months of a large year ("2025-03").
  const datedShards = manifest.shards.map((s) => s.id).filter((id) => /^\d{4}(-\d{2})?$/.test(id));

  const withoutShardFilter = (counts) => {
    const copy = { ...counts };
    delete copy[SHARD_FILTER];
    return copy;
  };

  /** The shards that hold every query word found anywhere; null: no limit. */
  async function shardsFor(query) {
    const words = [...new Set(query.toLocaleLowerCase("fr").replace(/"/g, " ").split(/\s+/).filter(Boolean))];
    let shards = null;
    for (const word of words) {
      const probe = await pagefind.search(`"${word}"`);
      const holding = Object.entries(probe?.filters?.[SHARD_FILTER] ?? {}).filter(([, count]) => count > 0).map(([id]) => id);
      if (holding.length === 0) continue; // missing everywhere: Pagefind backtracks it in every shard alike
      shards = shards === null ? holding : shards.filter((id) => holding.includes(id));
    }
    return shards;
  }

  /**
   * Results as Pagefind gives them ({id, score, data()}), most relevant first
   * or by date. `filters`: {personne: "…", annee: "2024", …}; `order`:
   * "" (relevance), "recent" or "ancien".
   */
  async function search(query, { filters = {}, order = "" } = {}) {
    const text = query.trim();
    const limit = text ? await shardsFor(text) : null;
    if (limit && limit.length === 0) return { results: [], datedOnly: Boolean(order) };
    if (!order) {
      const scoped = limit ? { ...filters, [SHARD_FILTER]: { any: limit } } : filters;
      const found = await pagefind.search(text || null, { filters: scoped });
      return { results: found?.results ?? [], datedOnly: false };
    }
    const direction = order === "ancien" ? "asc" : "desc";
    // "2025" (dated to the year only) sorts before "2025-01" as its dates do.
    const periods = [...datedShards].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (direction === "desc") periods.reverse();
    const results = [];
    for (const period of periods) {
      if (limit && !limit.includes(period)) continue;
      if (filters.annee && filters.annee !== period.slice(0, 4)) continue;
      const found = await pagefind.search(text || null, { filters: { ...filters, [SHARD_FILTER]: period }, sort: { date: direction } });
      results.push(...(found?.results ?? []));
    }
    return { results, datedOnly: true };
  }

  return {
    shards: manifest.shards,
    filters: async () => withoutShardFilter(await pagefind.filters()),
    search,
  };
}
