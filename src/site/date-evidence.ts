/**
 * How an article's date was obtained, told to a French reader.
 *
 * The extraction stage records evidence as rule names meant for machines
 * (`term-of-office:lee-jae-myung:2025-06-04..`, `reference-event:apec-2025`,
 * `same-event-as:<article id>`…). This module turns each rule family into a
 * short French phrase, through one table (RULE_WORDING), so that a new rule
 * family means one new row, not a template change:
 *
 *   describeDate(date, names)
 *   // "date déduite : mandat de Lee Jae-myung (depuis juin 2025),
 *   //  sommet de l'APEC 2025, même événement que « … »"
 */
import type { ArticleDate, Evidence } from "../types.ts";
import { formatDate } from "./french.ts";

/** What the wording needs to know about the archive: names, never ids. */
export interface EvidenceNames {
  entityName(id: string): string | undefined;
  referenceEventLabel(id: string): string | undefined;
  article(id: string): { title: string; url: string } | undefined;
}

/** One reason, in French; `url` when the reason is another page of the site. */
export interface DateReason {
  text: string;
  url?: string;
}

/** "2025-06-04" → "juin 2025": a term's start matters to the month. */
function monthOf(iso: string): string {
  return formatDate(iso.slice(0, 7));
}

/** "2013-03-14..2023-03-10" → "de mars 2013 à mars 2023"; "2025-06-04.." → "depuis juin 2025". */
export function describeTerm(term: string): string {
  const [start = "", end = ""] = term.split("..");
  const from = /^\d{4}-\d{2}/.test(start) ? monthOf(start) : "";
  const to = /^\d{4}-\d{2}/.test(end) ? monthOf(end) : "";
  if (from && to) return `de ${from} à ${to}`;
  if (from) return `depuis ${from}`;
  if (to) return `jusqu’en ${to}`;
  return "";
}

type Wording = (argument: string, evidence: Evidence, names: EvidenceNames) => DateReason | null;

/** Rule family (the part before the first colon) → French phrase. */
export const RULE_WORDING: Record<string, Wording> = {
  // term-of-office:<entity>:<start>..<end>[,<start>..<end>]
  "term-of-office": (argument, _evidence, names) => {
    const [entity, terms] = splitOnce(argument);
    const name = names.entityName(entity) ?? entity;
    const spans = terms.split(",").map(describeTerm).filter(Boolean);
    return { text: `mandat de ${name}${spans.length ? ` (${spans.join(", ")})` : ""}` };
  },
  "reference-event": (argument, _evidence, names) => ({ text: names.referenceEventLabel(argument) ?? argument }),
  "same-event-as": (argument, evidence, names) => {
    const other = names.article(argument);
    return { text: `même événement que « ${other?.title ?? evidence.text} »`, ...(other ? { url: other.url } : {}) };
  },
  "day-month-of-the-news": (_argument, evidence) => ({ text: `« ${evidence.text} » dans le chapeau` }),
  "lede-full-date": (_argument, evidence) => ({ text: `« ${evidence.text} » dans le chapeau` }),
  "not-before-latest-reported-year": (_argument, evidence) => {
    const year = /\d{4}/.exec(evidence.text)?.[0];
    return { text: year ? `pas avant ${year}, dernière année citée` : `pas avant « ${evidence.text} »` };
  },
};

function splitOnce(value: string): [string, string] {
  const at = value.indexOf(":");
  return at < 0 ? [value, ""] : [value.slice(0, at), value.slice(at + 1)];
}

/** One evidence item in French, or null for a rule this table does not know
 * (it is then left out rather than shown as a machine name). */
export function describeEvidence(evidence: Evidence, names: EvidenceNames): DateReason | null {
  const [family, argument] = splitOnce(evidence.rule);
  const wording = RULE_WORDING[family];
  if (!wording) return null;
  return wording(argument, evidence, names);
}

const BASIS_PREFIX: Record<ArticleDate["basis"], string | null> = {
  "front-matter": null,
  text: "date donnée par le texte",
  inferred: "date déduite",
};

/** Reasons of a date, each once, in the order the evidence gives them. */
export function dateReasons(date: ArticleDate, names: EvidenceNames): DateReason[] {
  const seen = new Set<string>();
  const reasons: DateReason[] = [];
  for (const evidence of date.evidence) {
    const reason = describeEvidence(evidence, names);
    if (!reason || seen.has(reason.text)) continue;
    seen.add(reason.text);
    reasons.push(reason);
  }
  return reasons;
}

/** The whole sentence, or null when the date comes from the front matter. */
export function describeDate(date: ArticleDate, names: EvidenceNames): string | null {
  const prefix = BASIS_PREFIX[date.basis];
  if (!prefix) return null;
  const reasons = dateReasons(date, names);
  return reasons.length ? `${prefix} : ${reasons.map((r) => r.text).join(", ")}` : prefix;
}
