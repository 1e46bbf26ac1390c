/**
 * Bad inputs through the real `npm run build` CLI: each case is a small file
 * written to a temporary seeds folder beside good articles. Whatever an
 * editor drops in the folder, the good articles are published, every entry
 * is accounted for in the build report, messages name the file (and line)
 * and say what to do, and nothing in the site executes.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { GOOD, badInputs, writeSeeds } from "./fixtures.ts";
import type { BuildReport } from "../../src/cli/report.ts";
import { tempDir } from "../helpers/temp.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");
const work = tempDir("archive-bad-input-");
const seeds = writeSeeds([...GOOD, ...badInputs()], path.join(work, "seeds"));
/** The folder as the editor left it (the build may add its thread registry). */
const entriesBefore = readdirSync(seeds);
const out = path.join(work, "site");
const reportCopy = path.join(work, "ci", "report.json");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function build(env: Record<string, string>, args: string[] = [], cwd = root): Promise<Run> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "src/cli/build.ts", "--force", ...args], {
      cwd,
      env: { ...process.env, CACHE_DIR: path.join(work, "cache"), EXTRACT_WORKERS: "0", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let result: Run;
let report: BuildReport;
const articles = (): Array<{ source: string; url: string; title: string; lang: string; date: unknown }> =>
  JSON.parse(readFileSync(path.join(out, "data", "articles.json"), "utf8"));
const pageOf = (source: string): string => {
  const article = articles().find((a) => a.source === source);
  assert.ok(article, `${source} is published`);
  return readFileSync(path.join(out, article.url, "index.html"), "utf8");
};
const messagesFor = (file: string) => report.diagnostics.filter((d) => d.file === file);
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

before(async () => {
  result = await build({ SEEDS_DIR: seeds, OUTPUT_DIR: out }, ["--report", reportCopy]);
  assert.equal(result.code, 0, result.stderr);
  report = JSON.parse(readFileSync(path.join(out, "build-report.json"), "utf8"));
});

describe("a seeds folder full of bad inputs", () => {
  test("ends with a summary and writes the same report inside and outside the site", () => {
    assert.match(result.stdout, /\d+ article\(s\) built from \d+ file\(s\), \d+ not published, \d+ skipped on purpose; \d+ warning\(s\), \d+ error\(s\)/);
    assert.equal(readFileSync(reportCopy, "utf8"), readFileSync(path.join(out, "build-report.json"), "utf8"));
    assert.equal(report.version, 1);
    assert.equal(report.articles, articles().length);
    assert.equal(report.warnings, report.diagnostics.filter((d) => d.severity === "warning").length);
  });

  test("every entry of the folder is published, skipped with a reason, or reported", () => {
    const entries = entriesBefore;
    const outcomes = new Map(report.inputs.map((i) => [i.file.replace(/\/$/, ""), i]));
    for (const name of entries) assert.ok(outcomes.has(name), `${name} is accounted for`);
    for (const input of report.inputs) {
      if (input.status !== "published") assert.ok(input.reason.length > 10, `${input.file}: ${input.reason}`);
      if (input.status === "not-published") assert.ok(messagesFor(input.file).length > 0, `${input.file} has a message`);
    }
    const published = new Set(articles().map((a) => a.source));
    for (const input of report.inputs) assert.equal(input.status === "published", published.has(input.file), input.file);
  });

  test("the good articles are published", () => {
    for (const good of GOOD) assert.match(pageOf(good.name), /<h1>/);
  });

  test("empty, blank and binary files are reported with what to do, not published", () => {
    const status = (file: string) => report.inputs.find((i) => i.file === file)?.status;
    for (const file of ["vide.txt", "espaces.md", "photo.txt"]) {
      assert.equal(status(file), "not-published", file);
      const [message] = messagesFor(file);
      assert.equal(message?.severity, "error");
      assert.ok(message?.hint, `${file} says what to do`);
      assert.match(result.stderr, new RegExp(`erreur: ${file.replace(".", "\\.")}: `));
    }
    assert.match(messagesFor("photo.txt")[0]!.message, /binary/);
    assert.equal(status("photo.png"), "not-published");
    assert.match(messagesFor("photo.png")[0]!.message, /not an article/);
  });

  test("README, _ names, drafts and a folder named *.md are skipped, each with its reason", () => {
    const skipped = new Map(report.skipped.map((s) => [s.file, s.reason]));
    assert.match(skipped.get("README.md") ?? "", /README/);
    assert.match(skipped.get("_brouillon.md") ?? "", /_/);
    assert.match(skipped.get("en-cours.md") ?? "", /draft/);
    assert.equal(report.inputs.find((i) => i.file === "notes.md")?.status, "not-published");
    assert.match(messagesFor("notes.md")[0]!.message, /folder/);
    const titles = articles().map((a) => a.title);
    assert.ok(!titles.includes("Pas encore prêt") && !titles.some((t) => /Brouillon|Notes pour/.test(t)));
  });

  test("Windows-1252 text is decoded right, with a warning", () => {
    const [warning] = messagesFor("ancien-cms.txt");
    assert.equal(warning?.severity, "warning");
    assert.match(warning!.message, /Windows-1252/);
    const page = pageOf("ancien-cms.txt");
    assert.match(page, /<h1>L’été à Orléans[\u00a0\u202f ]: la fête coûte 5[\u00a0\u202f ]€<\/h1>/);
    assert.match(page, /l’œnologue…/);
  });

  test("a BOM, CRLF and lone CR line endings read like any file", () => {
    assert.match(pageOf("avec-bom.txt"), /<h1>Grève à Lille/);
    assert.ok(!pageOf("avec-bom.txt").includes("\uFEFF"));
    for (const [file, title] of [["fins-crlf.txt", "Crue à Nevers"], ["fins-cr.txt", "Neige à Grenoble"]] as const) {
      const page = pageOf(file);
      assert.match(page, new RegExp(`<h1>${title}`));
      assert.ok(!page.includes("\r"), `${file}: no CR left`);
      assert.equal((/<div class="body">([\s\S]*?)<\/div>/.exec(page)?.[1]?.match(/<p>/g) ?? []).length >= 2, true, `${file}: two paragraphs`);
    }
    assert.deepEqual(messagesFor("fins-cr.txt"), []);
  });

  test("NFD accents come out NFC in the page, the record, the slug and the search index", () => {
    const article = articles().find((a) => a.source === "nfd.md")!;
    assert.equal(article.title, "Élection à Besançon : le député réélu");
    assert.match(article.url, /\/election-a-besancon-le-depute-reelu\/$/);
    const page = pageOf("nfd.md");
    assert.ok(page.includes("Élection à Besançon") && page === page.normalize("NFC"));
    for (const file of allFiles(path.join(out, "data"))) {
      const text = readFileSync(file, "utf8");
      assert.equal(text, text.normalize("NFC"), file);
    }
  });

  test("invalid YAML and wrong types are reported with their line; the article is kept", () => {
    const [yaml] = messagesFor("yaml-invalide.md");
    assert.match(yaml!.message, /invalid YAML/);
    assert.ok(yaml!.line! >= 2 && yaml!.line! <= 4, `line ${yaml!.line}`);
    const types = messagesFor("mauvais-types.md");
    assert.deepEqual(types.map((d) => d.line), [3, 4]);
    assert.match(types[0]!.message, /"date" is "hier"/);
    assert.match(types[1]!.message, /"tags" is number 3/);
    assert.ok(types.every((d) => d.hint));
    assert.equal(articles().find((a) => a.source === "mauvais-types.md")?.title, "Marché de Noël à Colmar");
    assert.ok(articles().some((a) => a.source === "yaml-invalide.md"));
  });

  test("an impossible date is refused; a future date is kept with a warning", () => {
    const [impossible] = messagesFor("date-impossible.md");
    assert.match(impossible!.message, /2021-02-30/);
    assert.equal(impossible!.line, 3);
    const impossibleRecord = articles().find((a) => a.source === "date-impossible.md") as { date: { value: string } | null };
    assert.notEqual(impossibleRecord.date?.value, "2021-03-02");
    const [future] = messagesFor("date-future.md");
    assert.match(future!.message, /future/);
    assert.equal((articles().find((a) => a.source === "date-future.md") as { date: { value: string } }).date.value, "2099-06-01");
  });

  test("two articles with the same title get distinct URLs", () => {
    const urls = articles().filter((a) => a.title === "Inondations dans le Gard").map((a) => a.url);
    assert.equal(urls.length, 2);
    assert.notEqual(urls[0], urls[1]);
    assert.equal(new Set(articles().map((a) => a.url)).size, articles().length);
  });

  test("a file name with spaces, accents and upper case is published", () => {
    const article = articles().find((a) => a.source === "Mon Article Été À Nice.TXT");
    assert.ok(article);
    assert.match(article.url, /^\/articles\/[a-z0-9-]+\/$/);
  });

  test("a slug or permalink that tries to leave the output folder lands inside it, with a warning", () => {
    for (const file of ["evasion-slug.md", "evasion-permalink.md", "evasion-windows.md", "evasion-points.md"]) {
      const article = articles().find((a) => a.source === file);
      assert.ok(article, file);
      assert.match(article.url, /^\/articles\/[a-z0-9-]+\/$/, `${file} → ${article.url}`);
      assert.ok(existsSync(path.join(out, article.url, "index.html")));
    }
    for (const file of ["evasion-slug.md", "evasion-permalink.md", "evasion-windows.md"]) {
      assert.match(messagesFor(file)[0]?.message ?? "", /only its last segment/, file);
    }
    // Nothing was written beside the output folder.
    assert.deepEqual(readdirSync(work).sort(), ["cache", "ci", "seeds", "site"]);
  });

  test("an English article keeps its language", () => {
    const article = articles().find((a) => a.source === "english.txt")!;
    assert.equal(article.lang, "en");
    assert.match(pageOf("english.txt"), /<html lang="en">/);
  });

  test("an article with no date is listed under Sans date; one with no entity is published", () => {
    const undated = articles().find((a) => a.source === "sans-date.txt")!;
    assert.equal(undated.date, null);
    const sansDate = readFileSync(path.join(out, "archives", "sans-date", "index.html"), "utf8");
    assert.ok(sansDate.includes(`href="${undated.url}"`));
    assert.match(pageOf("sans-entite.txt"), /il a plu toute la journée/);
  });
});

/** What a browser would run in this HTML: inline scripts (JSON-LD data
 * blocks and the site's own script files excepted), event-handler
 * attributes, javascript: URLs. Text that merely reads like markup is fine. */
function executable(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    if (/^<script\b/i.test(tag) && !/type="application\/ld\+json"/.test(tag) && !/\ssrc="\/[^"]*"/.test(tag)) found.push(tag);
    for (const [, name, value] of tag.matchAll(/\s([^\s=>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      if (/^on/i.test(name!)) found.push(tag);
      if (/^(href|src|action|formaction|xlink:href)$/i.test(name!) && /^["']?\s*javascript:/i.test(value ?? "")) found.push(tag);
    }
  }
  return found;
}

describe("HTML and JavaScript in articles never run", () => {
  const htmlFiles = () => allFiles(out).filter((f) => f.endsWith(".html"));

  test("no executable script, event handler or javascript: URL in any page", () => {
    for (const file of htmlFiles()) {
      assert.deepEqual(executable(readFileSync(file, "utf8")), [], file);
    }
  });

  test("JSON-LD blocks cannot be closed early by a title", () => {
    for (const file of htmlFiles()) {
      const html = readFileSync(file, "utf8");
      for (const [, json] of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
        assert.doesNotMatch(json!, /<\/?script|<img/i, file);
        JSON.parse(json!);
      }
    }
  });

  test("titles with markup are shown as text, escaped once, in <title>, <h1> and the feeds", () => {
    const page = pageOf("injection.md");
    assert.match(page, /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt; Mairie &lt;img src=x onerror=alert\(2\)&gt;<\/h1>/);
    const title = /<title>([^<]*)<\/title>/.exec(page)?.[1] ?? "";
    assert.ok(title.startsWith("&lt;script&gt;alert(1)&lt;/script&gt; Mairie"), `<title>${title}`);
    assert.match(page, /&lt;img src=x onerror=alert\(3\)&gt;/, "author shown as text");
    assert.doesNotMatch(page, /href="javascript:/i, "a javascript: source is not linked");
    assert.match(page, /&#x3C;script>alert\(7\)&#x3C;\/script>|&lt;script&gt;alert\(7\)/);
    const feedXml = path.join(out, "feed.xml");
    if (existsSync(feedXml)) {
      const xml = readFileSync(feedXml, "utf8");
      assert.doesNotMatch(xml, /<script|<img /i);
      assert.ok(xml.includes("&lt;script&gt;alert(1)&lt;/script&gt; Mairie"), "the Atom title is the escaped text");
    }
    const feedJson = path.join(out, "feed.json");
    if (existsSync(feedJson)) {
      const items = (JSON.parse(readFileSync(feedJson, "utf8")) as { items: Array<{ title: string; content_html?: string }> }).items;
      assert.ok(items.some((i) => i.title === "<script>alert(1)</script> Mairie <img src=x onerror=alert(2)>"));
      for (const item of items) assert.deepEqual(executable(item.content_html ?? ""), [], item.title);
    }
  });

  test("javascript: links in a Markdown body lose their href; external links get rel=noopener noreferrer", () => {
    const page = pageOf("injection.md");
    assert.match(page, /<a>lien piégé<\/a>/);
    assert.match(page, /<a href="https:\/\/www\.lemonde\.fr\/politique\/" rel="noopener noreferrer">Le Monde<\/a>/);
    for (const file of htmlFiles()) {
      for (const tag of readFileSync(file, "utf8").match(/<a\s[^>]*href="(?:https?:)?\/\/[^"]*"[^>]*>/gi) ?? []) {
        if (new URL(/href="([^"]*)"/.exec(tag)![1]!, "https://archive.example.org/").host === "archive.example.org") continue;
        assert.match(tag, /rel="[^"]*noopener[^"]*noreferrer|rel="noopener noreferrer"/, `${file}: ${tag}`);
      }
    }
  });

  test("pages have no inline style, and _headers carries a strict CSP and the security headers", () => {
    for (const file of htmlFiles()) {
      const html = readFileSync(file, "utf8");
      assert.doesNotMatch(html, /<style[\s>]/i, file);
      assert.doesNotMatch(html, /<[a-z][^>]*\sstyle\s*=/i, file);
    }
    const headers = readFileSync(path.join(out, "_headers"), "utf8");
    assert.match(headers, /^\/\*$/m);
    const csp = /Content-Security-Policy: (.*)/.exec(headers)?.[1] ?? "";
    for (const directive of [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "style-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ]) {
      assert.ok(csp.split(/;\s*/).includes(directive), directive);
    }
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(headers, /X-Content-Type-Options: nosniff/);
    assert.match(headers, /Referrer-Policy: strict-origin-when-cross-origin/);
    assert.match(headers, /Permissions-Policy: /);
    assert.match(headers, /^\/assets\/\*\n\s+Cache-Control: [^\n]*max-age=\d{5,}/m);
    assert.match(headers, /^\/pagefind\/\*\n\s+Cache-Control: [^\n]*max-age=\d{5,}/m);
  });
});

describe("--strict and STRICT=1", () => {
  test("fail on any warning and leave the previous site untouched", async () => {
    const marker = path.join(out, "index.html");
    const before = readFileSync(marker, "utf8");
    for (const [env, args] of [[{ STRICT: "1" }, []], [{}, ["--strict"]]] as const) {
      const strict = await build({ SEEDS_DIR: seeds, OUTPUT_DIR: out, ...env }, [...args]);
      assert.notEqual(strict.code, 0);
      assert.match(strict.stderr, /--strict/);
      assert.match(strict.stderr, /avertissement: ancien-cms\.txt: /);
      assert.equal(readFileSync(marker, "utf8"), before);
      assert.deepEqual(readdirSync(work).filter((n) => n.startsWith("site")), ["site"]);
    }
  });

  test("pass on a clean folder", async () => {
    const clean = writeSeeds(GOOD, path.join(work, "seeds-propres"));
    const cleanOut = path.join(work, "site-propre");
    const strict = await build({ SEEDS_DIR: clean, OUTPUT_DIR: cleanOut, STRICT: "1" });
    assert.equal(strict.code, 0, strict.stderr);
    assert.equal(JSON.parse(readFileSync(path.join(cleanOut, "build-report.json"), "utf8")).strict, true);
    writeFileSync(path.join(clean, "vide.txt"), "");
    const dirty = await build({ SEEDS_DIR: clean, OUTPUT_DIR: cleanOut, STRICT: "1" });
    assert.notEqual(dirty.code, 0);
  });
});
