/**
 * The indexed view of a page (src/search/indexed-view.ts): what Pagefind
 * reads from an article page and nothing else, so that a shard is reused
 * when only the parts of its pages that Pagefind never reads changed.
 *
 * Each claim is checked twice: on the view (and the shard hash built from
 * it), and against Pagefind itself: two pages with the same view must give
 * byte-identical Pagefind bundles, and the changes the view keeps are ones
 * Pagefind really indexes.
 */
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as pagefind from "pagefind";
import { indexedView } from "../../src/search/indexed-view.ts";
import { INDEX_OPTIONS, shardHash, type ShardPlan } from "../../src/search/index.ts";

interface Parts {
  lang: string;
  headTitle: string;
  navCount: string;
  h1: string;
  body: string;
  thread: boolean;
  threadNext: string;
  threadFilter: string;
  footerIgnored: string;
  filters: Array<[string, string]>;
  sort: string;
  meta: string;
  afterBody: string;
  timeline: string;
  related: string[];
  previous: string;
  next: string;
  excludedFilter: string;
  droppedAllMeta: string;
  image: string;
}

const base: Parts = {
  lang: "fr",
  headTitle: "Le tramway des Maréchaux prolongé · Archives d’actualité",
  navCount: "Archives (1 204)",
  h1: "Le tramway des Maréchaux prolongé",
  body: "La Ville de Paris annonce le prolongement du tramway T3b jusqu’à la porte Dauphine.",
  thread: true,
  threadNext: "Les travaux du T3b commencent",
  threadFilter: "",
  footerIgnored: "Fichier source : tram-t3b.md",
  filters: [
    ["lieu", "Paris"],
    ["personne", "Anne Hidalgo"],
    ["theme", "Transports"],
    ["annee", "2024"],
  ],
  sort: "2024-02-10",
  meta: "10\u00a0février 2024",
  afterBody: "",
  timeline: "10 février 2024 : prolongement du T3b annoncé",
  related: ["Le métro prolongé vers le sud", "Des bus électriques sur la ligne 38"],
  previous: "Un nouveau plan vélo",
  next: "La RATP recrute des conducteurs",
  excludedFilter: "",
  droppedAllMeta: "",
  image: "",
};

/** An article page shaped like templates/_includes/layouts/base.njk + pages/article.njk. */
function page(p: Parts): string {
  return `<!doctype html>
<html lang="${p.lang}">
<head>
  <meta charset="utf-8">
  <title>${p.headTitle}</title>
  <meta name="description" content="${p.body}">
  <script type="application/ld+json">{"@type":"NewsArticle","headline":"${p.h1}"}</script>
</head>
<body>
  <a class="skip" href="#contenu">Aller au contenu</a>
  <header class="site-header">
    <p class="site-title"><a href="/">Archives d’actualité</a></p>
    <nav aria-label="Navigation principale"><ul><li><a href="/archives/">${p.navCount}</a></li><li><a href="/recherche/">Recherche</a></li></ul></nav>
  </header>
  <main id="contenu" tabindex="-1">
    <article class="article" data-pagefind-body>
  <header>
    <p class="kicker"><a href="/themes/transports/">Transports</a></p>
    <h1>${p.h1}</h1>
    <p class="meta"><time datetime="2024-02-10">10&nbsp;février 2024</time></p>
  </header>${
    p.thread
      ? `
  <aside class="thread-box" aria-labelledby="fil" data-pagefind-ignore>
    <h2 id="fil">Le fil&nbsp;: <a href="/fils/tram/">Le tramway T3b</a> <span class="meta">article 2 sur 3</span></h2>
    <ul class="thread-nav"><li><span class="meta">La suite</span> <a href="/articles/suite/">${p.threadNext}</a></li></ul>${p.threadFilter ? `<span data-pagefind-filter="fil">${p.threadFilter}</span>` : ""}
  </aside>`
      : ""
  }
  <div class="body">
    <p>${p.body}</p>${p.image}
<p>Les travaux dureront <a href="/lieux/paris/">deux ans</a>.</p>
  </div>
  <footer class="article-footer" data-pagefind-ignore>
    <p>${p.footerIgnored}</p>
  </footer>
</article>${p.afterBody}
<div hidden>${p.filters.map(([k, v]) => `<span data-pagefind-filter="${k}">${v}</span>`).join("")}<span data-pagefind-sort="date">${p.sort}</span><span data-pagefind-meta="date">${p.meta}</span></div>${p.excludedFilter ? `\n<div data-pagefind-ignore="all"><span data-pagefind-filter="exclu">${p.excludedFilter}</span></div>` : ""}${p.droppedAllMeta ? `\n<footer data-pagefind-ignore="all"><span data-pagefind-meta="note">${p.droppedAllMeta}</span></footer>` : ""}
<section class="section" aria-labelledby="chronologie">
  <h2 id="chronologie">Dans la chronologie</h2>
  <div class="axis" role="region" tabindex="0"><svg width="600" height="80" viewBox="0 0 600 80" role="group"><g aria-hidden="true"><rect class="band" x="0" y="0" width="600" height="40"/><text x="10" y="60">2024 (3)</text></g><a href="/chronologie/2024/#e1" aria-label="${p.timeline}"><title>${p.timeline}</title><rect class="mark" x="40" y="10" width="8" height="20" rx="4"/></a></svg></div>
  <ol class="events"><li><time datetime="2024-02-10">10 février 2024</time> ${p.timeline}</li></ol>
  <p><a href="/chronologie/">Toute la chronologie</a></p>
</section>
<section class="section" aria-labelledby="lies">
  <h2 id="lies">Articles liés</h2>
  <ul class="related-list">${p.related.map((r, i) => `\n    <li><a href="/articles/lie-${i}/">${r}</a> <span class="meta">même fil</span></li>`).join("")}
  </ul>
</section>
<nav class="prev-next" aria-label="Articles précédent et suivant"><p class="prev"><span class="meta">Précédent</span> <a href="/articles/avant/" rel="prev">${p.previous}</a></p><p class="next"><span class="meta">Suivant</span> <a href="/articles/apres/" rel="next">${p.next}</a></p></nav>
  </main>
  <footer class="site-footer">
    <p>Archives d’actualité en français.</p>
  </footer>
</body>
</html>
`;
}

