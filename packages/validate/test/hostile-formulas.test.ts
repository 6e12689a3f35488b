import { validateSubmission } from '@sunan/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { riskyFormula } from '../src/checks/check-formulas.js';
import { filledWorkbook, rowOf } from './helpers.js';
import { patchSheet, replaceCell } from './hostile/craft-xlsx.js';

const CITY = '321100';
let clean: Uint8Array;
let ref = '';
beforeAll(async () => {
  clean = await filledWorkbook(CITY);
  ref = `F${rowOf(XLSX.read(clean, { type: 'array' }), CITY, 'TECH_CONTRACT')}`;
});
const withFormula = (f: string, v = '123') =>
  patchSheet(clean, '指标', (xml) => replaceCell(xml, ref, `<c r="${ref}"><f>${f}</f><v>${v}</v></c>`));

describe('live formulas in a submission', () => {
  it("regression: a DDE formula =cmd|' /C calc'!A0 in a value cell is FORMULA_EXTERNAL, an error at the cell", () => {
    const r = validateSubmission(withFormula("cmd|' /C calc'!A0"));
    expect(r.ok).toBe(false);
    expect(r.findings.find((f) => f.code === 'FORMULA_EXTERNAL')).toMatchObject({
      sheet: '指标',
      cell: ref,
      severity: 'error',
      value: "=cmd|' /C calc'!A0",
    });
  });

  it('regression: =HYPERLINK(...) is FORMULA_LINK, a warning; an ordinary sum is nothing', () => {
    const r = validateSubmission(withFormula('HYPERLINK(&quot;http://evil.example&quot;,123)'));
    expect(r.findings.find((f) => f.code === 'FORMULA_LINK')).toMatchObject({
      cell: ref,
      severity: 'warning',
    });
    const sum = validateSubmission(withFormula('100+23'));
    expect(sum.findings.map((f) => f.code)).not.toContain('FORMULA_LINK');
    expect(sum.findings.map((f) => f.code)).not.toContain('FORMULA_EXTERNAL');
  });

  it('classifies formulas by their code, never by text inside string literals', () => {
    expect(riskyFormula("cmd|' /C calc'!A0")).toBe('external');
    expect(riskyFormula('[1]Sheet1!A1+1')).toBe('external');
    expect(riskyFormula("'C:\\x\\[book.xlsx]Sheet1'!A1")).toBe('external');
    expect(riskyFormula('WEBSERVICE("http://x")')).toBe('external');
    expect(riskyFormula('CALL("kernel32","WinExec","JCJ","calc",0)')).toBe('external');
    expect(riskyFormula('hyperlink("x","y")')).toBe('link');
    expect(riskyFormula('CONCAT("a|b","HYPERLINK(")')).toBeUndefined();
    expect(riskyFormula('SUM(F2:F9)')).toBeUndefined();
  });
});
