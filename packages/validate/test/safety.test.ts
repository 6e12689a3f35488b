import { annotate } from '@sunan/report';
import { validateSubmission } from '@sunan/validate';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { filledWorkbook, mutate, setValue } from './helpers.js';

let clean: Uint8Array;
beforeAll(async () => {
  clean = await filledWorkbook('321100');
});

const codes = (bytes: Uint8Array, limits = {}) =>
  validateSubmission(bytes, { limits }).findings.map((f) => f.code);

describe('hostile and broken input gives findings, never a crash', () => {
  it('empty file → FILE_EMPTY', () => {
    expect(codes(new Uint8Array())).toEqual(['FILE_EMPTY']);
  });

  it('not a spreadsheet (PNG header, random bytes) → FILE_NOT_SPREADSHEET', () => {
    expect(codes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toEqual([
      'FILE_NOT_SPREADSHEET',
    ]);
    expect(codes(zipSync({ 'hello.txt': new TextEncoder().encode('hi') }))).toEqual(['FILE_NOT_SPREADSHEET']);
  });

  it('truncated zip → FILE_CORRUPT', () => {
    expect(codes(clean.slice(0, Math.floor(clean.length / 2)))).toEqual(['FILE_CORRUPT']);
  });

  it('decompressed size over the limit (zip bomb) → FILE_ZIP_BOMB, before inflating', () => {
    expect(codes(clean, { maxDecompressedBytes: 10_000 })).toEqual(['FILE_ZIP_BOMB']);
  });

  it('file over the size limit → FILE_TOO_LARGE', () => {
    expect(codes(clean, { maxFileBytes: 1000 })).toEqual(['FILE_TOO_LARGE']);
  });

  it('too many rows → FILE_TOO_MANY_ROWS', () => {
    expect(codes(clean, { maxRows: 50 })).toContain('FILE_TOO_MANY_ROWS');
  });

  it('encrypted workbook → FILE_ENCRYPTED', () => {
    // An encrypted OOXML file is a compound document holding EncryptionInfo and EncryptedPackage.
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', new Uint8Array(64));
    const bytes = XLSX.CFB.write(cfb, { type: 'array' }) as number[];
    expect(codes(Uint8Array.from(bytes))).toEqual(['FILE_ENCRYPTED']);
  });

  it('a crafted workbook trying to set __proto__ changes nothing', () => {
    const crafted = mutate(clean, (wb) => {
      XLSX.utils.sheet_add_aoa(
        wb.Sheets._meta as XLSX.WorkSheet,
        [
          ['__proto__', 'polluted'],
          ['constructor', 'x'],
        ],
        { origin: 'A10' },
      );
      const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
      XLSX.utils.sheet_add_aoa(
        ws,
        [['__proto__', '__proto__', '__proto__', 'polluted', '亿元', 1, '__proto__']],
        { origin: 'A300' },
      );
      XLSX.utils.sheet_add_aoa(ws, [['321100', '镇江市', 'constructor', 'x', '亿元', 2, '']], {
        origin: 'A301',
      });
      const proto = XLSX.utils.aoa_to_sheet([
        ['__proto__', 'polluted'],
        ['polluted', 'yes'],
      ]);
      XLSX.utils.book_append_sheet(wb, proto, '__proto__');
    });
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const report = validateSubmission(crafted);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(report.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['ROW_UNKNOWN_ORG_UNIT', 'ROW_UNKNOWN_INDICATOR']),
    );
  });
});

describe('the input is never modified', () => {
  it('validate and annotate leave the bytes as they were, and annotate writes a new workbook', async () => {
    const bad = mutate(clean, (wb) => void setValue(wb, '321100', 'GDP', { t: 's', v: 'abc' }));
    const copy = bad.slice();
    const report = validateSubmission(bad, { fileName: 'zj.xlsx' });
    const out = await annotate(bad, report);
    expect(Buffer.compare(Buffer.from(bad), Buffer.from(copy))).toBe(0);
    expect(out).not.toBe(bad);

    const wb = XLSX.read(out, { type: 'array' });
    expect(wb.SheetNames).toContain('校验结果');
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['校验结果'] as XLSX.WorkSheet, { header: 1 });
    expect(rows.length - 1).toBe(report.findings.length);
    const f = report.findings.find((x) => x.code === 'VAL_NOT_NUMBER');
    const cell = (wb.Sheets['指标'] as XLSX.WorkSheet)[f?.cell ?? 'A1'] as XLSX.CellObject;
    expect(cell.c?.[0]?.t).toContain('VAL_NOT_NUMBER');
    expect(cell.c?.[0]?.t).toContain('不是数字');
  });

  it('annotates a CSV input with a findings sheet alone', async () => {
    const csv = new TextEncoder().encode('填报单位代码,指标代码,数值\n321100,GDP,abc\n');
    const report = validateSubmission(csv, { expectPeriod: '2022' });
    const wb = XLSX.read(await annotate(csv, report), { type: 'array' });
    expect(wb.SheetNames).toEqual(['校验结果']);
  });
});
