import { validateSubmission } from '@sunan/validate';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { filledWorkbook, synthetic, valueIn } from './helpers.js';

const CITY = '321100';
const sub = synthetic(CITY);
let csvText = '';

beforeAll(async () => {
  const wb = XLSX.read(await filledWorkbook(CITY, '2022', sub), { type: 'array' });
  csvText = XLSX.utils.sheet_to_csv(wb.Sheets['指标'] as XLSX.WorkSheet);
});

describe('CSV', () => {
  const encodings: Array<[string, (t: string) => Uint8Array]> = [
    ['UTF-8', (t) => new TextEncoder().encode(t)],
    ['UTF-8 with BOM', (t) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(t)])],
    ['GBK', (t) => new Uint8Array(iconv.encode(t, 'gbk'))],
  ];
  it.each(encodings)('reads the indicator table in %s', (name, encode) => {
    const r = validateSubmission(encode(csvText), { expectCity: CITY, expectPeriod: '2022' });
    // A CSV holds one table: no enterprise list, no metadata sheet.
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.format).toBe('csv');
    expect(r.submission && valueIn(r.submission, CITY, 'GDP')).toBe(valueIn(sub, CITY, 'GDP'));
    expect(r.findings.some((f) => f.code === 'CSV_ENCODING_GBK')).toBe(name === 'GBK');
  });

  it('asks for the period when a CSV does not say it', () => {
    const r = validateSubmission(new TextEncoder().encode(csvText), {});
    expect(r.findings.map((f) => f.code)).toContain('META_PERIOD_MISSING');
    expect(r.city).toBe(CITY);
  });
});

describe('JSON', () => {
  it('validates a JSON submission like a workbook', () => {
    const r = validateSubmission(new TextEncoder().encode(JSON.stringify(sub)), { expectCity: CITY });
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.format).toBe('json');
    expect(r.stats.enterprises).toBe(sub.enterprises.length);
  });

  it('reports JSON Schema violations with their paths, and value problems with theirs', () => {
    const broken = {
      ...sub,
      period: '22',
      values: [{ orgUnit: CITY, indicator: 'GDP', value: 'lots' }, ...sub.values.slice(1)],
    };
    const r = validateSubmission(new TextEncoder().encode(JSON.stringify(broken)), { expectPeriod: '2022' });
    const schema = r.findings.filter((f) => f.code === 'JSON_SCHEMA').map((f) => f.path);
    expect(schema).toEqual(expect.arrayContaining(['$.period', '$.values[0].value']));
    expect(r.findings.find((f) => f.code === 'VAL_NOT_NUMBER')).toMatchObject({
      path: '$.values[0].value',
      indicator: 'GDP',
    });
  });

  it('syntax errors → FILE_CORRUPT', () => {
    const r = validateSubmission(new TextEncoder().encode('{"city": '));
    expect(r.findings.map((f) => f.code)).toEqual(['FILE_CORRUPT']);
  });
});
