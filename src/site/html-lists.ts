/**
 * HTML fragments the templates print tens of thousands of times, built in
 * one call each.
 *
 * A Nunjucks `for` sets seven loop variables per item (each name split on
 * its dots) and a macro call makes a frame and a safe string: at 4,000
 * articles a full render ran 1.35 million loop iterations and 266,000 calls
 * of a date macro, most of them in the lists of events (the names under each
 * event, the articles reporting it). These filters give the same HTML, every
 * text escaped as Nunjucks' autoescape does, so the templates print them
 * with `| safe`.
 */
import { frenchSpacing } from "./french.ts";

/** Nunjucks' autoescape table (nunjucks/src/lib.js), backslash included. */
const ESCAPES: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;", "\\": "&#92;" };
const ESCAPED = /[&"'<>\\]/g;

/** Text escaped for HTML content or a quoted attribute, as `{{ text }}` prints it. */
export function escapeHtml(text: string): string {
  return text.replace(ESCAPED, (c) => ESCAPES[c]!);
}

/** `<a href="url">name</a>` for each reference, joined by `separator`
 * (HTML, printed as given). `typographic`: names get French spacing (the
 * `typo` filter), for titles. */
export function linkList(refs: ReadonlyArray<{ url: string; name: string }>, separator: string, typographic = false): string {
  let html = "";
  for (let i = 0; i < refs.length; i++) {
    const { url, name } = refs[i]!;
    if (i > 0) html += separator;
    html += `<a href="${escapeHtml(url)}">${escapeHtml(typographic ? frenchSpacing(name) : name)}</a>`;
  }
  return html;
}

/** A date at its true precision: `<time datetime>` when HTML has a form for
 * it (DateView.iso), its French label otherwise. */
export function dateHtml(date: { iso: string | null; label: string }): string {
  const label = escapeHtml(date.label);
  return date.iso ? `<time datetime="${escapeHtml(date.iso)}">${label}</time>` : `<span class="date">${label}</span>`;
}
