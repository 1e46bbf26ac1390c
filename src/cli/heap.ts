/**
 * A heap limit sized to the archive, so that a build's memory follows what
 * it really holds.
 *
 * V8 lets its heap grow towards its limit (about 4 GB on a machine with
 * plenty of memory) before it collects in earnest, so most of a large
 * build's resident memory is garbage waiting: 3.4 GB at 20,000 synthetic
 * articles, when the data alive after each full collection never exceeded
 * 1.08 GB (measured with --trace-gc, about 55 KB per article). With the heap
 * limited to HEAP_KB_PER_ARTICLE per article (at least MIN_HEAP_MB), V8
 * collects sooner, keeps about 50 % headroom over what is alive, and the
 * peak falls to 1.84 GB at 20,000 articles for about the same build time.
 *
 * The limit can only be set when Node starts, so the build runs itself again
 * in a child process with `--max-old-space-size`. A limit the user set
 * (NODE_OPTIONS or a flag) is left alone.
 */
import { spawn } from "node:child_process";
import { getHeapStatistics } from "node:v8";

export const HEAP_KB_PER_ARTICLE = 80;
export const MIN_HEAP_MB = 1024;
const CHILD_MARK = "ARCHIVE_BUILD_HEAP_LIMITED";

export function heapLimitMb(articles: number): number {
  return Math.max(MIN_HEAP_MB, Math.ceil((articles * HEAP_KB_PER_ARTICLE) / 1024));
}

/**
 * Runs this command again in a child Node whose heap is limited for
 * `articles` articles, and resolves with its exit code; resolves with null
 * when this process should go on itself (it is that child, the user chose a
 * limit, or the current limit is already no larger).
 */
export function relaunchWithHeapLimit(articles: number): Promise<number | null> {
  const limit = heapLimitMb(articles);
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("max-old-space-size"));
  const current = getHeapStatistics().heap_size_limit / 1024 / 1024;
  if (process.env[CHILD_MARK] || chosen || current <= limit * 1.1 || !process.argv[1]) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${limit}`, process.argv[1]!, ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, [CHILD_MARK]: "1" },
    });
    // Ctrl-C reaches both processes; a signal sent to this one alone (a CI
    // timeout) is passed on, and this process waits for the child to finish.
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) => [signal, forward(signal)] as const);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const [name, handler] of handlers) process.off(name, handler);
      resolve(code ?? (signal ? 128 + 2 : 1));
    });
  });
}
