/**
 * What search engines, feed readers and link previews read: absolute URLs,
 * canonical links, Open Graph tags, the sitemap and robots.txt.
 *
 * Site paths in the records ("/articles/…/") are relative to the site root;
 * the HTML base plugin prefixes them in HTML, but every address here leaves
 * the site (a crawler, a feed reader, a social network), so it is made
 * absolute from SITE_URL + PATH_PREFIX.
 */
import type { PublishedEntity } from "../types.ts";
import { articleJsonLd, entityJsonLd, serializeJsonLd, websiteJsonLd, type ArticleMetadata } from "./jsonld.ts";

/** Where the site is published. */
export interface SiteAddress {
  /** "https://exemple.fr", without trailing slash. */
  siteUrl: string;
  /** "/" or "/archive/", with leading and trailing slash. */
  pathPrefix: string;
}

/** The site's own name and description, for previews and JSON-LD. */
export interface SiteIdentity extends SiteAddress {
  title: string;
  description: string;
  lang: string;
  author: string;
}

/** "/articles/x/" → "https://exemple.fr/archive/articles/x/". Absolute URLs are kept. */
export function absoluteUrl(site: SiteAddress, sitePath: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(sitePath)) return sitePath;
  const prefix = site.pathPrefix.replace(/\/+$/, "");
  return `${site.siteUrl}${prefix}/${sitePath.replace(/^\/+/, "")}`;
}

/** Root-relative links and sources in an HTML fragment made absolute, for HTML that leaves the site (feeds). */
export function absoluteLinks(site: SiteAddress, html: string): string {
  return html.replace(/\b(href|src)="(\/[^"/][^"]*|\/)"/g, (_all, attribute: string, value: string) => `${attribute}="${absoluteUrl(site, value)}"`);
}

/** Pages that must not be indexed or listed in the sitemap. */
const NOT_INDEXED = /^\/404(\.html|\/)?$/;

export interface OpenGraphTag {
  property: string;
  content: string;
}

export interface HeadMeta {
  /** Absolute canonical URL; null for pages that should not be indexed. */
  canonical: string | null;
  /** `<meta name="robots">` content, when the page must stay out of indexes. */
  robots: string | null;
  openGraph: OpenGraphTag[];
  /** Serialized JSON-LD, safe inside `<script type="application/ld+json">`. */
  jsonLd: string | null;
}

/** What a page's template knows about itself. */
export interface PageContext {
  /** Eleventy's page.url ("/articles/x/", "/404.html"). */
  url: string | false;
  title?: string;
  description?: string;
  /** Set on article pages. */
  article?: ArticleMetadata | null;
  /** Set on entity pages. */
  entity?: PublishedEntity | null;
  /** Every entity of the archive, to describe an article's subjects. */
  entities?: readonly PublishedEntity[];
}

/** Open Graph's locale form of a language code: "fr" → "fr_FR". */
export function openGraphLocale(lang: string): string {
  const [language = "fr", region] = lang.split(/[-_]/);
  return `${language.toLowerCase()}_${(region ?? (language.toLowerCase() === "en" ? "GB" : language)).toUpperCase()}`;
}

/** Canonical link, Open Graph tags and JSON-LD for one page. */
export function headMeta(site: SiteIdentity, page: PageContext): HeadMeta {
  const url = typeof page.url === "string" ? page.url : "/";
  const indexed = !NOT_INDEXED.test(url);
  const canonical = indexed ? absoluteUrl(site, url) : null;
  const article = page.article ?? null;
  const entity = page.entity ?? null;
  const title = page.title ? page.title : site.title;
  const description = page.description || site.description;

  const openGraph: OpenGraphTag[] = [
    { property: "og:site_name", content: site.title },
    { property: "og:locale", content: openGraphLocale(article?.lang ?? site.lang) },
    { property: "og:type", content: article ? "article" : entity?.type === "person" ? "profile" : "website" },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
  ];
  if (canonical) openGraph.push({ property: "og:url", content: canonical });
  if (article) {
    if (article.date) openGraph.push({ property: "article:published_time", content: article.date.value });
    if (article.topic) openGraph.push({ property: "article:section", content: article.topic.label });
    if (article.author) openGraph.push({ property: "article:author", content: article.author });
    for (const tag of article.tags) openGraph.push({ property: "article:tag", content: tag });
  }

  let jsonLd: string | null = null;
  if (article) jsonLd = serializeJsonLd(articleJsonLd(site, article, page.entities ?? []));
  else if (entity) jsonLd = serializeJsonLd(entityJsonLd(site, entity));
  else if (url === "/") jsonLd = serializeJsonLd(websiteJsonLd(site));

  return { canonical, robots: indexed ? null : "noindex", openGraph, jsonLd };
}

