/**
 * French stopwords (function words and very common adverbs), from
 * `data/stopwords-fr.json`. Compared in lowercase, accents kept.
 *
 *   isStopword("Pourtant") // true
 *   isStopword("Xiaomi")   // false
 */
import { readFileSync } from "node:fs";

const words: string[] = JSON.parse(
  readFileSync(new URL("./data/stopwords-fr.json", import.meta.url), "utf8"),
) as string[];

/** The list, lowercase. Read-only: do not mutate. */
export const FRENCH_STOPWORDS: ReadonlySet<string> = new Set(words.map((w) => w.toLowerCase()));

/** True when `word` (any case; typographic apostrophe allowed) is a French stopword. */
export function isStopword(word: string): boolean {
  const lower = word.toLowerCase();
  return FRENCH_STOPWORDS.has(lower.includes("’") ? lower.replace(/’/g, "'") : lower);
}
