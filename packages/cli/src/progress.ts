import cliProgress from 'cli-progress';
import type { Io } from './io.js';

/** A progress bar for long work; a no-op unless stderr is a terminal. */
export interface Progress {
  tick(label: string): void;
  stop(): void;
}

/** Starts a progress bar over `total` steps on stderr, only when stderr is a terminal. */
export function progress(io: Io, total: number, title: string): Progress {
  if (io.stderr.isTTY !== true || total < 2) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${title} [{bar}] {value}/{total} {label}`,
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    tick(label) {
      bar.increment(1, { label });
    },
    stop() {
      bar.stop();
    },
  };
}
