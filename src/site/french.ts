/**
 * French presentation rules: dates as a French reader writes them (from
 * src/extract/text/french-dates.ts, shared with the link stage) and the
 * spacing of French typography (Imprimerie nationale's Lexique des règles
 * typographiques): a no-break space inside « » and before : ; ! ?.
 */

export const NBSP = "\u00a0";
/** Narrow no-break space, used before ; ! ? as typographers recommend. */
export const NNBSP = "\u202f";

export { formatDate, monthName } from "../extract/text/french-dates.ts";

/** Texts that French spacing may change: with a mark it spaces. */
const SPACED_MARKS = /[«»:;!?]/;

/**
 * frenchSpacing's results, by text. The same titles and names are printed
 * on many pages (an article's title in every list that links it): about
 * 116,000 calls for 9,300 pages at 4,000 articles, most of them on a text
 * seen before. Cleared when full, like the stem cache.
 */
const spaced = new Map<string, string>();
const SPACED_LIMIT = 50_000;

/** Applies French spacing to plain text (not HTML). Idempotent. */
export function frenchSpacing(text: string): string {
  if (!SPACED_MARKS.test(text)) return text;
  let result = spaced.get(text);
  if (result === undefined) {
    if (spaced.size >= SPACED_LIMIT) spaced.clear();
    result = spaceMarks(text);
    spaced.set(text, result);
  }
  return result;
}

function spaceMarks(text: string): string {
  return text
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
    .replace(/(\S)[ \u00a0\u202f]*:(?=[\s«]|$)/gu, `$1${NBSP}:`)
    .replace(/:«/g, ": «")
    .replace(/(\S)[ \u00a0\u202f]*([;!?])(?=\s|$|[»”"])/gu, (all, before: string, mark: string) =>
      // "?!" and "!!" keep their marks together; URLs never contain " ?".
      /[!?;]/.test(before) ? all : `${before}${NNBSP}${mark}`,
    );
}

/** Applies French spacing to the text nodes of an HTML fragment. */
export function frenchSpacingHtml(html: string): string {
  return html.replace(/(^|>)([^<]+)(?=<|$)/g, (_all, open: string, text: string) => open + frenchSpacing(text));
}

/** "1 article", "3 articles". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count}${NBSP}${count > 1 ? pluralForm : singular}`;
}
