/** Runs the built `sunan` command on one file as a user would, with a time limit and its peak memory. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** What one run of the command did. */
export interface CommandRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly hung: boolean;
  /** Peak resident memory in MB, when /usr/bin/time is there to measure it. */
  readonly peakMb: number | undefined;
  readonly seconds: number;
}

const TIME = '/usr/bin/time';

/** Spawns `node cli.js …args` under `timeout -s KILL` (and GNU time, when installed). */
export function runCommand(
  cli: string,
  args: readonly string[],
  limitSeconds: number,
  scratch: string,
): Promise<CommandRun> {
  const timeFile = join(scratch, `time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const measured = existsSync(TIME);
  const inner = ['timeout', '-s', 'KILL', String(limitSeconds), process.execPath, cli, ...args];
  const [cmd, ...rest] = measured ? [TIME, '-f', '%M %e %x', '-o', timeFile, ...inner] : inner;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd as string, rest, { env: { ...process.env, NO_COLOR: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('close', (code) => {
      let peakMb: number | undefined;
      let exit = code;
      if (measured && existsSync(timeFile)) {
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const [kb, , x] = last.split(' ');
        peakMb = Number(kb) / 1024;
        if (x !== undefined && /^\d+$/.test(x)) exit = Number(x);
        rmSync(timeFile, { force: true });
      }
      resolve({
        code: exit,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        // timeout(1) exits 137 when it had to kill (124 with TERM); time(1) may report the signal instead.
        hung: exit === 137 || exit === 124 || code === 137,
        peakMb,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}
