/**
 * The thread registry (`_threads.json` in the seeds folder): which article
 * belongs to which story thread, remembered from build to build so that
 * adding articles never renames or reshuffles threads. Editors may commit it
 * with the articles; deleting it only lets the build recompute threads.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Diagnostic } from "../types.ts";

export const THREAD_REGISTRY_FILE = "_threads.json";

const Registry = z.record(z.string(), z.array(z.string()));

export async function readThreadRegistry(seedsDir: string): Promise<{ registry: Record<string, string[]>; diagnostics: Diagnostic[] }> {
  let raw: string;
  try {
    raw = await readFile(path.join(seedsDir, THREAD_REGISTRY_FILE), "utf8");
  } catch {
    return { registry: {}, diagnostics: [] };
  }
  try {
    return { registry: Registry.parse(JSON.parse(raw)), diagnostics: [] };
  } catch (error) {
    return {
      registry: {},
      diagnostics: [
        {
          severity: "warning",
          file: THREAD_REGISTRY_FILE,
          message: `the thread registry is not valid (${(error as Error).message.split("\n")[0]}); threads were recomputed`,
          hint: "delete the file to start afresh, or restore it from version control",
        },
      ],
    };
  }
}

/** The registry as written to disk: keys sorted, one article per line. */
export function registryText(registry: Record<string, string[]>): string {
  return `${JSON.stringify(Object.fromEntries(Object.entries(registry).sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`;
}

/** Writes the registry when it changed; returns whether it did. */
export async function writeThreadRegistry(seedsDir: string, registry: Record<string, string[]>): Promise<boolean> {
  const file = path.join(seedsDir, THREAD_REGISTRY_FILE);
  const text = registryText(registry);
  const previous = await readFile(file, "utf8").catch(() => null);
  if (previous === text) return false;
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
  return true;
}
