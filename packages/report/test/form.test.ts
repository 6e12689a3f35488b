import { createTemplate, INPUT_INSTRUCTIONS } from '@sunan/report';
import { catalogueForms, PENDING, sunanCatalogue } from '@sunan/schema';
import { SHEET, validateSubmission } from '@sunan/validate';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type * as XLSX from 'xlsx';
import { filledWorkbook, mutate } from './helpers.js';

const catalogue = sunanCatalogue();

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb;
}

async function template(city = '320500'): Promise<ExcelJS.Workbook> {
  const t = await createTemplate({ city, period: '2022' });
  if (!t.ok) throw new Error('template failed');
  return load(t.bytes);
}

/** Whether a typed entry passes a cell's data validation as Excel applies it (numbers only, bounds). */
function accepts(dv: ExcelJS.DataValidation, typed: string): boolean {
  const n = Number(typed);
  if (typed.trim() === '' || !Number.isFinite(n)) return false;
  if (dv.type === 'whole' && !Number.isInteger(n)) return false;
  const [lo, hi] = (dv.formulae ?? []).map(Number);
  switch (dv.operator) {
    case 'between':
      return n >= (lo ?? -Infinity) && n <= (hi ?? Infinity);
    case 'greaterThanOrEqual':
      return n >= (lo ?? -Infinity);
    default:
      throw new Error(`operator not modelled: ${dv.operator}`);
  }
}

describe('the template as a statistical form', () => {
  it('prints the legal marks, 填报单位 and 报告期 at the top right, and a signature block of input cells', async () => {
    const ws = (await template()).getWorksheet(SHEET.values);
    if (!ws) throw new Error('no sheet');
    const form = catalogueForms(catalogue).values;
    const text = (ref: string) => String(ws.getCell(ref).value ?? '');
    expect(text('K1')).toBe(form.title.zh);
    expect(text('K2')).toContain(form.formNo);
    expect(text('K3')).toContain(form.authority);
    expect(text('K4')).toBe(`批准文号：${PENDING}`);
    expect(text('K5')).toBe(`有效期至：${PENDING}`);
    expect(text('K7')).toContain('苏州');
    expect(text('K8')).toContain('2022 年');
    const labels = [11, 12, 13, 14, 15].map((r) => text(`K${r}`));
    expect(labels).toEqual(['单位负责人：', '统计负责人：', '填表人：', '联系电话：', '报出日期：']);
    for (const r of [11, 12, 13, 14, 15]) expect(ws.getCell(`L${r}`).protection?.locked).toBe(false);
    expect(ws.getColumn(1).hidden && ws.getColumn(3).hidden).toBe(true);
    expect(ws.headerFooter.oddHeader).toContain(form.formNo);
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
  });

  it('numbers the rows and prints each indicator’s numeric 代码; the definition is the value cell’s input message', async () => {
    const ws = (await template('320400')).getWorksheet(SHEET.values);
    if (!ws) throw new Error('no sheet');
    let n = 0;
    ws.eachRow((row, r) => {
      if (r === 1 || row.getCell(1).value === null) return;
      n++;
      const ind = catalogue.indicators.find((i) => i.code === row.getCell(3).value);
      expect(ind, `row ${r}`).toBeDefined();
      expect(row.getCell(8).value).toBe(ind?.formCode);
      expect(row.getCell(9).value).toBe(n);
      const dv = row.getCell(6).dataValidation;
      expect(dv.showInputMessage).toBe(true);
      expect(dv.prompt).toBe(`${ind?.definition?.zh ?? PENDING}（${ind?.unit}）`);
      if (ind?.aggregation.kind === 'cumulative-sum') expect(String(row.getCell(4).value)).toContain('累计');
    });
    expect(n).toBeGreaterThan(60);
  });

  it('has a 指标解释 sheet with every indicator of the form: definition or 待中心确认, aggregation, 累计, source', async () => {
    const ws = (await template()).getWorksheet('指标解释');
    if (!ws) throw new Error('no 指标解释');
    const byCode = new Map<string, string[]>();
    ws.eachRow((row, r) => {
      if (r > 1) byCode.set(String(row.getCell(1).value), row.values as string[]);
    });
    const rd = catalogue.indicators.find((i) => i.code === 'RD_EXP');
    expect(byCode.get(rd?.formCode ?? '')?.[4]).toContain('试验发展');
    expect(byCode.get(rd?.formCode ?? '')?.[7]).toContain('R&D');
    const cumulative = catalogue.indicators.filter((i) => i.aggregation.kind === 'cumulative-sum');
    expect(cumulative.length).toBe(5);
    for (const i of cumulative) expect(byCode.get(i.formCode ?? '')?.[6]).toBe('是（2020 年起）');
    const pending = [...byCode.values()].filter((v) => v[4] === PENDING);
    expect(pending.length).toBeGreaterThan(0);
    for (const v of pending) expect(v[7]).toBe(PENDING);
  });

  it('never tells the clerk to type what the value cells refuse: each 填 example passes the rule read back', async () => {
    const wb = await template();
    const info: string[] = [];
    wb.getWorksheet(SHEET.instructions)?.eachRow((r) => void info.push(String(r.getCell(1).value ?? '')));
    const text = info.join('\n');
    for (const line of INPUT_INSTRUCTIONS) expect(text).toContain(line);
    // Every "填 X" the instructions give, with the unit family the line speaks of.
    const examples = [...text.matchAll(/填\s*([^\s，。；、]+)/g)].map((m) => m[1] ?? '');
    expect(examples).toEqual(expect.arrayContaining(['1.23', '3.2', '0']));
    expect(text).not.toMatch(/注明“万元”/);
    const ws = wb.getWorksheet(SHEET.values);
    const rules = new Map<string, ExcelJS.DataValidation>();
    ws?.eachRow((row, r) => {
      if (r > 1 && row.getCell(1).value !== null)
        rules.set(String(row.getCell(5).value), row.getCell(6).dataValidation);
    });
    const ruleFor = (unit: string) => {
      const dv = rules.get(unit);
      if (!dv) throw new Error(`no value cell in ${unit}`);
      return dv;
    };
    expect(accepts(ruleFor('亿元'), '1.23')).toBe(true);
    expect(accepts(ruleFor('%'), '3.2')).toBe(true);
    expect(accepts(ruleFor('家'), '0')).toBe(true);
    // The old instruction's way of typing is exactly what the rule refuses.
    expect(accepts(ruleFor('亿元'), '12300万元')).toBe(false);
    for (const e of examples.filter((x) => /^[\d.]+$/.test(x)))
      expect(
        [...rules.values()].some((dv) => accepts(dv, e)),
        e,
      ).toBe(true);
  });

  it('is read by the validator as before, and a template with the old 数值 header reads the same', async () => {
    const bytes = await filledWorkbook('320500');
    const now = validateSubmission(bytes, { fileName: 'x.xlsx' });
    const old = mutate(bytes, (wb) => {
      (wb.Sheets[SHEET.values] as XLSX.WorkSheet).F1 = { t: 's', v: '数值' };
    });
    for (const reader of ['sheetjs', undefined] as const) {
      const before = validateSubmission(old, { fileName: 'x.xlsx', ...(reader ? { reader } : {}) });
      expect(before.submission?.values).toEqual(now.submission?.values);
      expect(before.findings).toEqual(now.findings);
    }
    expect(now.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(now.stats.reader).toBe('fast');
  });
});
