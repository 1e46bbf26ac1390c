/**
 * What the build remembers from one build to the next, kept as JSON files in
 * the seeds folder so editors commit them with the articles:
 *
 * - `_threads.json`: which article belongs to which story thread, so that
 *   adding articles never renames or reshuffles threads;
 * - `_urls.json`: the URL segment each article file was published under, so
 *   that adding an article with the same title never moves the first one.
 *
 * Deleting either file only lets the build compute it afresh.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Diagnostic } from "../types.ts";

export const THREAD_REGISTRY_FILE = "_threads.json";
export const URL_REGISTRY_FILE = "_urls.json";
/** Both, in the order their texts are hashed into the build's fingerprint. */
export const REGISTRY_FILES = [THREAD_REGISTRY_FILE, URL_REGISTRY_FILE] as const;

const ThreadRegistrySchema = z.record(z.string(), z.array(z.string()));
/** Source file name → article id. */
const UrlRegistrySchema = z.record(z.string(), z.string().regex(/^[a-z0-9][a-z0-9-]*$/));

async function readRegistry<T>(
  seedsDir: string,
  file: string,
  schema: z.ZodType<T>,
  empty: T,
  consequence: string,
): Promise<{ registry: T; diagnostics: Diagnostic[] }> {
  let raw: string;
  try {
    raw = await readFile(path.join(seedsDir, file), "utf8");
  } catch {
    return { registry: empty, diagnostics: [] };
  }
  try {
    return { registry: schema.parse(JSON.parse(raw)), diagnostics: [] };
  } catch (error) {
    return {
      registry: empty,
      diagnostics: [
        {
          severity: "warning",
          file,
          message: `is not valid (${(error as Error).message.split("\n")[0]}); ${consequence}`,
          hint: "delete the file to start afresh, or restore it from version control",
        },
      ],
    };
  }
}

export function readThreadRegistry(seedsDir: string): Promise<{ registry: Record<string, string[]>; diagnostics: Diagnostic[] }> {
  return readRegistry(seedsDir, THREAD_REGISTRY_FILE, ThreadRegistrySchema, {}, "threads were recomputed");
}

export function readUrlRegistry(seedsDir: string): Promise<{ registry: Record<string, string>; diagnostics: Diagnostic[] }> {
  return readRegistry(seedsDir, URL_REGISTRY_FILE, UrlRegistrySchema, {}, "article URLs were recomputed from titles");
}

/** A registry as written to disk: keys sorted, stable indentation. */
export function registryText(registry: Record<string, unknown>): string {
  return `${JSON.stringify(Object.fromEntries(Object.entries(registry).sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`;
}

/** Writes a registry when it changed; returns whether it did. */
export async function writeRegistry(seedsDir: string, file: string, registry: Record<string, unknown>): Promise<boolean> {
  const target = path.join(seedsDir, file);
  const text = registryText(registry);
  const previous = await readFile(target, "utf8").catch(() => null);
  if (previous === text) return false;
  await writeFile(`${target}.tmp`, text);
  await rename(`${target}.tmp`, target);
  return true;
}
