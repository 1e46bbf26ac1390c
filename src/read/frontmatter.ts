/**
 * Optional YAML front matter, parsed with gray-matter and validated field by
 * field: one wrong field is reported and ignored, the rest is kept, and the
 * article is always published.
 */
import matter from "gray-matter";
import { FrontMatter, type Diagnostic } from "../types.ts";

export interface FrontMatterResult {
  data: FrontMatter;
  /** Offset in the text where the article proper begins. */
  contentStart: number;
  diagnostics: Diagnostic[];
}

/** `---` on the first line, YAML, `---` (or `...`) on a line of its own. */
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

const KNOWN_KEYS = new Set(Object.keys(FrontMatter.shape));

/** ISO date at year, month or day precision, checked against the calendar. */
export function checkCalendarDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  if (m === undefined) return true;
  const month = Number(m);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/** The text after `key:` in the YAML source, unquoted. */
function rawValue(yaml: string, key: string): string | undefined {
  const line = yaml.split("\n").find((l) => l.startsWith(`${key}:`));
  return line?.slice(key.length + 1).trim().replace(/^["']|["']$/g, "").replace(/[T ].*$/, "");
}

function describe(value: unknown): string {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  return typeof value === "string" ? `"${value}"` : `${typeof value} ${String(value)}`;
}

/**
 * Reads the front matter at the start of `text`, if any.
 * `today` (YYYY-MM-DD) is only used to warn about dates in the future.
 */
export function readFrontMatter(text: string, file: string, today?: string): FrontMatterResult {
  const diagnostics: Diagnostic[] = [];
  const block = FRONT_MATTER.exec(text);
  if (!block) return { data: {}, contentStart: 0, diagnostics };
  const contentStart = block[0].length;

  let raw: Record<string, unknown>;
  try {
    // gray-matter caches by input string; pass a copy of the block only, so
    // the cache holds small strings and the body is never parsed as YAML.
    raw = matter(block[0]).data as Record<string, unknown>;
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    // +2: the opening `---` line, and js-yaml counts from 0. A parser that
    // only notices the problem at the end of the block (an unclosed [ or ")
    // would point past it; the last YAML line is the closest useful place.
    const lastYamlLine = block[1]!.split("\n").length + 1;
    diagnostics.push({
      severity: "warning",
      file,
      line: mark?.line !== undefined ? Math.min(mark.line + 2, lastYamlLine) : 1,
      message: `invalid YAML front matter (${(error as Error).message.split("\n")[0]}); the front matter was ignored`,
      hint: "fix the YAML between the two --- lines (quote values that contain a colon)",
    });
    return { data: {}, contentStart, diagnostics };
  }

  const lineOf = (key: string): number | undefined => {
    const index = block[1]!.split("\n").findIndex((line) => line.startsWith(`${key}:`));
    return index >= 0 ? index + 2 : undefined;
  };
  const data: Record<string, unknown> = {};
  for (const [key, original] of Object.entries(raw ?? {})) {
    if (!KNOWN_KEYS.has(key)) {
      diagnostics.push({
        severity: "warning",
        file,
        line: lineOf(key),
        message: `unknown front matter key "${key}" was ignored`,
        hint: `known keys: ${[...KNOWN_KEYS].join(", ")}`,
      });
      continue;
    }
    let value = original;
    // YAML turns 2021-02-14 into a Date (and 2021-02-30 into 2 March!); the
    // archive wants the string as written, checked against the calendar.
    if (key === "date" && value instanceof Date) value = rawValue(block[1]!, key) ?? value.toISOString().slice(0, 10);
    if (key === "date" && typeof value === "number") value = String(value);
    if (key === "tags" && typeof value === "string") value = value.split(",").map((t) => t.trim()).filter(Boolean);
    const field = FrontMatter.shape[key as keyof typeof FrontMatter.shape];
    const parsed = field.safeParse(value);
    if (!parsed.success || CHECKS[key]?.(parsed.data) === false) {
      diagnostics.push({
        severity: "warning",
        file,
        line: lineOf(key),
        message: `front matter "${key}" is ${describe(key === "date" && original instanceof Date ? value : original)}, which is not valid; it was ignored`,
        hint: FIELD_HINTS[key] ?? "see the README for the expected types",
      });
      continue;
    }
    data[key] = parsed.data;
    if ((key === "slug" || key === "permalink") && typeof parsed.data === "string" && /[\\/]|^\.+$/.test(parsed.data.trim())) {
      // The article's URL is always one segment under /articles/ (see
      // assignArticleIds): a path cannot place a page outside the output
      // folder, but the editor should know the rest of it was not used.
      diagnostics.push({
        severity: "warning",
        file,
        line: lineOf(key),
        message: `front matter "${key}" is "${parsed.data}", a path; only its last segment is used, under /articles/`,
        hint: `write ${key} as one word-like segment, e.g. ${key}: loi-sur-l-eau`,
      });
    }
  }
  if (typeof data.date === "string" && today && data.date > today) {
    diagnostics.push({
      severity: "warning",
      file,
      line: lineOf("date"),
      message: `front matter date ${data.date} is in the future`,
      hint: "check the year; the date is kept as written",
    });
  }
  return { data: FrontMatter.parse(data), contentStart, diagnostics };
}

/** Checks beyond the field's type: a date must exist in the calendar, a
 * source must be a web address (a `javascript:` URL is a valid URL, and the
 * page links to it), a language must be a BCP 47 tag (it goes into
 * `<html lang>` and the JSON). */
const CHECKS: Record<string, (value: unknown) => boolean> = {
  date: (value) => checkCalendarDate(value as string),
  source: (value) => /^https?:\/\/[^\s/]/i.test(value as string),
  lang: (value) => /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value as string),
};

const FIELD_HINTS: Record<string, string> = {
  date: "write an existing date as YYYY-MM-DD, YYYY-MM or YYYY",
  tags: "write tags as a YAML list: tags: [Chine, cybersécurité]",
  source: "write the full URL of the original article, starting with https://",
  title: "write the title as text",
  draft: "write draft: true or draft: false",
  lang: "write a language tag such as fr or en",
};
