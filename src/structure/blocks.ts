/**
 * Scraped text → headline, body blocks and the furniture taken out of it.
 *
 * Scraped French news has no markup to trust: the headline may be the first
 * line or missing, paragraphs are separated by blank lines or by single
 * newlines, subheadings are short lines (sometimes glued to the end of the
 * previous paragraph), and the page's comment form, "Lire aussi" links,
 * photo credit and keyword line come along. Every rule here looks at the
 * shape of a line (length, case, final punctuation) or at data/boilerplate.json,
 * never at a particular site or file.
 *
 * All offsets are indices into the full text (front matter included), so
 * extraction results can point back at the file.
 */
import type { Block, Boilerplate, Span } from "../types.ts";
import { matchRule } from "./boilerplate.ts";

export type SourceFormat = "txt" | "md";

export interface StructuredArticle {
  /** The headline when the text has one. */
  title: Span | null;
  /** Body blocks in reading order, headline excluded. */
  blocks: Block[];
  boilerplate: Boilerplate[];
  credit: string | null;
  /** From keyword lines ("Mots-clés : …") and section labels. */
  keywords: string[];
  /** Markdown heading depth per block start, for .md sources. */
  headingDepth: Map<number, number>;
}

interface Line extends Span {
  blank: boolean;
}

/** Headline and subheading limits, in words and characters. */
const HEADLINE_MAX_WORDS = 30;
const HEADLINE_MAX_CHARS = 220;
const HEADING_MAX_WORDS = 14;
const HEADING_MAX_CHARS = 130;
const LABEL_MAX_WORDS = 4;
const LINK_TITLE_MAX_WORDS = 25;
const FURNITURE_MAX_WORDS = 25;
/** A line this long that stops mid-sentence is a hard wrap, not a heading. */
const HARD_WRAP_MIN_CHARS = 50;

const SENTENCE_END = /[.!?…:;»"”)]$/u;
const STRONG_SENTENCE_END = /[.:;,]$/u;
const STARTS_LOWER = /^[\p{Ll}]/u;
const STARTS_UPPER_OR_DIGIT = /^[«"“'‘(\[]?\s*[\p{Lu}\d]/u;
const QUOTED_LINE = /^[«“"].*[»”"]$/su;

const SPACE = /\s/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether the UTF-16 unit `c` is white space as `\s` means it. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x80 && SPACE.test(String.fromCharCode(c)));
}

/** How many space-separated parts of `text` have a letter or a digit.
 * Scanned by hand: splitting and testing every part with a regex took 3 %
 * of an article's extraction (it runs on every line). */
export function wordCount(text: string): number {
  let count = 0;
  let word = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (word) count++;
      word = false;
    } else if (!word) {
      word = c < 0x80 ? (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) : LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(i)!));
    }
  }
  return word ? count + 1 : count;
}

/** Splits `text` from `from` into lines, trimmed, with offsets into `text`. */
function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    lines.push({
      text: trimmed,
      start: start + lead,
      end: start + lead + trimmed.length,
      blank: trimmed.length === 0,
    });
    if (end === text.length) break;
    start = end + 1;
  }
  return lines;
}

/** Looks like the title of a linked article: short, no final full stop. */
function isLinkTitle(line: Line): boolean {
  return !line.blank && wordCount(line.text) <= LINK_TITLE_MAX_WORDS && !/[.:;,]$/.test(line.text);
}

interface Furniture {
  kept: Line[];
  boilerplate: Boilerplate[];
  credit: string | null;
  keywords: string[];
}

/** Pass 1: takes page furniture out, line by line. */
function removeFurniture(lines: Line[]): Furniture {
  const kept: Line[] = [];
  const boilerplate: Boilerplate[] = [];
  let credit: string | null = null;
  const keywords: string[] = [];
  const drop = (line: Line, kind: Boilerplate["kind"], rule: string) =>
    boilerplate.push({ text: line.text, start: line.start, end: line.end, kind, rule });

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.blank) {
      kept.push(line);
      continue;
    }
    const short = wordCount(line.text) <= FURNITURE_MAX_WORDS;
    const comment = short ? matchRule("commentPrompts", line.text) : null;
    if (comment) {
      drop(line, "comment-prompt", comment.rule.rule);
      if (comment.rule.tail) {
        // The comment form runs to the end of the page.
        for (const rest of lines.slice(i + 1)) if (!rest.blank) drop(rest, "comment-prompt", comment.rule.rule);
        break;
      }
      continue;
    }
    const related = short ? matchRule("relatedHeaders", line.text) : null;
    if (related) {
      drop(line, "related-links", related.rule.rule);
      let j = i + 1;
      while (j < lines.length && lines[j]!.blank) j++;
      // "Lire aussi : Titre" on one line has no list below it.
      const inline = line.text.replace(related.rule.pattern, "").trim().length > 0;
      if (!inline) {
        while (j < lines.length && isLinkTitle(lines[j]!) && !matchRule("credit", lines[j]!.text)) {
          drop(lines[j]!, "related-links", related.rule.rule);
          j++;
        }
        i = j - 1;
      }
      continue;
    }
    const creditMatch = wordCount(line.text) <= 15 ? matchRule("credit", line.text) : null;
    if (creditMatch) {
      drop(line, "credit", creditMatch.rule.rule);
      credit ??= (creditMatch.groups.credit ?? line.text).trim();
      continue;
    }
    const keywordMatch = short && !/\.$/.test(line.text) ? matchRule("keywords", line.text) : null;
    if (keywordMatch) {
      drop(line, "keywords", keywordMatch.rule.rule);
      keywords.push(...splitKeywords(keywordMatch.groups.keywords ?? ""));
      continue;
    }
    const share = short ? matchRule("share", line.text) : null;
    if (share) {
      drop(line, "share", share.rule.rule);
      continue;
    }
    kept.push(line);
  }
  return { kept, boilerplate, credit, keywords };
}

