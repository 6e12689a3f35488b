import {
  type Aggregation,
  assertNever,
  type Catalogue,
  type FormMeta,
  type Indicator,
  type OrgUnit,
  PENDING,
} from '@sunan/schema';
import type ExcelJS from 'exceljs';
import { headerText, PAGE_FOOTER } from './print-setup.js';

/**
 * The parts that make the template an official statistical form: the legal marks (表号, 制定机关,
 * 批准文号, 有效期至) at the top right, the 填报单位 and 报告期 lines, the signature block, and the
 * 指标解释 sheet. They sit to the right of the value table and on their own sheet, never in the
 * table's rows or columns, so the validator reads old and new templates alike.
 */

/** Labels of the signature block, in the order the form prints them (统计法 art. 21: who signs answers for the data). */
export const SIGNATURE_LABELS = ['单位负责人', '统计负责人', '填表人', '联系电话', '报出日期'] as const;

/** The sheet of indicator definitions. */
export const DEFINITION_SHEET = '指标解释';

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF808080' } };

/** The legal-mark lines printed at the top right of a form. */
export function legalMarks(form: FormMeta): string[] {
  return [
    `表　　号：${form.formNo}`,
    `制定机关：${form.authority}`,
    `${form.approval.kind}：${form.approval.number}`,
    `有效期至：${form.validUntil}`,
  ];
}

/** 报告期 as the form prints it: 2022 年, 2022 年第 3 季度. */
export function periodText(periodId: string): string {
  const q = /^(\d{4})Q([1-4])$/.exec(periodId);
  return q ? `${q[1]} 年第 ${q[2]} 季度` : `${periodId} 年`;
}

/**
 * Writes the legal marks, 填报单位/报告期 and the signature block into two columns starting at
 * `column` (1-based), rows 1 onwards; the signature entries are unlocked input cells.
 */
export function writeFormBlock(
  ws: ExcelJS.Worksheet,
  column: number,
  form: FormMeta,
  city: OrgUnit,
  periodId: string,
): void {
  const put = (row: number, text: string, bold = false) => {
    const c = ws.getRow(row).getCell(column);
    c.value = text;
    c.font = { bold, size: bold ? 12 : 10 };
  };
  put(1, form.title.zh, true);
  legalMarks(form).forEach((line, i) => {
    put(2 + i, line);
  });
  put(7, `填报单位：${city.name.zh}（${city.code}）及所辖园区`);
  put(8, `报告期：${periodText(periodId)}　　${form.periodicity}`);
  put(10, '报出签章（请填写）', true);
  SIGNATURE_LABELS.forEach((label, i) => {
    const row = ws.getRow(11 + i);
    const name = row.getCell(column);
    name.value = `${label}：`;
    name.alignment = { horizontal: 'right' };
    const input = row.getCell(column + 1);
    input.protection = { locked: false };
    input.fill = INPUT_FILL;
    input.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    if (label === '报出日期') input.numFmt = 'yyyy-mm-dd';
  });
  ws.getColumn(column).width = 44;
  ws.getColumn(column + 1).width = 20;
}

/**
 * Page header and footer of a form: 填报单位 and 报告期 on the left, 表名 in the centre, 表号 on the
 * right; 批准文号, 第 N 页 共 M 页 and 有效期至 below — on every printed page (each part short, so
 * they never run into each other on a narrow sheet).
 */
export function formHeaderFooter(
  ws: ExcelJS.Worksheet,
  form: FormMeta,
  unit: string,
  periodId: string,
): void {
  ws.headerFooter = {
    ...ws.headerFooter,
    oddHeader: `&L${headerText(`填报单位：${unit}　报告期：${periodText(periodId)}`)}&C&B${headerText(form.title.zh)}&R${headerText(`表号：${form.formNo}`)}`,
    oddFooter: `&L${headerText(`${form.approval.kind}：${form.approval.number}`)}${PAGE_FOOTER}&R${headerText(`有效期至：${form.validUntil}`)}`,
  };
}

/** How an indicator's zone and city figures are formed from the units' figures, in words. */
export function aggregationText(aggregation: Aggregation): string {
  switch (aggregation.kind) {
    case 'sum':
      return '各单位相加';
    case 'ratio':
      return `比率：${aggregation.numerator} ÷ ${aggregation.denominator} × ${aggregation.scale}（由分子分母汇总后计算）`;
    case 'weighted-mean':
      return `以 ${aggregation.weight} 为权数加权平均`;
    case 'reported':
      return '不汇总，取本级填报数';
    case 'cumulative-sum':
      return `累计（${aggregation.from} 年起）各年相加`;
    default:
      return assertNever(aggregation);
  }
}

/** The definition the form shows for an indicator, with its source, or 待中心确认. */
export function definitionText(indicator: Indicator): { text: string; source: string } {
  return indicator.definition
    ? { text: indicator.definition.zh, source: indicator.definition.source }
    : { text: PENDING, source: PENDING };
}

/** The numeric 代码 printed on the form: the catalogue's, else the two-digit catalogue position. */
export function formCodeOf(catalogue: Catalogue, indicator: Indicator): string {
  return indicator.formCode ?? String(catalogue.indicators.indexOf(indicator) + 1).padStart(2, '0');
}

/** Adds the 指标解释 sheet: per indicator its 代码, name, unit, definition, aggregation, 累计 or not, source. */
export function addDefinitionSheet(
  wb: ExcelJS.Workbook,
  catalogue: Catalogue,
  indicators: readonly Indicator[],
) {
  const ws = wb.addWorksheet(DEFINITION_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '代码', width: 6 },
    { header: '指标名称', width: 34 },
    { header: '计量单位', width: 9 },
    { header: '指标解释', width: 60 },
    { header: '汇总方式', width: 26 },
    { header: '累计（2020 年起）', width: 10 },
    { header: '来源', width: 30 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const indicator of indicators) {
    const { text, source } = definitionText(indicator);
    const from = indicator.aggregation.kind === 'cumulative-sum' ? indicator.aggregation.from : undefined;
    const row = ws.addRow([
      formCodeOf(catalogue, indicator),
      indicator.name.zh,
      indicator.unit,
      text,
      aggregationText(indicator.aggregation),
      from ? `是（${from} 年起）` : '否',
      source,
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = Math.max(15, Math.ceil(text.length / 28) * 14);
  }
  return ws;
}
