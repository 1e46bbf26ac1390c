/**
 * Eleventy only renders: the archive's records come from src/ (read →
 * structure → extract → link) and templates/ presents them. Read top to
 * bottom: data, watch targets, plugins, filters, folders.
 * https://www.11ty.dev/docs/config/
 */
import { HtmlBasePlugin } from "@11ty/eleventy";
import { readConfig } from "./src/config.ts";
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { handover, loadSiteView, servedArchive } from "./src/site/source.ts";
import { writeExports } from "./src/link/export.ts";
import { PAGINATED_TEMPLATES } from "./src/site/render-plan.ts";
import { frenchSpacing, frenchSpacingHtml, formatDate, plural } from "./src/site/french.ts";
import { pageSuffix } from "./src/site/lists.ts";
import { siteMetadata } from "./src/site/metadata.ts";
import { dateHtml, linkList } from "./src/site/html-lists.ts";
import { discoveryPlugin } from "./src/site/eleventy-discovery.ts";

const config = readConfig();

export default function (eleventyConfig: any) {
  // The archive, as one global data object that every template reads.
  // https://www.11ty.dev/docs/data-global-custom/
  eleventyConfig.addGlobalData("archive", () => loadSiteView());
  eleventyConfig.addGlobalData("site", { ...siteMetadata, url: config.siteUrl });

  // Template data files in TypeScript (templates/<name>.11tydata.ts): the
  // paginated pages' URL, title and description (src/site/page-data.ts).
  // Node imports them through tsx, which both `npm run build` and `npm start` load.
  // https://www.11ty.dev/docs/data-custom/
  eleventyConfig.addDataExtension("ts", {
    parser: async (file: string) => ((await import(pathToFileURL(path.resolve(file)).href)) as { default: unknown }).default,
    read: false,
  });

  // `npm start` rebuilds when an article or a rule changes.
  // https://www.11ty.dev/docs/watch-serve/#add-your-own-watch-targets
  eleventyConfig.addWatchTarget(config.seedsDir);
  eleventyConfig.addWatchTarget("./src/");

  // `npm run build` renders a large archive in several runs (src/site/render-plan.ts):
  // the single pages (home, indexes, feeds, export) and the assets come with the first.
  // https://www.11ty.dev/docs/ignores/
  if (handover()?.singles === false) {
    for (const file of readdirSync("templates", { recursive: true }) as string[]) {
      if (file.endsWith(".njk") && !file.startsWith("_includes") && !PAGINATED_TEMPLATES.includes(file)) eleventyConfig.ignores.add(`templates/${file}`);
    }
  } else {
    // Stylesheet, copied as is.
    // https://www.11ty.dev/docs/copy/
    eleventyConfig.addPassthroughCopy({ "templates/assets": "assets" });
  }

  // Root-relative links work under a sub-path too (PATH_PREFIX=/archive/).
  // https://www.11ty.dev/docs/plugins/html-base/
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Canonical links, Open Graph, JSON-LD, feeds, sitemap, robots.txt (src/site/seo.ts).
  eleventyConfig.addPlugin(discoveryPlugin);

  // The JSON export (data/*.json) is written record by record, not rendered:
  // `npm run build` writes it itself; under `npm start` it is written here.
  // https://www.11ty.dev/docs/events/#eleventy.after
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const archive = servedArchive();
    if (!handover() && archive) await writeExports(archive, directories.output);
  });

  // Presentation filters: French dates and typography, JSON-LD.
  eleventyConfig.addFilter("frenchDate", formatDate);
  eleventyConfig.addFilter("typo", frenchSpacing);
  eleventyConfig.addFilter("typoHtml", frenchSpacingHtml);
  eleventyConfig.addFilter("plural", plural);
  eleventyConfig.addFilter("pageSuffix", pageSuffix);
  // Lists printed tens of thousands of times (src/site/html-lists.ts).
  eleventyConfig.addFilter("linkList", linkList);
  eleventyConfig.addFilter("dateHtml", dateHtml);
  eleventyConfig.addFilter("jsonLd", (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c"));

  return {
    dir: { input: "templates", includes: "_includes", output: config.outputDir },
    pathPrefix: config.pathPrefix,
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}