const plan: ShardPlan = { id: "2024", pages: [{ url: "/articles/tram/", file: "articles/tram/index.html" }], records: [] };
const hashOf = (html: string) => shardHash(plan, [html]);

/** A second page in every bundle, so that a change of sort order shows. */
const companion = `<html lang="fr"><body><main data-pagefind-body><h1>Le métro prolongé</h1><p>La ligne 14 arrive à Orly.</p></main><span data-pagefind-sort="date">2024-02-10b</span></body></html>`;

/** Pagefind's whole bundle for the page (and the companion), as sorted [file, sha256] pairs. */
async function bundle(html: string): Promise<Array<[string, string]>> {
  const { index, errors } = await pagefind.createIndex(INDEX_OPTIONS);
  assert.ok(index, errors.join("; "));
  for (const [url, content] of [["/articles/tram/", html], ["/articles/metro/", companion]] as const) {
    const added = await index.addHTMLFile({ url, content });
    assert.deepEqual(added.errors, []);
  }
  const { files, errors: fileErrors } = await index.getFiles();
  assert.deepEqual(fileErrors, []);
  await index.deleteIndex();
  return files
    .map((f): [string, string] => [f.path, createHash("sha256").update(f.content).digest("hex")])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

after(async () => {
  await pagefind.close();
});

/** Changes Pagefind never reads: same view, same shard hash, same Pagefind bundle. */
const unread: Array<[string, Partial<Parts>]> = [
  ["a related article added to the list", { related: [...base.related, "La ligne 15 ouvrira en 2026"] }],
  ["previous and next links outside the body", { previous: "Les pistes cyclables du boulevard", next: "Grève à la RATP" }],
  ["the timeline excerpt (its list and the SVG titles)", { timeline: "12 février 2024 : enquête publique ouverte" }],
  ["a count in the site navigation", { navCount: "Archives (1 205)" }],
  ["the thread box, marked data-pagefind-ignore", { threadNext: "Le T3b inauguré" }],
  ["the thread box itself, and the whitespace the template leaves around it in the body", { thread: false }],
  ["the article footer, marked data-pagefind-ignore", { footerIgnored: "Fichier source : tramway-t3b.md" }],
  ["a filter inside data-pagefind-ignore=\"all\"", { excludedFilter: "ne compte pas" }],
];

/** Changes Pagefind reads: the view (and shard hash) changes, and so does Pagefind's bundle. */
const read: Array<[string, Partial<Parts>]> = [
  ["the body text", { body: "La Ville de Paris renonce au prolongement du tramway T3b." }],
  ["a filter value outside the body", { filters: [["lieu", "Paris"], ["personne", "Emmanuel Grégoire"], ["theme", "Transports"], ["annee", "2024"]] }],
  ["the sort key", { sort: "2024-02-11" }],
  ["a metadata value", { meta: "11\u00a0février 2024" }],
  ["the h1 (the result's title)", { h1: "Le tramway T3b prolongé jusqu’à Dauphine" }],
  ["a filter inside data-pagefind-ignore (default: filters are still read)", { threadFilter: "Le tramway T3b" }],
  ["metadata in a footer marked data-pagefind-ignore=\"all\" (Pagefind reads what is inside the elements it drops by name)", { droppedAllMeta: "Note de la rédaction" }],
  ["text an ancestor of the body holds after it", { afterBody: "\nMis à jour le 12 février." }],
  ["an image in the body (the result's image)", { image: `<img src="/images/t3b.jpg" alt="Le tramway à la porte de Vincennes">` }],
];

describe("the indexed view of an article page", () => {
  const original = page(base);

  test("is a view, not the whole page: the page has a body and strictly nested markup", () => {
    assert.match(indexedView(original), /^view\0/);
    const view = indexedView(original);
    for (const word of ["prolongement du tramway", "Anne Hidalgo", "2024-02-10", "Le tramway des Maréchaux prolongé"]) assert.ok(view.includes(word), word);
    for (const word of ["Articles liés", "Un nouveau plan vélo", "Les travaux du T3b commencent", "Archives (1 204)", "prolongement du T3b annoncé", "Fichier source"]) assert.ok(!view.includes(word), word);
  });

  for (const [what, change] of unread) {
    test(`ignores ${what}`, async () => {
      const changed = page({ ...base, ...change });
      assert.notEqual(changed, original);
      assert.equal(indexedView(changed), indexedView(original));
      assert.equal(hashOf(changed), hashOf(original));
      assert.deepEqual(await bundle(changed), await bundle(original), "Pagefind indexes both pages alike");
    });
  }

  for (const [what, change] of read) {
    test(`keeps ${what}`, async () => {
      const changed = page({ ...base, ...change });
      assert.notEqual(indexedView(changed), indexedView(original));
      assert.notEqual(hashOf(changed), hashOf(original));
      assert.notDeepEqual(await bundle(changed), await bundle(original), "Pagefind indexes the change");
    });
  }

  test("keeps <html lang> (forceLanguage overrides it today, but Pagefind reads it)", () => {
    assert.notEqual(hashOf(page({ ...base, lang: "en" })), hashOf(original));
  });

  test("keeps <title>, which is the result's title when the page has no h1", async () => {
    const noH1 = (p: Parts) => page(p).replace(/<h1>[^<]*<\/h1>/, "");
    const changed = { ...base, headTitle: "Tramway : le T3b prolongé · Archives d’actualité" };
    assert.notEqual(indexedView(noH1(changed)), indexedView(noH1(base)));
    assert.notDeepEqual(await bundle(noH1(changed)), await bundle(noH1(base)));
  });

  test("a <br> in the text after the body is a space to Pagefind", async () => {
    const [broken, spaced, joined] = ["Mis<br>à jour.", "Mis à jour.", "Misà jour."].map((afterBody) => page({ ...base, afterBody }));
    assert.equal(indexedView(broken!), indexedView(spaced!));
    assert.deepEqual(await bundle(broken!), await bundle(spaced!));
    assert.notEqual(indexedView(broken!), indexedView(joined!));
    assert.notDeepEqual(await bundle(broken!), await bundle(joined!));
  });

  test("a <br> in the body is a space to Pagefind, even marked data-pagefind-ignore", async () => {
    const [broken, joined] = ["deux<br data-pagefind-ignore>ans", "deuxans"].map((words) => page(base).replace("deux ans", words));
    assert.notEqual(indexedView(broken!), indexedView(joined!));
    assert.notDeepEqual(await bundle(broken!), await bundle(joined!));
  });

  test("whitespace is kept as written where Pagefind keeps it (a tab in a metadata value)", async () => {
    const tab = page({ ...base, meta: "10\tfévrier 2024" });
    const space = page({ ...base, meta: "10 février 2024" });
    assert.notEqual(indexedView(tab), indexedView(space));
    assert.notDeepEqual(await bundle(tab), await bundle(space));
  });

  test("tags inside the body count (Pagefind punctuates block ends and weighs headings)", () => {
    const inline = original.replace("<p>Les travaux dureront", "<span>Les travaux dureront").replace("deux ans</a>.</p>", "deux ans</a>.</span>");
    assert.notEqual(indexedView(inline), indexedView(original));
  });
});

describe("a change the view leaves out is one Pagefind does not index", () => {
  // Every text node and every attribute value of the page, changed one at a
  // time: whenever the view stays the same, so must Pagefind's bundle.
  const original = page({ ...base, threadFilter: "Le tramway T3b", droppedAllMeta: "Note", excludedFilter: "exclu", afterBody: " Mis à jour." });
  const spots = [...original.matchAll(/>([^<]+)</g), ...original.matchAll(/="([^"]*)"/g)].map((m) => ({ at: m.index! + m[0].indexOf(m[1]!), length: m[1]!.length }));

  test("for each text and attribute value of an article page", async () => {
    assert.ok(spots.length > 100);
    const before = await bundle(original);
    const view = indexedView(original);
    let unchanged = 0;
    for (const { at, length } of spots) {
      const changed = `${original.slice(0, at)}Vélizy${original.slice(at + length)}`;
      if (indexedView(changed) !== view) continue;
      unchanged++;
      assert.deepEqual(await bundle(changed), before, `changed: ${JSON.stringify(original.slice(Math.max(0, at - 40), at + length + 10))}`);
    }
    assert.ok(unchanged > 40, `${unchanged} changes left the view as it was`);
  });
});

describe("random pages: whenever one change leaves the view as it was, Pagefind's bundle is the same", () => {
  // Small pages of nested elements, data-pagefind-* attributes, ids, images,
  // line breaks and French words, each changed a few times at random (a
  // word, an attribute, a node removed or inserted). Deterministic.
  type Node = { tag: string; attrs: Array<[string, string]>; kids: Node[] } | { text: string };
  let state = 20240210;
  const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff), state / 0x7fffffff);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const WORDS = ["tramway", "métro", "Paris", "vélo", " ", "\n", "grève", "budget", "Lyon", "école", "&amp;", "&nbsp;", "  "];
  const TAGS = ["div", "p", "span", "main", "article", "section", "nav", "footer", "header", "aside", "h1", "h2", "ul", "a", "em", "form", "label", "title", "noscript", "img", "br", "svg"];
  const ATTRS: Array<() => [string, string]> = [
    () => ["data-pagefind-body", ""],
    () => ["data-pagefind-ignore", pick(["", "all", "index", "autre"])],
    () => ["data-pagefind-filter", pick(["lieu", "theme", "lieu:Nice"])],
    () => ["data-pagefind-meta", pick(["date", "title", "image"])],
    () => ["data-pagefind-sort", "date"],
    () => ["id", pick(["a", "b"])],
    () => ["data-pagefind-weight", "3"],
    () => ["data-pagefind-index-attrs", "title"],
    () => ["title", pick(["Titre", "Autre"])],
    () => ["src", pick(["/a.png", "/b.png"])],
    () => ["class", pick(["x", "y"])],
  ];
  const isVoid = (tag: string) => tag === "img" || tag === "br";
  const generate = (depth: number): Node[] =>
    Array.from({ length: Math.floor(random() * 4) }, (): Node => {
      if (depth >= 4 || random() < 0.35) return { text: pick(WORDS) };
      const tag = pick(TAGS);
      const attrs = Array.from({ length: random() < 0.5 ? 0 : Math.floor(random() * 3) }, () => pick(ATTRS)());
      return { tag, attrs, kids: isVoid(tag) ? [] : tag === "title" ? [{ text: pick(WORDS.slice(0, 10)) }] : generate(depth + 1) };
    });
  const html = (nodes: Node[]): string =>
    nodes.map((n) => ("text" in n ? n.text : `<${n.tag}${n.attrs.map(([k, v]) => ` ${k}="${v}"`).join("")}>${isVoid(n.tag) ? "" : `${html(n.kids)}</${n.tag}>`}`)).join("");
  const lists = (nodes: Node[], found: Node[][] = []): Node[][] => {
    if (nodes.length) found.push(nodes);
    for (const n of nodes) if (!("text" in n)) lists(n.kids, found);
    return found;
  };
  const mutate = (nodes: Node[]): Node[] => {
    const copy = structuredClone(nodes);
    const list = pick(lists(copy));
    const at = Math.floor(random() * list.length);
    const node = list[at]!;
    const roll = random();
    if ("text" in node) node.text = pick(WORDS);
    else if (roll < 0.3 || isVoid(node.tag) || node.tag === "title") list.splice(at, 1);
    else if (roll < 0.6 && node.attrs.length) node.attrs[Math.floor(random() * node.attrs.length)] = pick(ATTRS)();
    else node.kids.splice(Math.floor(random() * (node.kids.length + 1)), 0, { text: pick(WORDS) });
    return copy;
  };
  const document = (nodes: Node[], title = "Archives") => `<!doctype html><html lang="fr"><head><title>${title}</title></head><body>${html(nodes)}</body></html>`;

  test("150 pages, 4 changes each", async () => {
    let compared = 0;
    for (let n = 0; n < 150; n++) {
      let nodes = generate(0);
      if (random() < 0.7) nodes = [{ tag: "main", attrs: [], kids: [...nodes, { tag: "article", attrs: [["data-pagefind-body", ""]], kids: generate(1) }, ...generate(1)] }];
      const original = document(nodes);
      const view = indexedView(original);
      if (!view.startsWith("view\0")) continue;
      const before = await bundle(original);
      for (let m = 0; m < 4; m++) {
        const changed = document(mutate(nodes), random() < 0.1 ? "Autre titre" : "Archives");
        if (changed === original || indexedView(changed) !== view) continue;
        compared++;
        assert.deepEqual(await bundle(changed), before, `${original}\n${changed}`);
      }
    }
    assert.ok(compared > 80, `${compared} changes left the view as it was`);
  });
});

