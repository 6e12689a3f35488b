import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ledger, sha256, verifyLedger } from '@sunan/ledger';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BACKENDS, Backend } from './helpers/backends.js';
import { jsonSubmission } from './helpers/files.js';

// ≥ 50 kills in CI; fewer on a developer's machine unless LEDGER_KILL_TRIALS says otherwise.
const TRIALS = Number(process.env.LEDGER_KILL_TRIALS ?? (process.env.CI === 'true' ? 50 : 10));
const child = fileURLToPath(new URL('./fixtures/intake-child.mjs', import.meta.url));
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));

interface Run {
  readyToExitMs: number;
  lines: string[];
}

/** Runs the child; kills it `killAfterMs` after it says ready (never, when undefined). */
function runChild(args: string[], killAfterMs: number | undefined): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let readyAt = 0;
    let err = '';
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    p.stdout.on('data', (d: Buffer) => {
      for (const l of d.toString().split('\n').filter(Boolean)) {
        lines.push(l);
        if (l === 'ready') {
          readyAt = performance.now();
          if (killAfterMs !== undefined) setTimeout(() => p.kill('SIGKILL'), killAfterMs);
        }
      }
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ readyToExitMs: performance.now() - readyAt, lines });
    });
  });
}

describe.each(BACKENDS)('intake killed at a random point, on %s', (name) => {
  let backend: Backend | undefined;
  beforeAll(async () => {
    backend = await Backend.start(name);
  }, 120_000);
  afterAll(() => backend?.stop());

  // A server that cannot start fails Backend.start in CI (CI=true).
  test(`${TRIALS} kills leave a ledger that verify passes, each file fully in or absent`, async (ctx) => {
    if (!backend) return ctx.skip();
    expect(existsSync(built), 'the kill test runs the built package: run `pnpm build` first').toBe(true);
    const loc = await backend.location();
    const args = [loc.dir, loc.database ?? ''];
    const work = mkdtempSync(join(tmpdir(), 'sunan-kill-'));
    const filesFor = (trial: number) =>
      ['320100', '320500', '321100'].map((city, k) => {
        const path = join(work, `${trial}-${city}.json`);
        writeFileSync(path, jsonSubmission(city, '2022', trial * 10 + k + 1));
        return path;
      });
    // Calibrate: how long three intakes take here, so kills land anywhere inside that window.
    const calibration = await runChild([...args, ...filesFor(0)], undefined);
    expect(calibration.lines).toContain('done');
    const windowMs = calibration.readyToExitMs;
    let cut = 0;
    let confirmed = 0;
    for (let trial = 1; trial <= TRIALS; trial++) {
      const files = filesFor(trial);
      const run = await runChild([...args, ...files], Math.random() * windowMs);
      if (!run.lines.includes('done')) cut++;
      const ledger = await Ledger.open(loc);
      try {
        const v = await verifyLedger(ledger);
        expect(v.problems, `trial ${trial}`).toEqual([]);
        const events = await ledger.events();
        for (const f of files) {
          const hash = sha256(readFileSync(f));
          const recorded = events.some((e) => e.sha256 === hash);
          const stored = await ledger.files.read(hash);
          // Rows imply the complete file; a complete file without rows is an orphan verify tolerates.
          if (recorded) expect(stored && sha256(stored) === hash, `trial ${trial}: ${f}`).toBe(true);
          if (stored) expect(sha256(stored)).toBe(hash);
          // An intake the child confirmed (printed after intake resolved) is never lost to the kill.
          if (run.lines.includes(`took ${basename(f)}`)) {
            confirmed++;
            expect(recorded, `trial ${trial}: confirmed ${f}`).toBe(true);
          }
        }
        const revisions = events.filter((e) => e.kind === 'received').map((e) => `${e.city}/${e.revision}`);
        expect(new Set(revisions).size).toBe(revisions.length);
      } finally {
        await ledger.close();
      }
    }
    process.stderr.write(
      `kill test on ${name}: ${TRIALS} trials, ${cut} cut short, ${confirmed} confirmed intakes all kept (window ${Math.round(windowMs)} ms)\n`,
    );
  }, 1_800_000);
});
