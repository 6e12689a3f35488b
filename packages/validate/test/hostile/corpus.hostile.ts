import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { type HostileCase, hostileCorpus } from './corpus.js';
import { type CommandRun, runCommand } from './run-command.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = join(root, 'packages/cli/dist/cli.js');
const LIMIT_SECONDS = Number(process.env.HOSTILE_TIME_LIMIT ?? 60);
const PARALLEL = 2;
/** Peak resident memory any one file of the corpus may take the command to (when measured). */
const MAX_PEAK_MB = 400;
const STACK = /^\s+at .+(:\d+:\d+\)?|<anonymous>\)?)$/m;

interface Outcome {
  readonly c: HostileCase;
  readonly run: CommandRun;
  readonly modified: boolean;
  readonly problems: string[];
}

function judge(c: HostileCase, run: CommandRun, modified: boolean): string[] {
  const problems: string[] = [];
  if (run.hung) return [`hung (> ${LIMIT_SECONDS} s)`];
  if (c.maxSeconds !== undefined && run.seconds > c.maxSeconds)
    problems.push(`took ${run.seconds.toFixed(1)} s (limit ${c.maxSeconds} s)`);
  if (STACK.test(run.stderr) || STACK.test(run.stdout))
    problems.push(`stack trace: ${run.stderr.slice(0, 300)}`);
  if (modified) problems.push('input modified');
  if (run.peakMb !== undefined && run.peakMb > MAX_PEAK_MB)
    problems.push(`peak ${run.peakMb.toFixed(0)} MB (limit ${MAX_PEAK_MB} MB)`);
  const okExit = run.code === 1 || run.code === 2 || (c.mayPass === true && run.code === 0);
  if (!okExit) problems.push(`exit ${run.code}`);
  let codes: string[] = [];
  try {
    const doc = JSON.parse(run.stdout) as { files: Array<{ findings: Array<{ code: string }> }> };
    codes = doc.files.flatMap((f) => f.findings.map((x) => x.code));
  } catch {
    problems.push(`no JSON on stdout: ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 200)}`);
  }
  if (codes.length === 0 && !(c.mayPass === true && run.code === 0)) problems.push('no finding');
  if (c.expect !== undefined) {
    const want = c.expect;
    const has = codes.some((x) => (typeof want === 'string' ? x === want : want.test(x)));
    if (!has) problems.push(`expected ${String(want)}, got ${[...new Set(codes)].slice(0, 8).join(',')}`);
  }
  // Computed output never says Infinity or NaN; a finding may quote what the file itself says.
  try {
    const doc = JSON.parse(run.stdout, (k, v) => (k === 'value' || k === 'message' ? undefined : v));
    if (/Infinity|NaN/.test(JSON.stringify(doc))) problems.push('Infinity/NaN in output');
  } catch {
    // reported above
  }
  return problems;
}

