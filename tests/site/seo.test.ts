/**
 * Canonical links, Open Graph, JSON-LD, sitemap and robots.txt, from small
 * hand-made archives.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { absoluteLinks, absoluteUrl, headMeta, openGraphLocale, robotsTxt, sitemapEntries, sitemapXml, type SiteIdentity } from "../../src/site/seo.ts";
import { articleJsonLd, entityJsonLd, serializeJsonLd, subjectsOf } from "../../src/site/jsonld.ts";
import type { ArchiveEntity, Article, Mention } from "../../src/types.ts";
import { countMentions } from "../../src/link/mentions.ts";

const site: SiteIdentity = {
  siteUrl: "https://journal.exemple.fr",
  pathPrefix: "/archive/",
  title: "Archives du Journal",
  description: "Les articles d’un journal régional.",
  lang: "fr",
  author: "La rédaction",
};
const atRoot: SiteIdentity = { ...site, pathPrefix: "/" };

function entity(id: string, name: string, type: ArchiveEntity["type"], extra: Partial<ArchiveEntity> = {}): ArchiveEntity {
  const folder = { person: "personnes", organization: "organisations", place: "lieux", product: "produits", other: "entites" }[type];
  return { id, name, type, aliases: [], description: null, wikidata: null, articles: ["greve"], url: `/${folder}/${id}/`, ...extra };
}

const entities = [
  entity("nantes", "Nantes", "place", { wikidata: "Q12191" }),
  entity("sncf", "SNCF", "organization", { aliases: ["Société nationale des chemins de fer français"], wikidata: "Q13220" }),
  entity("jeanne-martin", "Jeanne Martin", "person", { description: "secrétaire du syndicat </script><!-- & co" }),
];

function mention(entityId: string, type: Mention["type"], n: number): Mention[] {
  return Array.from({ length: n }, (_, i) => ({ text: entityId, start: i, end: i + 1, entity: entityId, type, rule: "test" }));
}

const greve: Article = {
  id: "greve",
  url: "/articles/greve/",
  source: "greve.txt",
  title: "Grève à la SNCF : trafic perturbé </script> à Nantes",
  titleInferred: false,
  lang: "fr",
  langDetected: "fra",
  date: { value: "2024-05-02", precision: "day", basis: "text", evidence: [] },
  topic: { id: "transports", label: "Transports" },
  topics: [],
  tags: ["grève", "trains"],
  author: null,
  sourceUrl: null,
  credit: null,
  summary: "Les trains & les bus <b>ne circulent pas</b>.",
  headings: [],
  blocks: [],
  html: "<p>…</p>",
  wordCount: 120,
  boilerplate: [],
  timexes: [],
  mentions: [...mention("jeanne-martin", "person", 4), ...mention("sncf", "organization", 2), ...mention("nantes", "place", 1)],
  quotes: [],
  events: [],
  thread: null,
};
/** The article as its page's data carries it: mentions counted by entity. */
const greveView = { ...greve, mentionCounts: countMentions(greve.mentions) };

describe("absolute URLs", () => {
  test("site paths get SITE_URL and PATH_PREFIX, once", () => {
    assert.equal(absoluteUrl(site, "/articles/greve/"), "https://journal.exemple.fr/archive/articles/greve/");
    assert.equal(absoluteUrl(site, "/"), "https://journal.exemple.fr/archive/");
    assert.equal(absoluteUrl(atRoot, "/feed.xml"), "https://journal.exemple.fr/feed.xml");
    assert.equal(absoluteUrl(site, "https://www.wikidata.org/entity/Q90"), "https://www.wikidata.org/entity/Q90");
  });

  test("root-relative links in HTML become absolute; other links are left alone", () => {
    assert.equal(
      absoluteLinks(site, `<a href="/lieux/nantes/">Nantes</a> <a href="https://exemple.org/">x</a> <a href="#note">note</a>`),
      `<a href="https://journal.exemple.fr/archive/lieux/nantes/">Nantes</a> <a href="https://exemple.org/">x</a> <a href="#note">note</a>`,
    );
  });
});

describe("head metadata", () => {
  test("an article page: canonical URL, og:type article, published time, French locale", () => {
    const meta = headMeta(site, { url: "/articles/greve/", title: greve.title, description: greve.summary, article: greveView, entities });
    assert.equal(meta.canonical, "https://journal.exemple.fr/archive/articles/greve/");
    const og = Object.fromEntries(meta.openGraph.map((t) => [t.property, t.content]));
    assert.equal(og["og:type"], "article");
    assert.equal(og["og:locale"], "fr_FR");
    assert.equal(og["og:url"], meta.canonical);
    assert.equal(og["article:published_time"], "2024-05-02");
    assert.deepEqual(meta.openGraph.filter((t) => t.property === "article:tag").map((t) => t.content), ["grève", "trains"]);
    assert.ok(meta.jsonLd);
  });

  test("an undated article has no published time", () => {
    const meta = headMeta(site, { url: "/articles/greve/", article: { ...greveView, date: null }, entities });
    assert.equal(meta.openGraph.some((t) => t.property === "article:published_time"), false);
    assert.equal(JSON.parse(meta.jsonLd!).datePublished, undefined);
  });

  test("the 404 page is not indexed and has no canonical link", () => {
    const meta = headMeta(site, { url: "/404.html", title: "Page introuvable" });
    assert.equal(meta.canonical, null);
    assert.equal(meta.robots, "noindex");
    assert.equal(meta.jsonLd, null);
  });

  test("the home page describes the site and where its search is", () => {
    const data = JSON.parse(headMeta(site, { url: "/" }).jsonLd!);
    assert.equal(data["@type"], "WebSite");
    assert.equal(data.potentialAction.target.urlTemplate, "https://journal.exemple.fr/archive/recherche/?q={search_term_string}");
  });

  test("an entity page describes the entity", () => {
    const meta = headMeta(site, { url: "/organisations/sncf/", title: "SNCF", entity: entities[1] });
    assert.equal(JSON.parse(meta.jsonLd!)["@type"], "Organization");
    assert.equal(meta.openGraph.find((t) => t.property === "og:type")!.content, "website");
  });

  test("Open Graph locales", () => {
    assert.equal(openGraphLocale("fr"), "fr_FR");
    assert.equal(openGraphLocale("fr-BE"), "fr_BE");
  });
});

