/**
 * Files whose bytes did not change look untouched after a build: first the
 * comparison itself on small folders, then `npm run build` run twice on
 * French articles of our own (nothing changed but --force; one article's
 * text edited; a build that fails after a good one).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { formatChanges, keepUnchanged, listTree } from "../../src/cli/unchanged.ts";
import { writeSeeds, type Fixture } from "../bad-input/fixtures.ts";
import { projectFailingOn } from "../helpers/broken-project.ts";
import { tempDir } from "../helpers/temp.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");
const work = tempDir("archive-unchanged-");

/** Writes `files` (relative path → content) under a new folder. */
function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = path.join(work, name);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

interface Entry {
  mtime: bigint;
  ino: bigint;
  dir: boolean;
}

/** Every entry under `dir` with its modification time (ns) and inode. */
function snapshot(dir: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const rel of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const s = statSync(path.join(dir, rel), { bigint: true });
    entries.set(rel, { mtime: s.mtimeNs, ino: s.ino, dir: s.isDirectory() });
  }
  return entries;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("keepUnchanged", () => {
  test("links files with the same bytes, counts changed, new and removed files", async () => {
    const current = folder("a-current", {
      "index.html": "<p>Accueil</p>",
      "articles/crue/index.html": "<p>La Loire déborde à Nevers.</p>",
      "articles/greve/index.html": "<p>Les bus de Lille à l’arrêt.</p>",
      "articles/ancien/index.html": "<p>Un article retiré.</p>",
      "vide.txt": "",
    });
    await wait(20);
    const staging = folder("a-staging", {
      "index.html": "<p>Accueil</p>",
      "articles/crue/index.html": "<p>La Loire déborde à Nevers!</p>",
      "articles/greve/index.html": "<p>Les bus de Lille à l’arrêt.</p>",
      "articles/neige/index.html": "<p>Les pistes de Grenoble ouvrent.</p>",
      "vide.txt": "",
    });
    const before = snapshot(current);
    const changes = await keepUnchanged(staging, current);
    assert.deepEqual(changes, { unchanged: 3, changed: 1, added: 1, removed: 1, linked: 3 });
    assert.equal(formatChanges(changes), "3 file(s) unchanged, 1 changed, 1 new, 1 removed");
    const after_ = snapshot(staging);
    for (const rel of ["index.html", "articles/greve/index.html", "vide.txt"]) {
      assert.equal(after_.get(rel)!.ino, before.get(rel)!.ino, `${rel} is the same file`);
      assert.equal(after_.get(rel)!.mtime, before.get(rel)!.mtime, `${rel} keeps its time`);
    }
    assert.notEqual(after_.get("articles/crue/index.html")!.ino, before.get("articles/crue/index.html")!.ino);
    assert.equal(readFileSync(path.join(staging, "articles/crue/index.html"), "utf8"), "<p>La Loire déborde à Nevers!</p>");
    // articles/greve/ holds the same names as before: it keeps its time (to
    // the microsecond utimes sets); articles/ gained and lost an entry.
    const µs = (t: bigint) => t / 1000n;
    assert.equal(µs(after_.get("articles/greve")!.mtime), µs(before.get("articles/greve")!.mtime));
    assert.notEqual(µs(after_.get("articles")!.mtime), µs(before.get("articles")!.mtime));
    assert.ok(!readdirSync(staging, { recursive: true, encoding: "utf8" }).some((name) => name.includes(".unchanged-")), "no temporary names left");
    // The site in place is untouched.
    assert.deepEqual(
      [...snapshot(current)].map(([rel, e]) => [rel, e.ino, e.dir || e.mtime]),
      [...before].map(([rel, e]) => [rel, e.ino, e.dir || e.mtime]),
    );
    assert.equal(readFileSync(path.join(current, "articles/crue/index.html"), "utf8"), "<p>La Loire déborde à Nevers.</p>");
    // A build failing after the comparison deletes its staging folder: the
    // links go, the site in place stays as it was.
    rmSync(staging, { recursive: true });
    assert.equal(readFileSync(path.join(current, "articles/greve/index.html"), "utf8"), "<p>Les bus de Lille à l’arrêt.</p>");
    assert.equal(statSync(path.join(current, "index.html")).nlink, 1);
    assert.equal(snapshot(current).get("index.html")!.mtime, before.get("index.html")!.mtime);
  });

  test("without links (another filesystem) the times are copied instead", async () => {
    const current = folder("b-current", { "a.html": "<p>Marseille ouvre trois bibliothèques.</p>", "b.html": "<p>Rennes</p>" });
    await wait(20);
    const staging = folder("b-staging", { "a.html": "<p>Marseille ouvre trois bibliothèques.</p>", "b.html": "<p>Brest</p>" });
    const before = snapshot(current);
    const changes = await keepUnchanged(staging, current, { link: false });
    assert.deepEqual(changes, { unchanged: 1, changed: 1, added: 0, removed: 0, linked: 0 });
    const a = snapshot(staging).get("a.html")!;
    assert.notEqual(a.ino, before.get("a.html")!.ino);
    assert.equal(a.mtime / 1000n, before.get("a.html")!.mtime / 1000n, "same time to the microsecond");
    assert.notEqual(snapshot(staging).get("b.html")!.mtime / 1000n, before.get("b.html")!.mtime / 1000n);
  });

  test("a file with another mode is not linked (it keeps its own mode)", async () => {
    const current = folder("c-current", { "page.html": "<p>Dijon</p>" });
    chmodSync(path.join(current, "page.html"), 0o600);
    const staging = folder("c-staging", { "page.html": "<p>Dijon</p>" });
    chmodSync(path.join(staging, "page.html"), 0o644);
    const changes = await keepUnchanged(staging, current);
    assert.deepEqual(changes, { unchanged: 1, changed: 0, added: 0, removed: 0, linked: 0 });
    assert.equal(statSync(path.join(staging, "page.html")).mode & 0o777, 0o644);
  });

  test("large files are compared to the last byte", async () => {
    const big = Buffer.alloc(1024 * 1024 + 17, "Bordeaux ");
    const other = Buffer.from(big);
    other[other.length - 1] = 0x21;
    const current = folder("d-current", { "same.bin": big, "last.bin": big, "first.bin": big });
    const first = Buffer.from(big);
    first[0] = 0x21;
    const staging = folder("d-staging", { "same.bin": big, "last.bin": other, "first.bin": first });
    assert.deepEqual(await keepUnchanged(staging, current, { concurrency: 2 }), { unchanged: 1, changed: 2, added: 0, removed: 0, linked: 1 });
  });

  test("with no site in place every file is new", async () => {
    const staging = folder("e-staging", { "index.html": "<p>Toulouse</p>", "x/y.html": "<p>Reims</p>" });
    assert.deepEqual(await keepUnchanged(staging, path.join(work, "e-absent")), { unchanged: 0, changed: 0, added: 2, removed: 0, linked: 0 });
  });

  test("files the build says it linked are taken at its word; the others are still compared", async () => {
    const current = folder("f-current", { "articles/crue/index.html": "<p>Nevers</p>", "articles/greve/index.html": "<p>Lille</p>" });
    const staging = folder("f-staging", { "articles/greve/index.html": "<p>Lille, jour 2</p>" });
    mkdirSync(path.join(staging, "articles/crue"));
    linkSync(path.join(current, "articles/crue/index.html"), path.join(staging, "articles/crue/index.html"));
    const changes = await keepUnchanged(staging, current, { alreadyLinked: ["articles/crue/index.html"] });
    assert.deepEqual(changes, { unchanged: 1, changed: 1, added: 0, removed: 0, linked: 1 });
    // Not looked at, not even read: declared linked, a file with other bytes is counted as kept.
    const declared = folder("f-declared", { "articles/crue/index.html": "<p>Nevers, rendu à part</p>" });
    assert.deepEqual(await keepUnchanged(declared, current, { alreadyLinked: ["articles/crue/index.html"] }), { unchanged: 1, changed: 0, added: 0, removed: 1, linked: 1 });
    assert.equal(readFileSync(path.join(declared, "articles/crue/index.html"), "utf8"), "<p>Nevers, rendu à part</p>");
  });

  test("the site in place can be listed beforehand, while other work runs; a missing site lists as none", async () => {
    const current = folder("g-current", { "index.html": "<p>Brest</p>", "articles/tempete/index.html": "<p>Rafales à Brest</p>", "ancien.html": "<p>Quimper</p>" });
    const listed = listTree(current);
    await wait(20);
    const staging = folder("g-staging", { "index.html": "<p>Brest</p>", "articles/tempete/index.html": "<p>Rafales à 150 km/h</p>", "neuf.html": "<p>Morlaix</p>" });
    assert.deepEqual(await keepUnchanged(staging, current, { currentTree: listed }), { unchanged: 1, changed: 1, added: 1, removed: 1, linked: 1 });
    assert.equal(statSync(path.join(staging, "index.html")).ino, statSync(path.join(current, "index.html")).ino);
    assert.equal(await listTree(path.join(work, "g-absent")), null);
  });
});