const scratch = mkdtempSync(join(tmpdir(), 'sunan-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function runCase(c: HostileCase): Promise<Outcome> {
  const file = join(scratch, `${c.name}.${c.ext}`);
  writeFileSync(file, c.bytes());
  const hash = () => createHash('sha256').update(readFileSync(file)).digest('hex');
  const before = hash();
  const run = await runCommand(
    cli,
    ['validate', file, '--format', 'json', ...(c.args ?? [])],
    LIMIT_SECONDS,
    scratch,
  );
  const modified = hash() !== before;
  rmSync(file, { force: true });
  return { c, run, modified, problems: judge(c, run, modified) };
}

describe('hostile corpus through the built command', () => {
  it('every file gives findings, none crashes or hangs, none is modified', async () => {
    expect(existsSync(cli), 'run `pnpm build` first').toBe(true);
    const corpus = hostileCorpus();
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < corpus.length) {
        const c = corpus[next++] as HostileCase;
        outcomes.push(await runCase(c));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const crashes = outcomes.filter((o) =>
      o.problems.some((p) => p.startsWith('stack') || p.startsWith('exit') || p.startsWith('no JSON')),
    );
    const hangs = outcomes.filter((o) => o.run.hung);
    const peak = Math.max(...outcomes.map((o) => o.run.peakMb ?? 0));
    const heaviest = outcomes.reduce((a, b) => ((b.run.peakMb ?? 0) > (a.run.peakMb ?? 0) ? b : a));
    const modified = outcomes.filter((o) => o.modified);
    const line = `hostile corpus: files ${outcomes.length}, crashes ${crashes.length}, hangs ${hangs.length}, max peak memory ${peak.toFixed(0)} MB (${heaviest.c.name}), inputs modified ${modified.length}`;
    console.log(line);
    if (process.env.HOSTILE_VERBOSE)
      for (const o of outcomes)
        console.log(
          `${o.c.name.padEnd(32)} exit ${o.run.code} ${(o.run.peakMb ?? 0).toFixed(0)} MB ${o.run.seconds.toFixed(1)} s`,
        );
    const failed = outcomes
      .filter((o) => o.problems.length > 0)
      .map((o) => `${o.c.name}: ${o.problems.join('; ')}`);
    expect(failed).toEqual([]);
    // A list past the row limit is refused where the scan reaches the limit: no dearer than one at it
    // (with room for the noise of a shared machine; reading it all and refusing late took ten times as long).
    const run = (name: string) => outcomes.find((o) => o.c.name === name)?.run;
    const [atLimit, over] = [run('list-250k-rows'), run('list-300k-rows')];
    expect(over?.seconds).toBeLessThanOrEqual((atLimit?.seconds ?? 0) * 1.5 + 2);
    if (over?.peakMb !== undefined) expect(over.peakMb).toBeLessThanOrEqual((atLimit?.peakMb ?? 0) + 20);
  });

  it('the roll-up keeps going with bad files in the mix and gives every file a fate', async () => {
    const dir = mkdtempSync(join(scratch, 'aggregate-'));
    const data = join(root, 'examples/data/2022');
    for (const f of readdirSync(data)) copyFileSync(join(data, f), join(dir, f));
    const bad = hostileCorpus().filter((c) =>
      [
        'sheetjs-hang-byte-29-bit-2',
        'crc-bitflip-2720',
        'merged-150k',
        'overlap-16x30MiB',
        'csv-200k-duplicates',
      ].includes(c.name),
    );
    for (const c of bad) writeFileSync(join(dir, `${c.name}.${c.ext}`), c.bytes());
    const out = mkdtempSync(join(scratch, 'aggregate-out-'));
    const run = await runCommand(
      cli,
      ['aggregate', dir, '--period', '2022', '--format', 'json', '--out', out],
      LIMIT_SECONDS * 3,
      scratch,
    );
    console.log(
      `aggregate with ${bad.length} bad files: exit ${run.code}, ${(run.peakMb ?? 0).toFixed(0)} MB, ${run.seconds.toFixed(1)} s`,
    );
    expect(run.hung).toBe(false);
    expect(STACK.test(run.stderr)).toBe(false);
    expect([1, 2]).toContain(run.code);
    const result = JSON.parse(run.stdout) as { sources: Array<{ file: string; status: string }> };
    const files = readdirSync(dir).sort();
    expect(result.sources.map((x) => x.file).sort()).toEqual(files);
    for (const c of bad)
      expect(result.sources.find((x) => x.file === `${c.name}.${c.ext}`)?.status).toBe('excluded');
    expect(result.sources.filter((x) => x.status === 'used').length).toBe(5);
    // No output the roll-up writes says Infinity or NaN: JSON, HTML, and every part of report.xlsx.
    const texts = [
      readFileSync(join(out, 'aggregate.json'), 'utf8'),
      readFileSync(join(out, 'report.html'), 'utf8'),
    ];
    for (const part of Object.values(unzipSync(new Uint8Array(readFileSync(join(out, 'report.xlsx'))))))
      texts.push(strFromU8(part));
    for (const t of texts) expect(t).not.toMatch(/\b(Infinity|NaN)\b/);
  });
});
