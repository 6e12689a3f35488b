import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sunanIndexDefinition } from '@sunan/schema';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';

// These tests drive the built command as a process (the test script builds first).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(root, 'packages/cli/dist/cli.js');
const data = join(root, 'examples/data');
const clean2022 = join(data, '2022/321100-镇江市-2022.xlsx');
const planted = join(data, '2022/321100-镇江市-2022-第1版.xlsx');

function sunan(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sunan', () => {
  it('is built', () => {
    expect(existsSync(cli), 'run `pnpm build` first').toBe(true);
  });

  it('prints help in Chinese and English for every command', () => {
    for (const cmd of [[], ['template'], ['validate'], ['aggregate'], ['catalogue']]) {
      const r = sunan([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/[用法生成校验汇总输出]/);
      expect(r.stdout).toMatch(/Usage|Writes|Validates|Rolls|Prints/);
    }
  });

  it('exit 2 for bad usage: unknown command, unknown option, missing required option', () => {
    expect(sunan(['frobnicate']).code).toBe(2);
    const r = sunan(['validate', '--no-such-option', clean2022]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误');
    expect(sunan(['aggregate', join(data, '2022')]).code).toBe(2);
    expect(sunan(['validate', clean2022, '--format', 'yaml']).code).toBe(2);
    // An unknown city in the command is the command's mistake, not the file's.
    const city = sunan(['validate', '--expect-city', '3204', clean2022]);
    expect(city.code).toBe(2);
    expect(city.stderr).toContain('--expect-city 3204 不是城市');
    expect(sunan(['validate', '--expect-city', '镇江', clean2022]).code).toBe(0);
  });

  it('validate: exit 0 for a clean file (warnings allowed), 1 for error findings', () => {
    const ok = sunan(['validate', clean2022]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('✓ 通过');
    const bad = sunan(['validate', planted]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('[高新技术企业名单]');
    expect(bad.stdout).toMatch(/A3\s+错误 ENT_CODE_CHECK/);
    expect(bad.stdout).toMatch(/共 1 个文件，1 个未通过/);
  });

  it('validate --format json has the documented shape', () => {
    const r = sunan(['validate', planted, clean2022, '--format', 'json', '--previous', join(data, '2021')]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as {
      files: Array<Record<string, unknown> & { findings: Array<Record<string, unknown>> }>;
    };
    expect(doc.files).toHaveLength(2);
    expect(doc.files[0]).toMatchObject({
      file: '321100-镇江市-2022-第1版.xlsx',
      city: '321100',
      period: '2022',
      ok: false,
    });
    expect(doc.files[1]).toMatchObject({ ok: true });
    const f = doc.files[0]?.findings.find((x) => x.code === 'ENT_CODE_CHECK');
    expect(f).toMatchObject({ severity: 'error', sheet: '高新技术企业名单', cell: 'A3' });
    expect(Object.keys(f ?? {})).toEqual(
      expect.arrayContaining(['code', 'severity', 'sheet', 'cell', 'value', 'expected', 'message']),
    );
    expect(doc.files[0]?.findings.map((x) => x.code)).toContain('YOY_UNIT_SLIP');
  });

  it('--lang en speaks English', () => {
    const r = sunan(['validate', planted, '--lang', 'en']);
    expect(r.stdout).toContain('✗ failed');
    expect(r.stdout).toContain('Wrong check character');
    expect(r.stdout).not.toContain('统一社会信用代码校验位错误');
  });

  it('a missing file is exit 2 with a message on stderr', () => {
    const r = sunan(['validate', join(data, 'no-such-file.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-file.xlsx');
    expect(r.stdout).toContain('FILE_NOT_FOUND');
  });

  it('a directory with no spreadsheets is exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-empty-'));
    writeFileSync(join(dir, 'notes.txt'), 'nothing here');
    const r = sunan(['aggregate', dir, '--period', '2022']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有表格文件');
  });

  it('--annotate writes a new annotated workbook and leaves the input alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-annot-'));
    const input = join(dir, 'zj.xlsx');
    copyFileSync(planted, input);
    const before = readFileSync(input);
    sunan(['validate', input, '--annotate', dir]);
    expect(readFileSync(input).equals(before)).toBe(true);
    const wb = XLSX.read(readFileSync(join(dir, 'zj.标注副本.xlsx')), { type: 'buffer' });
    expect(wb.SheetNames).toContain('校验结果');
  });

  it('template writes a workbook that validates with only missing-value findings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-tpl-'));
    const out = join(dir, 't.xlsx');
    expect(sunan(['template', '--city', 'zhenjiang', '--period', '2022', '--out', out]).code).toBe(0);
    const r = sunan(['validate', out, '--format', 'json']);
    const codes = new Set(
      (JSON.parse(r.stdout).files[0].findings as Array<{ code: string }>).map((f) => f.code),
    );
    expect([...codes].sort()).toEqual([
      'VAL_BLANK_NO_REASON',
      'VAL_NO_VALUES',
      'VAL_PARK_MISSING',
      'VAL_REQUIRED_MISSING',
    ]);
    expect(sunan(['template', '--city', '上海', '--period', '2022']).code).toBe(2);
  });

  it('aggregate --format json has period, complete, missing, indicators, reconciliation, targets, findings; writes the reports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-agg-'));
    const r = sunan([
      'aggregate',
      join(data, '2022'),
      '--period',
      '2022',
      '--controls',
      join(data, 'controls-2022.csv'),
      '--out',
      dir,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1); // one control total disagrees
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining([
        'period',
        'complete',
        'missing',
        'indicators',
        'reconciliation',
        'targets',
        'findings',
      ]),
    );
    expect(doc.complete).toBe(true);
    const gdp = doc.indicators.find((i: { code: string }) => i.code === 'GDP');
    expect(gdp.zone).toMatchObject({ status: 'complete' });
    expect(Object.keys(gdp.cities)).toEqual(['320100', '320200', '320400', '320500', '321100']);
    for (const f of ['aggregate.json', 'report.xlsx', 'report.html'])
      expect(existsSync(join(dir, f))).toBe(true);
    expect(readFileSync(join(dir, 'aggregate.json'), 'utf8')).toBe(r.stdout);
  });

  it('aggregate text: the control-total finding shows figures at their declared decimals (3186.50)', () => {
    const r = sunan([
      'aggregate',
      join(data, '2022'),
      '--period',
      '2022',
      '--controls',
      join(data, 'controls-2022.csv'),
    ]);
    expect(r.code).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.includes('RECON_INCONSISTENT'));
    // TECH_CONTRACT is declared with 2 decimals: the computed sum and the imbalance show both.
    expect(line).toMatch(/计算值 \d+\.\d{2} 与控制数 3198\.84 不一致（差额 -?\d+\.\d{2}）/);
    expect(line).toMatch(/所见: \d+\.\d{2};/);
    expect(r.stdout).not.toMatch(/\d\.\d(?!\d)[^%]*控制数/);
  });

  it('aggregate with a city missing says so first and exits 1', () => {
    const r = sunan([
      'aggregate',
      join(data, '2022/320500-苏州市-2022.xlsx'),
      join(data, '2022/320100-南京市-2022.xlsx'),
      '--period',
      '2022',
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[1]).toContain('INCOMPLETE: missing Wuxi, Changzhou, Zhenjiang');
  });

  it('catalogue prints Markdown, JSON and the JSON Schema', () => {
    expect(sunan(['catalogue']).stdout).toContain('| `RD_INTENSITY` |');
    expect(JSON.parse(sunan(['catalogue', '--format', 'json']).stdout).indicators.length).toBeGreaterThan(60);
    expect(JSON.parse(sunan(['catalogue', '--json-schema']).stdout).$schema).toContain('json-schema.org');
  });

  it('uses no colour when NO_COLOR is set or output is not a terminal', () => {
    const r = sunan(['validate', planted], { NO_COLOR: '', FORCE_COLOR: '' });
    expect(r.stdout.includes(`${String.fromCharCode(27)}[`)).toBe(false);
  });
});

