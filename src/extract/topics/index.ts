/**
 * Topics of the controlled vocabulary (data/topics.json) and the article's
 * best topics, from cue words.
 *
 *   const topics = loadTopics();
 *   classifyTopics("Le club a remporté le match 2-0 …", { topics, title: "Ligue 1 : …" })
 *   // [{ id: "sport", label: "Sport", score: 3.1, evidence: ["match", "Ligue 1", "club"] }]
 *
 * How a score is made:
 * - the text and the title become content terms (stopwords out, Snowball
 *   stems, ../stem/terms.ts); cues are stemmed the same way at load;
 * - at each position the longest cue wins (so "droits de douane" is read as
 *   one economic cue, not as "droit" + "douane");
 * - a cue found k times in the body weighs (1 + ln k) — repeating a word is not
 *   the same as speaking of a subject — times 1.5 for a phrase; found in the
 *   title it weighs TITLE_WEIGHT more, in a subheading HEADING_WEIGHT more
 *   (subheadings are the editor's summary of a section);
 * - the sum is divided by sqrt(1 + n / LENGTH_UNIT) (n content terms), so long
 *   articles, which meet every vocabulary by chance, do not win everything.
 * The best topic must reach PRIMARY_FLOOR; others are kept when they reach
 * SECONDARY_RATIO of the best and SECONDARY_FLOOR, from at least two cues, or
 * STRONG_SECONDARY on their own from STRONG_SECONDARY_CUES cues.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { Topic, type TopicScore } from "../../types.ts";
import { contentTerms, type Term } from "../stem/terms.ts";

export { computeTags, tagTerms, type NamedEntity, type TagDoc, type TagEntity, type TagTerms } from "./tags.ts";

const TopicsFile = z.object({
  description: z.string().optional(),
  topics: z
    .array(
      Topic.extend({
        id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "id must be an accent-free slug"),
        label: z.string().min(1),
        cues: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
});

const TITLE_WEIGHT = 2;
const HEADING_WEIGHT = 1;
const PHRASE_WEIGHT = 1.5;
const LENGTH_UNIT = 200;
const PRIMARY_FLOOR = 1;
const SECONDARY_FLOOR = 1.5;
const SECONDARY_RATIO = 0.5;
/** A topic this strong, from this many distinct cues, is earned even beside
 * a dominant primary topic. */
const STRONG_SECONDARY = 4;
const STRONG_SECONDARY_CUES = 3;
const MAX_TOPICS = 3;
const MAX_EVIDENCE = 6;

/** A cue ready for matching: its stems, and the topics (indices) it signals.
 * `exact[k]` is set when word k is an acronym ("JO", "PS", "IA"): it then
 * matches only when written the same, so "Joe" is not "JO". */
interface Cue {
  stems: string[];
  exact: Array<string | null>;
  topics: number[];
}

/** Cues indexed by first stem, longest first. */
type CueIndex = Map<string, Cue[]>;

const compiled = new WeakMap<readonly Topic[], CueIndex>();

const ACRONYM = /^[\p{Lu}\p{N}]{2,5}$/u;

/** A cue through the same term pipeline as the text. Generic words are kept
 * so that a cue like "Premier ministre" stays a phrase. Returns a reason when
 * the cue cannot work as written. */
