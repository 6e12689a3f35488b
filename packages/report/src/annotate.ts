import type { Finding, Severity } from '@sunan/schema';
import type { ValidationReport } from '@sunan/validate';
import { SHEET } from '@sunan/validate';
import ExcelJS from 'exceljs';

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

/**
 * Writes a **new** workbook: the submission with each problem cell shaded by severity and carrying a
 * comment (Chinese, then English), plus a 校验结果 sheet listing every finding. The input bytes are
 * only read. For inputs that are not xlsx (CSV, JSON, xls, ods) the result holds the 校验结果 sheet alone.
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
  // One note per cell: the most severe finding sets the shade; every finding is in the note.
  const byCell = new Map<string, Finding[]>();
  for (const f of report.findings)
    if (f.sheet && f.cell) {
      const key = `${f.sheet}!${f.cell}`;
      byCell.set(key, [...(byCell.get(key) ?? []), f]);
    }
  for (const [key, list] of byCell) {
    const [sheet, cell] = key.split('!') as [string, string];
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    const c = ws.getCell(cell);
    const worst = list.reduce((a, b) => (RANK[b.severity] < RANK[a.severity] ? b : a));
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILL[worst.severity] } };
    c.note = list
      .map((f) => `【${SEVERITY_ZH[f.severity]}】${f.code}\n${f.message.zh}\n${f.message.en}`)
      .join('\n\n');
  }
  addFindingsSheet(wb, report.findings);
  const out = await wb.xlsx.writeBuffer();
  return new Uint8Array(out as ArrayBuffer);
}
