import type ExcelJS from 'exceljs';

/**
 * Printing a sheet as a form: A4 landscape, one page wide (as many pages tall as it takes), the
 * header row repeated on every page, columns wide enough to show their longest text. Without this a
 * city template printed from Excel or LibreOffice ran to 18 US-Letter pages with the 数值 column on
 * pages of its own.
 */

/** Excel's paper size code for A4. */
const A4 = 9;

/**
 * Approximate width of text in Excel column units (one unit ≈ one digit of the default font). CJK
 * and full-width characters take about two units each, a little more in DengXian or SimSun.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 2.2 : 1.1;
  return w;
}

/** Page setup for printing: A4 landscape, fit to one page wide; `titleRows` repeat on every page. */
export function printAsForm(ws: ExcelJS.Worksheet, titleRows?: string): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: A4,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    // 0: as many pages tall as the rows need.
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  ws.headerFooter = { ...ws.headerFooter, oddFooter: PAGE_FOOTER };
}

/** Page number as Chinese forms print it, in the centre of the footer. */
export const PAGE_FOOTER = '&C第 &P 页 共 &N 页';

/** Text safe inside an Excel header or footer, where `&` starts a code. */
export function headerText(text: string): string {
  return text.replaceAll('&', '&&');
}

/**
 * Header and footer on every sheet of a workbook: the title on the left, the sheet's name in the
 * centre (a per-year sheet's name carries its year), the period on the right, 第 N 页 共 M 页 below.
 * A sheet that already has a header keeps it.
 */
export function pageHeadings(wb: ExcelJS.Workbook, title: string, period: string): void {
  for (const ws of wb.worksheets) {
    if (ws.state === 'hidden' || ws.state === 'veryHidden' || ws.headerFooter?.oddHeader) continue;
    ws.headerFooter = {
      ...ws.headerFooter,
      oddHeader: `&L${headerText(title)}&C&B${headerText(ws.name)}&R${headerText(period)}`,
      oddFooter: PAGE_FOOTER,
    };
  }
}

/** Widens each column to its longest text (header included); never narrower than set, at most `max`. */
export function fitColumnWidths(ws: ExcelJS.Worksheet, max = 100): void {
  ws.columns.forEach((column, i) => {
    let longest = 0;
    ws.getColumn(i + 1).eachCell({ includeEmpty: false }, (c) => {
      const v = c.value;
      const text = v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v);
      longest = Math.max(longest, displayWidth(text));
    });
    column.width = Math.min(max, Math.max(column.width ?? 8, Math.ceil(longest) + 2));
  });
}

/**
 * Lays out a one-column text sheet (the instructions) so it prints inside the page: the column as
 * wide as `width` units, text wrapped, each row as tall as its wrapped lines.
 */
export function wrapTextSheet(ws: ExcelJS.Worksheet, width: number): void {
  ws.getColumn(1).width = width;
  ws.eachRow({ includeEmpty: true }, (row) => {
    const c = row.getCell(1);
    const text = typeof c.value === 'string' ? c.value : '';
    const size = c.font?.size ?? 11;
    const lines = Math.max(1, Math.ceil((displayWidth(text) * size) / 11 / (width - 1)));
    c.alignment = { ...c.alignment, wrapText: true, vertical: 'top' };
    row.height = Math.ceil(lines * size * 1.45);
  });
}
