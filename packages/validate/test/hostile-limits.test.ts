import { validateSubmission } from '@sunan/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { capFindings } from '../src/cap-findings.js';
import { filledWorkbook, synthetic } from './helpers.js';
import { patchSheet } from './hostile/craft-xlsx.js';

const CITY = '321100';
const sub = synthetic(CITY);
const enc = new TextEncoder();
let clean: Uint8Array;
beforeAll(async () => {
  clean = await filledWorkbook(CITY, '2022', sub);
});

describe('bounded findings, bounded work', () => {
  it('capFindings keeps errors first and counts the rest per code (200,000 findings, no spread)', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => ({
      code: i % 2 ? 'VAL_TOO_MANY_DECIMALS' : 'ROW_DUPLICATE',
      severity: (i % 2 ? 'warning' : 'error') as 'warning' | 'error',
      message: { zh: '', en: '' },
    }));
    const kept = capFindings(many, 1000);
    expect(kept.length).toBe(1001);
    expect(kept.slice(0, 1000).every((f) => f.severity === 'error')).toBe(true);
    expect(kept[1000]).toMatchObject({
      code: 'FINDINGS_TRUNCATED',
      severity: 'error',
      value: 'VAL_TOO_MANY_DECIMALS ×100000, ROW_DUPLICATE ×99000',
    });
  });

  it('JSON rows beyond maxRows are FILE_TOO_MANY_ROWS before any per-row work', () => {
    const r = validateSubmission(enc.encode(JSON.stringify(sub)), { limits: { maxRows: 10 } });
    const codes = r.findings.map((f) => f.code);
    expect(codes).toContain('FILE_TOO_MANY_ROWS');
    expect(codes.filter((c) => /^(ROW|VAL|ENT|JSON)_/.test(c))).toEqual([]);
  });

  it('regression: a bogus <dimension ref="A1:XFD1048576"> does not make a normal sheet refused', () => {
    const bytes = patchSheet(clean, '指标', (xml) =>
      xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'),
    );
    const r = validateSubmission(bytes);
    expect(r.findings.map((f) => f.code)).not.toContain('FILE_TOO_MANY_ROWS');
    expect(r.findings.map((f) => f.code)).not.toContain('FILE_TOO_MANY_COLUMNS');
    expect(r.ok).toBe(true);
  });

  it('rows really beyond the limit are FILE_TOO_MANY_ROWS even when SheetJS reads the file', () => {
    const bytes = patchSheet(clean, '指标', (xml) =>
      xml.replace('</sheetData>', '<row r="1048576"><c r="F1048576"><v>1</v></c></row></sheetData>'),
    );
    const r = validateSubmission(bytes);
    expect(r.ok).toBe(false);
    expect(r.findings.find((f) => f.code === 'FILE_TOO_MANY_ROWS')?.value).toBe('1048576');
  });
});
