import { parsePeriod } from '@sunan/schema';
import { parseTypedNumber, validateSubmission } from '@sunan/validate';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { filledWorkbook, rowOf, synthetic } from './helpers.js';
import { patchSheet, replaceCell } from './hostile/craft-xlsx.js';

const CITY = '321100';
const sub = synthetic(CITY);
let clean: Uint8Array;
let techContractRef = '';
beforeAll(async () => {
  clean = await filledWorkbook(CITY, '2022', sub);
  techContractRef = `F${rowOf(XLSX.read(clean, { type: 'array' }), CITY, 'TECH_CONTRACT')}`;
});
const enc = new TextEncoder();
const json = (text: string) => validateSubmission(enc.encode(text), { expectCity: CITY });
const withValue = (raw: string) =>
  JSON.stringify({
    ...sub,
    values: [
      { orgUnit: CITY, indicator: 'TECH_CONTRACT', value: 0 },
      ...sub.values.filter((v) => !(v.orgUnit === CITY && v.indicator === 'TECH_CONTRACT')),
    ],
  }).replace('"value":0', `"value":${raw}`);

describe('numbers that are not numbers', () => {
  it('regression: a numeric cell <v>1e400</v> (Infinity) is VAL_NOT_FINITE at its cell', () => {
    const bytes = patchSheet(clean, '指标', (xml) =>
      replaceCell(xml, techContractRef, `<c r="${techContractRef}"><v>1e400</v></c>`),
    );
    const r = validateSubmission(bytes);
    expect(r.ok).toBe(false);
    expect(r.findings.find((f) => f.code === 'VAL_NOT_FINITE')).toMatchObject({
      cell: techContractRef,
      indicator: 'TECH_CONTRACT',
      severity: 'error',
    });
    expect(JSON.stringify(r)).not.toMatch(/Infinity|NaN/);
  });

  it('regression: the JSON value 1e400 is an error at its path', () => {
    const r = json(withValue('1e400'));
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => f.code)).toContain('VAL_NOT_FINITE');
    expect(JSON.stringify(r.submission ?? {})).not.toMatch(/Infinity|NaN/);
  });

  it('regression: <v>1e-400</v> (reads as 0) is VAL_BEYOND_PRECISION at its cell, by either reader', () => {
    const bytes = patchSheet(clean, '指标', (xml) =>
      replaceCell(xml, techContractRef, `<c r="${techContractRef}"><v>1.5E-400</v></c>`),
    );
    for (const reader of ['auto', 'sheetjs'] as const) {
      const r = validateSubmission(bytes, { reader });
      expect(r.ok, reader).toBe(false);
      expect(
        r.findings.find((f) => f.code === 'VAL_BEYOND_PRECISION'),
        reader,
      ).toMatchObject({
        sheet: '指标',
        cell: techContractRef,
        value: '1.5E-400',
        severity: 'error',
      });
    }
    // A plain zero and a small number that a double holds are not underflows.
    for (const v of ['0', '0E-5', '1e-300'])
      expect(
        validateSubmission(
          patchSheet(clean, '指标', (xml) =>
            replaceCell(xml, techContractRef, `<c r="${techContractRef}"><v>${v}</v></c>`),
          ),
        ).findings.filter((f) => f.code === 'VAL_BEYOND_PRECISION' && f.value === v),
        v,
      ).toEqual(v === '1e-300' ? [expect.objectContaining({ cell: techContractRef })] : []);
  });

  it('regression: the JSON value 1e-400 (reads as 0) is VAL_BEYOND_PRECISION at its path', () => {
    const r = json(withValue('1e-400'));
    expect(r.ok).toBe(false);
    expect(r.findings.find((f) => f.code === 'VAL_BEYOND_PRECISION')).toMatchObject({
      path: '$.values[0].value',
      value: '1e-400',
    });
    expect(json(withValue('0e-400')).findings.map((f) => f.code)).not.toContain('VAL_BEYOND_PRECISION');
  });

  it('regression: 60 digits are VAL_BEYOND_PRECISION, never rounded (text cell, JSON string, JSON number)', () => {
    const sixty = '123456789012345678901234567890123456789012345678901234567890';
    for (const raw of [JSON.stringify(sixty), JSON.stringify(`0.${sixty}`), '1e300']) {
      const r = json(withValue(raw));
      expect(r.findings.find((f) => f.path === '$.values[0].value')?.code, raw).toBe('VAL_BEYOND_PRECISION');
    }
    const bytes = patchSheet(clean, '指标', (xml) =>
      replaceCell(
        xml,
        techContractRef,
        `<c r="${techContractRef}" t="inlineStr"><is><t>${sixty}</t></is></c>`,
      ),
    );
    expect(validateSubmission(bytes).findings.find((f) => f.cell === techContractRef)?.code).toBe(
      'VAL_BEYOND_PRECISION',
    );
  });

  it('regression: superscripts and circled digits are not digits; full-width digits are', () => {
    for (const t of ['10²', '①2', '₁₂', '𝟏𝟐', '1⁰']) expect(parseTypedNumber(t).ok, t).toBe(false);
    const fw = parseTypedNumber('１２３');
    expect(fw.ok && fw.value.toString()).toBe('123');
  });

  it('regression: (5) is −5 and (-5) is an error', () => {
    const p = parseTypedNumber('(5)');
    expect(p.ok && p.value.toString()).toBe('-5');
    expect(parseTypedNumber('(-5)').ok).toBe(false);
    expect(parseTypedNumber('(+5)').ok).toBe(false);
  });

  it('fuzz: arbitrary strings into the number parser: no throw, a finite exact value, no fake digit read', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[(+-]?[0-9,.²①]{0,30}[)%亿元万]?$/)),
        (s) => {
          const r = parseTypedNumber(s);
          if (r.ok) {
            expect(r.value.isFinite()).toBe(true);
            expect(/[²³¹⁰-⁹₀-₉①-⑳]/.test(s)).toBe(false);
          }
        },
      ),
      { numRuns: 2000, seed: 14 },
    );
  });
});

