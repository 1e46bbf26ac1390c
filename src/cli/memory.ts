/**
 * Peak memory of a build, stage by stage (`npm run build -- --memory`).
 *
 * GNU time gives one figure for the whole build; to know which stage to work
 * on, we need the peak of each. Linking and building the site view are long
 * synchronous computations, during which no timer of the main thread fires,
 * so the resident set is sampled from a small worker thread (a process's
 * resident set is one figure, whichever thread reads it) into shared memory;
 * the main thread takes the peak at each stage boundary. Extraction workers
 * share the process and are counted; Pagefind runs as a child process and is
 * not (the bench's GNU time covers it).
 */
import { Worker } from "node:worker_threads";

export interface StagePeak {
  stage: string;
  /** Largest resident set seen during the stage, bytes. */
  rss: number;
}

export interface MemoryTracker {
  /** Starts counting a new stage (the previous one ends). */
  stage(name: string): void;
  /** Stops sampling; the peaks of the stages, in the order they began. */
  stop(): Promise<StagePeak[]>;
}

// Kept in kilobytes so that an Int32 holds up to 2 TB. Reading the resident
// set opens /proc/self/stat, which fails while the build has every file
// descriptor in use (EMFILE): that sample is skipped.
const SAMPLER = `
const { workerData } = require("node:worker_threads");
const peak = new Int32Array(workerData.buffer);
setInterval(() => {
  let kb;
  try {
    kb = Math.round(process.memoryUsage.rss() / 1024);
  } catch {
    return;
  }
  if (kb > Atomics.load(peak, 0)) Atomics.store(peak, 0, kb);
}, workerData.intervalMs);
`;

export function trackMemory(intervalMs = 25): MemoryTracker {
  const buffer = new SharedArrayBuffer(4);
  const peak = new Int32Array(buffer);
  const sampler = new Worker(SAMPLER, { eval: true, workerData: { buffer, intervalMs } });
  // Sampling must neither keep a finished build alive nor ever fail it.
  sampler.unref();
  sampler.on("error", () => {});
  const peaks: StagePeak[] = [];
  let current: StagePeak | undefined;
  /** Closes the current stage: its peak is the largest sample since it began. */
  const close = () => {
    let now = 0;
    try {
      now = Math.round(process.memoryUsage.rss() / 1024);
    } catch {
      // EMFILE, as in the sampler: the sampler's peak stands.
    }
    const kb = Math.max(now, Atomics.exchange(peak, 0, now));
    if (current) current.rss = Math.max(current.rss, kb * 1024);
  };
  return {
    stage(name) {
      close();
      current = peaks.find((p) => p.stage === name) ?? { stage: name, rss: 0 };
      if (!peaks.includes(current)) peaks.push(current);
    },
    async stop() {
      close();
      current = undefined;
      await sampler.terminate();
      return peaks;
    },
  };
}

/** "extract 812 MB, link 1,020 MB, …" */
export function formatPeaks(peaks: StagePeak[]): string {
  return peaks.map((p) => `${p.stage} ${Math.round(p.rss / 2 ** 20).toLocaleString("en-US")} MB`).join(", ");
}
