/**
 * `npm run extract -- FILE… [--dct YYYY-MM-DD]`: what the build extracts from
 * each file, as JSON (one object per line when several files are given).
 * Offsets index the file's text as read: decoded, BOM removed, `\n` line
 * endings, NFC.
 */
import path from "node:path";
import { readArticleFile } from "../read/files.ts";
import { readFrontMatter, checkCalendarDate } from "../read/frontmatter.ts";
import { extractArticle } from "../extract/article.ts";
import { linkArchive } from "../link/archive.ts";
import { readThreadRegistry, readUrlRegistry } from "../read/registries.ts";
import { formatDiagnostic } from "./report.ts";

function parseArgs(argv: string[]): { files: string[]; dct: string | null } {
  const files: string[] = [];
  let dct: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--dct") dct = argv[++i] ?? null;
    else if (arg.startsWith("--dct=")) dct = arg.slice(6);
    else files.push(arg);
  }
  return { files, dct };
}

async function main(): Promise<number> {
  const { files, dct } = parseArgs(process.argv.slice(2));
  if (files.length === 0) {
    console.error("usage: npm run extract -- FILE… [--dct YYYY-MM-DD]");
    return 2;
  }
  if (dct && !(/^\d{4}-\d{2}-\d{2}$/.test(dct) && checkCalendarDate(dct))) {
    console.error(`--dct ${dct}: write an existing date as YYYY-MM-DD`);
    return 2;
  }
  let failed = 0;
  // What the last build recorded in each folder (published URLs, threads),
  // read once per folder however many of its files are given.
  const recorded = new Map<string, Promise<{ urls: Record<string, string>; threads: Record<string, string[]> }>>();
  const recordedIn = (dir: string) => {
    let found = recorded.get(dir);
    if (!found) {
      found = Promise.all([readUrlRegistry(dir), readThreadRegistry(dir)]).then(([urls, threads]) => ({ urls: urls.registry, threads: threads.registry }));
      recorded.set(dir, found);
    }
    return found;
  };
  for (const file of files) {
    const read = await readArticleFile(path.dirname(file), path.basename(file));
    if (!read.ok) {
      for (const d of read.diagnostics) console.error(formatDiagnostic({ ...d, file }));
      failed++;
      continue;
    }
    const frontMatter = readFrontMatter(read.text, file);
    for (const d of [...read.diagnostics, ...frontMatter.diagnostics]) console.error(formatDiagnostic(d));
    const extraction = extractArticle(
      {
        source: path.basename(file),
        format: path.extname(file).toLowerCase() === ".md" ? "md" : "txt",
        text: read.text,
        frontMatter: frontMatter.data,
        contentStart: frontMatter.contentStart,
      },
      { referenceDate: dct },
    );
    // The id (URL) the last build published this file under, if any.
    const { urls: published, threads: registry } = await recordedIn(path.dirname(file));
    const [article] = linkArchive([extraction], [], { urlRegistry: published }).articles;
    // Threads are an archive-wide matter: report the one the last build
    // recorded for this article in its folder's registry.
    const thread = Object.entries(registry).find(([, ids]) => ids.includes(article!.id))?.[0] ?? null;
    const record = { ...article, thread, entities: extraction.entities };
    console.log(files.length > 1 ? JSON.stringify(record) : JSON.stringify(record, null, 2));
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
