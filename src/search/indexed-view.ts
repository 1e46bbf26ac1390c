/**
 * A page's "indexed view": a canonical string of everything Pagefind reads
 * from the page's HTML, so that a shard's cache key (src/search/index.ts)
 * changes when what Pagefind would index changes, and only then (or nearly:
 * when in doubt, a part of the page is kept, since a false change only costs
 * a re-index while a missed one would serve a stale index).
 *
 * What Pagefind 1.6 reads from a page (its docs, "Configuring the index";
 * its parser, pagefind/src/fossick/parser.rs; checked against the real
 * indexer in tests/search/indexed-view.test.ts), with the default root
 * selector and no exclude selectors:
 * - the text of `data-pagefind-body` elements, minus subtrees marked
 *   `data-pagefind-ignore`, and with their tags (block tags add sentence
 *   punctuation, headings and `data-pagefind-weight` weigh words, `id`s give
 *   anchors, `data-pagefind-index-attrs` adds attribute values);
 * - the text that an ancestor of a body element holds directly after a body
 *   closed inside it ("fin" in `<main><article data-pagefind-body>…</article>fin</main>`);
 * - anywhere on the page, even in an ignored subtree: elements with
 *   `data-pagefind-filter`, `-meta`, `-default-meta`, `-sort`, `-weight`,
 *   `-index-attrs` (their attributes and text), the first non-empty `<h1>`
 *   (the default title), `<title>` (the title when there is no h1), the first
 *   `<img>` after the title (the default image);
 * - `<html lang>` (overridden here by forceLanguage, kept all the same);
 * - `data-pagefind-ignore="all"` hides its subtree from all of this, except
 *   that Pagefind turns it back into a plain ignore on the elements it drops
 *   by name (nav, footer, head, script, form…) and inside them filters and
 *   metadata are read again.
 *
 * So the view keeps, in document order:
 * - every token (tag with all its attributes as written, text, comment)
 *   inside a `data-pagefind-body` element or an element carrying any other
 *   `data-pagefind-*` attribute, except inside `data-pagefind-ignore`
 *   subtrees, where the same rule starts over; text as written inside
 *   elements whose text Pagefind may keep whole (metadata, sort keys,
 *   filters, anchors: any `id`, titles), elsewhere with whitespace runs
 *   folded to one space, since it only goes into the words, split on
 *   whitespace (so the whitespace a template leaves around an optional
 *   ignored block does not count);
 * - the same for every `<h1>` up to the first one that is surely not empty,
 *   every `<title>` up to the first one surely read, and every `<img>` tag up
 *   to the first one (with a src) after that h1: the candidates for the
 *   default title and image (so later h1s, images, and the SVG `<title>`s of
 *   the timeline excerpt, are left out);
 * - the text an element holds directly once a body element has closed inside
 *   it (and a space for each `<br>` there), whitespace runs folded to one
 *   space (Pagefind splits words on whitespace), consecutive pieces of one
 *   element joined;
 * - `<html lang>`.
 * Everything else (site navigation, related-article lists, previous/next
 * links, the timeline excerpt, counts in other sections) is left out.
 *
 * The view is the whole HTML, unchanged, when the page has no
 * `data-pagefind-body` element (Pagefind then indexes the whole page), and
 * when its markup is not strictly nested (an end tag left out or stray, a
 * non-void element written self-closing outside SVG/MathML, an element
 * left open at the end): there the HTML parser Pagefind uses (lol_html)
 * might not see the tree this one sees. The site's article pages are
 * strictly nested (tests/search/seeds-build.test.ts checks every one).
 */
import { QuoteType, Tokenizer, type TokenizerCallbacks } from "htmlparser2";

const FULL = 0;
const SPARSE = 1;
const EXCLUDED = 2;
type Mode = typeof FULL | typeof SPARSE | typeof EXCLUDED;

/**
 * Elements Pagefind drops by name (its REMOVE_SELECTORS, plus `header`, which
 * older versions dropped). On them `data-pagefind-ignore="all"` acts as a
 * plain ignore, so a longer list only keeps more.
 */
const DROPPED_BY_NAME = new Set(["head", "style", "script", "noscript", "label", "form", "svg", "footer", "header", "nav", "iframe", "template"]);

/** HTML void elements (no end tag). Obsolete ones are left out: written without an end tag they make the page irregular. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** Where SVG or MathML content lets HTML in again. */
const INTEGRATION_POINTS = new Set(["foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"]);

const PAGEFIND_ATTR = "data-pagefind-";
const BODY_ATTR = "data-pagefind-body";
const IGNORE_ATTR = "data-pagefind-ignore";

