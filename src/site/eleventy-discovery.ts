/**
 * Eleventy wiring for what makes the site findable: head metadata (canonical
 * link, Open Graph, JSON-LD), feeds, sitemap, robots.txt and the search
 * index's page attributes. The decisions
 * live in seo.ts, jsonld.ts and feeds.ts; these filters only hand them the
 * page's data and the site's address.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { readConfig } from "../config.ts";
import type { PublishedEntity } from "../types.ts";
import type { ArticleView } from "./view.ts";
import { atomXml, buildFeed, jsonFeed } from "./feeds.ts";
import { siteMetadata } from "./metadata.ts";
import { articleFacets, FILTERS } from "../search/facets.ts";
import { headMeta, robotsTxt, sitemapEntries, sitemapPage, sitemapXml, type SiteIdentity, type SitemapEntryOfPage, type WrittenPage } from "./seo.ts";
import { handover, recordWrittenPages, writtenPages } from "./source.ts";

export function siteIdentity(env: NodeJS.ProcessEnv = process.env): SiteIdentity {
  const config = readConfig(env);
  return { ...siteMetadata, siteUrl: config.siteUrl, pathPrefix: config.pathPrefix };
}

export function discoveryPlugin(eleventyConfig: any): void {
  const site = siteIdentity();
  eleventyConfig.addFilter(
    "headMeta",
    (page: { url: string | false }, title?: string, description?: string, article?: ArticleView, entity?: PublishedEntity, entities?: PublishedEntity[]) =>
      headMeta(site, { url: page?.url ?? "/", title, description, article, entity, entities }),
  );
  eleventyConfig.addFilter("atomFeed", (articles: ArticleView[]) => atomXml(buildFeed(site, articles)));
  eleventyConfig.addFilter("jsonFeed", (articles: ArticleView[]) => jsonFeed(buildFeed(site, articles)));
  // The sitemap lists what was actually written, so it is made once every page
  // is: by the last of `npm run build`'s Eleventy runs, with the pages of the
  // earlier runs and those kept from the previous build.
  // https://www.11ty.dev/docs/events/#eleventy.after
  // An incremental rebuild (`--incremental`) only reports the pages it rewrote: keep the full sitemap of the last build then.
  eleventyConfig.on("eleventy.after", async ({ directories, dir, results, incremental }: { directories?: { output: string }; dir?: { output: string }; results: WrittenPage[]; incremental?: boolean }) => {
    const output = directories?.output ?? dir?.output;
    if (!output || !Array.isArray(results) || incremental) return;
    const build = handover();
    if (!build) {
      await writeFile(path.join(output, "sitemap.xml"), sitemapXml(sitemapEntries(site, results)));
      return;
    }
    const written = new Map<string, SitemapEntryOfPage | null>();
    for (const page of results) if (typeof page.url === "string") written.set(page.url, sitemapPage(page));
    recordWrittenPages(written);
    if (!build.last) return;
    const known = [...build.keptSitemap, ...[...writtenPages().values()].filter((e): e is SitemapEntryOfPage => e !== null)];
    await writeFile(path.join(output, "sitemap.xml"), sitemapXml(sitemapEntries(site, [], known)));
  });
  eleventyConfig.addFilter("robotsTxt", () => robotsTxt(site));
  eleventyConfig.addFilter("searchFacets", (article: ArticleView, entities: PublishedEntity[]) => articleFacets(article, entities));
  eleventyConfig.addGlobalData("searchFilters", Object.entries(FILTERS).map(([key, label]) => ({ key, label })));
}
