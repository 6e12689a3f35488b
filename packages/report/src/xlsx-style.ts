import type ExcelJS from 'exceljs';
import { excelFormat } from './format-number.js';

/** Fills of status cells: green for met / on track, red for missed / behind, amber when unknown. */
export const FILLS = {
  head: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  good: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } },
  bad: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
  unknown: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } },
  warn: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4CCCC' } },
} as const satisfies Record<string, ExcelJS.Fill>;

/** Text from files is written as text: ExcelJS writes strings as strings, this only names the intent. */
export const safeText = (s: string): string => s;

/** Whether text would start a formula if a person re-typed or pasted it (= + - @ tab CR). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Cells whose text starts like a formula get the Text number format, so even re-entering them in
 * Excel keeps them text; no cell of a report is ever written as a formula.
 */
export function guardFormulas(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (typeof c.value === 'string' && FORMULA_START.test(c.value)) c.numFmt = '@';
    }),
  );
}

/** Display width of text in Excel columns: CJK characters count double. */
export function textWidth(s: string): number {
  let n = 0;
  for (const ch of s) n += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2.1 : 1.1;
  return n;
}

/** Column widths that show every header and value (names in full up to `max`). */
export function fitColumns(ws: ExcelJS.Worksheet, fromRow: number, min = 8, max = 60): void {
  const widths: number[] = [];
  ws.eachRow((row, r) => {
    if (r < fromRow) return;
    row.eachCell((c, k) => {
      const v = c.value;
      const text =
        typeof v === 'number'
          ? `${v.toLocaleString('en-US', { maximumFractionDigits: 6 })}  `
          : String(v ?? '');
      const w = Math.max(...text.split('\n').map(textWidth)) + 2;
      widths[k] = Math.max(widths[k] ?? min, Math.min(max, w));
    });
  });
  widths.forEach((w, k) => {
    if (k > 0) ws.getColumn(k).width = Math.ceil(w);
  });
}

/**
 * Print and navigation set-up every sheet gets: A4 landscape, fit to one page wide, the header row
 * repeated on every printed page and frozen on screen, an autofilter over the table.
 */
export function pageSetup(ws: ExcelJS.Worksheet, headerRow: number, columns: number, lastRow?: number): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.views = [
    {
      state: 'frozen',
      xSplit: 0,
      ySplit: headerRow,
      topLeftCell: `A${headerRow + 1}`,
      activeCell: `A${headerRow + 1}`,
    },
  ];
  ws.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: Math.max(headerRow, lastRow ?? ws.rowCount), column: columns },
  };
  const head = ws.getRow(headerRow);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', wrapText: false };
  for (let k = 1; k <= columns; k++) head.getCell(k).fill = FILLS.head;
  guardFormulas(ws);
}

/** The number format of an indicator's figures, with an optional prefix ("约 "). */
export function numberFormat(decimals: number, prefix = ''): string {
  const f = excelFormat(decimals);
  return prefix ? `"${prefix}"${f}` : f;
}
