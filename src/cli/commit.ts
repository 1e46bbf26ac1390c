/**
 * Puts a build's new files into the site in place, touching only what changed.
 *
 * The build renders into a staging folder beside the site only what it could
 * not keep: the pages whose data changed, the single pages, the JSON export,
 * the search shards indexed again. Everything else stays in the site in
 * place, untouched (the caller names those files: pages kept by the render
 * plan, search shards reused). Committing then compares each staged file
 * with the file at the same path in the site (sizes first, then bytes):
 * equal, the site's file stays as it is (same inode, same times to the
 * nanosecond, same mode and owner) and the staged copy is dropped; else the
 * staged file is renamed over it, or into a new path. Files of the site that
 * the new site neither kept nor staged are deleted, then folders left empty.
 * So `rsync -a`, uploaders that compare size and date, `make` and file
 * watchers see only the files that really changed, and a rebuild's work on
 * disk follows what changed, not the size of the site: at 4,000 articles,
 * hard-linking 12,800 kept pages into a full staged copy, comparing it and
 * deleting the previous copy took 2.1 s of a 15 s one-article rebuild.
 *
 * Nothing is ever written into a file of the site: a file is replaced by
 * renaming a whole new file over its name, so a reader (a web server, an
 * upload) sees the old file or the new one, and the search cache's files,
 * hard links shared with the site, never change under it. Before the first
 * rename the commit writes its plan into the staging folder (COMMIT_JOURNAL);
 * a build killed half-way through is completed from it by the next one
 * (completeInterruptedCommit) before it does anything else, and a build
 * that fails before the commit leaves the site as it was.
 *
 * A folder whose entries are the same names as before keeps its previous
 * times (renaming a file over another changes its folder's time).
 */
