/**
 * The site built from the seeds, as `npm run build` writes it, shared by the
 * reader-side checks (browser, accessibility, validity, links, feeds,
 * budgets).
 *
 * node:test runs each test file in its own process, so "build once" cannot be
 * a module-level promise. Builds are cached in the system's temporary folder
 * under a hash of everything that shapes the output (seeds, src/, templates/,
 * the Eleventy config, the lockfile, Node's version, the path prefix): a
 * second file, or a second `npm test` on an unchanged tree, reuses the build;
 * any edit gives a new hash and a fresh build. A lock folder makes concurrent
 * test processes wait for one build instead of racing.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const repoRoot = path.resolve(import.meta.dirname, "../..");
/** Absolute URLs in feeds, canonical links and the sitemap start with this. */
export const TEST_SITE_URL = "https://archive.example.org";

export interface BuiltSite {
  /** The output folder (what a host would serve). */
  dir: string;
  /** With leading and trailing slash: "/" or "/archive/". */
  pathPrefix: string;
  siteUrl: string;
}

/** Files whose content decides what the build writes. */
const INPUTS = ["seeds", "src", "templates", "eleventy.config.ts", "package-lock.json", "tsconfig.json"];
const CACHE_ROOT = path.join(tmpdir(), "archive-actualites-checks");
const LOCK_WAIT_MS = 5 * 60_000;
const STALE_AFTER_MS = 60 * 60_000;

async function filesUnder(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => null);
  if (!info) return [];
  if (info.isFile()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function inputsHash(pathPrefix: string): Promise<string> {
  const hash = createHash("sha256");
  hash.update(`${process.version}\0${pathPrefix}\0${TEST_SITE_URL}\0`);
  for (const input of INPUTS) {
    for (const file of await filesUnder(path.join(repoRoot, input))) {
      hash.update(path.relative(repoRoot, file));
      hash.update("\0");
      hash.update(await readFile(file));
      hash.update("\0");
    }
  }
  return hash.digest("hex").slice(0, 20);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function runBuild(entry: string, outputDir: string, pathPrefix: string): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SEEDS_DIR: path.join(repoRoot, "seeds"),
    OUTPUT_DIR: outputDir,
    // A cache of its own: a build from scratch, as on a fresh machine, that
    // never races another build (or the developer's) over .cache/.
    CACHE_DIR: path.join(entry, "cache"),
    PATH_PREFIX: pathPrefix,
    SITE_URL: TEST_SITE_URL,
  };
  delete env.STRICT;
  try {
    await run(process.execPath, ["--import", "tsx", "src/cli/build.ts"], { cwd: repoRoot, env, maxBuffer: 64 << 20 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build (PATH_PREFIX=${pathPrefix}) failed:\n${stdout}\n${stderr}`);
  }
}

/**
 * The seeds built with this path prefix; built at most once per state of the
 * inputs.
 */
export async function builtSite(pathPrefix = "/"): Promise<BuiltSite> {
  const hash = await inputsHash(pathPrefix);
  const label = pathPrefix.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "root";
  const entry = path.join(CACHE_ROOT, `${label}-${hash}`);
  const site: BuiltSite = { dir: path.join(entry, "site"), pathPrefix, siteUrl: TEST_SITE_URL };
  const ready = path.join(entry, "ready");
  const lock = `${entry}.lock`;
  await mkdir(CACHE_ROOT, { recursive: true });

  const deadline = Date.now() + LOCK_WAIT_MS;
  while (!existsSync(ready)) {
    try {
      await mkdir(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // Another test process is building the same inputs: wait for it,
      // unless it died and left its lock behind.
      const owner = await readFile(path.join(lock, "pid"), "utf8").then(Number, () => 0);
      if (owner && !processIsAlive(owner)) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for the build locked by ${lock}`);
      else await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      await writeFile(path.join(lock, "pid"), String(process.pid));
      if (existsSync(ready)) break;
      await rm(entry, { recursive: true, force: true });
      await mkdir(entry, { recursive: true });
      await runBuild(entry, site.dir, pathPrefix);
      await writeFile(ready, new Date().toISOString());
      await removeStaleBuilds(label, entry);
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
  return site;
}

/**
 * Builds of older inputs are of no further use once nobody reads them; other
 * test runs in the same tree may still be serving one, so only builds older
 * than an hour are removed.
 */
async function removeStaleBuilds(label: string, keep: string): Promise<void> {
  const cutoff = Date.now() - STALE_AFTER_MS;
  for (const name of await readdir(CACHE_ROOT)) {
    const full = path.join(CACHE_ROOT, name);
    if (full === keep || !name.startsWith(`${label}-`) || name.endsWith(".lock")) continue;
    const info = await stat(full).catch(() => null);
    if (info && info.mtimeMs < cutoff) await rm(full, { recursive: true, force: true });
  }
}

/**
 * Site paths of every generated HTML page ("/", "/articles/x/", "/404.html"),
 * sorted; pages under /pagefind/ (the search bundle) are not pages.
 */
export async function htmlPages(site: BuiltSite): Promise<string[]> {
  const files = (await filesUnder(site.dir)).filter((file) => file.endsWith(".html"));
  return files
    .map((file) => {
      const relative = path.relative(site.dir, file).split(path.sep).join("/");
      return relative === "index.html" ? "" : relative.endsWith("/index.html") ? relative.slice(0, -"index.html".length) : relative;
    })
    .filter((relative) => !relative.startsWith("pagefind/"))
    .map((relative) => `${site.pathPrefix}${relative}`)
    .sort();
}

/** The file a site path (with the site's prefix) is served from. */
export function fileForPath(site: BuiltSite, sitePath: string): string {
  const withoutPrefix = sitePath.split(/[?#]/)[0]!.slice(site.pathPrefix.length);
  const relative = decodeURIComponent(withoutPrefix);
  return path.join(site.dir, relative.endsWith("/") || relative === "" ? path.join(relative, "index.html") : relative);
}

export function readSiteFile(site: BuiltSite, relative: string): string {
  return readFileSync(path.join(site.dir, relative), "utf8");
}

export function siteFileExists(site: BuiltSite, relative: string): boolean {
  return existsSync(path.join(site.dir, relative));
}
