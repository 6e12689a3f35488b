// @time-zones: lock owners' and decisions' times
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, clusterOrSkip } from '../../ledger/test/helpers/postgres.js';
import { rewriteChain } from '../../ledger/test/helpers/rewrite.js';
import { flipStoredByte } from '../../ledger/test/helpers/tamper.js';
import { cli, root, sunan } from './ledger-process.js';

// Issue 29, driven as processes on the built CLI: the record people read (ledger log, show,
// ledger get), the head hash verify prints and checks, export that keeps an existing file, a busy
// embedded ledger that says so and gives up like a tool, and one ledger shared by two machines'
// clients through PostgreSQL.
const data = join(root, 'examples/data');

/** `sunan …` with extra environment (the database URL kept when given). */
function sunanEnv(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SUNAN_DATABASE_URL: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function lockAs(dir: string, owner: { host: string; pid: number }): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'ledger.lock'),
    `${JSON.stringify({ ...owner, since: new Date().toISOString() })}\n`,
  );
}

describe('sunan ledger log / show / get / verify --expect-head / export', { timeout: 300_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'sunan-cli-store-'));
  const dir = join(work, 'ledger');
  const L = ['--ledger', dir, '--by', 'clerk'];
  beforeAll(() => {
    expect(existsSync(cli), 'run `pnpm build` first').toBe(true);
    expect(sunan(['intake', join(data, '2021'), ...L]).code).toBe(0);
    expect(sunan(['accept', '--city', '常州', '--period', '2021', ...L]).code).toBe(0);
    expect(sunan(['reject', '--city', '无锡', '--period', '2021', ...L, '--reason', '数字有误']).code).toBe(
      0,
    );
    expect(sunan(['lock', '--city', '常州', '--period', '2021', ...L, '--reason', '已发布']).code).toBe(0);
    const late = sunan([
      'intake',
      join(data, '2022/321100-镇江市-2022.xlsx'),
      join(data, '2021/320400-常州市-2021.xlsx'),
      ...L,
    ]);
    expect(late.code).toBe(1);
  }, 200_000);

  it('ledger log lists every event: Beijing time with the zone, who, what, which revision, why', () => {
    const text = sunan(['ledger', 'log', ...L, '--city', '常州']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('北京时间 UTC+8');
    expect(text.stdout).toMatch(
      /#\d+ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+8 {2}clerk {2}受理 {2}常州市 2021 第 1 版/,
    );
    expect(text.stdout).toMatch(/锁定 {2}常州市 2021 {2}说明: 已发布/);
    // The refused intake is on the record, with why.
    expect(text.stdout).toMatch(
      /拒收 {2}常州市 2021（拒收的 320400-常州市-2021\.xlsx） {2}说明: LEDGER_LOCKED/,
    );
    expect(text.stdout).not.toContain('无锡');
    const json = JSON.parse(sunan(['ledger', 'log', ...L, '--period', '2021', '--format', 'json']).stdout);
    const reject = json.find((e: { kind: string }) => e.kind === 'rejected');
    expect(reject).toMatchObject({ by: 'clerk', city: '320200', revision: 1, why: { zh: '数字有误' } });
    expect(reject.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(Date.parse(reject.at)).toBe(Date.parse(reject.atUtc));
    expect(json.every((e: { period: string }) => e.period === '2021')).toBe(true);
  });

  it('show prints the findings stored at intake, as text and JSON', () => {
    const text = sunan(['show', '--city', '南京', '--period', '2021', ...L]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('南京市 2021 第 1 版：320100-南京市-2021.xlsx');
    expect(text.stdout).toContain('✓ 通过');
    const json = JSON.parse(
      sunan(['show', '--city', '320100', '--period', '2021', '--revision', '1', ...L, '--format', 'json'])
        .stdout,
    );
    expect(json).toMatchObject({
      city: '320100',
      period: '2021',
      revision: 1,
      fileName: '320100-南京市-2021.xlsx',
    });
    expect(Array.isArray(json.findings)).toBe(true);
    expect(json.receivedAt).toMatch(/\+08:00$/);
    const none = sunan(['show', '--city', '南京', '--period', '2021', '--revision', '9', ...L]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('没有第 9 版');
  });

  it('ledger get writes the original bytes under the original name, and keeps an existing file', () => {
    const out = join(work, 'got');
    const r = sunan([
      'ledger',
      'get',
      '--city',
      '常州',
      '--period',
      '2021',
      '--revision',
      '1',
      '--out',
      out,
      ...L,
    ]);
    expect(r.code).toBe(0);
    const original = readFileSync(join(data, '2021/320400-常州市-2021.xlsx'));
    expect(readFileSync(join(out, '320400-常州市-2021.xlsx')).equals(original)).toBe(true);
    writeFileSync(join(out, '320400-常州市-2021.xlsx'), 'mine');
    const again = sunan(['ledger', 'get', '--city', '常州', '--period', '2021', '--out', out, ...L]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(join(out, '320400-常州市-2021.xlsx'), 'utf8')).toBe('mine');
    expect(
      sunan(['ledger', 'get', '--city', '常州', '--period', '2021', '--out', out, '--force', ...L]).code,
    ).toBe(0);
    expect(readFileSync(join(out, '320400-常州市-2021.xlsx')).equals(original)).toBe(true);
    // The file refused after the lock, by its event number.
    const log = JSON.parse(sunan(['ledger', 'log', ...L, '--format', 'json']).stdout);
    const refused = log.find((e: { kind: string }) => e.kind === 'refused');
    const byEvent = join(work, 'refused');
    expect(sunan(['ledger', 'get', '--event', String(refused.seq), '--out', byEvent, ...L]).code).toBe(0);
    expect(readFileSync(join(byEvent, '320400-常州市-2021.xlsx')).equals(original)).toBe(true);
  });

  it('verify prints the head; export keeps an existing archive; a rewritten chain fails --expect-head', () => {
    const v = sunan(['ledger', 'verify', ...L]);
    expect(v.code).toBe(0);
    const head = /链头 head：第 \d+ 号事件 ([0-9a-f]{64})/.exec(v.stdout)?.[1] ?? '';
    expect(head).toHaveLength(64);
    expect(sunan(['ledger', 'verify', ...L, '--expect-head', head]).code).toBe(0);
    const archive = join(work, 'backup.jsonl');
    writeFileSync(archive, 'yesterday’s backup');
    const refused = sunan(['ledger', 'export', archive, ...L]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('已存在');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(archive, 'utf8')).toBe('yesterday’s backup');
    expect(sunan(['ledger', 'export', archive, ...L, '--force']).code).toBe(0);
    writeFileSync(
      archive,
      rewriteChain(readFileSync(archive, 'utf8'), (e) =>
        e.kind === 'rejected' ? { ...e, reason: '无' } : e,
      ),
    );
    const forged = ['--ledger', join(work, 'forged')];
    expect(sunan(['ledger', 'import', archive, ...forged]).code).toBe(0);
    expect(sunan(['ledger', 'verify', ...forged]).code).toBe(0);
    const caught = sunan(['ledger', 'verify', ...forged, '--expect-head', head]);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('LEDGER_HEAD_MISMATCH');
    expect(caught.stdout).toContain('事件链已被改写或替换');
  });
});

describe('a busy embedded ledger', { timeout: 120_000 }, () => {
  it('says it is waiting within 2 s, then gives up in Chinese and English with exit 2 and no stack trace', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sunan-cli-busy-')), 'ledger');
    // Held by a live process of this host: this test's own.
    lockAs(dir, { host: hostname(), pid: process.pid });
    const started = performance.now();
    const p = spawn(process.execPath, [cli, 'status', '--period', '2022', '--ledger', dir, '--wait', '3'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', SUNAN_DATABASE_URL: '' },
    });
    let stderr = '';
    let waitingAfter: number | undefined;
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (waitingAfter === undefined && stderr.includes('等待中')) waitingAfter = performance.now() - started;
    });
    const code = await new Promise<number | null>((resolve) => p.on('exit', resolve));
    const total = performance.now() - started;
    expect(stderr).toContain(`台账正被进程 ${process.pid}（主机 ${hostname()}）使用，等待中…`);
    expect(stderr).toContain(`ledger in use by process ${process.pid} on host ${hostname()}, waiting…`);
    expect(waitingAfter).toBeLessThan(2000);
    expect(code).toBe(2);
    expect(total).toBeGreaterThan(3000);
    expect(stderr).toMatch(/错误: 台账正被进程 \d+（主机 .*）使用，已等待 3 秒，放弃/);
    expect(stderr).toMatch(/error: The ledger is in use by process \d+ on host .*; gave up after 3 s/);
    expect(stderr).not.toContain('内部错误');
    expect(stderr).not.toMatch(/\n\s+at /);
    process.stderr.write(
      `busy ledger: waiting line after ${Math.round(waitingAfter ?? -1)} ms, gave up after ${Math.round(total)} ms\n`,
    );
  });

  it('a lock another host left: refused naming host and pid, never taken over; what was confirmed stays', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sunan-cli-other-host-')), 'ledger');
    const L = ['--ledger', dir, '--by', 'clerk'];
    expect(sunan(['intake', join(data, '2022/320100-南京市-2022.xlsx'), ...L]).code).toBe(0);
    lockAs(dir, { host: 'second-host', pid: 12894 });
    const r = sunanEnv(['intake', join(data, '2022/320200-无锡市-2022.xlsx'), ...L], {
      SUNAN_LEDGER_WAIT: '1',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('台账正被进程 12894（主机 second-host）使用，等待中…');
    expect(r.stderr).toContain('锁不会被自动接管');
    expect(r.stderr).toContain('never taken over automatically');
    expect(JSON.parse(readFileSync(join(dir, 'ledger.lock'), 'utf8'))).toMatchObject({
      host: 'second-host',
      pid: 12894,
    });
    rmSync(join(dir, 'ledger.lock'));
    const s = JSON.parse(sunan(['status', '--period', '2022', ...L, '--format', 'json']).stdout);
    expect(s.cities.find((c: { city: string }) => c.city === '320100').latest.revision).toBe(1);
    expect(s.cities.find((c: { city: string }) => c.city === '320200').latest).toBeUndefined();
  });
});

