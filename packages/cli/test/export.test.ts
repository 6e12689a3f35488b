import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, root, sunan } from './ledger-process.js';

// `sunan export` driven as a process on the built CLI (the test script builds first).
const data = join(root, 'examples/data');
const rowsOf = (file: string) =>
  parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];

describe('sunan export', { timeout: 400_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunan-cli-export-'));
  beforeAll(() => {
    expect(existsSync(cli), 'run `pnpm build` first').toBe(true);
  });

  it('from aggregate.json: all three formats, provisional unless --approved', () => {
    expect(sunan(['aggregate', join(data, '2022'), '--period', '2022', '--out', join(dir, 'agg')]).code).toBe(
      1,
    );
    const out = join(dir, 'x');
    const r = sunan(['export', join(dir, 'agg/aggregate.json'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(out);
    for (const f of [
      'sdmx/data.csv',
      'sdmx/structure.xml',
      'sdmx/data.json',
      'datapackage/datapackage.json',
      'datapackage/values.csv',
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
    expect(new Set(rowsOf(join(out, 'sdmx/data.csv')).map((x) => x['OBS_STATUS']))).toEqual(
      new Set(['P', 'O']),
    );
    // An existing export is not replaced without --force.
    expect(sunan(['export', join(dir, 'agg/aggregate.json'), '--out', out]).code).toBe(2);
    const approved = sunan([
      'export',
      join(dir, 'agg/aggregate.json'),
      '--out',
      out,
      '--force',
      '--approved',
    ]);
    expect(approved.code, approved.stderr).toBe(0);
    const zone = rowsOf(join(out, 'sdmx/data.csv')).filter(
      (x) => x['REF_AREA'] === 'SUNAN' && x['OBS_VALUE'] !== '',
    );
    expect(new Set(zone.map((x) => x['OBS_STATUS']))).toEqual(new Set(['A']));
  });

  it('from a folder of returns with --period, one format; usage errors exit 2', () => {
    const out = join(dir, 'folder');
    const r = sunan(['export', join(data, '2022'), '--period', '2022', '--format', 'sdmx-csv', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'sdmx/data.csv'))).toBe(true);
    expect(existsSync(join(out, 'datapackage'))).toBe(false);
    expect(sunan(['export', join(data, '2022'), '--out', join(dir, 'np')]).code).toBe(2);
    expect(sunan(['export', join(data, '2022'), '--period', '2022']).code).toBe(2);
    const bad = sunan([
      'export',
      join(data, '2022'),
      '--period',
      '2022',
      '--format',
      'xml',
      '--out',
      join(dir, 'b'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('sdmx-csv');
    // The same period twice would repeat the tables' keys.
    const agg = join(dir, 'agg/aggregate.json');
    const twice = sunan(['export', agg, agg, '--out', join(dir, 't')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('2022');
    // A broken aggregate.json is named as such, not validated as a city's return.
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...JSON.parse(readFileSync(agg, 'utf8')), period: 2022 }));
    const r2 = sunan(['export', broken, '--out', join(dir, 'b2')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('not a valid sunan aggregate result');
  });

  it('from the ledger: approved cities are A, the others and the unapproved zone P', () => {
    const L = ['--ledger', join(dir, 'ledger'), '--by', 'clerk'];
    // Zhenjiang's first version, then the folder (one folder intake cannot tell which came first).
    expect(sunan(['intake', join(data, '2022/321100-镇江市-2022-第1版.xlsx'), ...L]).code).toBe(0);
    expect(sunan(['intake', join(data, '2022'), ...L]).code).toBe(0);
    const cities = ['南京', '无锡', '常州', '苏州', '镇江'].flatMap((c) => ['--city', c]);
    expect(sunan(['accept', '--period', '2022', ...cities, ...L]).code).toBe(0);
    expect(sunan(['approve', '--period', '2022', '--city', '南京', '--city', '苏州', ...L]).code).toBe(0);
    const out = join(dir, 'ledger-out');
    const r = sunan([
      'export',
      '--ledger',
      join(dir, 'ledger'),
      '--period',
      '2022',
      '--out',
      out,
      '--format',
      'datapackage',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const values = rowsOf(join(out, 'datapackage/values.csv')).filter((x) => x['value'] !== '');
    const statusOf = (unit: string) =>
      new Set(values.filter((x) => x['org_unit'] === unit).map((x) => x['status']));
    expect(statusOf('320100')).toEqual(new Set(['A']));
    expect(statusOf('320500')).toEqual(new Set(['A']));
    expect(statusOf('320200')).toEqual(new Set(['P']));
    expect(statusOf('SUNAN')).toEqual(new Set(['P']));
  });
});
