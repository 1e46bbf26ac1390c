/**
 * `npm run bench -- --articles N [--seed S] [--no-baseline] [--keep]`
 *
 * Generates a deterministic synthetic French corpus of N articles, builds it
 * three times (cold, nothing changed, one article added) and prints wall
 * time, time per stage, peak memory (RSS), pages and bytes written. In the
 * same run it builds the baseline a user would otherwise assemble by hand —
 * the same texts as plain Markdown pages with a minimal Eleventy layout,
 * indexed by the Pagefind CLI — and prints the ratio ours / baseline.
 *
 * Peak memory is read two ways: GNU time (`/usr/bin/time`, Debian package
 * `time`) gives the largest resident set of any one process of the build;
 * on Linux, the resident sets of the build's whole process tree (Node and
 * the Pagefind processes it runs beside it) are also summed every 200 ms
 * from /proc, which is what the machine must hold at once.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { syntheticArticle } from "../bench/corpus.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

interface Run {
  seconds: number;
  /** Largest resident set of one process (GNU time). */
  peakMb: number | null;
  /** Largest sum of the resident sets of the process tree (sampled). */
  treePeakMb: number | null;
  stdout: string;
}

/** The resident set of `root` and all its descendants, in kB, from /proc;
 * null where there is no /proc (not Linux). */
