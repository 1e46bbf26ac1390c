/**
 * Which files in the seeds folder are articles.
 *
 * Convention (documented in the README): every `*.txt` and `*.md` file is an
 * article, except README files and files whose name starts with `_` or `.`
 * (drafts, notes). Anything else in the folder is reported, never silently
 * skipped, so an editor who saved `article.docx` learns why it is missing.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../types.ts";
import { BinaryFileError, decodeArticleBytes, type DecodedText } from "./decode.ts";

export const ARTICLE_EXTENSIONS = [".txt", ".md"];

export interface SeedListing {
  /** File names (relative to the folder), sorted by code point for a stable order. */
  files: string[];
  /** Entries left out on purpose, by the documented conventions, with why. */
  ignored: Array<{ file: string; reason: string }>;
  diagnostics: Diagnostic[];
}

/** Why a name is, by convention, not an article (undefined: it may be one).
 * `_brouillon.md` is the editors' way to keep a note beside the articles;
 * dot files are left by editors and operating systems (.DS_Store, .~lock). */
export function excludedNameReason(name: string): string | undefined {
  if (name.startsWith("_")) return "name starts with _ (kept out of the site on purpose)";
  if (name.startsWith(".")) return "hidden file (name starts with .)";
  if (/^readme(\.(md|txt))?$/i.test(name)) return "README, notes about the folder";
  return undefined;
}

export function isExcludedName(name: string): boolean {
  return excludedNameReason(name) !== undefined;
}

export async function listArticleFiles(dir: string): Promise<SeedListing> {
  const diagnostics: Diagnostic[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    return {
      files: [],
      ignored: [],
      diagnostics: [
        {
          severity: "error",
          file: dir,
          message: `cannot read the seeds folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          hint: "set SEEDS_DIR to a folder of .txt or .md articles",
        },
      ],
    };
  }
  const files: string[] = [];
  const ignored: SeedListing["ignored"] = [];
  for (const entry of entries) {
    const extension = path.extname(entry.name).toLowerCase();
    const isArticleName = ARTICLE_EXTENSIONS.includes(extension);
    const excluded = excludedNameReason(entry.name);
    if (excluded) {
      ignored.push({ file: entry.name, reason: excluded });
      continue;
    }
    if (entry.isDirectory()) {
      if (isArticleName) {
        diagnostics.push({
          severity: "warning",
          file: entry.name,
          message: "is a folder, not an article file; it was skipped",
          hint: "articles are files directly in the seeds folder; rename the folder",
        });
      } else {
        ignored.push({ file: `${entry.name}/`, reason: "folder (only files directly in the seeds folder are read)" });
      }
      continue;
    }
    if (!entry.isFile() && !entry.isSymbolicLink()) {
      ignored.push({ file: entry.name, reason: "not a regular file" });
      continue;
    }
    if (!isArticleName) {
      diagnostics.push({
        severity: "warning",
        file: entry.name,
        message: `is not an article (only ${ARTICLE_EXTENSIONS.join(" and ")} files are read); it was skipped`,
        hint: "save articles as UTF-8 .txt or .md files, or move this file out of the seeds folder",
      });
      continue;
    }
    files.push(entry.name);
  }
  files.sort();
  ignored.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, ignored, diagnostics };
}

export type ReadResult = ({ ok: true } & DecodedText) | { ok: false; diagnostics: Diagnostic[] };

/** Reads and decodes one article (`known`: its bytes, already read);
 * failures become diagnostics, not throws. */
export async function readArticleFile(dir: string, name: string, known?: Buffer): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = known ?? (await readFile(path.join(dir, name)));
  } catch (error) {
    return {
      ok: false,
      diagnostics: [
        {
          severity: "error",
          file: name,
          message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          hint: "check the file's permissions",
        },
      ],
    };
  }
  try {
    return { ok: true, ...decodeArticleBytes(bytes, name) };
  } catch (error) {
    if (!(error instanceof BinaryFileError)) throw error;
    return {
      ok: false,
      diagnostics: [
        {
          severity: "error",
          file: name,
          message: "is a binary file (an image or a document?), not a text article; it was not published",
          hint: "save the article as plain text (UTF-8) or Markdown, or remove the file",
        },
      ],
    };
  }
}