describe('sunan index', () => {
  it('scores the cities from an aggregate result and writes JSON, xlsx and HTML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-idx-'));
    const agg = join(dir, 'agg');
    sunan(['aggregate', join(data, '2022'), '--period', '2022', '--out', agg]);
    const r = sunan(['index', join(agg, 'aggregate.json'), '--out', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.periods[0].scores).toHaveLength(5);
    const total = (doc.periods[0].weights as number[]).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 9);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('苏州市');
    expect(XLSX.read(readFileSync(join(dir, 'index.xlsx')), { type: 'buffer' }).SheetNames).toEqual([
      '权重',
      '得分 2022',
    ]);
  });

  it('reads a CSV matrix over two years and reports a missing cell by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-idx-csv-'));
    const codes = sunanIndexDefinition().dimensions.flatMap((d) => d.indicators.map((i) => i.code));
    const header = ['单位', '报告期', ...codes];
    const zones = ['深圳', '中关村', '张江', '东湖', '苏南'];
    const rows = ['2019', '2020'].flatMap((y, yi) =>
      zones.map((z, k) => [
        z,
        y,
        ...header.slice(2).map((_, j) => String((k + 1 + yi * (k === 4 ? 3 : 0)) * (j + 2))),
      ]),
    );
    const csv = join(dir, 'zones.csv');
    writeFileSync(csv, [header, ...rows].map((r) => r.join(',')).join('\n'));
    const ok = sunan(['index', csv]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/2020[\s\S]*1\. 苏南/);
    const holes = join(dir, 'holes.csv');
    writeFileSync(
      holes,
      [header, ...rows.map((r, i) => (i === 1 ? r.map((v, j) => (j === 5 ? '' : v)) : r))]
        .map((r) => r.join(','))
        .join('\n'),
    );
    const bad = sunan(['index', holes]);
    expect(bad.code).toBe(1);
    // Column 6 of the CSV; missing values are one line per period and unit, naming the indicators.
    expect(bad.stderr.trim().split('\n')).toEqual(['2019 中关村：缺 1 项指数指标（AVG_WAGE），该年不能计算']);

    const replaced = sunan([
      'index',
      csv,
      '--zero-handling',
      'replace',
      '--zero-epsilon',
      '1e-6',
      '--format',
      'json',
    ]);
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.stdout).zeroHandling).toEqual({ kind: 'replace', epsilon: 1e-6 });
    const notANumber = sunan(['index', csv, '--normalization', 'min-max-epsilon', '--epsilon', 'abc']);
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toContain('--epsilon');
    const outOfRange = sunan(['index', csv, '--normalization', 'min-max-epsilon', '--epsilon', '0.6']);
    expect(outOfRange.code).toBe(1);
    expect(outOfRange.stderr).toContain('(0, 0.5)');
  });
});