describe('JSON', () => {
  it('regression: duplicate keys are a finding at their path', () => {
    const text = withValue('5').replace('"value":5', '"value":5,"value":7');
    const r = json(text);
    expect(r.findings.find((f) => f.code === 'JSON_DUPLICATE_KEY')).toMatchObject({
      path: '$.values[0].value',
      value: 'value',
      severity: 'error',
    });
    expect(json(`{"city":"${CITY}","city":"320100"}`).findings.map((f) => f.code)).toContain(
      'JSON_DUPLICATE_KEY',
    );
    expect(json(withValue('5')).findings.map((f) => f.code)).not.toContain('JSON_DUPLICATE_KEY');
  });

  it('escaped spellings of one key are the same key; keys inside strings are not keys', () => {
    expect(json('{"period":"2022","p\\u0065riod":"2023"}').findings.map((f) => f.code)).toContain(
      'JSON_DUPLICATE_KEY',
    );
    expect(json('{"note":"{\\"a\\":1,\\"a\\":2}","values":[]}').findings.map((f) => f.code)).not.toContain(
      'JSON_DUPLICATE_KEY',
    );
  });
});

describe('CSV saved by Excel as Unicode text', () => {
  let csv = '';
  beforeAll(() => {
    const wb = XLSX.read(clean, { type: 'array' });
    csv = XLSX.utils.sheet_to_csv(wb.Sheets['指标'] as XLSX.WorkSheet, { FS: '\t' });
  });
  const utf16 = (text: string, big: boolean) => {
    const out = new Uint8Array(2 + text.length * 2);
    out.set(big ? [0xfe, 0xff] : [0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[2 + 2 * i + (big ? 1 : 0)] = c & 0xff;
      out[2 + 2 * i + (big ? 0 : 1)] = c >>> 8;
    }
    return out;
  };
  it.each([
    ['UTF-16 LE', false],
    ['UTF-16 BE', true],
  ])('regression: reads %s with BOM, tab-separated', (_, big) => {
    const r = validateSubmission(utf16(csv, big), { expectCity: CITY, expectPeriod: '2022' });
    expect(r.format).toBe('csv');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.submission?.values.length).toBe(sub.values.filter((v) => v.value !== null).length);
  });
});

describe('what the file is', () => {
  it('regression: a PDF named .xlsx is not read as CSV', () => {
    const pdf = Uint8Array.from([
      ...enc.encode('%PDF-1.4\n%'),
      0xe2,
      0xe3,
      0xcf,
      0xd3,
      ...enc.encode('\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
    ]);
    expect(validateSubmission(pdf, { fileName: 'report.xlsx' }).findings.map((f) => f.code)).toEqual([
      'FILE_NOT_SPREADSHEET',
    ]);
  });

  it('regression: period 0000 is not a period (it became "0")', () => {
    expect(parsePeriod('0000')).toBeUndefined();
    expect(parsePeriod('2022')).toEqual({ kind: 'year', year: 2022 });
    const r = json(JSON.stringify({ ...sub, period: '0000' }));
    expect(r.period).toBeUndefined();
    expect(r.ok).toBe(false);
  });
});
