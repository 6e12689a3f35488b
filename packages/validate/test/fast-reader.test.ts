import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ValidationReport, validateSubmission } from '@sunan/validate';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { parseInput } from '../src/parse-input.js';
import { catalogue, filledWorkbook, mutate } from './helpers.js';
import { genWorkbook, writeWorkbook } from './random-workbooks.js';

// The fast reader's guarantee: on every file it reads, the report is identical to the SheetJS path's
// (findings, values, locations) — only `stats.reader` differs. For generated workbooks the two readers'
// outputs (rows, cells, locations, hidden flags, merge findings, metadata) are compared — the report is
// a pure function of them — and every tenth also as full reports. SUNAN_DIFF_RUNS lowers the number of
// generated workbooks locally (CI runs the default 5,000).
const RUNS = Number(process.env.SUNAN_DIFF_RUNS ?? 5000);
const dataDir = fileURLToPath(new URL('../../../examples/data', import.meta.url));

const both = (bytes: Uint8Array, fileName = 'x.xlsx') => ({
  fast: validateSubmission(bytes, { fileName, catalogue }),
  sheetjs: validateSubmission(bytes, { fileName, catalogue, reader: 'sheetjs' }),
});
const withoutReader = (r: ValidationReport) => ({ ...r, stats: { ...r.stats, reader: undefined } });

function expectSame(bytes: Uint8Array, fileName?: string): ValidationReport {
  const { fast, sheetjs } = both(bytes, fileName);
  expect(sheetjs.stats.reader).not.toBe('fast');
  expect(withoutReader(fast)).toEqual(withoutReader(sheetjs));
  return fast;
}

describe('the fast reader gives the same reports as SheetJS', () => {
  it('on every example file, each read by the fast reader', () => {
    for (const year of readdirSync(dataDir).filter((d) => /^\d{4}$/.test(d)))
      for (const f of readdirSync(join(dataDir, year))) {
        const report = expectSame(new Uint8Array(readFileSync(join(dataDir, year, f))), f);
        expect(report.stats.reader, f).toBe('fast');
      }
  });

  let clean: Uint8Array;
  beforeAll(async () => {
    clean = await filledWorkbook('320400');
  });

  it('on the template altered by a second writer (merges, hidden rows, formulas, errors, dates)', () => {
    const variants: ((wb: XLSX.WorkBook) => void)[] = [
      () => {},
      (wb) => {
        const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
        ws['!merges'] = [XLSX.utils.decode_range('F3:F4'), XLSX.utils.decode_range('A7:B7')];
        ws['!rows'] = [undefined, { hidden: true }, undefined, { hidden: true }] as XLSX.RowInfo[];
      },
      (wb) => {
        const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
        ws.F2 = { t: 'n', f: 'F3*2' } as XLSX.CellObject;
        ws.F3 = { t: 'e', v: 7, f: '1/0' };
        ws.F4 = { t: 'n', v: 44927, z: 'yyyy-mm-dd' };
        ws.F5 = { t: 's', v: ' 1,234.50 ' };
        ws.F6 = { t: 'b', v: true };
        ws.C7 = { t: 's', v: 'R&D <x> "q"' };
      },
      (wb) => {
        const meta = wb.Sheets._meta as XLSX.WorkSheet;
        meta.B5 = { t: 'n', v: 2022 };
        const ent = wb.Sheets['高新技术企业名单'] as XLSX.WorkSheet;
        ent.A2 = { t: 'n', v: 91320 };
        ent.E3 = { t: 's', v: '２０２１' };
      },
    ];
    for (const [i, change] of variants.entries()) {
      for (const bookSST of i === 1 ? [true, false] : [i % 2 === 0]) {
        const wb = XLSX.read(mutate(clean, change), {
          type: 'array',
          cellStyles: true,
          cellNF: true,
          cellFormula: true,
        });
        const bytes = new Uint8Array(
          XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST, cellStyles: true }) as ArrayBuffer,
        );
        expectSame(bytes);
      }
    }
  });

  it('on broken input (truncated, bad zip, too many rows), which the fast reader leaves to SheetJS', () => {
    expectSame(clean.slice(0, Math.floor(clean.length / 2)));
    expectSame(clean.slice(0, clean.length - 10));
    const report = validateSubmission(clean, { limits: { maxRows: 50 } });
    expect(report.stats.reader).toBe('sheetjs');
    expect(withoutReader(report)).toEqual(
      withoutReader(validateSubmission(clean, { limits: { maxRows: 50 }, reader: 'sheetjs' })),
    );
  });

  it(`on ${RUNS} generated workbooks`, () => {
    let fastCount = 0;
    let n = 0;
    fc.assert(
      fc.property(genWorkbook, (gen) => {
        const bytes = writeWorkbook(gen);
        const fast = parseInput(bytes, DEFAULT_LIMITS);
        expect(fast).toEqual({
          ...parseInput(bytes, DEFAULT_LIMITS, 'sheetjs'),
          ...(fast.reader ? { reader: 'fast' } : {}),
        });
        if (fast.reader === 'fast') fastCount++;
        if (n++ % 10 === 0) expectSame(bytes);
      }),
      { numRuns: RUNS },
    );
    // Most generated files must really go through the fast reader, or this test tests nothing.
    expect(fastCount).toBeGreaterThan(RUNS * 0.6);
  }, 600_000);
});
