/**
 * Long lists as pages and groups: pagination at stable URLs and
 * alphabetical groups by initial letter, in French collation.
 *
 *   paginate(articles, "/personnes/xi-jinping/", 50)
 *   // [{ number: 1, url: "/personnes/xi-jinping/", items: [...50] },
 *   //  { number: 2, url: "/personnes/xi-jinping/page/2/", items: [...] }]
 *
 * Page 1 keeps the list's own URL, so links made before the list grew long
 * stay valid; later pages are `<url>page/<n>/`.
 */

export const PAGE_SIZE = 50;

export interface Page<T> {
  number: number;
  total: number;
  url: string;
  items: T[];
  previousUrl: string | null;
  nextUrl: string | null;
  /** Every page's number and URL, for the page navigation. */
  links: Array<{ number: number; url: string }>;
  /** On a list split by year (paginateByYear), which part this page is of:
   * number, total, links, previous and next are then those of the part. */
  part?: PagePart;
}

/** A part of a list split by year: its front page or one year. */
export interface PagePart {
  /** "2015", "Sans date", or the front page's label ("Les plus récents"). */
  label: string;
  /** After a count: "en 2015", "sans date"; the front page: "en tout". */
  after: string;
  /** True on the front page (the list's own URL), false on a year's pages. */
  front: boolean;
  /** How many items the part has (all its pages). */
  count: number;
  /** Every part of the list, in order, for the navigation. */
  parts: Array<{ label: string; url: string }>;
}

export function pageUrl(base: string, number: number): string {
  return number === 1 ? base : `${base}page/${number}/`;
}

/** Always at least one page, so an empty list still has its URL. */
export function paginate<T>(items: T[], base: string, size = PAGE_SIZE): Array<Page<T>> {
  const total = Math.max(1, Math.ceil(items.length / size));
  const links = Array.from({ length: total }, (_, i) => ({ number: i + 1, url: pageUrl(base, i + 1) }));
  return links.map(({ number, url }) => ({
    number,
    total,
    url,
    items: items.slice((number - 1) * size, number * size),
    previousUrl: number > 1 ? pageUrl(base, number - 1) : null,
    nextUrl: number < total ? pageUrl(base, number + 1) : null,
    links,
  }));
}

/** The part of a list an item belongs to: a year ("2015"), or null for undated items. */
export type YearOf<T> = (item: T) => string | null;

/** The part of the items without a year: its URL slug, its label, and what follows a count ("3 articles sans date"). */
export interface UndatedPart {
  slug: string;
  label: string;
  after: string;
}

export const UNDATED_PART: UndatedPart = { slug: "sans-date", label: "Sans date", after: "sans date" };

/**
 * A long list split by year, for the lists that grow with the archive (an
 * entity's or a topic's articles, a subject's events). Numbered pages of the
 * whole list would all shift when an item is added anywhere but at the end,
 * and every one of them would be rendered again; a year's pages only change
 * when an item of that year is added, and links to them stay valid.
 *
 *   paginateByYear(articles, "/personnes/xi-jinping/", (a) => a.year, "Les plus récents")
 *   // [{ url: "/personnes/xi-jinping/", part: { label: "Les plus récents", front: true, … }, items: the first 50 },
 *   //  { url: "/personnes/xi-jinping/2025/", part: { label: "2025", … } },
 *   //  { url: "/personnes/xi-jinping/2024/" }, { url: "/personnes/xi-jinping/2024/page/2/" }, …,
 *   //  { url: "/personnes/xi-jinping/sans-date/", part: { label: "Sans date", … } }]
 *
 * A list that fits on one page is one page, as with `paginate`. Otherwise the
 * front page (the list's own URL) shows its first `size` items, in the
 * list's order, and each year (in the order the list meets them; the list
 * is expected in date order) has its own pages of `size`.
 */
export function paginateByYear<T>(
  items: T[],
  base: string,
  yearOf: YearOf<T>,
  frontLabel: string,
  size = PAGE_SIZE,
  undated: UndatedPart = UNDATED_PART,
): Array<Page<T>> {
  if (items.length <= size) return paginate(items, base, size);
  const years = new Map<string, T[]>();
  for (const item of items) {
    const year = yearOf(item) ?? undated.slug;
    const list = years.get(year);
    if (list) list.push(item);
    else years.set(year, [item]);
  }
  const parts = [
    { label: frontLabel, url: base },
    ...[...years.keys()].map((year) => ({ label: year === undated.slug ? undated.label : year, url: `${base}${year}/` })),
  ];
  const front: PagePart = { label: frontLabel, after: "en tout", front: true, count: items.length, parts };
  const pages: Array<Page<T>> = paginate(items.slice(0, size), base, size).map((page) => ({ ...page, part: front }));
  for (const [i, [year, list]] of [...years].entries()) {
    const { label, url } = parts[i + 1]!;
    const part: PagePart = { label, after: year === undated.slug ? undated.after : `en ${year}`, front: false, count: list.length, parts };
    for (const page of paginate(list, url, size)) pages.push({ ...page, part });
  }
  return pages;
}

/** What a page adds to its list's name in its title: ", 2015", ", 2015, page 2", ", page 2", or nothing. */
export function pageSuffix(page: Pick<Page<unknown>, "number" | "part">): string {
  return `${page.part && !page.part.front ? `, ${page.part.label}` : ""}${page.number > 1 ? `, page ${page.number}` : ""}`;
}

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/** French alphabetical order: accents and case only break ties (É after E
 * but before F), numbers in numeric order. */
export function compareFrench(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** "Élysée" → "E", "Œuvre" → "O", "3M" → "#": the letter a reader looks under. */
export function initialOf(name: string): string {
  const first = name
    .trim()
    .replace(/^[«"“'’(\[\s\u00a0\u202f]+/, "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .charAt(0)
    .toUpperCase();
  if (first === "Œ") return "O";
  if (first === "Æ") return "A";
  return /^[A-Z]$/.test(first) ? first : "#";
}

export interface LetterGroup<T> {
  letter: string;
  /** Fragment id, e.g. "lettre-e" or "lettre-autres". */
  anchor: string;
  items: T[];
}

/** Items sorted in French order and grouped by initial; "#" (digits,
 * symbols, other scripts) comes last. */
export function groupByInitial<T>(items: T[], nameOf: (item: T) => string): Array<LetterGroup<T>> {
  const sorted = [...items].sort((a, b) => compareFrench(nameOf(a), nameOf(b)));
  const groups = new Map<string, T[]>();
  for (const item of sorted) {
    const letter = initialOf(nameOf(item));
    const group = groups.get(letter);
    if (group) group.push(item);
    else groups.set(letter, [item]);
  }
  return [...groups]
    .sort((a, b) => (a[0] === "#" ? 1 : b[0] === "#" ? -1 : a[0].localeCompare(b[0])))
    .map(([letter, list]) => ({ letter, anchor: `lettre-${letter === "#" ? "autres" : letter.toLowerCase()}`, items: list }));
}
