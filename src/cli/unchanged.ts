/**
 * Files whose bytes did not change keep looking untouched across builds.
 *
 * The build renders the whole site into a staging folder and swaps it in, so
 * every file would otherwise be a new file with a new modification time, and
 * tools that compare size and time (rsync -a, static-host uploaders, make,
 * file watchers) would see the whole site change after one article was
 * added. Before the swap, each staged file is compared with the file at the
 * same path in the current site (sizes first, then bytes); when they are
 * equal the staged file is replaced by a hard link to the current one — the
 * same inode, so the same modification time to the nanosecond, the same
 * mode and owner. Deleting the previous site afterwards only removes its
 * names: a linked file lives on under the new site's name. Nothing is ever
 * written in place, so the previous site is never altered (only its files'
 * link count and ctime change), and a failed build still leaves it intact.
 *
 * Where a link cannot be made (another filesystem, a filesystem without hard
 * links, a file owned by someone else or with another mode) the staged file
 * keeps its own inode and gets the current file's access and modification
 * times instead (utimes: to the microsecond, which is what libuv sets).
 * A folder whose entries are the same names as before gets the previous
 * folder's times too, after everything inside it was settled.
 */
import fs, { type BigIntStats } from "node:fs";
import { link, lstat, readdir, rename, stat, unlink, utimes } from "node:fs/promises";
import path from "node:path";
import { FILES_IN_FLIGHT } from "../concurrency.ts";

export interface OutputChanges {
  /** Files with the same bytes as the file at the same path before. */
  unchanged: number;
  /** Files at a path that existed before, with other bytes. */
  changed: number;
  /** Files at a path that did not exist before (or was not a file). */
  added: number;
  /** Files of the previous site with no file at the same path now. */
  removed: number;
  /** Of the unchanged files, how many are hard links to the previous ones
   * (the others got the previous file's times). */
  linked: number;
}

export interface KeepOptions {
  /** Comparisons in flight at once (default FILES_IN_FLIGHT). */
  concurrency?: number;
  /** Try hard links before copying times (default true). */
  link?: boolean;
  /** Files (relative paths) that the build itself made hard links to the
   * file at the same path in the current site: counted as unchanged without
   * looking at them. Most of a rebuild's files are (pages kept, search
   * shards reused), and two stats for each took most of this comparison. */
  alreadyLinked?: Iterable<string>;
  /** The current site's entries, listed beforehand with `listTree(current)`
   * (which must not have changed since): listing 23,000 entries takes half
   * a second, which the build spends while Pagefind indexes instead. */
  currentTree?: Promise<Tree | null>;
}

type Kind = "file" | "dir" | "other";

export interface Tree {
  /** Relative path ("" for the root, platform separators) → kind, for every entry. */
  kinds: Map<string, Kind>;
  /** Relative folder path → its entries as "kind name" lines, sorted. */
  listings: Map<string, string>;
}