export interface SitemapEntry {
  loc: string;
  /** W3C datetime at the precision known (YYYY, YYYY-MM or YYYY-MM-DD), or null. */
  lastmod: string | null;
}

/** A page as Eleventy wrote it. */
export interface WrittenPage {
  /** Site path ("/articles/x/"), without PATH_PREFIX; false for pages not written. */
  url: string | false;
  /** The rendered HTML. */
  content: string;
}

const NOINDEX = /<meta name="robots" content="[^"]*noindex/;
const PUBLISHED = /<meta property="article:published_time" content="(\d{4}(?:-\d{2}(?:-\d{2})?)?)"/;

/**
 * Every HTML page Eleventy wrote, once, with its absolute URL, in a stable
 * order; pages marked noindex (the 404 page) are left out. Built from what
 * was written rather than from a list of page kinds, so a new page template
 * is in the sitemap without anyone remembering to add it. An article's
 * lastmod is its publication date, when known: the archive has no later
 * modification date to offer, and a build date would change every build.
 */
/** A page's entry before it is made absolute. */
export interface SitemapEntryOfPage {
  url: string;
  lastmod: string | null;
}

export function sitemapEntries(site: SiteAddress, pages: readonly WrittenPage[], known: readonly SitemapEntryOfPage[] = []): SitemapEntry[] {
  const lastmod = new Map<string, string | null>();
  for (const { url, lastmod: date } of known) lastmod.set(url, date);
  for (const page of pages) {
    const entry = sitemapPage(page);
    if (entry) lastmod.set(entry.url, entry.lastmod);
  }
  return [...lastmod]
    .sort(([a], [b]) => (a === b ? 0 : a < b ? -1 : 1))
    .map(([url, date]) => ({ loc: absoluteUrl(site, url), lastmod: date }));
}

/** A written page's place in the sitemap, or null when it has none (not a
 * page, not indexed). `known` entries in sitemapEntries are pages of the
 * previous build that were kept as they were (src/site/render-plan.ts). */
export function sitemapPage(page: WrittenPage): SitemapEntryOfPage | null {
  if (typeof page.url !== "string" || !(page.url.endsWith("/") || page.url.endsWith(".html"))) return null;
  if (NOT_INDEXED.test(page.url)) return null;
  // Both tags are in the head: searching only there, not the whole page,
  // took these two searches from 0.30 to 0.05 s for the 9,267 pages of 4,000 articles.
  const headEnd = page.content.indexOf("</head>");
  const head = headEnd < 0 ? page.content : page.content.slice(0, headEnd);
  if (NOINDEX.test(head)) return null;
  return { url: page.url, lastmod: PUBLISHED.exec(head)?.[1] ?? null };
}

/** Escapes text for XML character data and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function sitemapXml(entries: readonly SitemapEntry[]): string {
  const urls = entries
    .map((e) => `  <url>\n    <loc>${escapeXml(e.loc)}</loc>\n${e.lastmod ? `    <lastmod>${escapeXml(e.lastmod)}</lastmod>\n` : ""}  </url>`)
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

/**
 * robots.txt. Crawlers only read it at the host's root: under a sub-path it
 * is still written (harmless) and the README says to point the host's own
 * robots.txt at the sitemap.
 */
export function robotsTxt(site: SiteAddress): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site, "/sitemap.xml")}\n`;
}
