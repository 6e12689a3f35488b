import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from '../../web/scripts/build-page.mjs';
import { run } from '../src/run.js';

let built = '';

beforeAll(async () => {
  // The command ships the built page; build it from the sources so the test needs no `pnpm build`.
  built = readFileSync((await buildPage()).outFile, 'utf8');
}, 120_000);

async function sunan(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { NO_COLOR: '1' },
    cwd,
  });
  return { code, stdout, stderr };
}

describe('sunan web', () => {
  it('writes the one-file page, byte for byte the built one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-web-'));
    const r = await sunan(['web', '--out', 'office.html'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('office.html');
    expect(readFileSync(join(dir, 'office.html'), 'utf8')).toBe(built);
    expect(built).toContain("connect-src 'none'");
  });

  it('defaults to sunan-web.html and reports an unwritable place as a message, not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-web-'));
    expect((await sunan(['web'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'sunan-web.html'), 'utf8')).toBe(built);
    // An existing file is kept unless --force; a folder in the way is a message, not a crash.
    writeFileSync(join(dir, 'kept.html'), 'mine');
    expect((await sunan(['web', '--out', 'kept.html'], dir)).code).toBe(2);
    expect(readFileSync(join(dir, 'kept.html'), 'utf8')).toBe('mine');
    expect((await sunan(['web', '--out', 'kept.html', '--force'], dir)).code).toBe(0);
    mkdirSync(join(dir, 'folder.html'));
    const bad = await sunan(['web', '--out', 'folder.html', '--force'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('无法写出');
  });

  it('has help, and rejects unknown options', async () => {
    const help = await sunan(['web', '--help'], tmpdir());
    expect(help.stdout).toContain('sunan web');
    expect((await sunan(['web', '--nope'], tmpdir())).code).toBe(2);
  });
});
