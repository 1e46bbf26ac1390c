/**
 * The URL, title and description of each page of the paginated templates,
 * as functions of the page's entry in the site view. Each template gets its
 * own from a template data file next to it (templates/<name>.11tydata.ts),
 * which Eleventy merges into the page's data.
 *
 * Why functions and not strings in the templates' front matter: Eleventy
 * 3.1 compiles a template string of the front matter again for every page
 * of a pagination (its Nunjucks engine is not cacheable): with a URL, a
 * title and a description per page, about 5 compilations per page. All
 * 9,256 pages of 4,000 articles rendered in 14.5–15.2 s with those strings,
 * 11.5–12.0 s with these functions (README, "Performance").
 *
 * The values are plain text: the layout escapes them where it prints them.
 * https://www.11ty.dev/docs/data-computed/ · https://www.11ty.dev/docs/permalinks/
 */
import { plural } from "./french.ts";
import { pageSuffix } from "./lists.ts";
import { TYPE_LABELS } from "./view.ts";
import type { ArchivePage, ArticleView, EntityPage, EventListPage, SiteView, TimelineYearPage } from "./view.ts";

/** What a template data file gives Eleventy for one paginated template. */
export interface PageData<Data> {
  permalink: (data: Data) => string;
  eleventyComputed: { title: (data: Data) => string; description?: (data: Data) => string; lang?: (data: Data) => string };
}

export const articlePage: PageData<{ article: ArticleView }> = {
  permalink: ({ article }) => article.url,
  eleventyComputed: {
    title: ({ article }) => article.title,
    description: ({ article }) => article.summary,
    lang: ({ article }) => article.lang,
  },
};

export const entityPage: PageData<{ entry: EntityPage }> = {
  permalink: ({ entry }) => entry.page.url,
  eleventyComputed: {
    title: ({ entry }) => `${entry.entity.name}${pageSuffix(entry.page)}`,
    description: ({ entry: { entity, page } }) =>
      page.part && !page.part.front
        ? `Les articles de l’archive qui citent ${entity.name} (${page.part.label.toLowerCase()}).`
        : // The front page (the only one without a year part) has the whole EntityView.
          ("description" in entity && entity.description) ||
          ("articleCount" in entity ? `${entity.typeLabel} ${TYPE_LABELS[entity.type].cited} dans ${plural(entity.articleCount, "article")} de l’archive.` : entity.typeLabel),
  },
};

export const entityIndexPage: PageData<{ index: SiteView["entityIndexes"][number] }> = {
  permalink: ({ index }) => index.url,
  eleventyComputed: { title: ({ index }) => index.label },
};

export const topicPage: PageData<{ entry: SiteView["topicPages"][number] }> = {
  permalink: ({ entry }) => entry.page.url,
  eleventyComputed: { title: ({ entry }) => `${entry.topic.label}${pageSuffix(entry.page)}` },
};

export const threadPage: PageData<{ entry: SiteView["threadPages"][number] }> = {
  permalink: ({ entry }) => entry.page.url,
  eleventyComputed: {
    title: ({ entry }) => `${entry.thread.title}${pageSuffix(entry.page)}`,
    description: ({ entry }) => entry.thread.summary,
  },
};

export const eventListPage: PageData<{ entry: EventListPage }> = {
  permalink: ({ entry }) => entry.page.url,
  eleventyComputed: {
    title: ({ entry }) => `${entry.subject.name}, chronologie${pageSuffix(entry.page)}`,
    description: ({ entry }) => `Tous les événements de l’archive liés à ${entry.subject.name}, dans l’ordre des dates.`,
  },
};

export const timelineYearPage: PageData<{ entry: TimelineYearPage }> = {
  permalink: ({ entry }) => entry.page.url,
  eleventyComputed: {
    title: ({ entry }) => `Chronologie ${entry.label}${pageSuffix(entry.page)}`,
    description: ({ entry }) => `Les événements ${entry.ofLabel} rapportés par les articles de l’archive, dans l’ordre des dates.`,
  },
};

export const archivePeriodPage: PageData<{ entry: ArchivePage }> = {
  permalink: ({ entry }) => entry.page.url,
  eleventyComputed: { title: ({ entry }) => `${entry.title}${pageSuffix(entry.page)}` },
};
