/**
 * Files whose bytes did not change look untouched after a build: first the
 * commit itself on small folders, then `npm run build` run twice on
 * French articles of our own (nothing changed but --force; one article's
 * text edited; a build that fails after a good one).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { COMMIT_JOURNAL, commitSite, completeInterruptedCommit, formatChanges, listTree, planCommit } from "../../src/cli/commit.ts";
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

const µs = (t: bigint) => t / 1000n;

/** Relative path → bytes (base64) of every file under `dir`. */
function contents(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const rel of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    if (statSync(path.join(dir, rel)).isFile()) files[rel] = readFileSync(path.join(dir, rel)).toString("base64");
  }
  return files;
}

describe("commitSite", () => {
  test("same bytes stay the site's very file; changed and new files move in; what the new site lacks goes", async () => {
    const site = folder("a-site", {
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
    const before = snapshot(site);
    const changes = await commitSite(staging, site);
    assert.deepEqual(changes, { unchanged: 3, changed: 1, added: 1, removed: 1 });
    assert.equal(formatChanges(changes), "3 file(s) unchanged, 1 changed, 1 new, 1 removed");
    const after_ = snapshot(site);
    assert.deepEqual([...after_.keys()].sort(), ["articles", "articles/crue", "articles/crue/index.html", "articles/greve", "articles/greve/index.html", "articles/neige", "articles/neige/index.html", "index.html", "vide.txt"]);
    for (const rel of ["index.html", "articles/greve/index.html", "vide.txt"]) {
      assert.equal(after_.get(rel)!.ino, before.get(rel)!.ino, `${rel} is the same file`);
      assert.equal(after_.get(rel)!.mtime, before.get(rel)!.mtime, `${rel} keeps its time`);
    }
    assert.notEqual(after_.get("articles/crue/index.html")!.ino, before.get("articles/crue/index.html")!.ino);
    assert.equal(readFileSync(path.join(site, "articles/crue/index.html"), "utf8"), "<p>La Loire déborde à Nevers!</p>");
    // articles/crue/ and articles/greve/ hold the same names as before: they
    // keep their times (to the microsecond utimes sets), though crue's file
    // was replaced; articles/ gained and lost an entry.
    assert.equal(µs(after_.get("articles/crue")!.mtime), µs(before.get("articles/crue")!.mtime));
    assert.equal(after_.get("articles/greve")!.mtime, before.get("articles/greve")!.mtime);
    assert.notEqual(µs(after_.get("articles")!.mtime), µs(before.get("articles")!.mtime));
    assert.equal(existsSync(staging), false, "the staging folder is gone");
  });

  test("kept files are left as they are; one the site no longer has fails the commit before any change", async () => {
    const site = folder("b-site", { "articles/crue/index.html": "<p>Nevers</p>", "articles/greve/index.html": "<p>Lille</p>", "index.html": "<p>Accueil</p>" });
    const staging = folder("b-staging", { "articles/greve/index.html": "<p>Lille, jour 2</p>", "index.html": "<p>Accueil</p>" });
    const before = snapshot(site);
    const missing = commitSite(staging, site, { kept: ["articles/crue/index.html", "articles/autre/index.html"] });
    await assert.rejects(missing, /articles\/autre\/index\.html was to be kept from .*, which does not have it/);
    assert.deepEqual(snapshot(site), before, "the site is as it was");
    assert.ok(existsSync(staging));

    const changes = await commitSite(staging, site, { kept: ["articles/crue/index.html"] });
    assert.deepEqual(changes, { unchanged: 2, changed: 1, added: 0, removed: 0 });
    assert.equal(snapshot(site).get("articles/crue/index.html")!.ino, before.get("articles/crue/index.html")!.ino);
    assert.equal(readFileSync(path.join(site, "articles/greve/index.html"), "utf8"), "<p>Lille, jour 2</p>");

    // A file both staged and kept is a bug of the build, not a choice.
    const both = folder("b-both", { "index.html": "<p>Accueil</p>" });
    await assert.rejects(commitSite(both, site, { kept: ["index.html"] }), /index\.html was both written and kept/);
  });

  test("a file where a folder was, and a folder where a file was", async () => {
    const site = folder("c-site", { "agenda/index.html": "<p>Agenda de Lyon</p>", "agenda/2024/index.html": "<p>2024</p>", "plan": "<p>Plan de Lyon</p>" });
    const staging = folder("c-staging", { agenda: "<p>Agenda</p>", "plan/index.html": "<p>Plan des pistes</p>" });
    const changes = await commitSite(staging, site);
    assert.deepEqual(changes, { unchanged: 0, changed: 0, added: 2, removed: 3 });
    assert.deepEqual(contents(site), { agenda: Buffer.from("<p>Agenda</p>").toString("base64"), "plan/index.html": Buffer.from("<p>Plan des pistes</p>").toString("base64") });
  });

  test("a file with the same bytes but another mode is replaced (it takes the new mode)", async () => {
    const site = folder("d-site", { "page.html": "<p>Dijon</p>" });
    chmodSync(path.join(site, "page.html"), 0o600);
    const staging = folder("d-staging", { "page.html": "<p>Dijon</p>" });
    chmodSync(path.join(staging, "page.html"), 0o644);
    assert.deepEqual(await commitSite(staging, site), { unchanged: 0, changed: 1, added: 0, removed: 0 });
    assert.equal(statSync(path.join(site, "page.html")).mode & 0o777, 0o644);
  });

  test("large files are compared to the last byte", async () => {
    const big = Buffer.alloc(1024 * 1024 + 17, "Bordeaux ");
    const other = Buffer.from(big);
    other[other.length - 1] = 0x21;
    const site = folder("e-site", { "same.bin": big, "last.bin": big, "first.bin": big });
    const first = Buffer.from(big);
    first[0] = 0x21;
    const staging = folder("e-staging", { "same.bin": big, "last.bin": other, "first.bin": first });
    assert.deepEqual(await commitSite(staging, site), { unchanged: 1, changed: 2, added: 0, removed: 0 });
    assert.deepEqual(readFileSync(path.join(site, "last.bin")), other);
  });

  test("with no site in place the staging folder becomes the site", async () => {
    const staging = folder("f-staging", { "index.html": "<p>Toulouse</p>", "x/y.html": "<p>Reims</p>" });
    const site = path.join(work, "f-site");
    assert.deepEqual(await commitSite(staging, site), { unchanged: 0, changed: 0, added: 2, removed: 0 });
    assert.equal(readFileSync(path.join(site, "x/y.html"), "utf8"), "<p>Reims</p>");
    assert.equal(existsSync(staging), false);
  });

  test("the site in place can be listed beforehand, while other work runs; a missing site lists as none", async () => {
    const site = folder("g-site", { "index.html": "<p>Brest</p>", "articles/tempete/index.html": "<p>Rafales à Brest</p>", "ancien.html": "<p>Quimper</p>" });
    const listed = listTree(site);
    await wait(20);
    const staging = folder("g-staging", { "index.html": "<p>Brest</p>", "articles/tempete/index.html": "<p>Rafales à 150 km/h</p>", "neuf.html": "<p>Morlaix</p>" });
    assert.deepEqual(await commitSite(staging, site, { currentTree: listed }), { unchanged: 1, changed: 1, added: 1, removed: 1 });
    assert.equal(await listTree(path.join(work, "g-absent")), null);
  });

  test("a commit interrupted half-way is completed from its journal, and completing it twice changes nothing", async () => {
    const files = {
      "index.html": "<p>Accueil</p>",
      "articles/crue/index.html": "<p>Nevers</p>",
      "articles/ancien/index.html": "<p>retiré</p>",
      "plan": "<p>Plan</p>",
    };
    const stagedFiles = { "index.html": "<p>Accueil, édition du soir</p>", "articles/neige/index.html": "<p>Grenoble</p>", "plan/index.html": "<p>Plan</p>" };
    // The reference: the same commit, not interrupted.
    const whole = folder("h-whole", files);
    await commitSite(folder("h-whole-staging", stagedFiles), whole, { kept: ["articles/crue/index.html"] });

    const site = folder("h-site", files);
    const staging = folder("h-staging", stagedFiles);
    const { journal } = planCommit(staging, site, (await listTree(staging))!, (await listTree(site))!, { kept: ["articles/crue/index.html"] });
    writeFileSync(path.join(staging, COMMIT_JOURNAL), JSON.stringify(journal));
    // Killed after clearing the way and moving one file in.
    rmSync(path.join(site, "plan"));
    renameSync(path.join(staging, "index.html"), path.join(site, "index.html"));
    assert.equal(await completeInterruptedCommit(staging, site), true);
    assert.deepEqual(contents(site), contents(whole));
    assert.equal(await completeInterruptedCommit(staging, site), true);
    assert.deepEqual(contents(site), contents(whole));
    // A staging folder without a journal had not begun to commit.
    assert.equal(await completeInterruptedCommit(folder("h-none", { "index.html": "x" }), site), false);
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
