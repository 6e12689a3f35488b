import { type ValidationReport, validateSubmission } from '@sunan/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readFastXlsx } from '../src/read/fast/read-fast.js';
import { DEFAULT_LIMITS } from '../src/read/limits.js';
import { unzipVerifiedStored } from '../src/read/zip/unzip-verified.js';
import { catalogue, filledWorkbook, mutate } from './helpers.js';
import { patchEntry } from './hostile/craft-xlsx.js';

let clean: Uint8Array;
beforeAll(async () => {
  clean = await filledWorkbook('320400');
}, 120_000);

const both = (bytes: Uint8Array) => ({
  fast: validateSubmission(bytes, { fileName: 'x.xlsx', catalogue }),
  sheetjs: validateSubmission(bytes, { fileName: 'x.xlsx', catalogue, reader: 'sheetjs' }),
});
const cellsOf = (r: ValidationReport, code: string) =>
  r.findings.filter((f) => f.code === code).map((f) => f.cell);

describe('list findings point at their own column (issue 23)', () => {
  it('an invalid 认定年份 at column E, an unknown 所在园区 at column C, in both readers', () => {
    const bytes = mutate(clean, (wb) => {
      const ws = wb.Sheets['高新技术企业名单'] as XLSX.WorkSheet;
      ws.C2 = { t: 's', v: '不存在的园区' };
      ws.E3 = { t: 's', v: '1999' };
    });
    const { fast, sheetjs } = both(bytes);
    expect(fast.stats.reader).toBe('fast');
    expect(sheetjs.stats.reader).not.toBe('fast');
    for (const report of [fast, sheetjs]) {
      expect(cellsOf(report, 'ENT_PARK_UNKNOWN')).toEqual(['C2']);
      expect(cellsOf(report, 'ENT_YEAR_INVALID')).toEqual(['E3']);
    }
  });

  it('a moved year column is still found at its own letter', () => {
    const bytes = mutate(clean, (wb) => {
      const ws = wb.Sheets['高新技术企业名单'] as XLSX.WorkSheet;
      // The year column copied to G (header and cells), the original header renamed away.
      const range = XLSX.utils.decode_range(ws['!ref'] as string);
      for (let r = 0; r <= range.e.r; r++) {
        const from = ws[XLSX.utils.encode_cell({ r, c: 4 })] as XLSX.CellObject | undefined;
        if (from) ws[XLSX.utils.encode_cell({ r, c: 6 })] = { ...from };
      }
      ws.E1 = { t: 's', v: '备用' };
      ws.G3 = { t: 's', v: '明年' };
      ws['!ref'] = XLSX.utils.encode_range({ s: range.s, e: { r: range.e.r, c: 6 } });
    });
    const { fast, sheetjs } = both(bytes);
    for (const report of [fast, sheetjs]) expect(cellsOf(report, 'ENT_YEAR_INVALID')).toEqual(['G3']);
  });
});

describe('a file the fast reader declines', () => {
  it('hands the SheetJS path the directory and the entries it already verified', () => {
    // The 1904 date system is left to SheetJS, after the package's structure has been inflated.
    const bytes = patchEntry(clean, 'xl/workbook.xml', (xml) =>
      xml.replace('<workbookPr', '<workbookPr date1904="1"'),
    );
    const fast = readFastXlsx(bytes, DEFAULT_LIMITS);
    expect(fast.kind).toBe('declined');
    const known = fast.kind === 'declined' ? fast.read : undefined;
    expect(known?.directory.length).toBeGreaterThan(3);
    expect([...(known?.verified.keys() ?? [])]).toContain('xl/workbook.xml');
    const fresh = unzipVerifiedStored(bytes, DEFAULT_LIMITS);
    const reused = unzipVerifiedStored(bytes, DEFAULT_LIMITS, known);
    expect(reused.ok && fresh.ok && [...reused.entries.keys()]).toEqual(
      fresh.ok && [...fresh.entries.keys()],
    );
    expect(reused.ok && reused.stored).toEqual(fresh.ok && fresh.stored);
    // What was verified is copied, not inflated again: a different (same-length) copy shows through.
    if (!known) return;
    const marked = new Map(known.verified);
    const workbook = marked.get('xl/workbook.xml') ?? new Uint8Array();
    marked.set(
      'xl/workbook.xml',
      workbook.map(() => 0x20),
    );
    const copied = unzipVerifiedStored(bytes, DEFAULT_LIMITS, {
      directory: known.directory,
      verified: marked,
    });
    expect(copied.ok && copied.entries.get('xl/workbook.xml')?.every((b) => b === 0x20)).toBe(true);
  });
});
