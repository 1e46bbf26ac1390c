/**
 * Event keys that name the same kind of happening (data/synonyms.json).
 *
 *   canonicalKeys(contentTerms("reçoit une médaille"))
 *   // the same keys as canonicalKeys(contentTerms("a reçu une récompense")):
 *   // "reçoit" and "reçu" become the key of "recevoir", "médaille" that of
 *   // "récompense".
 *
 * Members are stemmed like event text (../stem/terms.ts), so one member covers
 * its plural and feminine; phrases ("liste noire") match consecutive content
 * terms, longest first. A key is the stems of its set's first member.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { contentTerms } from "../stem/terms.ts";

const SynonymsFile = z.object({
  description: z.string().optional(),
  sets: z.array(z.array(z.string().min(1)).min(2)).min(1),
});

interface Compiled {
  /** First stem → phrases starting with it (stems, canonical key), longest first. */
  byFirst: Map<string, Array<{ stems: string[]; key: string }>>;
  /** Single stem → canonical key. */
  single: Map<string, string>;
}

const stemsOf = (phrase: string): string[] => contentTerms(phrase, { generic: true }).map((t) => t.stem);

let compiled: Compiled | null = null;

function load(): Compiled {
  if (compiled) return compiled;
  const raw: unknown = JSON.parse(readFileSync(new URL("./data/synonyms.json", import.meta.url), "utf8"));
  const parsed = SynonymsFile.safeParse(raw);
  if (!parsed.success) throw new Error(`src/extract/events/data/synonyms.json is invalid: ${parsed.error.message}`);
  const byFirst = new Map<string, Array<{ stems: string[]; key: string }>>();
  const single = new Map<string, string>();
  for (const set of parsed.data.sets) {
    const key = stemsOf(set[0]!).join(" ");
    if (!key) throw new Error(`src/extract/events/data/synonyms.json: "${set[0]}" has no content word`);
    for (const member of set) {
      const stems = stemsOf(member);
      if (stems.length === 0) continue;
      // The first set to claim a form keeps it: sets are ordered by priority.
      if (stems.length === 1) {
        if (!single.has(stems[0]!)) single.set(stems[0]!, key);
      }
      const list = byFirst.get(stems[0]!) ?? [];
      list.push({ stems, key });
      byFirst.set(stems[0]!, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  compiled = { byFirst, single };
  return compiled;
}

/** The canonical key of one stem (itself when it is in no set). */
export function canonicalKey(stem: string): string {
  return load().single.get(stem) ?? stem;
}

/** Keys of a run of terms, synonyms replaced by their set's key; phrases of
 * a set ("liste noire") become one key. Order kept, duplicates removed. */
export function canonicalKeys(terms: ReadonlyArray<{ stem: string }>): string[] {
  const { byFirst } = load();
  const out: string[] = [];
  let i = 0;
  while (i < terms.length) {
    const candidates = byFirst.get(terms[i]!.stem);
    const match = candidates?.find((c) => c.stems.every((s, k) => terms[i + k]?.stem === s));
    if (match) {
      out.push(match.key);
      i += match.stems.length;
    } else {
      out.push(canonicalKey(terms[i]!.stem));
      i++;
    }
  }
  return [...new Set(out)];
}
