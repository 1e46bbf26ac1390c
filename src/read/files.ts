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
  diagnostics: Diagnostic[];
}

/** Names an editor uses for notes that are not articles. */
export function isExcludedName(name: string): boolean {
  return name.startsWith("_") || name.startsWith(".") || /^readme\.(md|txt)$/i.test(name);
}

export async function listArticleFiles(dir: string): Promise<SeedListing> {
  const diagnostics: Diagnostic[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    return {
      files: [],
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
  for (const entry of entries) {
    const extension = path.extname(entry.name).toLowerCase();
    const isArticleName = ARTICLE_EXTENSIONS.includes(extension);
    if (entry.isDirectory()) {
      if (isArticleName) {
        diagnostics.push({
          severity: "warning",
          file: entry.name,
          message: "is a folder, not an article file; it was skipped",
          hint: "articles are files directly in the seeds folder; rename the folder",
        });
      }
      continue;
    }
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    if (isExcludedName(entry.name)) continue;
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
  return { files, diagnostics };
}

export type ReadResult = ({ ok: true } & DecodedText) | { ok: false; diagnostics: Diagnostic[] };

/** Reads and decodes one article; failures become diagnostics, not throws. */
export async function readArticleFile(dir: string, name: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, name));
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
