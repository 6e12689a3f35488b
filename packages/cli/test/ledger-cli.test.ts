import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, root, sunan } from './ledger-process.js';

// The ledger commands driven as processes on the built CLI (the test script builds first), on an
// embedded ledger in a temp dir. The same ledger is carried through the steps, in order.
const data = join(root, 'examples/data');

describe('sunan intake / status / decisions / ledger', { timeout: 400_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunan-cli-ledger-'));
  const L = ['--ledger', join(dir, 'ledger'), '--by', 'clerk'];
  beforeAll(() => {
    expect(existsSync(cli), 'run `pnpm build` first').toBe(true);
  });

  it('takes files in, recognises a duplicate, and shows the matrix as text and JSON', () => {
    const first = sunan(['intake', join(data, '2022/321100-镇江市-2022-第1版.xlsx'), ...L, '--note', 'v1']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('321100 2022 第 1 版');
    const all = sunan(['intake', join(data, '2022'), join(data, '2021'), ...L, '--lang', 'en']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/same bytes as event 1/);
    expect(all.stdout).toMatch(/321100 2022 revision 2/);
    const text = sunan(['status', '--period', '2022', ...L]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/321100 镇江市\s+已收到\s+2/);
    const json = JSON.parse(sunan(['status', '--period', '2022', ...L, '--format', 'json']).stdout);
    expect(json.cities).toHaveLength(5);
    expect(json.cities.find((c: { city: string }) => c.city === '321100').latest.revision).toBe(2);
    expect(json.zoneApproved).toBe(false);
  });

  it('accepts several cities at once; refuses zone approval before every city; aggregates from the ledger', () => {
    const cities = ['南京', '无锡', '常州', '苏州', '镇江'].flatMap((c) => ['--city', c]);
    expect(sunan(['accept', '--period', '2022', ...cities, ...L]).code).toBe(0);
    expect(sunan(['accept', '--period', '2021', ...cities, ...L]).code).toBe(0);
    const zone = sunan(['approve', '--city', 'SUNAN', '--period', '2022', ...L]);
    expect(zone.code).toBe(1);
    expect(zone.stderr).toContain('LEDGER_CHILDREN_UNAPPROVED');
    const agg = sunan(['aggregate', '--ledger', join(dir, 'ledger'), '--period', '2022', '--format', 'json']);
    expect(agg.code).not.toBe(2);
    const result = JSON.parse(agg.stdout);
    const used = result.sources.filter((s: { status: string }) => s.status === 'used');
    expect(used).toHaveLength(5);
    expect(used.map((s: { file: string }) => s.file)).toContain('321100-镇江市-2022.xlsx（第2版 rev 2）');
    expect(agg.stderr).toMatch(/台账 2021 320100 第 1 版/);
  });

  it('a lock refuses intake with a clear message; unlock needs a reason', () => {
    expect(sunan(['lock', '--city', '苏州', '--period', '2020', ...L, '--reason', '已发布']).code).toBe(0);
    const refused = sunan(['intake', join(data, '2020'), ...L]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /✗ 320500-苏州市-2020\.xlsx: 苏州市 2020 已锁定，拒绝报送或变更：本市锁定（clerk，/,
    );
    expect(refused.stdout).toContain('320100 2020 第 1 版');
    expect(sunan(['unlock', '--city', '苏州', '--period', '2020', ...L]).code).toBe(1);
    expect(sunan(['unlock', '--city', '苏州', '--period', '2020', ...L, '--reason', '补报']).code).toBe(0);
    const again = sunan(['intake', join(data, '2020/320500-苏州市-2020.xlsx'), ...L]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('320500 2020 第 1 版');
  });

  it('verifies, exports and imports the ledger', () => {
    const v = sunan(['ledger', 'verify', ...L]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('✓');
    const archive = join(dir, 'ledger.jsonl');
    expect(sunan(['ledger', 'export', archive, ...L]).code).toBe(0);
    const copy = ['--ledger', join(dir, 'copy')];
    expect(sunan(['ledger', 'import', archive, ...copy]).code).toBe(0);
    expect(sunan(['ledger', 'import', archive, ...copy]).code).toBe(1);
    const a = JSON.parse(sunan(['status', '--period', '2022', ...L, '--format', 'json']).stdout);
    const b = JSON.parse(sunan(['status', '--period', '2022', ...copy, '--format', 'json']).stdout);
    expect(b).toEqual(a);
  });
});