function compileCue(cue: string): { stems: string[]; exact: Array<string | null> } | { error: string } {
  const terms = contentTerms(cue, { numbers: true, generic: true });
  if (terms.length === 0) return { error: "only function words" };
  const words = cue.trim().split(/[\s'’]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const last = words[words.length - 1] ?? "";
  if (!terms[terms.length - 1]!.surface.endsWith(last.replace(/^.*['’]/u, ""))) {
    return { error: `ends with a function word ("${last}"), which is ignored in matching` };
  }
  if (terms.length === 1 && /^\p{N}/u.test(terms[0]!.norm)) return { error: "a bare number" };
  return {
    stems: terms.map((t) => t.stem),
    exact: terms.map((t) => (ACRONYM.test(t.surface) && /\p{L}/u.test(t.surface) ? t.surface : null)),
  };
}

function compile(topics: readonly Topic[]): CueIndex {
  const cached = compiled.get(topics);
  if (cached) return cached;
  const byKey = new Map<string, Cue>();
  topics.forEach((topic, i) => {
    for (const text of topic.cues) {
      const cue = compileCue(text);
      if ("error" in cue) throw new Error(`topic "${topic.id}": cue "${text}" cannot match: ${cue.error}`);
      const key = cue.stems.map((s, k) => cue.exact[k] ?? s).join(" ");
      const entry = byKey.get(key) ?? { ...cue, topics: [] };
      if (!entry.topics.includes(i)) entry.topics.push(i);
      byKey.set(key, entry);
    }
  });
  const index: CueIndex = new Map();
  for (const cue of byKey.values()) {
    const list = index.get(cue.stems[0]!) ?? [];
    list.push(cue);
    index.set(cue.stems[0]!, list);
  }
  // Longest first, then acronyms (stricter) before plain words.
  for (const list of index.values()) {
    list.sort((a, b) => b.stems.length - a.stems.length || Number(b.exact[0] !== null) - Number(a.exact[0] !== null));
  }
  compiled.set(topics, index);
  return index;
}

let defaultTopics: Topic[] | null = null;

/** The topics of data/topics.json, validated; throws with the zod message when
 * the file is malformed (a build error, not an article's). Cached. */
export function loadTopics(): Topic[] {
  if (defaultTopics) return defaultTopics;
  const raw: unknown = JSON.parse(readFileSync(new URL("./data/topics.json", import.meta.url), "utf8"));
  const parsed = TopicsFile.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`src/extract/topics/data/topics.json is invalid: ${parsed.error.message}`);
  }
  const ids = new Set<string>();
  for (const t of parsed.data.topics) {
    if (ids.has(t.id)) throw new Error(`src/extract/topics/data/topics.json: duplicate topic id "${t.id}"`);
    ids.add(t.id);
  }
  defaultTopics = parsed.data.topics.map(({ id, label, description, cues }) => ({ id, label, description, cues }));
  compile(defaultTopics);
  return defaultTopics;
}

/** A cue found in the text: where, and the words as written. */
interface Hit {
  cue: Cue;
  surface: string;
}

/** Longest-match of the cue index over a run of content terms. Phrases only
 * match terms that follow each other with nothing but stopwords between. */
function findCues(text: string, terms: Term[], index: CueIndex): Hit[] {
  const hits: Hit[] = [];
  let i = 0;
  while (i < terms.length) {
    const candidates = index.get(terms[i]!.stem);
    let matched: Cue | undefined;
    if (candidates) {
      matched = candidates.find((cue) =>
        cue.stems.every((stem, k) => {
          const t = terms[i + k];
          if (t === undefined || t.stem !== stem) return false;
          const exact = cue.exact[k];
          if (exact != null && t.surface !== exact) return false;
          return k === 0 || closeTo(text, terms[i + k - 1]!, t);
        }),
      );
    }
    if (matched) {
      const last = terms[i + matched.stems.length - 1]!;
      hits.push({ cue: matched, surface: text.slice(terms[i]!.start, last.end) });
      i += matched.stems.length;
    } else {
      i++;
    }
  }
  return hits;
}

/** Two content terms belong to one phrase when only a few function words lie
 * between them, and no punctuation ("droits de douane", "chef d’État",
 * "président de la République"). */
function closeTo(text: string, a: Term, b: Term): boolean {
  return b.start - a.end <= 10 && /^[\s\p{L}'’-]*$/u.test(text.slice(a.end, b.start));
}

function hitsOf(text: string, index: CueIndex): { hits: Hit[]; length: number } {
  const terms = contentTerms(text, { numbers: true, generic: true });
  return { hits: findCues(text, terms, index), length: terms.length };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Topics of an article, best first. `[0]` is the primary topic; the others
 * are there only when earned (see the module comment). Empty when no topic
 * reaches the floor. `evidence` lists the cue terms as written, strongest first.
 */
export function classifyTopics(
  text: string,
  options: { topics?: Topic[]; title?: string; headings?: string[] } = {},
): TopicScore[] {
  const topics = options.topics ?? loadTopics();
  const index = compile(topics);
  const body = hitsOf(text, index);
  const title = options.title ? hitsOf(options.title, index) : { hits: [], length: 0 };
  const headings = (options.headings ?? []).flatMap((h) => hitsOf(h, index).hits);

  // Per topic and cue: body count, title count, first surface seen.
  type Tally = { body: number; title: number; heading: number; surface: string; phrase: boolean; first: number };
  const perTopic = topics.map(() => new Map<Cue, Tally>());
  let order = 0;
  const tally = (hits: Hit[], where: "title" | "heading" | "body"): void => {
    for (const hit of hits) {
      for (const ti of hit.cue.topics) {
        const map = perTopic[ti]!;
        const t = map.get(hit.cue) ?? {
          body: 0,
          title: 0,
          heading: 0,
          surface: hit.surface,
          phrase: hit.cue.stems.length > 1,
          first: order,
        };
        t[where]++;
        map.set(hit.cue, t);
      }
      order++;
    }
  };
  tally(title.hits, "title");
  tally(headings, "heading");
  tally(body.hits, "body");

  const norm = Math.sqrt(1 + (body.length + title.length) / LENGTH_UNIT);
  const scored = perTopic.map((map, ti) => {
    const parts = [...map.values()].map((t) => {
      // Headings are also in the body text: they add weight, not occurrences.
      const n = Math.max(1, t.body + t.title);
      const weight =
        (t.phrase ? PHRASE_WEIGHT : 1) *
        (1 + Math.log(n) + (t.title > 0 ? TITLE_WEIGHT : 0) + (t.heading > 0 ? HEADING_WEIGHT : 0));
      return { surface: t.surface, weight, first: t.first };
    });
    parts.sort((a, b) => b.weight - a.weight || a.first - b.first);
    const raw = parts.reduce((s, p) => s + p.weight, 0);
    const topic = topics[ti]!;
    return {
      topic,
      order: ti,
      cues: parts.length,
      score: round(raw / norm),
      evidence: [...new Set(parts.map((p) => p.surface))].slice(0, MAX_EVIDENCE),
    };
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);

  const best = scored[0];
  if (!best || best.score < PRIMARY_FLOOR) return [];
  const kept = [best];
  for (const s of scored.slice(1)) {
    if (kept.length >= MAX_TOPICS) break;
    const close = s.score >= SECONDARY_RATIO * best.score && s.cues >= 2;
    const strong = s.score >= STRONG_SECONDARY && s.cues >= STRONG_SECONDARY_CUES;
    if (s.score >= SECONDARY_FLOOR && (close || strong)) kept.push(s);
  }
  return kept.map((s) => ({ id: s.topic.id, label: s.topic.label, score: s.score, evidence: s.evidence }));
}