function treeResidentKb(root: number): number | null {
  let names: string[];
  try {
    names = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  for (const name of names) {
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  for (const pending = [root]; pending.length > 0; ) {
    const pid = pending.pop()!;
    pending.push(...(children.get(pid) ?? []));
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

function parseArgs(argv: string[]) {
  const value = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : fallback;
  };
  return {
    articles: value("--articles", 1000),
    seed: value("--seed", 42),
    baseline: !argv.includes("--no-baseline"),
    keep: argv.includes("--keep"),
  };
}

/** Runs a command under GNU time when available, for its peak RSS. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): Promise<Run> {
  const gnuTime = existsSync("/usr/bin/time");
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const [file, fileArgs] = gnuTime ? ["/usr/bin/time", ["-f", "__PEAK_KB__ %M", command, ...args]] : [command, args];
    let treePeakKb: number | null = null;
    const child = execFile(file, fileArgs, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      clearInterval(sampler);
      if (error) {
        reject(new Error(`${command} ${args.join(" ")} failed:\n${stderr.slice(-2000)}`));
        return;
      }
      const peak = /__PEAK_KB__ (\d+)/.exec(stderr);
      const peakKb = peak ? Number(peak[1]) : null;
      // Samples can miss a short peak; the tree held at least its largest process.
      const treePeakMb = treePeakKb === null ? null : Math.max(treePeakKb, peakKb ?? 0) / 1024;
      resolve({ seconds: (performance.now() - started) / 1000, peakMb: peakKb === null ? null : peakKb / 1024, treePeakMb, stdout });
    });
    const sampler = setInterval(() => {
      const kb = child.pid === undefined ? null : treeResidentKb(child.pid);
      if (kb !== null) treePeakKb = Math.max(treePeakKb ?? 0, kb);
    }, 200);
  });
}

/** The build as `npm run build` runs it (package.json's script: tsx and
 * the Node flags it passes), so that the benchmark measures that command,
 * without npm's own start-up. */
async function buildCommand(): Promise<{ command: string; args: string[] }> {
  const script = (JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { scripts: { build: string } }).scripts.build;
  const [command, ...args] = script.trim().split(/\s+/);
  return { command: bin(command!), args };
}

async function folderSize(dir: string): Promise<{ files: number; pages: number; bytes: number }> {
  let files = 0;
  let pages = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    if (entry.name.endsWith(".html")) pages++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, pages, bytes };
}

async function writeCorpus(dir: string, from: number, to: number, seed: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = from; i < to; i++) {
    const article = syntheticArticle(i, seed);
    await writeFile(path.join(dir, article.name), article.text);
  }
}

/** The same texts as Markdown pages for a stock Eleventy site. */
async function writeBaseline(dir: string, from: number, to: number, seed: number): Promise<void> {
  await mkdir(path.join(dir, "_includes"), { recursive: true });
  await writeFile(
    path.join(dir, "_includes", "base.njk"),
    '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>{{ title }}</title></head>\n<body><main data-pagefind-body><h1>{{ title }}</h1>\n{{ content | safe }}</main></body></html>\n',
  );
  for (let i = from; i < to; i++) {
    const article = syntheticArticle(i, seed);
    const [title, ...body] = article.text.split("\n");
    await writeFile(
      path.join(dir, article.name.replace(/\.txt$/, ".md")),
      `---\ntitle: ${JSON.stringify(title)}\nlayout: base.njk\n---\n${body.join("\n")}`,
    );
  }
}

function stages(stdout: string): string {
  const times = /\(([^)]*\bextract\b[^)]*)\)/.exec(stdout)?.[1] ?? "";
  // "2,293 of 7,473 paginated page(s) rendered": how much the render plan kept.
  const rendered = /([\d,]+) of ([\d,]+) paginated page\(s\) rendered/.exec(stdout);
  return rendered ? `${times}; pages rendered ${rendered[1]} of ${rendered[2]}` : times;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const work = path.join(os.tmpdir(), `archive-bench-${options.articles}-${options.seed}`);
  await rm(work, { recursive: true, force: true });
  const seeds = path.join(work, "seeds");
  const out = path.join(work, "site");
  const cache = path.join(work, "cache");
  console.log(`Corpus: ${options.articles} synthetic articles (seed ${options.seed}) in ${work}`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  await writeCorpus(seeds, 0, options.articles, options.seed);

  const env = { SEEDS_DIR: seeds, OUTPUT_DIR: out, CACHE_DIR: cache, CI: "1" };
  const { command, args } = await buildCommand();
  const build = () => timed(command, [...args, "--memory"], env);
  const ours: Record<string, Run> = {};
  ours.cold = await build();
  const size = await folderSize(out);
  ours.unchanged = await build();
  await writeCorpus(seeds, options.articles, options.articles + 1, options.seed);
  ours.added = await build();

  const base: Record<string, Run> = {};
  if (options.baseline) {
    const src = path.join(work, "baseline-src");
    const site = path.join(work, "baseline-site");
    await writeBaseline(src, 0, options.articles, options.seed);
    // The stock workflow: Eleventy, then the Pagefind CLI over its output.
    const baseline = async (): Promise<Run> => {
      const eleventy = await timed(bin("eleventy"), [`--input=${src}`, `--output=${site}`, "--quiet"], {}, work);
      const pagefind = await timed(bin("pagefind"), ["--site", site], {}, work);
      return {
        seconds: eleventy.seconds + pagefind.seconds,
        peakMb: Math.max(eleventy.peakMb ?? 0, pagefind.peakMb ?? 0) || null,
        treePeakMb: Math.max(eleventy.treePeakMb ?? 0, pagefind.treePeakMb ?? 0) || null,
        stdout: "",
      };
    };
    base.cold = await baseline();
    base.unchanged = await baseline();
    await writeBaseline(src, options.articles, options.articles + 1, options.seed);
    base.added = await baseline();
  }

  const mb = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(0)} MB`);
  console.log(`\nOutput: ${size.pages} pages, ${size.files} files, ${(size.bytes / 2 ** 20).toFixed(1)} MiB`);
  console.log("\nPeak RSS: the largest process / the whole process tree at once (Node and Pagefind).");
  console.log("\n| build | ours | peak RSS | baseline | peak RSS | ours / baseline | our stages |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  const peaks = (run: Run) => `${mb(run.peakMb)} / ${mb(run.treePeakMb)}`;
  for (const [name, label] of [["cold", "cold"], ["unchanged", "nothing changed"], ["added", "one article added"]] as const) {
    const o = ours[name]!;
    const b = base[name];
    console.log(
      `| ${label} | ${o.seconds.toFixed(1)} s | ${peaks(o)} | ${b ? `${b.seconds.toFixed(1)} s` : "—"} | ${b ? peaks(b) : "—"} | ${b ? (o.seconds / b.seconds).toFixed(2) : "—"} | ${stages(o.stdout)} |`,
    );
  }
  console.log("\nOur peak memory by stage:");
  for (const [name, label] of [["cold", "cold"], ["unchanged", "nothing changed"], ["added", "one article added"]] as const) {
    const peaks = /Peak memory \(resident set\) by stage: (.*)/.exec(ours[name]!.stdout)?.[1];
    console.log(`- ${label}: ${peaks ?? "(stopped before any stage: nothing to build)"}`);
  }
  if (!options.keep) await rm(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
