import { validateSubmission } from '@sunan/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as XLSX from 'xlsx';
import { filledWorkbook, mutate, synthetic } from '../helpers.js';

const CITY = '321100';
const sub = synthetic(CITY);
const enc = new TextEncoder();
let clean: Uint8Array;
beforeAll(async () => {
  clean = await filledWorkbook(CITY, '2022', sub);
});

const truncated = (r: ReturnType<typeof validateSubmission>) =>
  r.findings.find((f) => f.code === 'FINDINGS_TRUNCATED');

describe('large hostile inputs (test:hostile)', () => {
  it('10⁶ findings: no stack overflow, 1000 listed, the rest counted per code, stats exact', () => {
    const rows = Array.from(
      { length: 1_000_000 },
      (_, i) => `{"orgUnit":"X${i % 7}","indicator":"GDP","value":1}`,
    );
    const text = `{"templateVersion":"1.0","catalogueVersion":"${sub.catalogueVersion}","city":"${CITY}","period":"2022","values":[${rows.join(',')}],"enterprises":[]}`;
    const r = validateSubmission(enc.encode(text), { limits: { maxRows: 2_000_000 } });
    expect(r.ok).toBe(false);
    expect(r.findings.length).toBe(1001);
    expect(r.stats.errors).toBeGreaterThanOrEqual(1_000_000);
    expect(truncated(r)?.value).toMatch(/ROW_UNKNOWN_ORG_UNIT ×99\d{4}/);
  });

  it('regression: a JSON submission with 1,000,000 value rows is FILE_TOO_MANY_ROWS, not a crash', () => {
    const rows = Array.from({ length: 1_000_000 }, () => '{"orgUnit":"321100","indicator":"GDP","value":1}');
    const r = validateSubmission(
      enc.encode(`{"city":"${CITY}","period":"2022","values":[${rows.join(',')}]}`),
    );
    expect(r.findings.map((f) => f.code)).toContain('FILE_TOO_MANY_ROWS');
  });

  it('regression: 200,000 malformed credit codes give a bounded report', () => {
    const enterprises = Array.from({ length: 200_000 }, (_, i) => ({
      creditCode: `BAD${i}`,
      name: `企业${i}`,
    }));
    const r = validateSubmission(enc.encode(JSON.stringify({ ...sub, enterprises })));
    expect(r.ok).toBe(false);
    expect(r.findings.length).toBeLessThanOrEqual(1001);
    expect(truncated(r)).toBeDefined();
  });

  it('regression: a CSV of 200,000 duplicate GDP rows gives a bounded report', () => {
    const line = `${CITY},GDP,100\n`;
    const csv = `填报单位代码,指标代码,数值\n${line.repeat(200_000)}`;
    const r = validateSubmission(enc.encode(csv), { expectPeriod: '2022' });
    expect(r.findings.length).toBeLessThanOrEqual(1001);
    expect(truncated(r)?.value).toContain('ROW_DUPLICATE');
  });

  it('regression: 150,000 merged ranges over the value column give a bounded report', () => {
    const bytes = mutate(clean, (wb) => {
      const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
      ws['!merges'] = Array.from({ length: 150_000 }, (_, i) => ({
        s: { r: 200 + i, c: 5 },
        e: { r: 200 + i, c: 6 },
      }));
    });
    const r = validateSubmission(bytes);
    expect(r.findings.length).toBeLessThanOrEqual(1001);
    expect(truncated(r)?.value).toContain('CELL_MERGED ×149');
  });
});
