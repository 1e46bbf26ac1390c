/**
 * Files put in another folder as hard links to the same inodes, so that
 * nothing is copied and the two folders share the very files; copies where
 * the file system refuses links (after the first refusal, no more links are
 * tried).
 */
import { constants, copyFileSync, linkSync, mkdirSync } from "node:fs";
import path from "node:path";

/**
 * Puts each of `files` (paths relative to `fromDir`) at the same path under
 * `toDir`, creating folders. A file already at the target is an error
 * (EEXIST), never overwritten. Returns the files that were linked (the
 * others were copied). Synchronous, one file after the other: the build
 * waits for these links (a search shard's pages, its bundle put in the
 * cache), and for thousands of files that is several times faster than
 * asynchronous calls (src/concurrency.ts).
 */
export function linkOrCopyFiles(files: readonly string[], fromDir: string, toDir: string): string[] {
  let linking = true;
  const linked: string[] = [];
  const folders = new Set<string>();
  for (const file of files) folders.add(path.dirname(path.join(toDir, file)));
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  for (const file of files) {
    const from = path.join(fromDir, file);
    const to = path.join(toDir, file);
    if (linking) {
      try {
        linkSync(from, to);
        linked.push(file);
        continue;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") throw error;
        linking = false;
      }
    }
    copyFileSync(from, to, constants.COPYFILE_EXCL);
  }
  return linked;
}
