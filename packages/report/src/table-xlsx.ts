import ExcelJS from 'exceljs';
import { fitColumns, numberFormat, pageSetup, safeText } from './xlsx-style.js';

/** A column of a plain table sheet. */
export interface TableColumn {
  /** Header, Chinese first with English beside (“改动 change”). */
  readonly header: string;
  /** For numeric columns: decimals shown (the cell keeps the full number). */
  readonly decimals?: number;
}

/** One sheet of a table workbook: a title line, a header row and rows of text or numbers. */
export interface TableSheet {
  /** Sheet name (Excel allows 31 characters; longer names are cut). */
  readonly name: string;
  readonly title: string;
  readonly columns: readonly TableColumn[];
  /** Numbers are written as numbers, text as text; null leaves the cell blank. */
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}

/**
 * Writes plain tables as an .xlsx workbook, one sheet each, styled like the zone report: a title
 * line, the header row frozen, filtered and repeated on every printed A4 page, numbers as numbers.
 * Used by the quality report and `ledger diff`, which build the rows themselves.
 */
export async function tableWorkbook(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    ws.addRow([safeText(s.title)]).font = { bold: true, size: 13 };
    ws.addRow(s.columns.map((c) => c.header));
    for (const r of s.rows) ws.addRow(r.map((v) => (typeof v === 'string' ? safeText(v) : v)));
    s.columns.forEach((c, k) => {
      if (c.decimals !== undefined) ws.getColumn(k + 1).numFmt = numberFormat(c.decimals);
    });
    pageSetup(ws, 2, Math.max(1, s.columns.length));
    fitColumns(ws, 2);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