interface Open {
  name: string;
  mode: Mode;
  /** Carries data-pagefind-body. */
  body: boolean;
  /** Inside (or is) an element Pagefind may exclude whole (data-pagefind-ignore="all" or a value it does not know). */
  underAll: boolean;
  /** The h1 whose title this element's text makes (null outside h1, in its ignored parts, and in elements Pagefind drops by name). */
  h1: Open | null;
  /** For an h1: some of its text is surely not blank. */
  nonEmpty: boolean;
  /** A body element has closed inside this one: its own text from now on is indexed. */
  afterBody: boolean;
  /** Its children are SVG/MathML. */
  foreignChildren: boolean;
  /**
   * Inside an element whose text Pagefind may keep as written (metadata and
   * sort values, anchor text, titles): whitespace there is kept as is.
   * Elsewhere its text only goes into the indexed words, split on whitespace.
   */
  verbatim: boolean;
}

type Attr = [name: string, value: string];
/**
 * ["t", text]: text kept as written; ["w", text]: text whose whitespace runs
 * are folded; ["s", depth, text]: text an ancestor of a body holds directly
 * (folded too).
 */
type Token = ["lang", string] | ["<", string, Attr[]] | [">", string] | ["t", string] | ["w", string] | ["!", string] | ["s", number, string];

class Irregular extends Error {}

/** Folds ASCII whitespace runs (those are whitespace for Pagefind's word splitting too). */
const foldSpace = (text: string) => text.replace(/[ \t\n\r\f]+/g, " ");

interface Marks {
  body: boolean;
  ignore: string | undefined;
  otherPagefind: boolean;
}

function marksOf(attrs: Attr[]): Marks {
  const marks: Marks = { body: false, ignore: undefined, otherPagefind: false };
  for (const [raw, value] of attrs) {
    const attr = raw.toLowerCase();
    if (!attr.startsWith(PAGEFIND_ATTR)) continue;
    if (attr === BODY_ATTR) marks.body = true;
    else if (attr === IGNORE_ATTR) marks.ignore ??= value;
    else marks.otherPagefind = true;
  }
  return marks;
}

/** How much of an element the view keeps, from its parent's mode, its name and its data-pagefind-* attributes. */
function modeOf(parent: Mode, name: string, marks: Marks): Mode {
  const dropped = DROPPED_BY_NAME.has(name);
  // Inside an excluded subtree only an element Pagefind drops by name is read again (as ignored).
  if (parent === EXCLUDED && !dropped) return EXCLUDED;
  const context: Mode = parent === EXCLUDED ? SPARSE : parent;
  if (marks.body) return FULL;
  if (marks.ignore !== undefined) {
    // Pagefind excludes on "all" (and on values it does not know, which are kept here).
    if (marks.ignore.toLowerCase() === "all" && !dropped) return EXCLUDED;
    return marks.otherPagefind ? FULL : SPARSE;
  }
  if (marks.otherPagefind) return FULL;
  return context;
}

/** Values of data-pagefind-ignore that only ignore; Pagefind excludes on any other. */
const PLAIN_IGNORE = new Set(["", "index", "true"]);

/** Text that is surely not blank to Pagefind once it decodes entities and trims (Unicode White_Space). */
const notBlank = (text: string) => /[^\s\u0085]/.test(text.replace(/&[^;\s&<]*;?/g, ""));

/**
 * The canonical string of what Pagefind reads from `html` (see the module
 * comment). Two pages with the same view give Pagefind the same input.
 */
export function indexedView(html: string): string {
  try {
    const view = tokenize(html);
    if (view !== null) return `view\0${view}`;
  } catch (error) {
    if (!(error instanceof Irregular)) throw error;
  }
  return `html\0${html}`;
}

