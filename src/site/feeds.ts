/**
 * The archive's feeds: Atom (RFC 4287) at /feed.xml and JSON Feed 1.1 at
 * /feed.json, newest article first.
 *
 * Dates are the articles' own, never the build's, so the same archive always
 * gives the same bytes. An article dated to a month or a year is placed at
 * the start of that period ("2015-09" → 2015-09-01T00:00:00Z). Atom requires
 * an `updated` date on every entry: an undated article takes the feed's
 * date, which is the date of the newest dated article (1970-01-01 when none
 * is dated); JSON Feed lets a date be absent, so there it has none.
 * https://www.rfc-editor.org/rfc/rfc4287 · https://www.jsonfeed.org/version/1.1/
 */
import type { Article } from "../types.ts";
import { absoluteLinks, absoluteUrl, escapeXml, type SiteIdentity } from "./seo.ts";

/** How many articles the feeds carry: the newest ones, as feed readers expect. */
export const FEED_SIZE = 100;

export const FEED_PATHS = { atom: "/feed.xml", json: "/feed.json" } as const;

/** The date of a feed with no dated article at all. */
const NO_DATE = "1970-01-01T00:00:00Z";

type FeedArticle = Pick<Article, "id" | "url" | "title" | "date" | "summary" | "html" | "tags" | "author" | "lang" | "topic">;

/** "2025-11-01" / "2025-11" / "2025" → an RFC 3339 timestamp at the start of the period. */
export function feedTimestamp(value: string): string {
  const [year, month = "01", day = "01"] = value.split("-");
  return `${year}-${month}-${day}T00:00:00Z`;
}

/** Newest first; undated articles after the dated ones, by title. Stable for equal keys. */
export function feedOrder<T extends FeedArticle>(articles: readonly T[]): T[] {
  return [...articles].sort((a, b) => {
    if (a.date && b.date && a.date.value !== b.date.value) return a.date.value < b.date.value ? 1 : -1;
    if (a.date && !b.date) return -1;
    if (!a.date && b.date) return 1;
    return a.title.localeCompare(b.title, "fr") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

export interface FeedEntry {
  id: string;
  url: string;
  title: string;
  /** RFC 3339, or null when the article is undated. */
  published: string | null;
  summary: string;
  contentHtml: string;
  tags: string[];
  author: string | null;
  lang: string;
}

export interface Feed {
  title: string;
  description: string;
  homeUrl: string;
  atomUrl: string;
  jsonUrl: string;
  /** The newest article's date, the feed's `updated`. */
  updated: string;
  author: string;
  lang: string;
  entries: FeedEntry[];
}

export function buildFeed(site: SiteIdentity, articles: readonly FeedArticle[], size = FEED_SIZE): Feed {
  const entries = feedOrder(articles)
    .slice(0, size)
    .map((article) => {
      const url = absoluteUrl(site, article.url);
      return {
        id: url,
        url,
        title: article.title,
        published: article.date ? feedTimestamp(article.date.value) : null,
        summary: article.summary,
        contentHtml: absoluteLinks(site, article.html),
        tags: [...(article.topic ? [article.topic.label] : []), ...article.tags],
        author: article.author,
        lang: article.lang,
      };
    });
  const dated = entries.map((e) => e.published).filter((d): d is string => d !== null);
  return {
    title: site.title,
    description: site.description,
    homeUrl: absoluteUrl(site, "/"),
    atomUrl: absoluteUrl(site, FEED_PATHS.atom),
    jsonUrl: absoluteUrl(site, FEED_PATHS.json),
    updated: dated.reduce((latest, d) => (d > latest ? d : latest), NO_DATE),
    author: site.author,
    lang: site.lang,
    entries,
  };
}

export function atomXml(feed: Feed): string {
  const x = escapeXml;
  const entries = feed.entries.map((e) =>
    [
      "  <entry>",
      `    <id>${x(e.id)}</id>`,
      `    <title type="text">${x(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${x(e.url)}"/>`,
      `    <updated>${x(e.published ?? feed.updated)}</updated>`,
      ...(e.published ? [`    <published>${x(e.published)}</published>`] : []),
      ...(e.author ? [`    <author><name>${x(e.author)}</name></author>`] : []),
      ...e.tags.map((t) => `    <category term="${x(t)}"/>`),
      ...(e.summary ? [`    <summary type="text">${x(e.summary)}</summary>`] : []),
      `    <content type="html" xml:lang="${x(e.lang)}">${x(e.contentHtml)}</content>`,
      "  </entry>",
    ].join("\n"),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(feed.lang)}">`,
    `  <id>${x(feed.homeUrl)}</id>`,
    `  <title type="text">${x(feed.title)}</title>`,
    `  <subtitle type="text">${x(feed.description)}</subtitle>`,
    `  <updated>${x(feed.updated)}</updated>`,
    `  <author><name>${x(feed.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${x(feed.atomUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(feed.homeUrl)}"/>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

export function jsonFeed(feed: Feed): string {
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.jsonUrl,
    description: feed.description,
    language: feed.lang,
    authors: [{ name: feed.author }],
    items: feed.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: e.contentHtml,
      ...(e.summary ? { summary: e.summary } : {}),
      ...(e.published ? { date_published: e.published } : {}),
      ...(e.tags.length ? { tags: e.tags } : {}),
      ...(e.author ? { authors: [{ name: e.author }] } : {}),
      language: e.lang,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
