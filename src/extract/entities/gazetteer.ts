/**
 * The gazetteer: known entities (canonical name, type, aliases, Wikidata id,
 * roles with dates, source), read from `data/gazetteer.json` and validated
 * with zod when loaded. Matching is done on token keys (case- and
 * accent-folded) through an index by first token, built once per gazetteer.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { EntityType, Role } from "../../types.ts";
import { tokenize } from "../text/index.ts";
import { fold } from "./lexicon.ts";

const GazetteerEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  name: z.string().min(1),
  type: EntityType,
  aliases: z.array(z.string().min(1)),
  wikidata: z.string().regex(/^Q\d+$/).nullable(),
  description: z.string().nullable(),
  roles: z.array(Role),
  source: z.string().url(),
});
const GazetteerSchema = z.object({ entries: z.array(GazetteerEntrySchema) });

export type GazetteerEntry = z.infer<typeof GazetteerEntrySchema>;
export interface Gazetteer {
  entries: GazetteerEntry[];
}

let cached: Gazetteer | undefined;

/** The bundled gazetteer (read and validated once). Throws with the zod
 * message if the data file is malformed or has duplicate ids. */
export function loadGazetteer(): Gazetteer {
  if (cached) return cached;
  const raw: unknown = JSON.parse(readFileSync(new URL("./data/gazetteer.json", import.meta.url), "utf8"));
  const parsed = GazetteerSchema.parse(raw);
  const seen = new Set<string>();
  for (const e of parsed.entries) {
    if (seen.has(e.id)) throw new Error(`gazetteer.json: duplicate id "${e.id}"`);
    seen.add(e.id);
  }
  cached = parsed;
  return cached;
}

/** One way of writing an entry, as token keys. `exact` holds, per token, the
 * form that must match case-sensitively (acronyms like "ONU", "UE") or null. */
export interface AliasPattern {
  keys: string[];
  exact: Array<string | null>;
  entry: GazetteerEntry;
  surface: string;
}

export interface GazetteerIndex {
  /** First-token key → patterns, longest first. */
  byFirst: Map<string, AliasPattern[]>;
  byId: Map<string, GazetteerEntry>;
  /** Folded alias → entry (used to resolve "(MIIT)"-style acronyms). */
  byAlias: Map<string, GazetteerEntry>;
}

const indexes = new WeakMap<Gazetteer, GazetteerIndex>();

const ACRONYM = /^[\p{Lu}\d&]{2,6}$/u;

/** The (cached) first-token index of `gaz`. */
export function indexGazetteer(gaz: Gazetteer): GazetteerIndex {
  const hit = indexes.get(gaz);
  if (hit) return hit;
  const byFirst = new Map<string, AliasPattern[]>();
  const byId = new Map<string, GazetteerEntry>();
  const byAlias = new Map<string, GazetteerEntry>();
  for (const entry of gaz.entries) {
    byId.set(entry.id, entry);
    for (const surface of [entry.name, ...entry.aliases]) {
      const toks = tokenize(surface);
      if (toks.length === 0) continue;
      const keys = toks.map((t) => fold(t.text));
      const exact = toks.map((t) => (ACRONYM.test(t.text) && /\p{Lu}.*\p{Lu}/u.test(t.text) ? t.text : null));
      const list = byFirst.get(keys[0]!) ?? [];
      list.push({ keys, exact, entry, surface });
      byFirst.set(keys[0]!, list);
      if (!byAlias.has(fold(surface))) byAlias.set(fold(surface), entry);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  const idx = { byFirst, byId, byAlias };
  indexes.set(gaz, idx);
  return idx;
}