describe('one ledger on PostgreSQL, two machines with different --ledger folders', {
  timeout: 300_000,
}, () => {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await clusterOrSkip();
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('an intake on one is seen, verified, exported and re-imported by the other; a changed byte in the database fails verify and export', async (ctx) => {
    if (!cluster) return ctx.skip();
    const url = await cluster.database(`cli_store_${process.pid}`);
    const work = mkdtempSync(join(tmpdir(), 'sunan-cli-shared-'));
    const one = (args: string[]) =>
      sunanEnv([...args, '--ledger', join(work, 'one'), '--by', 'a'], { SUNAN_DATABASE_URL: url });
    const two = (args: string[]) => sunanEnv([...args, '--database', url, '--by', 'b'], {});
    // Zhenjiang's first version, then the folder (one folder intake cannot tell which came first).
    expect(one(['intake', join(data, '2022/321100-镇江市-2022-第1版.xlsx')]).code).toBe(0);
    expect(one(['intake', join(data, '2022')]).code).toBe(0);
    const status = JSON.parse(two(['status', '--period', '2022', '--format', 'json']).stdout);
    expect(status.cities.filter((c: { latest?: unknown }) => c.latest)).toHaveLength(5);
    expect(two(['ledger', 'verify']).code).toBe(0);
    const archive = join(work, 'shared.jsonl');
    expect(two(['ledger', 'export', archive]).code).toBe(0);
    const copy = ['--ledger', join(work, 'copy')];
    expect(sunan(['ledger', 'import', archive, ...copy]).code).toBe(0);
    expect(sunan(['ledger', 'verify', ...copy]).code).toBe(0);
    expect(
      JSON.parse(sunan(['status', '--period', '2022', ...copy, '--format', 'json']).stdout).cities,
    ).toEqual(status.cities);
    // The second machine decides and rolls up with the URL alone.
    expect(two(['accept', '--city', '南京', '--period', '2022']).code).toBe(0);
    const agg = sunanEnv(['aggregate', '--period', '2022', '--database', url, '--format', 'json'], {});
    expect(agg.code, agg.stderr).not.toBe(2);
    const used = JSON.parse(agg.stdout).sources.filter((x: { status: string }) => x.status === 'used');
    expect(used.map((x: { city: string }) => x.city)).toEqual(['320100']);
    await flipStoredByte(url);
    const v = two(['ledger', 'verify']);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/LEDGER_FILE_ALTERED: .*市 2022 第 1 版/);
    const e = one(['ledger', 'export', join(work, 'after.jsonl')]);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('LEDGER_ARCHIVE_INCOMPLETE');
    expect(existsSync(join(work, 'after.jsonl'))).toBe(false);
  });
});
