/**
 * Evidence that bounds when an article was written, without the article
 * saying so: terms of office ("le président sud-coréen Lee Jae-myung" was
 * written while he was president), dated reference events ("lors du sommet de
 * l'APEC en Corée du Sud"), and the latest year the text reports as past.
 * Each piece is a set of days plus the spans and rule that justify it.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Evidence, Mention, Span, Timex } from "../../types.ts";
import { loadGazetteer } from "../entities/index.ts";
import { slugify } from "../text/index.ts";
import { normalise, type DaySet } from "./intervals.ts";

export interface DateConstraint {
  days: DaySet;
  evidence: Evidence[];
  /** A reference event the article reports: its date is the article's main event. */
  event?: { id: string; label: string; source: string };
}

const ReferenceEvent = z.object({
  id: z.string(),
  kind: z.enum(["summit", "visit"]),
  label: z.string(),
  organization: z.string().optional(),
  people: z.array(z.string()).optional(),
  places: z.array(z.string()),
  cues: z.array(z.string()),
  start: z.string(),
  end: z.string(),
  source: z.string(),
});
type ReferenceEvent = z.infer<typeof ReferenceEvent>;

let referenceEvents: ReferenceEvent[] | undefined;

/**
 * The data file names entities by slug ("apec", "coree-du-sud"); a slug that
 * is not a gazetteer id is looked up among the gazetteer's names and aliases
 * ("apec" → the APEC entry), else kept as the id an unknown entity of that
 * name gets.
 */
function resolveEntityId(slug: string): string {
  const entries = loadGazetteer().entries;
  if (entries.some((e) => e.id === slug)) return slug;
  return entries.find((e) => [e.name, ...e.aliases].some((n) => slugify(n) === slug))?.id ?? slug;
}

export function loadReferenceEvents(): ReferenceEvent[] {
  referenceEvents ??= z
    .object({ events: z.array(ReferenceEvent) })
    .parse(JSON.parse(readFileSync(new URL("./data/reference-events.json", import.meta.url), "utf8")))
    .events.map((event) => ({
      ...event,
      organization: event.organization && resolveEntityId(event.organization),
      people: event.people?.map(resolveEntityId),
      places: event.places.map(resolveEntityId),
    }));
  return referenceEvents;
}

/**
 * Words before a name that present the person in office at the time of
 * writing. "ancien", "ex-", "feu" and "futur" cancel it.
 */
const OFFICE_CUE =
  /(?:\b(?:le|la|l['’]actuel(?:le)?|son|sa|leur|notre|du|de la)\s+(?:(?:nouvel(?:le)?|actuel(?:le)?)\s+)?(président(?:e)?|premier ministre|première ministre|chancelier|chancelière|roi|reine|pape|secrétaire général(?:e)?|homologue|chef de l['’]État|dirigeant(?:e)?)(?:\s+[\p{Ll}-]+){0,2}|\bsous la présidence de|\bprésidence de|\bgouvernement de)\s*,?\s*$/iu;
const CANCEL_CUE = /\b(ancien(?:ne)?|ex-|feu|défunt(?:e)?|futur(?:e)?|prédécesseur|successeur|candidat(?:e)?)\b/iu;
/** Head-of-state or government titles a cue like "homologue" stands for. */
const OFFICE_TITLES = /président|premier ministre|première ministre|chancelier|chancelière|roi|reine|pape|secrétaire général/iu;

/** Years announced rather than reported: "d'ici 2030", "prévu en 2026". */
const FUTURE_CUE = /(d['’]ici|à l['’]horizon|prévu(?:e|s|es)? (?:en|pour)|jusqu['’](?:en|à)|en vue de|avant|projet(?:te|ée)? pour)\s*(?:l['’]an(?:née)?\s*)?$/iu;

function sentenceOf(sentences: Span[], offset: number): Span | undefined {
  return sentences.find((s) => s.start <= offset && offset < s.end);
}

