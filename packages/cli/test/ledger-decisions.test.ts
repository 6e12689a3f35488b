import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue, city, period, syntheticSubmission } from '@sunan/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, root } from './ledger-process.js';

// The decisions and the intake checks driven as processes on the built CLI (the test script builds
// first), on one embedded ledger carried through the steps in order.
const data = join(root, 'examples/data');
const original = join(data, '2022/321100-镇江市-2022-第1版.xlsx'); // planted errors
const correction = join(data, '2022/321100-镇江市-2022.xlsx');

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SUNAN_DATABASE_URL: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}\n${r.stderr}` };
}

/** A synthetic submission as JSON; `bad` plants an error finding. */
function json(code: string, year: string, options: { bad?: boolean; cityField?: string } = {}): string {
  const s = syntheticSubmission({ catalogue, city: city(code), period: period(year), enterprises: 300 });
  const values = s.values.map((v, i) => (i === 1 && options.bad ? { ...v, value: 'not a number' } : v));
  return JSON.stringify({ ...s, values, ...(options.cityField ? { city: options.cityField } : {}) });
}

describe('sunan decisions and intake checks', { timeout: 400_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunan-cli-decisions-'));
  const ledger = join(dir, 'ledger');
  const L = ['--ledger', ledger, '--by', 'clerk'];
  const status = (p: string) =>
    JSON.parse(run(['status', '--period', p, ...L, '--format', 'json']).stdout) as {
      cities: Array<{ city: string; state: string; accepted?: { revision: number; forced?: boolean } }>;
      zoneApproved: boolean;
    };
  const cell = (p: string, code: string) => status(p).cities.find((c) => c.city === code);
  const used = (p: string) => {
    const agg = run(['aggregate', '--ledger', ledger, '--period', p, '--format', 'json']);
    const r = JSON.parse(agg.stdout) as { sources: Array<{ city: string; status: string; file: string }> };
    return r.sources.filter((s) => s.status.startsWith('used')).map((s) => `${s.city} ${s.file}`);
  };
  beforeAll(() => {
    expect(existsSync(cli), 'run `pnpm build` first').toBe(true);
  });

  it('refuses a folder holding an original and its correction, then takes them in the order named', () => {
    const folder = join(dir, 'mail');
    mkdirSync(folder);
    copyFileSync(original, join(folder, '321100-镇江市-2022.xlsx'));
    copyFileSync(correction, join(folder, '321100-镇江市-2022-更正.xlsx'));
    const refused = run(['intake', folder, ...L]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('LEDGER_ORDER_UNKNOWN');
    expect(refused.stderr).toContain('321100-镇江市-2022.xlsx');
    expect(refused.stderr).toContain('321100-镇江市-2022-更正.xlsx');
    expect(cell('2022', '321100')?.state).toBe('not-received');
    const named = run([
      'intake',
      join(folder, '321100-镇江市-2022.xlsx'),
      join(folder, '321100-镇江市-2022-更正.xlsx'),
      ...L,
    ]);
    // The faulty original is revision 1, taken in and shown with ✗ and its first findings.
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/✗ 321100-镇江市-2022\.xlsx → 321100 2022 第 1 版（错误 [1-9]/);
    expect(named.stdout).toMatch(/\n {4}- [A-Z_]+/);
    expect(named.stdout).toMatch(/✓ 321100-镇江市-2022-更正\.xlsx → 321100 2022 第 2 版（错误 0/);
  });

  it('accept takes the latest and says so; a revision with errors is refused unless forced with a reason, and marked', () => {
    const latest = run(['accept', '--city', '镇江', '--period', '2022', ...L]);
    expect(latest.code).toBe(0);
    expect(latest.stdout).toContain('受理最新的第 2 版');
    const refused = run(['accept', '--city', '镇江', '--period', '2022', '--revision', '1', ...L]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('LEDGER_HAS_ERRORS');
    expect(refused.stderr).toMatch(/第 1 版.*有 \d+ 个错误，不能受理/);
    expect(
      run(['accept', '--city', '镇江', '--period', '2022', '--revision', '1', '--force', ...L]).code,
    ).toBe(2);
    const forced = run([
      'accept',
      '--city',
      '镇江',
      '--period',
      '2022',
      '--revision',
      '1',
      '--force',
      '--reason',
      '局里确认',
      ...L,
    ]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('强制受理');
    expect(cell('2022', '321100')?.accepted).toMatchObject({ revision: 1, forced: true });
    expect(run(['status', '--period', '2022', ...L]).stdout).toMatch(/321100 镇江市\s+已收到 · 强制受理/);
    // The report built on it says so on its first screen, with the reason.
    const out = join(dir, 'forced-report');
    expect(run(['aggregate', '--ledger', ledger, '--period', '2022', '--out', out]).code).not.toBe(2);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/强制受理：镇江市[^<]*含错误；理由：局里确认/);
    // Back to the clean revision for the rest.
    expect(run(['accept', '--city', '镇江', '--period', '2022', '--revision', '2', ...L]).code).toBe(0);
  });

  it('warns when an earlier revision has fewer errors than the one accepted', () => {
    const clean = join(dir, '320400-常州市-2019.json');
    const worse = join(dir, '320400-常州市-2019-更正.json');
    writeFileSync(clean, json('320400', '2019'));
    writeFileSync(worse, json('320400', '2019', { bad: true }));
    expect(run(['intake', clean, worse, ...L]).code).toBe(0);
    const r = run(['accept', '--city', '常州', '--period', '2019', '--force', '--reason', '试', ...L]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/较早的第 1 版.*错误更少/);
  });

  it('reject after accept and after approve withdraws them; the roll-up stops using that revision', () => {
    expect(run(['intake', join(data, '2022'), ...L]).code).toBe(0);
    const batch = run(['accept', '--period', '2022', '--city', '南京,无锡', ...L]);
    expect(batch.code).toBe(0);
    expect(batch.stdout).toMatch(/已受理：南京市[\s\S]*已受理：无锡市/);
    expect(run(['accept', '--period', '2022', '--city', '常州', '--city', '苏州', ...L]).code).toBe(0);
    expect(used('2022')).toHaveLength(5);
    const rejected = run(['reject', '--city', '南京', '--period', '2022', '--reason', '数据有误', ...L]);
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toContain('已撤销对南京市 2022 第 1 版的受理');
    expect(cell('2022', '320100')?.state).toBe('rejected');
    expect(used('2022').some((u) => u.startsWith('320100'))).toBe(false);
    expect(run(['approve', '--city', '无锡', '--period', '2022', ...L]).code).toBe(0);
    const afterApprove = run([
      'reject',
      '--city',
      '无锡',
      '--period',
      '2022',
      '--reason',
      '复核发现错误',
      ...L,
    ]);
    expect(afterApprove.code).toBe(0);
    expect(afterApprove.stdout).toContain('的受理和审核');
    expect(cell('2022', '320200')?.state).toBe('rejected');
    expect(used('2022').some((u) => u.startsWith('320200'))).toBe(false);
    expect(used('2022')).toHaveLength(3);
  });

  it('approves every accepted city at once, unapproves with a reason, and refuses clearly', () => {
    const all = run(['approve', '--period', '2022', '--all-accepted', ...L]);
    expect(all.code).toBe(0);
    expect(all.stdout.match(/已审核：/g)).toHaveLength(3);
    expect(run(['unapprove', '--city', '苏州', '--period', '2022', ...L]).stderr).toContain(
      'LEDGER_REASON_REQUIRED',
    );
    const un = run(['unapprove', '--city', '苏州', '--period', '2022', '--reason', '重新核对', ...L]);
    expect(un.code).toBe(0);
    expect(cell('2022', '320500')?.state).toBe('accepted');
    const again = run(['unapprove', '--city', '苏州', '--period', '2022', '--reason', 'x', ...L]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/LEDGER_NOT_APPROVED: 苏州市 2022 未审核/);
    const zone = run(['approve', '--city', 'SUNAN', '--period', '2022', ...L, '--lang', 'en']);
    expect(zone.code).toBe(1);
    expect(zone.stderr).toContain('LEDGER_CHILDREN_UNAPPROVED');
  });

  it('reopens one city under the zone lock and relocks it; messages say which lock holds', () => {
    expect(run(['lock', '--period', '2022', ...L]).code).toBe(0);
    const held = run([
      'reject',
      '--city',
      '镇江',
      '--period',
      '2022',
      '--revision',
      '1',
      '--reason',
      'x',
      ...L,
    ]);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain('全区锁定');
    const reopen = run(['unlock', '--city', '镇江', '--period', '2022', '--reason', '更正', ...L]);
    expect(reopen.code).toBe(0);
    expect(reopen.stdout).toContain('例外重新开放');
    expect(run(['status', '--period', '2022', ...L]).stdout).toMatch(/321100 镇江市\s+\S+ · 例外开放/);
    expect(
      run(['reject', '--city', '镇江', '--period', '2022', '--revision', '1', '--reason', 'x', ...L]).code,
    ).toBe(0);
    expect(run(['reject', '--city', '南京', '--period', '2022', '--reason', 'x', ...L]).code).toBe(1);
    expect(run(['lock', '--city', '镇江', '--period', '2022', ...L]).code).toBe(0);
    const relocked = run(['reject', '--city', '镇江', '--period', '2022', '--reason', 'x', ...L]);
    expect(relocked.code).toBe(1);
    expect(relocked.stderr).toContain('本市锁定');
  });

  it('name and content must agree: refused and kept unassigned, or taken by content with --force', () => {
    const misnamed = join(dir, '320200-无锡市-2021.xlsx');
    copyFileSync(join(data, '2021/320100-南京市-2021.xlsx'), misnamed);
    const r = run(['intake', misnamed, ...L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('LEDGER_NAME_MISMATCH');
    expect(r.stdout).toContain('文件名是无锡市，内容是南京市');
    expect(cell('2021', '320100')?.state).toBe('not-received');
    const wrongYear = join(dir, '320500-苏州市-2020.xlsx');
    copyFileSync(join(data, '2021/320500-苏州市-2021.xlsx'), wrongYear);
    expect(run(['intake', wrongYear, ...L]).stdout).toContain('文件名写的是 2020，内容是 2021');
    const forced = run(['intake', misnamed, '--force', ...L]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/✓ 320200-无锡市-2021\.xlsx → 320100 2021 第 1 版/);
    expect(run(['ledger', 'verify', ...L]).code).toBe(0);
  });

  it('a city outside the zone, damaged, empty and non-spreadsheet files each say so and exit 1', () => {
    const nantong = join(dir, '320600-南通市-2022.json');
    writeFileSync(nantong, json('320100', '2022', { cityField: '320600' }));
    const nt = run(['intake', nantong, ...L]);
    expect(nt.code).toBe(1);
    expect(nt.stdout).toContain('南通市（320600）不属于苏南自创区');
    const damaged = join(dir, '320100-南京市-2020.xlsx');
    const bytes = readFileSync(join(data, '2020/320100-南京市-2020.xlsx'));
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const empty = join(dir, '320200-无锡市-2020.xlsx');
    writeFileSync(empty, '');
    const text = join(dir, '说明.txt');
    writeFileSync(text, '请查收附件中的报表。\n');
    for (const [file, code] of [
      [damaged, 'LEDGER_FILE_DAMAGED'],
      [empty, 'LEDGER_FILE_EMPTY'],
      [text, 'LEDGER_NOT_SPREADSHEET'],
    ] as const) {
      const o = run(['intake', file, ...L]);
      expect(o.code, file).toBe(1);
      expect(o.stdout, file).toContain(code);
    }
    const s = run(['status', '--period', '2022', ...L]).stdout;
    expect(s).toContain('未归属文件');
    expect(s).toContain('320600-南通市-2022.json');
  });

  it('the directory roll-up excludes a file whose name disagrees with its content', () => {
    const folder = join(dir, 'rollup');
    mkdirSync(folder);
    for (const f of ['320100-南京市-2022.xlsx', '320200-无锡市-2022.xlsx', '320400-常州市-2022.xlsx'])
      copyFileSync(join(data, '2022', f), join(folder, f));
    copyFileSync(correction, join(folder, '苏州 copy.xlsx'));
    const agg = run(['aggregate', folder, '--period', '2022', '--format', 'json']);
    const r = JSON.parse(agg.stdout) as {
      sources: Array<{ file: string; status: string }>;
      findings: Array<{ code: string }>;
    };
    expect(r.sources.find((s) => s.file === '苏州 copy.xlsx')?.status).toBe('excluded');
    expect(r.findings.map((f) => f.code)).toContain('AGG_NAME_MISMATCH');
  });

  it('each decision shows only its own options; --by says the real order and how to set it', () => {
    const lockHelp = run(['lock', '--help']).stdout;
    expect(lockHelp).not.toContain('--revision');
    expect(lockHelp).toContain('SUNAN_USER');
    expect(run(['accept', '--help']).stdout).toContain('--force');
    expect(run(['lock', '--period', '2022', '--revision', '1', ...L]).code).toBe(2);
    const nobody = run(['status', '--period', '2022', '--ledger', ledger], {}); // status needs no --by
    expect(nobody.code).toBe(0);
    const who = run(['lock', '--period', '2021', '--ledger', ledger], {
      USER: '',
      USERNAME: '',
      SUNAN_USER: '',
    });
    expect(who.code).toBe(2);
    expect(who.stderr).toContain('SUNAN_USER');
    const viaEnv = run(['lock', '--period', '2021', '--ledger', ledger], { USER: '', SUNAN_USER: '王五' });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stdout).toContain('王五');
  });
});