describe("JSON-LD", () => {
  test("NewsArticle: headline, date, language, subjects with Wikidata", () => {
    const data = articleJsonLd(site, greveView, entities);
    assert.equal(data["@type"], "NewsArticle");
    assert.equal(data.headline, greve.title);
    assert.equal(data.datePublished, "2024-05-02");
    assert.equal(data.inLanguage, "fr");
    const about = data.about as Array<Record<string, string>>;
    assert.deepEqual(about.map((e) => [e["@type"], e.name]), [["Organization", "SNCF"], ["Place", "Nantes"]]);
    assert.equal(about[0]!.sameAs, "https://www.wikidata.org/entity/Q13220");
    assert.equal(about[0]!.url, "https://journal.exemple.fr/archive/organisations/sncf/");
    const mentions = data.mentions as Array<Record<string, string>>;
    assert.deepEqual(mentions.map((e) => e.name), ["Jeanne Martin"]);
    assert.equal("sameAs" in mentions[0]!, false);
  });

  test("when the headline names no entity, the most mentioned ones are the subject", () => {
    const { about, mentions } = subjectsOf({ ...greveView, title: "Journée noire dans les gares" }, entities);
    assert.deepEqual(about.map((e) => e.id), ["jeanne-martin"]);
    assert.deepEqual(mentions.map((e) => e.id), ["sncf", "nantes"]);
  });

  test("entity pages: their own type, aliases and sameAs", () => {
    const data = entityJsonLd(site, entities[1]!);
    assert.equal(data["@type"], "Organization");
    assert.deepEqual(data.alternateName, ["Société nationale des chemins de fer français"]);
    assert.equal(data.sameAs, "https://www.wikidata.org/entity/Q13220");
    assert.equal(entityJsonLd(site, entities[0]!)["@type"], "Place");
    assert.equal(entityJsonLd(site, entities[2]!)["@type"], "Person");
  });

  test("serialized JSON-LD cannot close its script element, and still parses to the same data", () => {
    const data = articleJsonLd(site, greveView, entities);
    const text = serializeJsonLd(data);
    assert.doesNotMatch(text, /[<>&]/);
    assert.deepEqual(JSON.parse(text), data);
    assert.ok(JSON.parse(text).headline.includes("</script>"));
  });
});

describe("sitemap and robots.txt", () => {
  const page = (url: string | false, head = "") => ({ url, content: `<!doctype html><html lang="fr"><head>${head}</head><body></body></html>` });
  const pages = [
    page("/articles/greve/", '<meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-02">'),
    page("/articles/portrait/", '<meta property="og:type" content="article">'),
    page("/archives/2024/05/"),
    page("/"),
    page("/404.html", '<meta name="robots" content="noindex">'),
    page("/erreur/", '<meta name="robots" content="noindex, follow">'),
    page("/feed.xml"),
    page("/data/articles.json"),
    page(false),
    page("/articles/greve/", '<meta property="article:published_time" content="2024-05-02">'),
  ];

  test("every written page once, absolute, sorted; noindex pages and non-HTML files left out", () => {
    const locs = sitemapEntries(site, pages).map((e) => e.loc);
    assert.deepEqual(locs, [
      "https://journal.exemple.fr/archive/",
      "https://journal.exemple.fr/archive/archives/2024/05/",
      "https://journal.exemple.fr/archive/articles/greve/",
      "https://journal.exemple.fr/archive/articles/portrait/",
    ]);
    assert.deepEqual(sitemapEntries(site, [...pages].reverse()), sitemapEntries(site, pages), "write order does not matter");
  });

  test("lastmod only when the page states its publication date", () => {
    const entries = sitemapEntries(site, pages);
    assert.equal(entries.find((e) => e.loc.endsWith("/articles/greve/"))!.lastmod, "2024-05-02");
    assert.equal(entries.find((e) => e.loc.endsWith("/articles/portrait/"))!.lastmod, null);
    const xml = sitemapXml(entries);
    assert.match(xml, /<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    assert.equal((xml.match(/<lastmod>/g) ?? []).length, 1);
  });

  test("only the head's tags count: the same tags in the body neither hide the page nor date it", () => {
    const body = '<meta name="robots" content="noindex"><meta property="article:published_time" content="1999-01-01">';
    const entries = sitemapEntries(site, [{ url: "/articles/balises/", content: `<html><head><title>Balises</title></head><body>${body}</body></html>` }]);
    assert.deepEqual(entries, [{ loc: "https://journal.exemple.fr/archive/articles/balises/", lastmod: null }]);
  });

  test("robots.txt points to the absolute sitemap", () => {
    assert.match(robotsTxt(site), /^Sitemap: https:\/\/journal.exemple.fr\/archive\/sitemap.xml$/m);
  });
});
