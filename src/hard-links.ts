/**
 * Files put in another folder as hard links to the same inodes, so that
 * nothing is copied and a comparison by inode sees them unchanged at once;
 * copies where the file system refuses links (after the first refusal, no
 * more links are tried).
 */
import { copyFile, link, mkdir } from "node:fs/promises";
import path from "node:path";
import { FILES_IN_FLIGHT, forEachAtMost } from "./concurrency.ts";

/**
 * Puts each of `files` (paths relative to `fromDir`) at the same path under
 * `toDir`, creating folders. A file already at the target is an error
 * (EEXIST), never overwritten. `concurrency` links in flight at once.
 * Returns the files that were linked (the others were copied).
 */
export async function linkOrCopyFiles(files: readonly string[], fromDir: string, toDir: string, concurrency = FILES_IN_FLIGHT): Promise<string[]> {
  let linking = true;
  const linked: string[] = [];
  const folders = new Set<string>();
  for (const file of files) folders.add(path.dirname(path.join(toDir, file)));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await forEachAtMost(files.length, concurrency, async (i) => {
    const from = path.join(fromDir, files[i]!);
    const to = path.join(toDir, files[i]!);
    if (linking) {
      try {
        await link(from, to);
        linked.push(files[i]!);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") throw error;
        linking = false;
      }
    }
    await copyFile(from, to);
  });
  return linked;
}
