import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, root, sunan } from './ledger-process.js';

// Issue 13: a full disk or a read-only directory during `sunan intake` gives a clear error in
// Chinese and English and exit code 2, and `sunan ledger verify` passes afterwards with the file
// absent. On a real small tmpfs over the ledger's file store, which needs the right to mount (root,
// as in a CI container); skipped loudly elsewhere (packages/ledger/test/disk.test.ts covers the
// read-only case with permission bits there).
const data = join(root, 'examples/data/2022');
const small = join(data, '321100-镇江市-2022.xlsx');
const large = join(data, '320100-南京市-2022.xlsx');

const mount = (args: string[]) => spawnSync('mount', args, { stdio: 'ignore' }).status === 0;
const free = (dir: string) => {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
};

describe('sunan intake on a full or read-only disk', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunan-cli-disk-'));
  const ledger = join(dir, 'ledger');
  const files = join(ledger, 'files');
  const L = ['--ledger', ledger, '--by', 'clerk'];
  let mounted = false;

  beforeAll(() => {
    expect(existsSync(cli), 'run `pnpm build` first').toBe(true);
    mkdirSync(files, { recursive: true });
    const kib = Math.ceil((3 * statSync(large).size) / 4096) * 4;
    mounted = mount(['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', files]);
    if (!mounted) console.warn('[ledger-disk.test] cannot mount a tmpfs here: skipped');
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', ['-l', files]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a full disk: exit 2, the reason in both languages, verify passes, the file absent', (ctx) => {
    if (!mounted) return ctx.skip();
    expect(sunan(['intake', small, ...L]).code).toBe(0);
    writeFileSync(join(files, 'filler'), new Uint8Array(Math.max(0, free(files) - statSync(large).size / 2)));
    const r = sunan(['intake', large, ...L]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/错误: 无法保存文件：磁盘已满；台账未变/);
    expect(r.stderr).toMatch(/error: Cannot store the file: the disk is full; the ledger is unchanged/);
    rmSync(join(files, 'filler'));
    const v = sunan(['ledger', 'verify', ...L]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(readdirSync(join(files, 'tmp'))).toEqual([]);
    const status = JSON.parse(sunan(['status', '--period', '2022', ...L, '--format', 'json']).stdout);
    const state = (c: string) => status.cities.find((x: { city: string }) => x.city === c)?.state;
    expect([state('321100'), state('320100')]).toEqual(['received', 'not-received']);
    // With room again, the same file goes in as Nanjing's first revision.
    const again = sunan(['intake', large, ...L]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('320100 2022 第 1 版');
  });

  it('a read-only directory: exit 2, the reason in both languages, verify passes', (ctx) => {
    if (!mounted) return ctx.skip();
    expect(mount(['-o', 'remount,ro', files])).toBe(true);
    let r: ReturnType<typeof sunan>;
    try {
      r = sunan(['intake', join(data, '320200-无锡市-2022.xlsx'), ...L]);
    } finally {
      mount(['-o', 'remount,rw', files]);
    }
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/错误: 无法保存文件：台账目录不可写/);
    expect(r.stderr).toMatch(/error: Cannot store the file: the ledger directory is not writable/);
    expect(sunan(['ledger', 'verify', ...L]).code).toBe(0);
    const status = JSON.parse(sunan(['status', '--period', '2022', ...L, '--format', 'json']).stdout);
    expect(status.cities.find((x: { city: string }) => x.city === '320200')?.state).toBe('not-received');
  });
});
