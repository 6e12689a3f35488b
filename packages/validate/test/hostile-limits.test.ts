import type { Finding } from '@sunan/schema';
import { validateSubmission } from '@sunan/validate';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundedFindings } from '../src/findings/bounded-findings.js';
import { capFindings } from '../src/findings/cap-findings.js';
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

  it('capFindings keeps the 指标 sheet’s findings whatever the list holds', () => {
    const list = Array.from({ length: 5000 }, () => ({
      code: 'ENT_CODE_CHECK',
      severity: 'error' as const,
      sheet: '高新技术企业名单',
      message: { zh: '', en: '' },
    }));
    const values = Array.from({ length: 3 }, () => ({
      code: 'PLAUS_BEYOND_BOUND',
      severity: 'warning' as const,
      sheet: '指标',
      message: { zh: '', en: '' },
    }));
    const kept = capFindings([...list, ...values], 1000);
    expect(kept.filter((f) => f.sheet === '指标')).toHaveLength(3);
    expect(kept.at(-1)).toMatchObject({ code: 'FINDINGS_TRUNCATED', value: 'ENT_CODE_CHECK ×4003' });
  });

  it('counting beyond maxFindings per kind while checking lists the same findings as keeping them all (property)', () => {
    const severities = ['error', 'warning', 'info'] as const;
    const arbitraryFindings = fc.array(
      fc.record({ code: fc.constantFrom('A', 'B', 'C', 'D'), severity: fc.constantFrom(...severities) }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arbitraryFindings, fc.integer({ min: 1, max: 12 }), (kinds, max) => {
        const all: Finding[] = kinds.map((k, i) => ({ ...k, message: { zh: `${i}`, en: `${i}` } }));
        const bounded = boundedFindings(max);
        for (const f of all) bounded.push(f);
        expect(bounded.kept.length).toBeLessThanOrEqual(4 * 3 * max);
        expect(capFindings(bounded.kept, max, bounded.overflow())).toEqual(capFindings(all, max));
      }),
      { numRuns: 2000 },
    );
  });

  it('add() makes only the findings it keeps, and counts the same as push() (property)', () => {
    const kinds = fc.array(
      fc.record({
        code: fc.constantFrom('ROW_DUPLICATE', 'VAL_NOT_NUMBER', 'VAL_THOUSANDS_SEPARATOR'),
        severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
      }),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(kinds, fc.integer({ min: 1, max: 12 }), (list, max) => {
        const eager = boundedFindings(max);
        const lazy = boundedFindings(max);
        let made = 0;
        list.forEach((k, i) => {
          const f: Finding = { ...k, message: { zh: `${i}`, en: `${i}` } };
          eager.push(f);
          lazy.add(k.code, k.severity, () => {
            made++;
            return f;
          });
        });
        expect(lazy.kept).toEqual(eager.kept);
        expect(lazy.overflow()).toEqual(eager.overflow());
        expect(made).toBe(lazy.kept.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('a list whose every credit code is wrong keeps at most maxFindings findings while checking, counts all', () => {
    const rows = 3000;
    const enterprises = Array.from({ length: rows }, (_, i) => ({
      creditCode: `BAD${String(i).padStart(15, '0')}`,
      name: `企业${i}`,
    }));
    const doc = { ...sub, enterprises };
    const r = validateSubmission(enc.encode(JSON.stringify(doc)), { limits: { maxFindings: 50 } });
    expect(r.findings.length).toBe(51);
    const truncated = r.findings.find((f) => f.code === 'FINDINGS_TRUNCATED');
    expect(truncated?.value).toMatch(/ENT_CODE_FORMAT ×29\d\d/);
    expect(r.stats.errors).toBeGreaterThanOrEqual(rows);
    // The count message names the first rows, not all 3,000.
    const count = r.findings.find((f) => f.code.startsWith('ENT_COUNT'));
    expect((count?.message.zh ?? '').length).toBeLessThan(600);
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
