/**
 * Tags: the words and two-word phrases that single an article out in the
 * archive (TF-IDF), after the tags its editor gave (front matter, keyword
 * lines).
 *
 *   computeTags([{ id: "a", title: "…", text: "…", extraTags: ["Xiaomi"] }, …])
 *   // Map { "a" => ["Xiaomi", "liste noire", "sanctions", …] }
 *
 * - Terms are content words (stopwords and generic words out, numbers out,
 *   ../stem/terms.ts) keyed by Snowball stem, and pairs of content words that
 *   follow each other directly ("liste noire", "porte dérobée").
 * - weight = (1 + ln tf) × idf, with idf = ln((1 + N) / (1 + df)) + 1 (N
 *   documents, df documents containing the term); a title occurrence counts
 *   TITLE_TF times. A term must occur at least MIN_TF times (title included)
 *   to be a candidate: one mention is not what an article is about.
 * - Phrases weigh PHRASE_BONUS more; a word already inside a chosen phrase is
 *   not chosen again.
 * - Display form: the most frequent way the term is written across the
 *   archive (ties: the lower-case form, then code-point order).
 * Deterministic: ties broken by display form. Linear in the archive's tokens,
 * plus a sort of each article's distinct terms.
 */
import { contentTerms, type Term } from "../stem/terms.ts";
import { normaliseTerm } from "../stem/index.ts";

export interface TagDoc {
  id: string;
  text: string;
  title: string;
  extraTags: string[];
}

const DEFAULT_MAX = 8;
const TITLE_TF = 2;
const MIN_TF = 2;
const PHRASE_BONUS = 1.15;
const MIN_LETTERS = 3;

interface DocTerms {
  /** term key → weighted count in this document (title counts TITLE_TF). */
  tf: Map<string, number>;
  /** term key → plain number of occurrences. */
  seen: Map<string, number>;
}

/** Key of a tag given as text: stems of its words, so "Smartphones" and
 * "smartphone" are one tag. */
export function tagKey(tag: string): string {
  const terms = contentTerms(tag, { numbers: true, generic: true });
  if (terms.length === 0) return normaliseTerm(tag);
  return terms.map((t) => t.stem).join(" ");
}

/** Words of three letters or more, or a capitalised two-letter name ("Xi", "UE"). */
const usable = (t: Term): boolean =>
  /\p{L}/u.test(t.norm) && (t.norm.length >= MIN_LETTERS || /^\p{Lu}/u.test(t.surface));

/** Single words that look like a participle or an adverb weigh less: a tag
 * names something ("sanctions", "Huawei"), it does not report an action. */
const VERBAL = /(?:é|ée|és|ées|ement|ment)$/u;
const VERBAL_FACTOR = 0.6;

export function computeTags(docs: TagDoc[], options: { max?: number } = {}): Map<string, string[]> {
  const max = options.max ?? DEFAULT_MAX;
  const df = new Map<string, number>();
  /** key → surface form → count, across the archive. */
  const surfaces = new Map<string, Map<string, number>>();
  const perDoc: DocTerms[] = [];

  const see = (key: string, surface: string): void => {
    let forms = surfaces.get(key);
    if (!forms) surfaces.set(key, (forms = new Map()));
    forms.set(surface, (forms.get(surface) ?? 0) + 1);
  };

  for (const doc of docs) {
    const tf = new Map<string, number>();
    const seen = new Map<string, number>();
    const count = (key: string, weight: number, surface: string): void => {
      tf.set(key, (tf.get(key) ?? 0) + weight);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      see(key, surface);
    };
    const add = (text: string, weight: number): void => {
      const terms = contentTerms(text);
      for (let i = 0; i < terms.length; i++) {
        const t = terms[i]!;
        if (!usable(t)) continue;
        count(t.stem, weight, t.surface);
        const prev = terms[i - 1];
        if (prev && t.adjacent && usable(prev)) count(`${prev.stem} ${t.stem}`, weight, text.slice(prev.start, t.end));
      }
    };
    add(doc.title, TITLE_TF);
    // Bodies often repeat the headline: count it once, as the title.
    const title = doc.title.trim();
    add(title && doc.text.includes(title) ? doc.text.replace(title, " ") : doc.text, 1);
    for (const key of tf.keys()) df.set(key, (df.get(key) ?? 0) + 1);
    perDoc.push({ tf, seen });
  }

  const display = new Map<string, string>();
  const displayOf = (key: string): string => {
    let d = display.get(key);
    if (d === undefined) {
      const forms = [...(surfaces.get(key) ?? new Map<string, number>()).entries()];
      forms.sort(
        (a, b) =>
          b[1] - a[1] ||
          Number(b[0] === b[0].toLowerCase()) - Number(a[0] === a[0].toLowerCase()) ||
          (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
      );
      d = forms[0]?.[0] ?? key;
      display.set(key, d);
    }
    return d;
  };

  const n = docs.length;
  const out = new Map<string, string[]>();
  docs.forEach((doc, di) => {
    // Chosen tags in order: key and display. Extra tags are fixed; computed
    // ones may be upgraded from a word to a phrase containing it.
    const chosen: Array<{ key: string; shown: string; fixed: boolean }> = [];
    const keys = new Set<string>();
    /** Stem → index in `chosen` of the computed tag using it. */
    const usedBy = new Map<string, number>();

    for (const extra of doc.extraTags) {
      const key = tagKey(extra);
      if (extra.trim() === "" || keys.has(key) || chosen.length >= max) continue;
      keys.add(key);
      chosen.push({ key, shown: extra.trim(), fixed: true });
      for (const s of key.split(" ")) usedBy.set(s, -1);
    }

    const { tf, seen } = perDoc[di]!;
    const candidates: Array<{ key: string; weight: number; shown: string }> = [];
    for (const [key, weighted] of tf) {
      if ((seen.get(key) ?? 0) < MIN_TF || keys.has(key)) continue;
      const idf = Math.log((1 + n) / (1 + (df.get(key) ?? 0))) + 1;
      const phrase = key.includes(" ");
      const shown = displayOf(key);
      const factor = (phrase ? PHRASE_BONUS : 1) * (VERBAL.test(shown) ? VERBAL_FACTOR : 1);
      candidates.push({ key, weight: (1 + Math.log(weighted)) * idf * factor, shown });
    }
    candidates.sort((a, b) => b.weight - a.weight || (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
    for (const c of candidates) {
      const parts = c.key.split(" ");
      const users = [...new Set(parts.map((p) => usedBy.get(p)).filter((u) => u !== undefined))];
      if (parts.length === 1) {
        // A word already inside a chosen tag adds nothing.
        if (users.length > 0 || chosen.length >= max) continue;
        usedBy.set(c.key, chosen.length);
        chosen.push({ key: c.key, shown: c.shown, fixed: false });
      } else if (users.length === 0) {
        if (chosen.length >= max) continue;
        for (const p of parts) usedBy.set(p, chosen.length);
        chosen.push({ key: c.key, shown: c.shown, fixed: false });
      } else if (users.length === 1 && users[0]! >= 0 && !chosen[users[0]!]!.key.includes(" ")) {
        // The phrase names better the word already chosen ("liste" → "liste noire").
        const at = users[0]!;
        keys.delete(chosen[at]!.key);
        chosen[at] = { key: c.key, shown: c.shown, fixed: false };
        for (const p of parts) usedBy.set(p, at);
      }
      // Otherwise the phrase overlaps a chosen phrase or an editor's tag: skip.
      keys.add(c.key);
    }
    out.set(
      doc.id,
      chosen.map((c) => c.shown),
    );
  });
  return out;
}

