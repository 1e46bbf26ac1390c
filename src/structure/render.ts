/**
 * Body blocks → HTML through remark-html, sanitizing on.
 *
 * Plain-text blocks become mdast text nodes directly (no Markdown parsing, so
 * an asterisk or a `<script>` in scraped text stays literal text); Markdown
 * blocks are parsed by remark. Links (an entity's first mention, say) are
 * given as offset ranges into the file's text and become mdast links, which
 * remark-html sanitizes like any other link.
 */
import { remark } from "remark";
import remarkHtml from "remark-html";
import type { Block } from "../types.ts";
import type { SourceFormat } from "./blocks.ts";

export interface TextLink {
  start: number;
  end: number;
  href: string;
  title?: string;
}

type Phrasing = { type: "text"; value: string } | { type: "link"; url: string; title?: string | null; children: Phrasing[] } | Record<string, unknown>;
type Content = { type: string; [key: string]: unknown };

const processor = remark().use(remarkHtml, { sanitize: true });

/** Text of a block split around the links that fall inside it. */
function phrasing(block: Block, links: TextLink[]): Phrasing[] {
  const inside = links
    .filter((link) => link.start >= block.start && link.end <= block.end)
    .sort((a, b) => a.start - b.start);
  const nodes: Phrasing[] = [];
  let cursor = block.start;
  for (const link of inside) {
    if (link.start < cursor) continue; // overlapping link: keep the first
    if (link.start > cursor) nodes.push({ type: "text", value: block.text.slice(cursor - block.start, link.start - block.start) });
    nodes.push({
      type: "link",
      url: link.href,
      title: link.title ?? null,
      children: [{ type: "text", value: block.text.slice(link.start - block.start, link.end - block.start) }],
    });
    cursor = link.end;
  }
  if (cursor < block.end) nodes.push({ type: "text", value: block.text.slice(cursor - block.start) });
  return nodes;
}

function markdownPhrasing(text: string): Phrasing[] {
  const tree = remark().parse(text) as { children: Array<{ type: string; children?: Phrasing[] }> };
  const first = tree.children[0];
  return first?.type === "paragraph" && first.children ? first.children : [{ type: "text", value: text }];
}

export function renderBlocks(
  blocks: Block[],
  options: { format: SourceFormat; headingDepth?: Map<number, number>; links?: TextLink[]; headingIds?: Map<number, string> },
): string {
  const links = options.links ?? [];
  const children: Content[] = blocks.map((block) => {
    // Links only go into plain text: Markdown source already has its own
    // inline syntax, whose offsets no longer match the rendered text.
    const inline = options.format === "md" ? markdownPhrasing(block.text) : phrasing(block, links);
    if (block.kind === "heading") {
      const id = options.headingIds?.get(block.start);
      return {
        type: "heading",
        depth: options.headingDepth?.get(block.start) ?? 2,
        children: inline,
        ...(id ? { data: { hProperties: { id } } } : {}),
      };
    }
    if (block.kind === "quote") return { type: "blockquote", children: [{ type: "paragraph", children: inline }] };
    return { type: "paragraph", children: inline };
  });
  const tree = processor.runSync({ type: "root", children } as never);
  return markExternalLinks(String(processor.stringify(tree as never)).trim());
}

/**
 * External links in an article's body get `rel="noopener noreferrer"`: the
 * page opened does not learn which archive page the reader came from, nor
 * get a handle on it. The sanitizer drops any `rel` an author wrote, so this
 * runs on its output, where every `<a>` is one the sanitizer let through.
 */
export function markExternalLinks(html: string): string {
  return html.replace(/<a\s[^>]*>/gi, (tag) => {
    const href = /\shref="([^"]*)"/i.exec(tag)?.[1] ?? "";
    if (!/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(href) || /\srel=/i.test(tag)) return tag;
    return `${tag.slice(0, -1)} rel="noopener noreferrer">`;
  });
}