/** Terms of office of people the text presents as in office. */
export function officeConstraints(text: string, mentions: Mention[], sentences: Span[]): DateConstraint[] {
  const gazetteer = new Map(loadGazetteer().entries.map((e) => [e.id, e]));
  const constraints: DateConstraint[] = [];
  const seen = new Set<string>();
  for (const mention of mentions) {
    const entry = gazetteer.get(mention.entity);
    if (!entry || entry.type !== "person" || entry.roles.length === 0 || seen.has(entry.id)) continue;
    const sentence = sentenceOf(sentences, mention.start);
    const windowStart = Math.max(sentence?.start ?? 0, mention.start - 70);
    const before = text.slice(windowStart, mention.start);
    const cue = OFFICE_CUE.exec(before);
    if (!cue || CANCEL_CUE.test(before)) continue;
    const office = (cue[1] ?? "président").toLowerCase();
    const generic = /homologue|chef de l|dirigeant|présidence|gouvernement/.test(cue[0].toLowerCase());
    const roles = entry.roles.filter((role) =>
      generic ? OFFICE_TITLES.test(role.title) : role.title.toLowerCase().startsWith(office.replace(/e$/, "")),
    );
    if (roles.length === 0) continue;
    seen.add(entry.id);
    constraints.push({
      days: normalise(roles.map((r) => ({ start: r.start ?? "0001-01-01", end: r.end ?? "9999-12-31" }))),
      evidence: [
        {
          text: text.slice(windowStart + cue.index, mention.end).trim(),
          start: windowStart + cue.index,
          end: mention.end,
          rule: `term-of-office:${entry.id}:${roles.map((r) => `${r.start ?? "?"}..${r.end ?? ""}`).join(",")}`,
        },
      ],
    });
  }
  return constraints;
}

/** The article is not older than the latest year it reports. */
export function latestYearConstraint(text: string, timexes: Timex[]): DateConstraint | null {
  let latest: Timex | null = null;
  for (const timex of timexes) {
    if (timex.type !== "DATE" || !timex.known.includes("year") || !/^\d{4}/.test(timex.value)) continue;
    if (FUTURE_CUE.test(text.slice(Math.max(0, timex.start - 30), timex.start))) continue;
    if (!latest || timex.value.slice(0, 4) > latest.value.slice(0, 4)) latest = timex;
  }
  if (!latest) return null;
  return {
    days: [{ start: `${latest.value.slice(0, 4)}-01-01`, end: "9999-12-31" }],
    evidence: [{ text: latest.text, start: latest.start, end: latest.end, rule: "not-before-latest-reported-year" }],
  };
}

/**
 * Dated reference events the article reports. When several match, the ones
 * matching the most places (a city is more telling than a country) win; if
 * they still tie, the article could be about any of them and the union is
 * kept.
 */
export function referenceEventConstraint(text: string, mentions: Mention[], sentences: Span[]): DateConstraint | null {
  const byEntity = new Map<string, Mention[]>();
  for (const m of mentions) byEntity.set(m.entity, [...(byEntity.get(m.entity) ?? []), m]);
  const lower = text.toLowerCase();
  const scored: Array<{ event: ReferenceEvent; score: number; anchor: Mention; cue: Span }> = [];
  for (const event of loadReferenceEvents()) {
    const anchors = event.organization ? byEntity.get(event.organization) : event.people?.flatMap((p) => byEntity.get(p) ?? []);
    if (!anchors?.length) continue;
    // Places count when a sentence names them together with the organisation
    // or the person: "le sommet de l'APEC en Corée du Sud", "mardi à Seattle,
    // Xi Jinping…". A country named elsewhere in the article says nothing.
    const anchorSentences = anchors.map((a) => sentenceOf(sentences, a.start)).filter((s): s is Span => s !== undefined);
    const places = event.places.filter((place) =>
      (byEntity.get(place) ?? []).some((m) => anchorSentences.some((s) => s.start <= m.start && m.end <= s.end)),
    );
    if (places.length === 0) continue;
    // A cue word in a sentence with the organisation or the person.
    let found: { anchor: Mention; cue: Span } | null = null;
    for (const anchor of anchors) {
      const sentence = sentenceOf(sentences, anchor.start);
      if (!sentence) continue;
      const sentenceText = lower.slice(sentence.start, sentence.end);
      for (const cue of event.cues) {
        const at = sentenceText.search(new RegExp(`\\b${cue}s?\\b`, "u"));
        if (at >= 0) {
          found = { anchor, cue: { text: text.slice(sentence.start + at, sentence.start + at + cue.length), start: sentence.start + at, end: sentence.start + at + cue.length } };
          break;
        }
      }
      if (found) break;
    }
    if (found) scored.push({ event, score: places.length, ...found });
  }
  if (scored.length === 0) return null;
  const best = Math.max(...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === best);
  const first = winners[0]!;
  return {
    days: normalise(winners.map((w) => ({ start: w.event.start, end: w.event.end }))),
    evidence: winners.flatMap((w) => [
      { text: w.cue.text, start: w.cue.start, end: w.cue.end, rule: `reference-event:${w.event.id}` },
      { text: w.anchor.text, start: w.anchor.start, end: w.anchor.end, rule: `reference-event:${w.event.id}` },
    ]),
    ...(winners.length === 1 ? { event: { id: first.event.id, label: first.event.label, source: first.event.source } } : {}),
  };
}