import fs from "node:fs";
import { readFile, readdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export interface OutputChanges {
  /** Files with the same bytes as the file at the same path before. */
  unchanged: number;
  /** Files at a path that existed before, with other bytes. */
  changed: number;
  /** Files at a path that did not exist before (or was not a file). */
  added: number;
  /** Files of the previous site with no file at the same path now. */
  removed: number;
}

type Kind = "file" | "dir" | "other";

export interface Tree {
  /** Relative path ("" for the root, platform separators) → kind, for every entry. */
  kinds: Map<string, Kind>;
}

/** Every entry under `root`, or null when `root` is not a folder. */
export async function listTree(root: string): Promise<Tree | null> {
  const tree: Tree = { kinds: new Map([["", "dir"]]) };
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    const folders: string[] = [];
    for (const entry of entries) {
      const kind: Kind = entry.isFile() ? "file" : entry.isDirectory() ? "dir" : "other";
      const child = path.join(rel, entry.name);
      tree.kinds.set(child, kind);
      if (kind === "dir") folders.push(child);
    }
    // Folders are read side by side; libuv's thread pool bounds the work.
    await Promise.all(folders.map(visit));
  };
  try {
    if (!(await stat(root)).isDirectory()) return null;
    await visit("");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return tree;
}

const CHUNK = 256 * 1024;

/** Reads `length` bytes at `position` (fewer only at the end of the file). */
function readAt(fd: number, buffer: Buffer, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const bytesRead = fs.readSync(fd, buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/** Whether two files of `size` bytes hold the same bytes, read a chunk at a
 * time into the caller's buffers (memory stays bounded for large files, and
 * the first difference stops the reading). */
function sameBytes(a: string, b: string, size: number, bufferA: Buffer, bufferB: Buffer): boolean {
  if (size === 0) return true;
  const fds: number[] = [];
  try {
    fds.push(fs.openSync(a, "r"));
    fds.push(fs.openSync(b, "r"));
    const [fa, fb] = fds as [number, number];
    for (let position = 0; position < size; position += CHUNK) {
      const length = Math.min(CHUNK, size - position);
      if (readAt(fa, bufferA, length, position) !== length || readAt(fb, bufferB, length, position) !== length) return false;
      if (bufferA.compare(bufferB, 0, length, 0, length) !== 0) return false;
    }
    return true;
  } finally {
    for (const fd of fds) fs.closeSync(fd);
  }
}

/**
 * A time for utimes. libuv keeps whole microseconds, truncating the double it
 * is given, and a double near 1.8e9 s is only good to a quarter of a
 * microsecond: aim at the middle of the microsecond so that the truncation
 * lands on the right one.
 */
function seconds(ns: bigint): number {
  return Number(ns / 1000n) / 1e6 + 5e-7;
}

/** The file in the staging folder that holds a commit's plan while it runs. */
export const COMMIT_JOURNAL = ".commit-journal.json";

/** What a commit does, in order; paths relative to both folders. */
export interface CommitJournal {
  version: 1;
  /** Entries of the site in the way of the new site, with what goes there
   * instead: a folder where a file goes, a file where a folder goes.
   * Deleted first (with what they hold), unless already of the new kind. */
  clear: Array<[string, "file" | "dir"]>;
  /** Staged files renamed into the site (over the file there, if any). */
  move: string[];
  /** Files of the site that the new site does not have. */
  remove: string[];
  /** Folders of the site that the new site does not have, deepest first. */
  removeFolders: string[];
  /** Folders whose names did not change but whose files were replaced,
   * with their times before (ns, as strings): given back at the end. */
  times: Array<[string, string, string]>;
}

export interface CommitOptions {
  /** Files (relative paths) of the site in place that the new site keeps as
   * they are: pages the render plan kept, search shards reused in place.
   * Each must be a file there; none is read. */
  kept?: Iterable<string>;
  /** The site's entries, listed beforehand with `listTree(site)` (which must
   * not have changed since): listing 23,000 entries takes half a second,
   * which the build spends while Pagefind indexes instead. */
  currentTree?: Promise<Tree | null>;
}

/** Every ancestor folder of `rel` ("a/b/c" → "a/b", "a"), nearest first. */
function ancestors(rel: string): string[] {
  const folders: string[] = [];
  for (let dir = path.dirname(rel); dir !== "." && dir !== ""; dir = path.dirname(dir)) folders.push(dir);
  return folders;
}

/** Deletes an entry of any kind; a missing one is fine (commits are replayed). */
function removeEntry(target: string): void {
  fs.rmSync(target, { recursive: true, force: true });
}

/** Whether an error is "no such file" (a step a replay finds done). */
const missing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === "ENOENT";

/** Runs a journal's steps; every step may already have been done. Each is
 * synchronous: nothing else runs meanwhile (src/concurrency.ts). */
function runJournal(journal: CommitJournal, staging: string, site: string): void {
  for (const [rel, kind] of journal.clear) {
    const there = fs.lstatSync(path.join(site, rel), { throwIfNoEntry: false });
    // Replayed after the new entry took its place: keep it.
    if (there && !(kind === "dir" ? there.isDirectory() : there.isFile())) removeEntry(path.join(site, rel));
  }
  const folders = new Set<string>();
  for (const rel of journal.move) folders.add(path.dirname(path.join(site, rel)));
  for (const folder of [...folders].sort()) fs.mkdirSync(folder, { recursive: true });
  for (const rel of journal.move) {
    try {
      fs.renameSync(path.join(staging, rel), path.join(site, rel));
    } catch (error) {
      if (!missing(error)) throw error; // else moved already, by the run that was interrupted
    }
  }
  for (const rel of journal.remove) {
    try {
      fs.unlinkSync(path.join(site, rel));
    } catch (error) {
      if (!missing(error)) throw error;
    }
  }
  for (const rel of journal.removeFolders) {
    try {
      fs.rmdirSync(path.join(site, rel));
    } catch (error) {
      if (!missing(error)) throw error;
    }
  }
  for (const [rel, atime, mtime] of journal.times) {
    try {
      fs.utimesSync(path.join(site, rel), seconds(BigInt(atime)), seconds(BigInt(mtime)));
    } catch {
      // Only times: not worth failing over.
    }
  }
}

/**
 * Completes the commit of an interrupted build from the journal in its
 * staging folder, if it has one (its renames had begun). Returns whether it
 * did; the caller then deletes the staging folder as it would any leftover.
 */
export async function completeInterruptedCommit(staging: string, site: string): Promise<boolean> {
  let journal: CommitJournal;
  try {
    journal = JSON.parse(await readFile(path.join(staging, COMMIT_JOURNAL), "utf8")) as CommitJournal;
  } catch {
    return false;
  }
  if (journal.version !== 1) return false;
  runJournal(journal, staging, site);
  return true;
}

/** What committing a staging folder will do, and what it counts. */
export interface CommitPlan {
  journal: CommitJournal;
  changes: OutputChanges;
}

/**
 * Compares the staging folder with the site in place (`previous`, listed)
 * and plans the commit; changes nothing. Throws if a kept file is not a file
 * of the site, or is also staged.
 */
export function planCommit(staging: string, site: string, next: Tree, previous: Tree, options: CommitOptions = {}): CommitPlan {
  const staged = [...next.kinds].filter(([, kind]) => kind === "file").map(([rel]) => rel);
  const changes: OutputChanges = { unchanged: 0, changed: 0, added: 0, removed: 0 };
  const kept = new Set<string>();
  for (const rel of options.kept ?? []) {
    const normal = path.normalize(rel);
    if (previous.kinds.get(normal) !== "file") throw new Error(`${normal} was to be kept from ${site}, which does not have it`);
    if (next.kinds.has(normal)) throw new Error(`${normal} was both written and kept: the build is inconsistent`);
    kept.add(normal);
  }
  changes.unchanged = kept.size;

  // What the new site holds: its files and their folders.
  const wanted = new Map<string, "file" | "dir">();
  for (const rel of [...staged, ...kept]) {
    wanted.set(rel, "file");
    for (const dir of ancestors(rel)) wanted.set(dir, "dir");
  }
  for (const [rel, kind] of next.kinds) if (kind === "dir" && rel !== "") wanted.set(rel, "dir");

  const journal: CommitJournal = { version: 1, clear: [], move: [], remove: [], removeFolders: [], times: [] };
  // Entries of the site of another kind than the new site's at that path.
  const cleared = new Set<string>();
  for (const [rel, kind] of wanted) {
    const there = previous.kinds.get(rel);
    if (there !== undefined && there !== kind) cleared.add(rel);
  }
  const under = (rel: string): boolean => cleared.has(rel) || ancestors(rel).some((dir) => cleared.has(dir));
  journal.clear = [...cleared].sort().map((rel) => [rel, wanted.get(rel)!]);

  // Staged files against the site's: the same bytes (and mode) stay, others move in.
  const compared = staged.filter((rel) => previous.kinds.get(rel) === "file" && !under(rel));
  const replaced = new Set<string>();
  // One file after the other, synchronously: nothing else runs meanwhile,
  // and for the thousand or more small files of a rebuild that is several
  // times faster than asynchronous calls (src/concurrency.ts).
  const bufferA = Buffer.allocUnsafe(CHUNK);
  const bufferB = Buffer.allocUnsafe(CHUNK);
  for (const rel of compared) {
    const [a, b] = [fs.lstatSync(path.join(staging, rel)), fs.lstatSync(path.join(site, rel))];
    const same = a.size === b.size && a.mode === b.mode && sameBytes(path.join(staging, rel), path.join(site, rel), a.size, bufferA, bufferB);
    if (same) changes.unchanged++;
    else replaced.add(rel);
  }
  for (const rel of staged) {
    if (replaced.has(rel)) {
      changes.changed++;
      journal.move.push(rel);
    } else if (previous.kinds.get(rel) !== "file" || under(rel)) {
      changes.added++;
      journal.move.push(rel);
    }
  }
  for (const [rel, kind] of previous.kinds) {
    if (rel === "" || wanted.get(rel) === kind) continue;
    if (kind !== "dir") changes.removed += 1;
    if (under(rel)) continue; // deleted with what is in the way
    if (kind === "dir") journal.removeFolders.push(rel);
    else journal.remove.push(rel);
  }
  // Deepest first, so that each folder is empty when its turn comes.
  journal.removeFolders.sort((x, y) => y.split(path.sep).length - x.split(path.sep).length || x.localeCompare(y));

  // Folders whose names stay the same but a file of which is replaced keep
  // their times: the rename would change them.
  const folderOf = (rel: string): string => (path.dirname(rel) === "." ? "" : path.dirname(rel));
  const changedFolders = new Set<string>();
  for (const rel of [...journal.remove, ...journal.removeFolders, ...cleared]) changedFolders.add(folderOf(rel));
  for (const rel of journal.move) {
    if (replaced.has(rel)) continue;
    // A new file's folder gains a name, and so do the folders created for
    // it, up to the first that exists.
    for (let dir = folderOf(rel); ; dir = folderOf(dir)) {
      changedFolders.add(dir);
      if (dir === "" || previous.kinds.get(dir) === "dir") break;
    }
  }
  const timed = new Set<string>();
  for (const rel of replaced) if (!changedFolders.has(folderOf(rel))) timed.add(folderOf(rel));
  journal.times = [...timed].map((rel): [string, string, string] => {
    const stats = fs.lstatSync(path.join(site, rel), { bigint: true });
    return [rel, String(stats.atimeNs), String(stats.mtimeNs)];
  });
  return { journal, changes };
}

/**
 * Puts the staged files into `site` as described at the top of this module
 * and deletes `staging`. With no site in place, the staging folder becomes
 * the site. Throws, leaving the site as it was, if a kept file is not a file
 * of the site or a staged file is also said to be kept.
 */
export async function commitSite(staging: string, site: string, options: CommitOptions = {}): Promise<OutputChanges> {
  const [next, previous] = await Promise.all([listTree(staging), options.currentTree ?? listTree(site)]);
  if (!next) throw new Error(`${staging} is not a folder`);
  if (!previous) {
    // First build, or the site was deleted: anything else at that path (a
    // file) is moved aside first, so a failure leaves it there.
    const aside = `${site}.old-${process.pid}`;
    let movedAside = false;
    await rename(site, aside).then(
      () => (movedAside = true),
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      },
    );
    try {
      await rename(staging, site);
    } catch (error) {
      if (movedAside) await rename(aside, site);
      throw error;
    }
    if (movedAside) removeEntry(aside);
    return { unchanged: 0, changed: 0, added: [...next.kinds.values()].filter((kind) => kind === "file").length, removed: 0 };
  }
  const { journal, changes } = planCommit(staging, site, next, previous, options);
  if (journal.move.length + journal.remove.length + journal.removeFolders.length + journal.clear.length > 0) {
    // From here on the site changes; the journal lets the next build finish
    // what a killed one began (see completeInterruptedCommit).
    await writeFile(path.join(staging, COMMIT_JOURNAL), JSON.stringify(journal));
    runJournal(journal, staging, site);
  }
  removeEntry(staging);
  return changes;
}

/** "1,937 file(s) unchanged, 3 changed, 2 new, 0 removed", for the summary line. */
export function formatChanges(changes: OutputChanges): string {
  const n = (value: number): string => value.toLocaleString("en-US");
  return `${n(changes.unchanged)} file(s) unchanged, ${n(changes.changed)} changed, ${n(changes.added)} new, ${n(changes.removed)} removed`;
}
