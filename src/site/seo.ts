/**
 * What search engines, feed readers and link previews read: absolute URLs,
 * canonical links, Open Graph tags, the sitemap and robots.txt.
 *
 * Site paths in the records ("/articles/…/") are relative to the site root;
 * the HTML base plugin prefixes them in HTML, but every address here leaves
 * the site (a crawler, a feed reader, a social network), so it is made
 * absolute from SITE_URL + PATH_PREFIX.
 */
import type { ArchiveEntity, Article } from "../types.ts";
import { articleJsonLd, entityJsonLd, serializeJsonLd } from "./jsonld.ts";

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
  article?: Article | null;
  /** Set on entity pages. */
  entity?: ArchiveEntity | null;
  /** Every entity of the archive, to describe an article's subjects. */
  entities?: readonly ArchiveEntity[];
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

  return { canonical, robots: indexed ? null : "noindex", openGraph, jsonLd };
}

export interface SitemapEntry {
  loc: string;
  /** W3C datetime at the precision known (YYYY, YYYY-MM or YYYY-MM-DD), or null. */
  lastmod: string | null;
}

/**
 * Every HTML page once, with absolute URLs, in a stable order. `pageUrls`
 * are the pages Eleventy knows by collection (static pages); the archive's
 * own pages are added from the records because paginated templates put only
 * their first page in collections. An article's lastmod is its date, when
 * known: the archive has no later modification date to offer.
 */
export function sitemapEntries(
  site: SiteAddress,
  pageUrls: ReadonlyArray<string | false | undefined>,
  archive: { articles: ReadonlyArray<Pick<Article, "url" | "date">>; entities: ReadonlyArray<{ url: string }>; topics: ReadonlyArray<{ url: string }> },
  extraUrls: readonly string[] = [],
): SitemapEntry[] {
  const lastmod = new Map<string, string | null>();
  const add = (url: string | false | undefined, date: string | null = null) => {
    if (typeof url !== "string" || !url.endsWith("/") || url.includes("#") || NOT_INDEXED.test(url)) return;
    if (!lastmod.has(url) || (date && !lastmod.get(url))) lastmod.set(url, date);
  };
  for (const url of pageUrls) add(url);
  for (const url of extraUrls) add(url);
  for (const article of archive.articles) add(article.url, article.date?.value ?? null);
  for (const entity of archive.entities) add(entity.url);
  for (const topic of archive.topics) add(topic.url);
  return [...lastmod]
    .sort(([a], [b]) => (a === b ? 0 : a < b ? -1 : 1))
    .map(([url, date]) => ({ loc: absoluteUrl(site, url), lastmod: date }));
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
