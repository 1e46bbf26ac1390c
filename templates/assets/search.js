// Search page, progressive enhancement: without this script the page is a
// plain GET form that points to the indexes. With it, the Pagefind shards
// listed in pagefind/manifest.json are merged into one search
// (search-engine.js) and results are shown as the reader types, announced in
// a live region. Paths are computed from this module's own URL, so the site
// works under any PATH_PREFIX. No inline script or style: the page runs
// under a strict CSP.

import { openArchiveSearch } from "./search-engine.js";

const PAGE_SIZE = 20;
const bundleRoot = new URL("../pagefind/", import.meta.url);
// The site's root path ("/" or "/archive/"): result URLs in the index are
// site paths, and Pagefind prefixes them with this.
const baseUrl = new URL("../", import.meta.url).pathname;

const form = document.querySelector("[data-search-form]");
const input = document.getElementById("search-query");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const more = document.querySelector("[data-search-more]");
const filtersBox = document.querySelector("[data-search-filters]");
const sortSelect = document.querySelector("[data-search-sort]");
const selects = [...document.querySelectorAll("[data-filter]")];

const plural = (n, one, many) => `${n.toLocaleString("fr-FR")}\u00a0${n > 1 ? many : one}`;

function say(message) {
  status.textContent = message;
}

/** Pagefind excerpts are escaped text with <mark> around matches; keep only that. */
function excerptNodes(excerpt) {
  const template = document.createElement("template");
  template.innerHTML = excerpt;
  const out = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent ?? ""));
    }
  }
  return out;
}

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(heading);
  const details = [data.meta.genre, data.meta.date].filter(Boolean).join(" · ");
  if (details) {
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = details;
    item.append(meta);
  }
  const excerpt = document.createElement("p");
  excerpt.append(excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

function currentFilters() {
  const filters = {};
  for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
  return filters;
}

/** Fills each filter list with the values found in the index, with their counts. */
function fillFilters(available, chosen) {
  for (const select of selects) {
    const key = select.dataset.filter;
    const values = Object.entries(available[key] ?? {}).sort(([a], [b]) =>
      key === "annee" ? b.localeCompare(a) : a.localeCompare(b, "fr"),
    );
    select.replaceChildren(new Option("Toutes", ""));
    for (const [value, count] of values) select.append(new Option(`${value} (${count})`, value));
    select.value = chosen[key] ?? "";
  }
}

function syncUrl(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [key, value] of Object.entries(filters)) params.set(key, value);
  if (sortSelect.value) params.set("tri", sortSelect.value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function start() {
  document.querySelector("[data-search-nojs]").hidden = true;

  // The query in the address (a shared link, or the form sent before this
  // script ran) fills the form at once; what the reader types while the
  // index loads is kept and searched as soon as it is ready.
  const params = new URLSearchParams(location.search);
  if (!input.value) input.value = params.get("q") ?? "";
  sortSelect.value = ["recent", "ancien"].includes(params.get("tri")) ? params.get("tri") : "";
  const initialFilters = {};
  for (const select of selects) if (params.get(select.dataset.filter)) initialFilters[select.dataset.filter] = params.get(select.dataset.filter);

  say("Chargement de l’index de recherche…");
  const ready = openArchiveSearch(bundleRoot, baseUrl).then(
    async (archiveSearch) => {
      if (!archiveSearch) {
        say("L’archive ne contient encore aucune page à chercher.");
        return null;
      }
      fillFilters(await archiveSearch.filters(), initialFilters);
      filtersBox.hidden = false;
      return archiveSearch;
    },
    (error) => {
      document.querySelector("[data-search-nojs]").hidden = false;
      say("L’index de recherche n’a pas pu être chargé. Les index ci-dessus mènent à chaque article.");
      console.error(error);
      return null;
    },
  );

  let results = [];
  let shown = 0;
  let generation = 0;

  async function showMore() {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    list.append(...data.map(resultItem));
    shown += batch.length;
    more.hidden = shown >= results.length;
  }

  async function run() {
    const mine = ++generation;
    const archiveSearch = await ready;
    if (!archiveSearch || mine !== generation) return;
    const query = input.value.trim();
    const filters = currentFilters();
    syncUrl(query, filters);
    if (!query && Object.keys(filters).length === 0) {
      list.replaceChildren();
      list.hidden = true;
      more.hidden = true;
      say("");
      return;
    }
    const search = await archiveSearch.search(query, { filters, order: sortSelect.value });
    if (mine !== generation) return; // a newer search has started
    results = search.results;
    shown = 0;
    list.replaceChildren();
    list.hidden = results.length === 0;
    await showMore();
    if (mine !== generation) return;
    const scope = `${query ? ` pour «\u00a0${query}\u00a0»` : ""}${search.datedOnly ? ", articles datés seulement" : ""}`;
    say(results.length ? `${plural(results.length, "résultat", "résultats")}${scope}.` : `Aucun résultat${scope}. Essayez un autre mot, ou retirez un filtre.`);
  }

  let timer;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  for (const select of [...selects, sortSelect]) select.addEventListener("change", run);
  more.addEventListener("click", async () => {
    const first = shown;
    await showMore();
    list.children[first]?.querySelector("a")?.focus();
  });

  // Search what is already there once the index is ready; otherwise clear the loading message.
  ready.then((archiveSearch) => {
    if (!archiveSearch) return;
    if (input.value.trim() || Object.keys(initialFilters).length) run();
    else if (generation === 0) say("");
  });
}

start();
