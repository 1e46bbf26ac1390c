/**
 * Render only the pages whose data changed.
 *
 * Most of a build's time goes into rendering pages, and after an article is
 * added most pages are what they were: the new article's entities, topic,
 * thread, archive month and related articles change, the rest does not.
 * Like make, we keep for every page of the paginated templates a key — a
 * hash of the data its template reads (its item of the SiteView, which is
 * bounded and self-contained) and of everything else that shapes the output
 * (the code, the templates, the settings: `codeFingerprint`). A page whose
 * key is the one recorded for the file now in the output folder, and whose
 * file is still exactly that file (same inode, size and modification time),
 * is not rendered again: the build links the existing file into the new
 * site. Every other page is rendered as usual.
 *
 * The record (the manifest) lives in the cache folder and is rewritten after
 * every build; deleting it, or the cache, only makes the next build render
 * everything. Pages that are not paginated (home, indexes, feeds, JSON
 * export, sitemap) are few and always rendered.
 */
import { createHash } from "node:crypto";
import { lstatSync, type BigIntStats } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SiteView } from "./view.ts";
import { outputFileOf } from "../link/urls.ts";
import { withSharedDigests } from "./shared-values.ts";

/** The paginated lists of the SiteView: name → the list, each item's page URL
 * (as the template's permalink writes it) and the template that paginates it. */
const PAGINATED = {
  articles: { list: (v: SiteView) => v.articles, url: (item: SiteView["articles"][number]) => item.url },
  entityPages: { list: (v: SiteView) => v.entityPages, url: (item: SiteView["entityPages"][number]) => item.page.url },
  topicPages: { list: (v: SiteView) => v.topicPages, url: (item: SiteView["topicPages"][number]) => item.page.url },
  threadPages: { list: (v: SiteView) => v.threadPages, url: (item: SiteView["threadPages"][number]) => item.page.url },
  eventPages: { list: (v: SiteView) => v.eventPages, url: (item: SiteView["eventPages"][number]) => item.page.url },
  timelineYearPages: { list: (v: SiteView) => v.timeline.yearPages, url: (item: SiteView["timeline"]["yearPages"][number]) => item.page.url },
  archivePages: { list: (v: SiteView) => v.archives.pages, url: (item: SiteView["archives"]["pages"][number]) => item.page.url },
} as const;

type ListName = keyof typeof PAGINATED;
type Lists = Record<ListName, unknown[]>;

/** The view's paginated lists, by name. */
function listsOf(view: SiteView): Lists {
  return Object.fromEntries((Object.keys(PAGINATED) as ListName[]).map((name) => [name, PAGINATED[name].list(view)])) as Lists;
}

/** `view` with its paginated lists replaced by `lists`. */
function withLists(view: SiteView, lists: Lists): SiteView {
  return {
    ...view,
    articles: lists.articles as SiteView["articles"],
    entityPages: lists.entityPages as SiteView["entityPages"],
    topicPages: lists.topicPages as SiteView["topicPages"],
    threadPages: lists.threadPages as SiteView["threadPages"],
    eventPages: lists.eventPages as SiteView["eventPages"],
    timeline: { ...view.timeline, yearPages: lists.timelineYearPages as SiteView["timeline"]["yearPages"] },
    archives: { ...view.archives, pages: lists.archivePages as SiteView["archives"]["pages"] },
  };
}

/** The templates of the paginated lists; every other template makes a few
 * single pages (home, indexes, feeds, JSON export…), rendered in the first batch. */
export const PAGINATED_TEMPLATES = ["article.njk", "entity.njk", "topic.njk", "thread.njk", "event-pages.njk", "timeline-year.njk", "archive-period.njk"];

/** Pages per Eleventy run. Eleventy keeps every page of a run in memory
 * until the run ends, so a large archive is rendered in batches: memory is
 * bounded by the batch, not by the archive. */
export const RENDER_BATCH_PAGES = 1000;

/** The view of one rendering batch: `singles` says whether it also renders
 * the single pages (templates outside PAGINATED_TEMPLATES). */
export interface RenderBatch {
  view: SiteView;
  singles: boolean;
  pages: number;
}

/**
 * Splits the pages to render into batches of at most `size` paginated pages
 * (list by list, in order); the first batch also renders the single pages.
 * Article pages never share a batch with the other lists' pages: the search
 * index reads only article pages, so it can be built beside the batches
 * that follow them (src/search/aside.ts). There is always at least one batch.
 */
export function renderBatches(view: SiteView, size = RENDER_BATCH_PAGES): RenderBatch[] {
  const lists = listsOf(view);
  const empty = (): Lists => Object.fromEntries(Object.keys(lists).map((name) => [name, []])) as unknown as Lists;
  const parts: Array<{ lists: Lists; pages: number }> = [{ lists: empty(), pages: 0 }];
  for (const name of Object.keys(lists) as ListName[]) {
    const afterArticles = name !== "articles" && parts[parts.length - 1]!.lists.articles.length > 0;
    for (let from = 0; from < lists[name].length; ) {
      let last = parts[parts.length - 1]!;
      if (last.pages >= size || (afterArticles && last.lists.articles.length > 0)) parts.push((last = { lists: empty(), pages: 0 }));
      const take = Math.min(size - last.pages, lists[name].length - from);
      last.lists[name] = lists[name].slice(from, from + take);
      last.pages += take;
      from += take;
    }
  }
  return parts.map(({ lists: part, pages }, i) => ({
    singles: i === 0,
    pages,
    // The entity index pages are single pages too.
    view: { ...withLists(view, part), entityIndexes: i === 0 ? view.entityIndexes : [] },
  }));
}


