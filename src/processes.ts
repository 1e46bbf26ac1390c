/**
 * Whether a process still runs: builds name their temporary files and
 * folders after their pid, and clear away only those of processes gone.
 */

/** True while process `pid` runs (EPERM: it runs under another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
