import { createTemplate } from '@sunan/report';
import { META_KEYS, SHEET, TEMPLATE_VERSION, validateSubmission } from '@sunan/validate';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { filledWorkbook, mutate } from './helpers.js';

const CITIES = ['320100', '320200', '320400', '320500', '321100'];

describe('createTemplate', () => {
  it.each(CITIES)(
    'city %s: filled with plausible values, saved, read back and validated with zero errors',
    async (code) => {
      const bytes = await filledWorkbook(code);
      const report = validateSubmission(bytes, {
        fileName: `${code}.xlsx`,
        expectCity: code,
        expectPeriod: '2022',
      });
      expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.city).toBe(code);
      expect(report.period).toBe('2022');
      expect(report.stats.values).toBeGreaterThan(60);
    },
  );

  it('still validates after a second writer (SheetJS) re-saves the filled template, metadata included', async () => {
    const bytes = await filledWorkbook('321100');
    const resaved = mutate(bytes, () => {});
    const wb = XLSX.read(resaved, { type: 'array' });
    const meta = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[SHEET.meta] as XLSX.WorkSheet, { header: 1 });
    expect(meta).toContainEqual([META_KEYS.templateVersion, TEMPLATE_VERSION]);
    expect(meta).toContainEqual([META_KEYS.city, '321100']);
    const report = validateSubmission(resaved, { expectCity: '镇江', expectPeriod: '2022' });
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('survives re-saving as .xls and .ods by another writer', async () => {
    const bytes = await filledWorkbook('321100');
    for (const bookType of ['xls', 'ods'] as const) {
      const other = mutate(bytes, () => {}, bookType);
      const report = validateSubmission(other, { expectCity: '321100', expectPeriod: '2022' });
      expect(report.format).toBe(bookType);
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(report.stats.values).toBeGreaterThan(60);
    }
  });

  it('locks everything but the shaded input cells, and limits data validation to the template rows', async () => {
    const t = await createTemplate({ city: '320400', period: '2022' });
    if (!t.ok) throw new Error('template failed');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.bytes.slice().buffer as ArrayBuffer);
    const ws = wb.getWorksheet(SHEET.values);
    if (!ws) throw new Error('no sheet');
    expect(ws.getCell('F2').protection?.locked).toBe(false);
    expect(ws.getCell('G2').protection?.locked).toBe(false);
    expect(ws.getCell('C2').protection?.locked).not.toBe(false);
    expect(ws.getCell('F2').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFF2CC' } });
    expect(ws.getCell('F2').dataValidation?.type).toMatch(/decimal|whole/);
    expect(wb.getWorksheet(SHEET.meta)?.state).toBe('hidden');

    const files = unzipSync(t.bytes);
    const sheetXml = Object.entries(files)
      .filter(([name]) => name.startsWith('xl/worksheets/sheet'))
      .map(([, data]) => strFromU8(data))
      .find((xml) => xml.includes('dataValidation'));
    expect(sheetXml).toBeDefined();
    expect(sheetXml).toMatch(/<sheetProtection[^>]*sheet="1"/);
    const sqrefs = [...(sheetXml ?? '').matchAll(/sqref="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sqrefs.length).toBeGreaterThan(0);
    const lastRow = ws.rowCount;
    for (const ref of sqrefs)
      for (const part of ref.split(' ')) {
        expect(part, 'never a whole column').toMatch(/^F\d+(:F\d+)?$/);
        for (const n of part.match(/\d+/g) ?? []) expect(Number(n)).toBeLessThanOrEqual(lastRow);
      }
  });

  it('puts the city rows first, then each park, with the instruction sheet in Chinese', async () => {
    const t = await createTemplate({
      city: '苏州',
      period: '2022',
      contact: { name: '张三', phone: '0512-12345678' },
    });
    if (!t.ok) throw new Error('template failed');
    const wb = XLSX.read(t.bytes, { type: 'array' });
    expect(wb.SheetNames).toEqual([
      SHEET.instructions,
      SHEET.values,
      '指标解释',
      SHEET.enterprises,
      SHEET.meta,
    ]);
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[SHEET.values] as XLSX.WorkSheet, { header: 1 });
    expect(rows[0]?.slice(0, 9)).toEqual([
      '填报单位代码',
      '填报单位',
      '指标代码',
      '指标名称',
      '计量单位',
      '本期',
      '备注',
      '代码',
      '序号',
    ]);
    const units = [
      ...new Set(
        rows
          .slice(1)
          .map((r) => r[0])
          .filter((u) => u !== undefined),
      ),
    ];
    expect(units).toEqual(['320500', '320500P01', '320500P02', '320500P03', '320500P04']);
    const text = XLSX.utils.sheet_to_csv(wb.Sheets[SHEET.instructions] as XLSX.WorkSheet);
    expect(text).toContain('2023-03-31');
    expect(text).toContain('张三');
    const ent = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[SHEET.enterprises] as XLSX.WorkSheet, {
      header: 1,
    });
    expect(ent[0]).toEqual(['统一社会信用代码', '企业名称', '所在园区', '证书编号', '认定年份']);
  });

  it('returns findings, not an exception, for an unknown city or a malformed period', async () => {
    const t = await createTemplate({ city: '上海', period: '2022年第五季度' });
    expect(t.ok).toBe(false);
    if (t.ok) return;
    expect(t.findings.map((f) => f.code).sort()).toEqual(['TEMPLATE_BAD_PERIOD', 'TEMPLATE_UNKNOWN_CITY']);
  });
});
