/**
 * Progress of a long build: one line rewritten in place on a terminal
 * (stage, done / total, elapsed), nothing at all when the output is a log or
 * CI, where the final summary says it all.
 */
export interface Progress {
  stage(name: string): void;
  update(done: number, total: number): void;
  end(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  let stageName = "";
  let lastDraw = 0;
  const interactive = Boolean(stream.isTTY) && !process.env.CI;
  const draw = (text: string) => {
    if (!interactive) return;
    stream.write(`\r\x1b[2K${text}`);
  };
  return {
    stage(name) {
      stageName = name;
      draw(`${stageName}… ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
    update(done, total) {
      const now = performance.now();
      // Redraw at most ten times a second.
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      draw(`${stageName} ${done}/${total} · ${((now - started) / 1000).toFixed(1)} s`);
    },
    end() {
      if (interactive) stream.write("\r\x1b[2K");
    },
  };
}
