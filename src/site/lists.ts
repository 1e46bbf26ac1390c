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
