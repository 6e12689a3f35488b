import pc from 'picocolors';

/** A stream the CLI writes to. */
export interface Out {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Everything the CLI touches outside itself, so tests can drive `run` without a process. */
export interface Io {
  readonly stdout: Out;
  readonly stderr: Out;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Colours for a stream: only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colours(io: Io, stream: Out): ReturnType<typeof pc.createColors> {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return pc.createColors(stream.isTTY === true && !noColor);
}

/** Thrown for bad usage; `run` turns it into a message on stderr and exit code 2. */
export class UsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Exit codes: 0 no errors (warnings allowed), 1 error findings, 2 bad usage or unreadable input. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
