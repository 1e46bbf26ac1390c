/**
 * Dates written as a French reader writes them, at their own precision. Used
 * by the link stage (thread summaries in the export), the search facets and
 * the site's pages, so it lives below all three.
 */

const MONTHS = [
  "janvier", "février", "mars", "avril", "mai", "juin",
  "juillet", "août", "septembre", "octobre", "novembre", "décembre",
];
const SEASONS: Record<string, string> = { SP: "printemps", SU: "été", FA: "automne", WI: "hiver" };

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
    return `${day === 1 ? "1er" : day}\u00a0${monthName(Number(m[2]))} ${m[1]}`;
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
