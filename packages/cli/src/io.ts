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

/**
 * Whether to colour a stream. NO_COLOR (https://no-color.org), when set and not empty, always wins:
 * an explicit "no" from the reader. Otherwise FORCE_COLOR (https://force-color.org), when set and
 * not empty, turns colour on even through a pipe (0 or false turn it off); otherwise only on a
 * terminal.
 */
export function useColour(env: Io['env'], stream: Out): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !['0', 'false'].includes(force.toLowerCase());
  return stream.isTTY === true;
}

/** Colours for a stream, following {@link useColour}. */
export function colours(io: Io, stream: Out): ReturnType<typeof pc.createColors> {
  return pc.createColors(useColour(io.env, stream));
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