describe("when the view is the whole page", () => {
  test("a page without data-pagefind-body: Pagefind would index all of it", () => {
    const html = `<!doctype html><html lang="fr"><head><title>Accueil</title></head><body><nav>Archives</nav><main><h1>Accueil</h1><p>Les derniers articles.</p></main></body></html>`;
    assert.equal(indexedView(html), `html\0${html}`);
    assert.notEqual(indexedView(html.replace("Archives", "Chronologie")), indexedView(html));
  });

  test("a body whose only data-pagefind-body is under data-pagefind-ignore=\"all\" counts as none", () => {
    const html = `<html><body><div data-pagefind-ignore="all"><article data-pagefind-body><p>Texte</p></article></div><p>Ailleurs</p></body></html>`;
    assert.equal(indexedView(html), `html\0${html}`);
  });

  test("markup that is not strictly nested: an end tag left out, a stray end tag, a self-closing div", () => {
    const wrap = (inner: string) => `<!doctype html><html lang="fr"><body><article data-pagefind-body>${inner}</article><nav>Suivant</nav></body></html>`;
    assert.match(indexedView(wrap("<p>Un paragraphe</p>")), /^view\0/);
    for (const inner of ["<p>Un paragraphe", "<p>Un paragraphe</p></span>", "<div/><p>Un paragraphe</p>", "<ul><li>un<li>deux</ul>"]) {
      assert.equal(indexedView(wrap(inner)), `html\0${wrap(inner)}`, inner);
    }
  });

  test("self-closing tags inside SVG and void elements are strictly nested", () => {
    const html = `<html lang="fr"><body><article data-pagefind-body><p>Texte<br>suite<img src="/a.png"></p><svg viewBox="0 0 10 10"><rect x="0" y="0" width="1" height="1"/><title>Frise</title></svg></article></body></html>`;
    assert.match(indexedView(html), /^view\0/);
  });
});

