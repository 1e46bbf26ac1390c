/**
 * Eleventy wiring for what makes the site findable: head metadata (canonical
 * link, Open Graph, JSON-LD), feeds, sitemap, robots.txt and the search
 * index's page attributes. The decisions
 * live in seo.ts, jsonld.ts and feeds.ts; these filters only hand them the
 * page's data and the site's address.
 */
import { readConfig } from "../config.ts";
import type { ArchiveEntity, Article } from "../types.ts";
import { atomXml, buildFeed, jsonFeed } from "./feeds.ts";
import { siteMetadata } from "./metadata.ts";
import { articleFacets, FILTERS } from "../search/facets.ts";
import { headMeta, robotsTxt, sitemapEntries, sitemapXml, type SiteIdentity } from "./seo.ts";

export function siteIdentity(env: NodeJS.ProcessEnv = process.env): SiteIdentity {
  const config = readConfig(env);
  return { ...siteMetadata, siteUrl: config.siteUrl, pathPrefix: config.pathPrefix };
}

interface SiteViewLike {
  articles: Article[];
  entities: ArchiveEntity[];
  topics: Array<{ url: string }>;
  entityIndexes?: Array<{ url: string }>;
  archives?: { years: Array<{ url: string }> };
}

export function discoveryPlugin(eleventyConfig: any): void {
  const site = siteIdentity();
  eleventyConfig.addFilter(
    "headMeta",
    (page: { url: string | false }, title?: string, description?: string, article?: Article, entity?: ArchiveEntity, entities?: ArchiveEntity[]) =>
      headMeta(site, { url: page?.url ?? "/", title, description, article, entity, entities }),
  );
  eleventyConfig.addFilter("atomFeed", (articles: Article[]) => atomXml(buildFeed(site, articles)));
  eleventyConfig.addFilter("jsonFeed", (articles: Article[]) => jsonFeed(buildFeed(site, articles)));
  eleventyConfig.addFilter("sitemapXml", (pages: Array<{ url: string | false }>, archive: SiteViewLike) =>
    sitemapXml(
      sitemapEntries(
        site,
        pages.map((p) => p.url),
        archive,
        [...(archive.entityIndexes ?? []).map((i) => i.url), ...(archive.archives?.years ?? []).map((y) => y.url)],
      ),
    ),
  );
  eleventyConfig.addFilter("robotsTxt", () => robotsTxt(site));
  eleventyConfig.addFilter("searchFacets", (article: Article, entities: ArchiveEntity[]) => articleFacets(article, entities));
  eleventyConfig.addGlobalData("searchFilters", Object.entries(FILTERS).map(([key, label]) => ({ key, label })));
}