// ---------------------------------------------------------------------------
// npm run build

function article(name: string, title: string, paragraphs: string[]): Fixture {
  return { name, content: `${title}\n\n${paragraphs.join("\n\n")}\n` };
}

const ARTICLES: Fixture[] = [
  article("crue-nevers.txt", "Crue à Nevers : la Loire sort de son lit", [
    "La Loire a débordé jeudi 14 mars 2024 à Nevers, où la préfecture de la Nièvre a fermé trois ponts et évacué une centaine d’habitants des quartiers bas.",
    "Les pompiers de la Nièvre ont installé des barrages flottants le long des quais. « L’eau monte encore d’un centimètre par heure », a déclaré le préfet Daniel Barnier.",
  ]),
  article("rugby-toulouse.txt", "Le Stade toulousain remporte la finale à Marseille", [
    "Le Stade toulousain a battu l’Union Bordeaux-Bègles samedi 29 juin 2024 au Vélodrome de Marseille, devant soixante mille spectateurs.",
    "Antoine Dupont, élu meilleur joueur du match, a dédié la victoire aux supporters venus de Haute-Garonne. Le club compte désormais vingt-trois titres.",
  ]),
  article("festival-avignon.txt", "Avignon ouvre son festival sous la canicule", [
    "Le Festival d’Avignon s’est ouvert mercredi 3 juillet 2024 dans la cour d’honneur du palais des Papes, par une chaleur de trente-huit degrés.",
    "Le directeur Tiago Rodrigues a présenté une programmation consacrée aux langues étrangères. Les compagnies du off jouent dans plus de cent quarante salles.",
  ]),
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function build(cwd: string, env: Record<string, string>): Promise<Run> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "src/cli/build.ts", "--force"], {
      cwd,
      env: { ...process.env, EXTRACT_WORKERS: "0", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const articleUrl = (out: string, source: string): string => {
  const articles = JSON.parse(readFileSync(path.join(out, "data", "articles.json"), "utf8")) as Array<{ source: string; url: string }>;
  const found = articles.find((a) => a.source === source);
  assert.ok(found, `${source} is published`);
  return path.join(found.url.replace(/^\//, ""), "index.html");
};

describe("npm run build keeps unchanged files", () => {
  const seeds = writeSeeds(ARTICLES, path.join(work, "seeds"));
  const out = path.join(work, "site");
  const env = { SEEDS_DIR: seeds, OUTPUT_DIR: out, CACHE_DIR: path.join(work, "cache") };
  let first: Map<string, Entry>;

  before(async () => {
    // The first build writes the thread registry into the seeds folder,
    // which the next build's report lists: the site after the second build
    // is the reference.
    for (let i = 0; i < 2; i++) {
      const result = await build(root, env);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /3 article\(s\) built/);
    }
    assert.ok(existsSync(path.join(seeds, "_threads.json")));
    first = snapshot(out);
  });

  test("a second build with nothing changed but --force keeps every file's time and inode", async () => {
    await wait(20);
    const result = await build(root, env);
    assert.equal(result.code, 0, result.stderr);
    const second = snapshot(out);
    assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort());
    const files = [...second].filter(([, e]) => !e.dir);
    assert.ok(files.length > 20, `${files.length} files`);
    for (const [rel, e] of files) {
      assert.equal(e.mtime, first.get(rel)!.mtime, `${rel} keeps its time`);
      assert.equal(e.ino, first.get(rel)!.ino, `${rel} is the same file`);
    }
    // Folders keep their time to the microsecond (what utimes sets).
    for (const [rel, e] of second) if (e.dir) assert.equal(e.mtime / 1000n, first.get(rel)!.mtime / 1000n, `${rel}/ keeps its time`);
    assert.match(result.stdout, new RegExp(`\\(${files.length.toLocaleString("en-US")} file\\(s\\) unchanged, 0 changed, 0 new, 0 removed\\)`));
    assert.deepEqual(readdirSync(work).filter((name) => name.startsWith("site")), ["site"], "no staging or previous folder left");
  });

  test("after one article's text is edited its page changes and an unrelated page keeps its time", async () => {
    const before_ = snapshot(out);
    const edited = articleUrl(out, "crue-nevers.txt");
    const unrelated = articleUrl(out, "festival-avignon.txt");
    const original = readFileSync(path.join(seeds, "crue-nevers.txt"), "utf8");
    writeFileSync(
      path.join(seeds, "crue-nevers.txt"),
      `${original}\nLes écoles de Nevers resteront fermées jusqu’à lundi, a précisé la mairie dans un communiqué.\n`,
    );
    await wait(20);
    const result = await build(root, env);
    assert.equal(result.code, 0, result.stderr);
    const after_ = snapshot(out);
    assert.match(readFileSync(path.join(out, edited), "utf8"), /resteront fermées jusqu’à lundi/);
    assert.notEqual(after_.get(edited)!.mtime, before_.get(edited)!.mtime, "the edited article's page is new");
    assert.equal(after_.get(unrelated)!.mtime, before_.get(unrelated)!.mtime, "the unrelated page keeps its time");
    assert.equal(after_.get(unrelated)!.ino, before_.get(unrelated)!.ino);
    const counts = /\(([\d,]+) file\(s\) unchanged, ([\d,]+) changed, ([\d,]+) new, ([\d,]+) removed\)/.exec(result.stdout);
    assert.ok(counts, result.stdout);
    const [unchanged, changed] = [Number(counts[1]!.replace(/,/g, "")), Number(counts[2]!.replace(/,/g, ""))];
    assert.ok(changed >= 1 && unchanged > changed, result.stdout);
    // What the counts say is what the files show.
    const files = [...after_].filter(([, e]) => !e.dir);
    assert.equal(files.filter(([rel, e]) => before_.get(rel)?.mtime === e.mtime).length, unchanged);
  });

  test("a build that fails after a good one leaves the previous site intact", async () => {
    const project = projectFailingOn(work, "rugby-toulouse.txt");

    const before_ = snapshot(out);
    const bytes = new Map([...before_].filter(([, e]) => !e.dir).map(([rel]) => [rel, readFileSync(path.join(out, rel))]));
    writeFileSync(path.join(seeds, "neige-grenoble.txt"), `Neige à Grenoble : les pistes ouvrent\n\nLes stations de l’Isère ont ouvert samedi 7 décembre 2024 après trente centimètres de neige.\n`);
    const result = await build(project, env);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /previous site .* was left as it was/);
    const after_ = snapshot(out);
    assert.deepEqual([...after_.keys()].sort(), [...before_.keys()].sort());
    for (const [rel, e] of after_) {
      if (e.dir) continue;
      assert.equal(e.mtime, before_.get(rel)!.mtime, `${rel} keeps its time`);
      assert.deepEqual(readFileSync(path.join(out, rel)), bytes.get(rel), `${rel} keeps its bytes`);
    }
    assert.ok(!existsSync(`${out}.tmp-${process.pid}`));
    assert.deepEqual(
      readdirSync(work).filter((name) => name.startsWith("site")),
      ["site"],
      "no staging or previous folder left",
    );
  });
});