/** The view, or null when the page has no body element. Throws Irregular on markup that is not strictly nested. */
function tokenize(html: string): string | null {
  const tokens: Token[] = [];
  const stack: Open[] = [];
  let hasBody = false;
  // Pagefind's default title is the first non-empty h1, else the first <title>; its default image the
  // first <img> after the title. All candidates are kept until the one Pagefind takes is certain.
  let h1Settled = false;
  let titleSettled = false;
  let imageSettled = false;
  let tagName = "";
  let attrs: Attr[] = [];
  let attrName = "";
  let attrValue = "";
  const slice = (start: number, end: number) => html.slice(start, end);
  const top = (): Open | undefined => stack[stack.length - 1];

  const push = (token: Token) => {
    const last = tokens[tokens.length - 1];
    // One text node may come in several pieces: join them so that the view does not depend on where the tokenizer cut.
    if ((token[0] === "t" || token[0] === "w") && last?.[0] === token[0]) last[1] += token[1];
    else if (token[0] === "s" && last?.[0] === "s" && last[1] === token[1]) last[2] += token[2];
    else tokens.push(token);
  };
  const text = (start: number, end: number) => {
    const current = top();
    if (current?.mode === FULL) {
      const value = slice(start, end);
      push([current.verbatim ? "t" : "w", value]);
      if (current.h1 && !current.h1.nonEmpty && notBlank(value)) current.h1.nonEmpty = true;
    } else if (!current || current.afterBody) push(["s", stack.length, slice(start, end)]);
  };

  const openTag = (selfClosing: boolean) => {
    const name = tagName;
    const parent = top();
    const marks = marksOf(attrs);
    let mode = modeOf(parent?.mode ?? SPARSE, name, marks);
    const underAll = (parent?.underAll ?? false) || (marks.ignore !== undefined && !PLAIN_IGNORE.has(marks.ignore.toLowerCase()));
    if (mode !== EXCLUDED && ((name === "h1" && !h1Settled) || (name === "title" && !titleSettled))) mode = FULL;
    if (name === "title" && mode !== EXCLUDED && !underAll) titleSettled = true;
    // A page counts as having a body only when Pagefind surely sees one; otherwise the view is the whole page.
    if (marks.body && !underAll && !DROPPED_BY_NAME.has(name)) hasBody = true;
    if (name === "html") for (const [attr, value] of attrs) if (attr.toLowerCase() === "lang") push(["lang", value]);
    if (mode === FULL || (name === "img" && mode !== EXCLUDED && !imageSettled)) push(["<", name, attrs]);
    if (name === "img" && mode !== EXCLUDED && h1Settled && !underAll && attrs.some(([attr]) => attr.toLowerCase() === "src")) imageSettled = true;
    // A <br> adds a space to its parent's text whatever its own attributes, even where only the parent's own text counts.
    if (name === "br" && mode !== FULL) {
      if (parent?.mode === FULL) push(["<", name, attrs]);
      else if (!parent || parent.afterBody) push(["s", stack.length, " "]);
    }
    const foreign = parent?.foreignChildren ?? false;
    const isVoid = !foreign && VOID.has(name);
    if (selfClosing && !isVoid && !foreign && name !== "svg" && name !== "math") throw new Irregular();
    if (isVoid || selfClosing) {
      if (mode === FULL) push([">", name]);
      return;
    }
    const entry: Open = {
      name,
      mode,
      body: marks.body,
      underAll,
      h1: null,
      nonEmpty: false,
      afterBody: false,
      foreignChildren: name === "svg" || name === "math" || (foreign && !INTEGRATION_POINTS.has(name)),
      // (An id outside the indexed text, such as <main id> around the body, gives no anchor.)
      verbatim: (parent?.mode === FULL && parent.verbatim) || marks.otherPagefind || name === "h1" || name === "title" || attrs.some(([attr]) => attr.toLowerCase() === "id"),
    };
    if (name === "h1") entry.h1 = entry;
    else if (parent?.h1 && mode === FULL && marks.ignore === undefined && !DROPPED_BY_NAME.has(name)) entry.h1 = parent.h1;
    stack.push(entry);
  };

  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      tagName = slice(start, end).toLowerCase();
      attrs = [];
    },
    onattribname(start, end) {
      attrName = slice(start, end);
      attrValue = "";
    },
    onattribdata(start, end) {
      attrValue += slice(start, end);
    },
    onattribentity() {
      // Not called: entities are not decoded.
    },
    onattribend(quote: QuoteType) {
      attrs.push([attrName, quote === QuoteType.NoValue ? "" : attrValue]);
    },
    onopentagend() {
      openTag(false);
    },
    onselfclosingtag() {
      openTag(true);
    },
    onclosetag(start, end) {
      const name = slice(start, end).toLowerCase();
      const current = stack.pop();
      if (!current || current.name !== name) throw new Irregular();
      if (current.mode === FULL) push([">", name]);
      // (A body inside an h1 would replace the h1's own text: then its text proves nothing.)
      if (current.h1 === current && current.nonEmpty && !current.underAll && !current.afterBody) h1Settled = true;
      // Pagefind appends what the ancestors of a body hold directly after it (any body element: keeping more is safe).
      if (current.body) for (const ancestor of stack) ancestor.afterBody = true;
    },
    ontext(start, end) {
      text(start, end);
    },
    ontextentity() {
      // Not called: entities are not decoded.
    },
    oncdata(start, end, offset) {
      text(start, end - offset);
    },
    oncomment(start, end, offset) {
      if (top()?.mode === FULL) push(["!", slice(start, end - offset)]);
    },
    ondeclaration(start, end) {
      if (top()?.mode === FULL) push(["!", slice(start, end)]);
    },
    onprocessinginstruction(start, end) {
      if (top()?.mode === FULL) push(["!", slice(start, end)]);
    },
    onend() {},
    isInForeignContext() {
      return top()?.foreignChildren ?? false;
    },
  };
  const tokenizer = new Tokenizer({ decodeEntities: false }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  if (stack.length) throw new Irregular();
  if (!hasBody) return null;
  for (const token of tokens) {
    if (token[0] === "w") token[1] = foldSpace(token[1]);
    else if (token[0] === "s") token[2] = foldSpace(token[2]);
  }
  return JSON.stringify(tokens);
}