describe("what decides the default title and image", () => {
  const wrap = (before: string, body: string) => `<html lang="fr"><head><title>Titre de la page</title></head><body><header>${before}</header><main><article data-pagefind-body>${body}</article></main></body></html>`;

  test("an h1 before the body is the title when it comes first, so it is kept", async () => {
    const a = wrap("<h1>Le site</h1>", "<p>Texte.</p>");
    const b = wrap("<h1>Le journal</h1>", "<p>Texte.</p>");
    assert.notEqual(indexedView(a), indexedView(b));
    assert.notDeepEqual(await bundle(a), await bundle(b));
  });

  test("once a non-empty h1 and the image after it are known, later <title>, h1 and images are left out", async () => {
    const body = `<h1>Le tramway</h1><p>Texte.</p><img src="/t3b.jpg" alt="Le T3b">`;
    const a = wrap("", body);
    const later = (extra: string) => a.replace("</main>", `</main><section>${extra}</section>`);
    const x = later(`<h1>Articles liés</h1><img src="/lie-1.jpg"><svg><title>Frise 1</title></svg>`);
    const y = later(`<h1>Articles voisins</h1><img src="/lie-2.jpg"><svg><title>Frise 2</title></svg>`);
    assert.equal(indexedView(x), indexedView(y));
    assert.deepEqual(await bundle(x), await bundle(y));
  });

  test("an empty h1 does not settle the title: the next one is kept", async () => {
    const a = wrap("<h1> </h1>", "<p>Texte.</p>").replace("</main>", "</main><h1>Premier titre</h1>");
    const b = a.replace("Premier titre", "Autre titre");
    assert.notEqual(indexedView(a), indexedView(b));
    assert.notDeepEqual(await bundle(a), await bundle(b));
  });
});