/** Every entry under `root`, or null when `root` is not a folder. */
export async function listTree(root: string): Promise<Tree | null> {
  const tree: Tree = { kinds: new Map([["", "dir"]]), listings: new Map() };
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    const lines: string[] = [];
    const folders: string[] = [];
    for (const entry of entries) {
      const kind: Kind = entry.isFile() ? "file" : entry.isDirectory() ? "dir" : "other";
      const child = path.join(rel, entry.name);
      tree.kinds.set(child, kind);
      lines.push(`${kind} ${entry.name}`);
      if (kind === "dir") folders.push(child);
    }
    tree.listings.set(rel, lines.sort().join("\n"));
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

// The callback API with file descriptors: about a third cheaper per file than
// FileHandle objects, which counts over thousands of small pages.
const openFile = (file: string): Promise<number> =>
  new Promise((resolve, reject) => fs.open(file, "r", (error, fd) => (error ? reject(error) : resolve(fd))));
const closeFile = (fd: number): Promise<void> => new Promise((resolve) => fs.close(fd, () => resolve()));
const readInto = (fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number> =>
  new Promise((resolve, reject) => fs.read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));

/** Reads `length` bytes at `position` (fewer only at the end of the file). */
async function readAt(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const bytesRead = await readInto(fd, buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/** Whether two files of `size` bytes hold the same bytes, read a chunk at a
 * time into the caller's buffers (memory stays bounded for large files, and
 * the first difference stops the reading). */
async function sameBytes(a: string, b: string, size: number, bufferA: Buffer, bufferB: Buffer): Promise<boolean> {
  if (size === 0) return true;
  const fds: number[] = [];
  try {
    fds.push(await openFile(a));
    fds.push(await openFile(b));
    const [fa, fb] = fds as [number, number];
    for (let position = 0; position < size; position += CHUNK) {
      const length = Math.min(CHUNK, size - position);
      const [ra, rb] = await Promise.all([readAt(fa, bufferA, length, position), readAt(fb, bufferB, length, position)]);
      if (ra !== length || rb !== length) return false;
      if (bufferA.compare(bufferB, 0, length, 0, length) !== 0) return false;
    }
    return true;
  } finally {
    await Promise.all(fds.map(closeFile));
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

/** Errors after which no further hard link is attempted in this build. */
const NO_LINKS = new Set(["EXDEV", "EPERM", "EACCES", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EINVAL"]);

/**
 * Compares `staging` with `current` (the site in place, if any) and makes
 * every staged file whose bytes did not change keep the current file's
 * inode (or at least its times), then gives unchanged folders their previous
 * times. Call it when nothing more will be written to `staging`.
 */
export async function keepUnchanged(staging: string, current: string, options: KeepOptions = {}): Promise<OutputChanges> {
  const [next, previous] = await Promise.all([listTree(staging), options.currentTree ?? listTree(current)]);
  if (!next) throw new Error(`${staging} is not a folder`);
  const changes: OutputChanges = { unchanged: 0, changed: 0, added: 0, removed: 0, linked: 0 };
  const files = [...next.kinds].filter(([, kind]) => kind === "file").map(([rel]) => rel);
  if (!previous) {
    changes.added = files.length;
    return changes;
  }
  for (const [rel, kind] of previous.kinds) if (kind === "file" && next.kinds.get(rel) !== "file") changes.removed++;

  let linking = options.link ?? true;
  let temporaries = 0;
  /** Makes the staged file look like the current one; true when linked. */
  const keep = async (staged: string, old: string, a: BigIntStats, b: BigIntStats): Promise<boolean> => {
    if (linking && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid) {
      // Link under a temporary name, then rename it over the staged file:
      // the staged copy is never missing, whatever fails.
      const temporary = path.join(path.dirname(staged), `.unchanged-${process.pid}-${temporaries++}`);
      let made = true;
      try {
        await link(old, temporary);
      } catch (error) {
        // Not worth failing a build over: copy the times instead, and stop
        // trying where the filesystem refuses links altogether.
        made = false;
        if (NO_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) linking = false;
      }
      if (made) {
        try {
          await rename(temporary, staged);
          return true;
        } catch {
          await unlink(temporary).catch(() => {});
        }
      }
    }
    await utimes(staged, seconds(b.atimeNs), seconds(b.mtimeNs));
    return false;
  };

  const queue = files.filter((rel) => {
    if (previous.kinds.get(rel) === "file") return true;
    changes.added++;
    return false;
  });
  const alreadyLinked = new Set<string>();
  for (const rel of options.alreadyLinked ?? []) alreadyLinked.add(path.normalize(rel));
  let taken = 0;
  const worker = async (): Promise<void> => {
    const bufferA = Buffer.allocUnsafe(CHUNK);
    const bufferB = Buffer.allocUnsafe(CHUNK);
    while (taken < queue.length) {
      const rel = queue[taken++]!;
      if (alreadyLinked.has(rel)) {
        changes.unchanged++;
        changes.linked++;
        continue;
      }
      const staged = path.join(staging, rel);
      const old = path.join(current, rel);
      const [a, b] = await Promise.all([lstat(staged, { bigint: true }), lstat(old, { bigint: true })]);
      if (a.ino === b.ino && a.dev === b.dev) {
        // Already a link to the current file (a page the build kept).
        changes.unchanged++;
        changes.linked++;
        continue;
      }
      if (a.size !== b.size || !(await sameBytes(staged, old, Number(a.size), bufferA, bufferB))) {
        changes.changed++;
        continue;
      }
      if (await keep(staged, old, a, b)) changes.linked++;
      changes.unchanged++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? FILES_IN_FLIGHT) }, worker));

  // Folders last: linking and renaming inside a folder sets its time.
  // Setting a folder's times does not touch its parent's.
  const folders = [...next.listings].filter(([rel, listing]) => previous.listings.get(rel) === listing);
  await Promise.all(
    folders.map(async ([rel]) => {
      const old = await lstat(path.join(current, rel), { bigint: true });
      await utimes(path.join(staging, rel), seconds(old.atimeNs), seconds(old.mtimeNs));
    }),
  );
  return changes;
}

/** "1,937 file(s) unchanged, 3 changed, 2 new, 0 removed", for the summary line. */
export function formatChanges(changes: OutputChanges): string {
  const n = (value: number): string => value.toLocaleString("en-US");
  return `${n(changes.unchanged)} file(s) unchanged, ${n(changes.changed)} changed, ${n(changes.added)} new, ${n(changes.removed)} removed`;
}
