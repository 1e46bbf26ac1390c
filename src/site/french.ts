/**
 * French presentation rules: dates as a French reader writes them and the
 * spacing of French typography (Imprimerie nationale's Lexique des règles
 * typographiques): a no-break space inside « » and before : ; ! ?.
 */

const MONTHS = [
  "janvier", "février", "mars", "avril", "mai", "juin",
  "juillet", "août", "septembre", "octobre", "novembre", "décembre",
];
const SEASONS: Record<string, string> = { SP: "printemps", SU: "été", FA: "automne", WI: "hiver" };

export const NBSP = "\u00a0";
/** Narrow no-break space, used before ; ! ? as typographers recommend. */
export const NNBSP = "\u202f";

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? "";
}

/**
 * A TIMEX3 / ISO value as French text at its own precision:
 * "1er novembre 2025", "septembre 2015", "2021", "années 1950",
 * "troisième trimestre 2020", "automne 2019".
 */
export function formatDate(value: string): string {
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) {
    const day = Number(m[3]);
    return `${day === 1 ? "1er" : day}${NBSP}${monthName(Number(m[2]))} ${m[1]}`;
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) return `${monthName(Number(m[2]))} ${m[1]}`;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) return `${["premier", "deuxième", "troisième", "quatrième"][Number(m[2]) - 1]} trimestre ${m[1]}`;
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value))) return `${SEASONS[m[2]!]} ${m[1]}`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) return `semaine ${Number(m[2])} de ${m[1]}`;
  if ((m = /^(\d{3})X$/.exec(value))) return `années ${m[1]}0`;
  if ((m = /^(\d{2})$/.exec(value))) return `${Number(m[1]) + 1}e siècle`;
  if (/^\d{4}$/.test(value)) return value;
  return value;
}

/** Applies French spacing to plain text (not HTML). Idempotent. */
export function frenchSpacing(text: string): string {
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