/** A page of the last build, as the manifest remembers it. */
export interface PageRecord {
  key: string;
  /** The file's identity once the site was in place (BigInt stats as strings). */
  ino: string;
  size: string;
  mtimeNs: string;
  /** The page's sitemap entry, or null when the sitemap leaves it out. */
  sitemap: { lastmod: string | null } | null;
}

export interface RenderManifest {
  version: 1;
  outputDir: string;
  /** Output file (relative, "/" separators) → record. */
  pages: Record<string, PageRecord>;
}

export interface PlannedPage {
  list: ListName;
  url: string;
  file: string;
  key: string;
}

/** Every paginated page of `view` with its key. `codeFingerprint` covers the
 * code, templates and settings; items are hashed as JSON, which is
 * deterministic because the view is built deterministically, with the
 * values many pages share hashed once (shared-values.ts). */
export function pageKeys(view: SiteView, codeFingerprint: string): PlannedPage[] {
  const pages: PlannedPage[] = [];
  withSharedDigests(() => {
    for (const [list, items] of Object.entries(listsOf(view)) as Array<[ListName, unknown[]]>) {
      const url = PAGINATED[list].url as (item: unknown) => string;
      for (const item of items) {
        const pageUrl = url(item);
        const key = createHash("sha256").update(codeFingerprint).update("\0").update(list).update("\0").update(JSON.stringify(item)).digest("base64url");
        pages.push({ list, url: pageUrl, file: outputFileOf(pageUrl), key });
      }
    }
  });
  return pages;
}

export interface RenderPlan {
  /** The view Eleventy renders: the paginated lists hold only the pages to render. */
  view: SiteView;
  /** Pages kept from the previous site, with their records. */
  reused: Array<PlannedPage & { record: PageRecord }>;
  /** Every paginated page of this build. */
  pages: PlannedPage[];
}

function sameFile(stats: BigIntStats, record: PageRecord): boolean {
  return stats.isFile() && String(stats.ino) === record.ino && String(stats.size) === record.size && String(stats.mtimeNs) === record.mtimeNs;
}

/**
 * Decides which pages to render. A page is reused when the manifest has its
 * key for its file and the file in `outputDir` is still the one recorded.
 */
export async function planRender(view: SiteView, pages: PlannedPage[], manifest: RenderManifest | null, outputDir: string): Promise<RenderPlan> {
  const reused: RenderPlan["reused"] = [];
  const reusedFiles = new Set<string>();
  if (manifest && manifest.outputDir === outputDir) {
    const candidates = pages.filter((p) => manifest.pages[p.file]?.key === p.key);
    // One after the other, synchronously: for thousands of files that is
    // several times faster than asynchronous calls (src/concurrency.ts).
    const checked = candidates.map((page) => {
      const record = manifest.pages[page.file]!;
      try {
        return sameFile(lstatSync(path.join(outputDir, page.file), { bigint: true }), record) ? { ...page, record } : null;
      } catch {
        return null;
      }
    });
    for (const page of checked) {
      if (!page) continue;
      reused.push(page);
      reusedFiles.add(page.file);
    }
  }
  if (reused.length === 0) return { view, reused, pages };
  const lists = listsOf(view);
  for (const name of Object.keys(lists) as ListName[]) {
    const url = PAGINATED[name].url as (item: unknown) => string;
    lists[name] = lists[name].filter((item) => !reusedFiles.has(outputFileOf(url(item))));
  }
  return { view: withLists(view, lists), reused, pages };
}

function manifestFile(cacheDir: string): string {
  return path.join(cacheDir, "rendered-pages.json");
}

/** The manifest of the last build, or null (none, unreadable, another version). */
export async function readManifest(cacheDir: string): Promise<RenderManifest | null> {
  try {
    const manifest = JSON.parse(await readFile(manifestFile(cacheDir), "utf8")) as RenderManifest;
    return manifest.version === 1 && typeof manifest.pages === "object" ? manifest : null;
  } catch {
    return null;
  }
}

/**
 * Records the pages of the site now in `outputDir`: each page's key, its
 * file's identity and its sitemap entry. Written to a temporary file and
 * renamed, so a reader never sees half a manifest. `unchanged` gives the
 * records of files known to be the very files recorded before (pages kept
 * as hard links), which are not looked at again.
 */
export async function writeManifest(
  cacheDir: string,
  outputDir: string,
  pages: PlannedPage[],
  sitemap: (page: PlannedPage) => PageRecord["sitemap"] | undefined,
  unchanged: ReadonlyMap<string, PageRecord> = new Map(),
): Promise<number> {
  const records: RenderManifest["pages"] = {};
  for (const page of pages) {
    const entry = sitemap(page);
    if (entry === undefined) continue; // not written: nothing to remember
    const known = unchanged.get(page.file);
    if (known?.key === page.key) {
      records[page.file] = { ...known, sitemap: entry };
      continue;
    }
    try {
      const stats = lstatSync(path.join(outputDir, page.file), { bigint: true });
      if (!stats.isFile()) continue;
      records[page.file] = { key: page.key, ino: String(stats.ino), size: String(stats.size), mtimeNs: String(stats.mtimeNs), sitemap: entry };
    } catch {
      // Missing: the next build renders it.
    }
  }
  const manifest: RenderManifest = { version: 1, outputDir, pages: records };
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${manifestFile(cacheDir)}.${process.pid}`;
  await writeFile(temporary, JSON.stringify(manifest));
  await rename(temporary, manifestFile(cacheDir));
  return Object.keys(records).length;
}
