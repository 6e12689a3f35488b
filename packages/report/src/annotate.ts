import type { Finding, Severity } from '@sunan/schema';
import type { ValidationReport } from '@sunan/validate';
import { SHEET } from '@sunan/validate';
import ExcelJS from 'exceljs';
import { compactValidations } from './validation-ranges.js';

const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const SEVERITY_FILL: Record<Severity, string> = { error: 'FFF4CCCC', warning: 'FFFFE699', info: 'FFDDEBF7' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function addFindingsSheet(wb: ExcelJS.Workbook, findings: readonly Finding[]): void {
  const existing = wb.getWorksheet(SHEET.findings);
  if (existing) wb.removeWorksheet(existing.id);
  const ws = wb.addWorksheet(SHEET.findings, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '严重程度', width: 10 },
    { header: '代码 code', width: 26 },
    { header: '工作表 sheet', width: 18 },
    { header: '单元格 cell', width: 12 },
    { header: '单位 unit', width: 12 },
    { header: '指标 indicator', width: 28 },
    { header: '所见值 value', width: 18 },
    { header: '期望 expected', width: 24 },
    { header: '说明', width: 60 },
    { header: 'Message', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const f of findings) {
    const row = ws.addRow([
      SEVERITY_ZH[f.severity],
      f.code,
      f.sheet ?? '',
      f.cell ?? f.path ?? (f.row !== undefined ? `row ${f.row}` : ''),
      f.orgUnit ?? '',
      f.indicator ?? '',
      f.value ?? '',
      f.expected ?? '',
      f.message.zh,
      f.message.en,
    ]);
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILL[f.severity] } };
  }
}

/** A cell value that is a formula (plain, shared or array) — ExcelJS models all three as objects. */
type FormulaValue = { formula?: string; sharedFormula?: string; result?: ExcelJS.CellValue };

function isFormula(v: ExcelJS.CellValue): v is ExcelJS.CellValue & FormulaValue {
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}

/**
 * Replaces every formula by its cached result, so the copy shows what the office saw and nothing in
 * it recalculates or reaches outside the file. A formula without a cached result keeps its text, as
 * text, so nothing is lost.
 */
function freezeFormulas(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (c) => {
        const v = c.value;
        if (!isFormula(v)) return;
        const result = v.result;
        if (result !== undefined && !(typeof result === 'object' && result !== null && 'formula' in result))
          c.value = result;
        else c.value = `=${v.formula ?? v.sharedFormula ?? ''}`;
      });
    });
  });
}

/** The findings that point at a cell, grouped by sheet and cell. */
function findingsByCell(findings: readonly Finding[]): Map<string, Map<string, Finding[]>> {
  const bySheet = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    if (!f.sheet || !f.cell) continue;
    const cells = bySheet.get(f.sheet) ?? new Map<string, Finding[]>();
    bySheet.set(f.sheet, cells);
    cells.set(f.cell, [...(cells.get(f.cell) ?? []), f]);
  }
  return bySheet;
}

/** The most severe finding's severity: it sets the shade. */
export function worstSeverity(list: readonly Finding[]): Severity {
  return list.reduce<Severity>((a, f) => (RANK[f.severity] < RANK[a] ? f.severity : a), 'info');
}

/**
 * Shades and notes one cell. ExcelJS shares one style object between every loaded cell with the same
 * style (exceljs#2055), so assigning `cell.fill` would repaint all of them: the cell gets a style
 * object of its own instead.
 */
function markCell(c: ExcelJS.Cell, list: readonly Finding[]): void {
  const severity = worstSeverity(list);
  const before = solidArgb(c.fill);
  c.style = {
    ...c.style,
    // A solid fill shows only its foreground: the cell's own colour rides in the background, so a
    // later annotation (or the clean copy) can give the cell its colour back.
    fill: {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: SEVERITY_FILL[severity] },
      ...(before ? { bgColor: { argb: before } } : {}),
    },
  };
  c.note = list
    .map((f) => `【${SEVERITY_ZH[f.severity]}】${f.message.zh}\n${f.message.en}\n（${f.code}）`)
    .join('\n\n');
}

/** The colour of a solid fill, when the cell has one. */
function solidArgb(fill: ExcelJS.Fill | undefined): string | undefined {
  return fill?.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
}

/** A note's text, whether ExcelJS read it as a string or as rich text. */
function noteText(note: ExcelJS.Comment | string | undefined): string {
  if (typeof note === 'string') return note;
  return note?.texts?.map((t) => t.text).join('') ?? '';
}

/** How an annotation note begins (【错误】, 【警告】, 【提示】): what makes a mark recognisable. */
const MARK_NOTE = /^【(错误|警告|提示)】/;
const MARK_FILLS = new Set(Object.values(SEVERITY_FILL));

/**
 * Removes an earlier annotation: the 校验结果 sheet, and each marked cell's note and shade (its own
 * colour restored when the mark kept it), so marks always describe the current findings. Cells the
 * office shaded or noted themselves are left as they are.
 */
export function removeMarks(wb: ExcelJS.Workbook): void {
  const existing = wb.getWorksheet(SHEET.findings);
  if (existing) wb.removeWorksheet(existing.id);
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (c) => unmarkCell(c));
    });
  });
}

function unmarkCell(c: ExcelJS.Cell): void {
  if (!MARK_NOTE.test(noteText(c.note))) return;
  // ExcelJS has no way to delete a note: the cell's comment is dropped, and the value set again,
  // since a loaded value's model keeps its own copy of the note.
  (c as unknown as { _comment: undefined })._comment = undefined;
  const value = c.value;
  c.value = value;
  const fill = c.fill;
  const argb = solidArgb(fill);
  if (!argb || !MARK_FILLS.has(argb)) return;
  const own = fill?.type === 'pattern' ? fill.bgColor?.argb : undefined;
  const { fill: _mark, ...rest } = c.style;
  c.style = own ? { ...rest, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: own } } } : rest;
}

/**
 * The findings alone as a workbook: one 校验结果 sheet, one row per finding (severity, code, sheet,
 * cell, unit, indicator, value, expected, Chinese and English message). What an office forwards when
 * the annotated copy is too large to send.
 */
export async function findingsWorkbook(findings: readonly Finding[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sunan-stats';
  addFindingsSheet(wb, findings);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Fill colours (ARGB) of the annotated copy by severity, for readers and tests. */
export const ANNOTATION_FILL: Readonly<Record<Severity, string>> = SEVERITY_FILL;

/**
 * Writes a **new** workbook: the submission with each problem cell — and only those — shaded in its
 * most severe finding's colour and carrying a note (Chinese, then English), plus a 校验结果 sheet
 * listing every finding. Every other cell keeps its look; formulas become their cached values. The
 * input bytes are only read. For inputs that are not xlsx (CSV, JSON, xls, ods) the result holds the
 * 校验结果 sheet alone.
 */
export async function annotate(bytes: Uint8Array, report: ValidationReport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (report.format === 'xlsx') {
    try {
      // ExcelJS gets its own copy so nothing it does can reach the caller's buffer.
      await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
    } catch {
      // A file SheetJS could read but ExcelJS cannot: fall back to the findings sheet alone.
    }
  }
  removeMarks(wb);
  freezeFormulas(wb);
  wb.eachSheet(compactValidations);
  for (const [sheet, cells] of findingsByCell(report.findings)) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    for (const [cell, list] of cells) markCell(ws.getCell(cell), list);
  }
  addFindingsSheet(wb, report.findings);
  const out = await wb.xlsx.writeBuffer();
  return new Uint8Array(out as ArrayBuffer);
}