/** "Chine, cybersécurité; Xiaomi" or "xiaomi huawei". */
export function splitKeywords(raw: string): string[] {
  const separated = /[,;|#]|\s[-–]\s/.test(raw);
  const parts = separated ? raw.split(/[,;|#]|\s[-–]\s/) : raw.split(/\s+/);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

interface RawBlock extends Span {
  /** Markdown heading depth or quote marker, for .md sources. */
  md?: { heading?: number; quote?: boolean };
}

function joinSpan(text: string, first: Line, last: Line): Span {
  return { text: text.slice(first.start, last.end).replace(/\s*\n\s*/g, " "), start: first.start, end: last.end };
}

/** Pass 2 (.txt): one block per line, except hard-wrapped lines. */
function groupPlainLines(text: string, lines: Line[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  let first: Line | null = null;
  let last: Line | null = null;
  const flush = () => {
    if (first && last) blocks.push(joinSpan(text, first, last));
    first = last = null;
  };
  for (const line of lines) {
    if (line.blank) {
      flush();
      continue;
    }
    // A line that stops mid-sentence and a next line in lower case are one
    // hard-wrapped paragraph; otherwise a newline ends the paragraph.
    if (last && !SENTENCE_END.test((last as Line).text) && STARTS_LOWER.test(line.text) && (last as Line).text.length >= HARD_WRAP_MIN_CHARS) {
      last = line;
      continue;
    }
    flush();
    first = last = line;
  }
  flush();
  return blocks;
}

/** Pass 2 (.md): blank-line paragraphs, ATX headings, `>` quotes. */
function groupMarkdownLines(text: string, lines: Line[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  let group: Line[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const span = joinSpan(text, group[0]!, group[group.length - 1]!);
    if (group.every((l) => l.text.startsWith(">"))) {
      const inner = group.map((l) => l.text.replace(/^>\s?/, "")).join(" ");
      blocks.push({ ...span, text: inner, md: { quote: true } });
    } else {
      blocks.push(span);
    }
    group = [];
  };
  for (const line of lines) {
    const heading = /^(#{1,6})\s+(.*?)(?:\s+#+)?$/.exec(line.text);
    if (heading) {
      flush();
      const lead = line.text.indexOf(heading[2]!);
      blocks.push({
        text: heading[2]!,
        start: line.start + lead,
        end: line.start + lead + heading[2]!.length,
        md: { heading: heading[1]!.length },
      });
      continue;
    }
    if (line.blank) flush();
    else group.push(line);
  }
  flush();
  return blocks;
}

/**
 * Pass 3: "…à sa petite-fille. »Xiaomi : entre soupçons et démentis" — a
 * subheading glued to the end of the paragraph before it, with no space.
 */
function splitGluedHeading(block: RawBlock): RawBlock[] {
  const match = /([.!?…»”"])\s?(\p{Lu}[^.!?…«»“”"\n]{2,120})$/u.exec(block.text);
  if (!match || block.md) return [block];
  const tail = match[2]!.trim();
  const glued = match[0].length === match[1]!.length + match[2]!.length; // no space before
  if (!glued || wordCount(tail) < 2 || wordCount(tail) > HEADING_MAX_WORDS || STRONG_SENTENCE_END.test(tail)) return [block];
  const cut = match.index + match[1]!.length;
  const headText = block.text.slice(0, cut).trimEnd();
  // block.text may differ from the source slice only where newlines became
  // spaces, which keeps lengths, so offsets carry over.
  return [
    { text: headText, start: block.start, end: block.start + headText.length },
    { text: tail, start: block.end - tail.length, end: block.end, md: { heading: 2 } },
  ];
}

function isHeadlineLike(text: string): boolean {
  return (
    wordCount(text) <= HEADLINE_MAX_WORDS &&
    text.length <= HEADLINE_MAX_CHARS &&
    !/[.;,:]$/.test(text) &&
    !/\.\s+\p{Lu}/u.test(text) &&
    STARTS_UPPER_OR_DIGIT.test(text)
  );
}

function isHeadingLike(text: string): boolean {
  const words = wordCount(text);
  if (words === 0 || words > HEADING_MAX_WORDS || text.length > HEADING_MAX_CHARS) return false;
  if (/[.;,:…]$/.test(text)) return false;
  if (/\?$/.test(text) && words > 8) return false;
  if (/[.!?]\s+\p{Lu}/u.test(text)) return false; // two sentences
  return STARTS_UPPER_OR_DIGIT.test(text);
}

/** Turns furniture-free lines into headline and body blocks. */
export function structureArticle(text: string, contentStart: number, format: SourceFormat): StructuredArticle {
  const furniture = removeFurniture(splitLines(text, contentStart));
  const grouped = format === "md" ? groupMarkdownLines(text, furniture.kept) : groupPlainLines(text, furniture.kept);
  const raw = grouped.flatMap(splitGluedHeading);

  const boilerplate = [...furniture.boilerplate];
  const keywords = [...furniture.keywords];
  const headingDepth = new Map<number, number>();
  let title: Span | null = null;
  let index = 0;

  // Headline: a Markdown h1, or a first line shaped like a headline that has
  // a body after it.
  const first = raw[0];
  if (first && raw.length > 1) {
    if (first.md?.heading === 1 || (format === "txt" && !first.md && isHeadlineLike(first.text))) {
      title = { text: first.text, start: first.start, end: first.end };
      index = 1;
    }
  }

  const blocks: Block[] = [];
  let seenParagraph = false;
  for (; index < raw.length; index++) {
    const block = raw[index]!;
    const span = { text: block.text, start: block.start, end: block.end };
    const next = raw[index + 1];
    if (block.md?.heading) {
      blocks.push({ ...span, kind: "heading" });
      headingDepth.set(block.start, Math.max(2, block.md.heading));
      continue;
    }
    if (block.md?.quote || (!block.md && QUOTED_LINE.test(block.text) && !/[«“"].*[»”"].*[«“"]/su.test(block.text.slice(1, -1)))) {
      blocks.push({ ...span, kind: "quote" });
      seenParagraph = true;
      continue;
    }
    // A short lower-case line before the lede is a section label ("smartphones
    // Xiaomi", "international"): kept as a tag, not as text.
    if (!seenParagraph && format === "txt" && STARTS_LOWER.test(block.text) && wordCount(block.text) <= LABEL_MAX_WORDS && !SENTENCE_END.test(block.text)) {
      boilerplate.push({ ...span, kind: "label", rule: "section-label" });
      keywords.push(block.text);
      continue;
    }
    if (format === "txt" && next && seenParagraph && isHeadingLike(block.text)) {
      blocks.push({ ...span, kind: "heading" });
      headingDepth.set(block.start, 2);
      continue;
    }
    blocks.push({ ...span, kind: "paragraph" });
    seenParagraph = true;
  }

  // A heading with no text after it is a stray line: keep it as text.
  const last = blocks[blocks.length - 1];
  if (last?.kind === "heading" && !headingDepth.has(last.start)) last.kind = "paragraph";

  boilerplate.sort((a, b) => a.start - b.start);
  return { title, blocks, boilerplate, credit: furniture.credit, keywords, headingDepth };
}

/** The first sentence of the lede, cut at a word boundary, as a headline. */
export function inferTitle(lede: string, maxChars = 110): string {
  const sentence = /^.+?[.!?…](?=\s+[«"“\p{Lu}]|$)/u.exec(lede)?.[0] ?? lede;
  const clean = sentence.replace(/\s+/g, " ").trim().replace(/[.]$/, "");
  if (clean.length <= maxChars) return clean;
  const cut = clean.slice(0, maxChars + 1);
  const boundary = cut.lastIndexOf(" ");
  return `${(boundary > maxChars / 2 ? cut.slice(0, boundary) : cut.slice(0, maxChars)).replace(/[\s,;:–-]+$/u, "")}…`;
}

/** The lede as a summary: whole sentences up to about `maxChars`. */
export function summarise(lede: string, maxChars = 320): string {
  const text = lede.replace(/\s+/g, " ").trim();
  if (text.length <= maxChars) return text;
  const sentences = text.match(/[^.!?…]+(?:[.!?…]+[»”"]?|$)\s*/gu) ?? [text];
  let summary = "";
  for (const sentence of sentences) {
    if (summary.length + sentence.length > maxChars) break;
    summary += sentence;
  }
  if (summary.trim().length >= 40) return summary.trim();
  const cut = text.slice(0, maxChars);
  return `${cut.slice(0, cut.lastIndexOf(" ")).replace(/[\s,;:–-]+$/u, "")}…`;
}
