import type ExcelJS from 'exceljs';

/**
 * ExcelJS stores data validation per cell and, when writing, squeezes equal neighbours into ranges
 * after sorting addresses as strings (F100 before F99), which writes overlapping ranges such as
 * `F99:F100` and `F100`; Excel then reports the file as damaged or applies the wrong rule. Rewriting
 * the model as maximal single-column runs keyed by range makes the writer emit them as they are.
 */

type Model = Record<string, ExcelJS.DataValidation | undefined>;

function modelOf(ws: ExcelJS.Worksheet): { model: Model } {
  return (ws as unknown as { dataValidations: { model: Model } }).dataValidations;
}

const CELL = /^([A-Z]+)(\d+)$/;

/** The cells of an address (`F2` or `F2:G9`), as [column, row] pairs. */
function cellsOf(address: string): Array<[string, number]> {
  const [a, b = a] = address.replace(/\$/g, '').split(':') as [string, string?];
  const ma = CELL.exec(a);
  const mb = CELL.exec(b ?? a);
  if (!ma || !mb) return [];
  if (Number(mb[2]) - Number(ma[2]) > 100_000) return [];
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const name = (n: number): string =>
    n <= 0 ? '' : name(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));
  const out: Array<[string, number]> = [];
  for (let c = col(ma[1] ?? 'A'); c <= col(mb[1] ?? 'A'); c++)
    for (let r = Number(ma[2]); r <= Number(mb[2]); r++) out.push([name(c), r]);
  return out;
}

/** Rewrites a sheet's data validations as non-overlapping single-column runs of equal rules. */
export function compactValidations(ws: ExcelJS.Worksheet): void {
  const dv = modelOf(ws);
  const byColumn = new Map<string, Map<number, ExcelJS.DataValidation>>();
  const model: Model = {};
  for (const [address, rule] of Object.entries(dv.model)) {
    if (!rule) continue;
    const cells = cellsOf(address);
    // Whole columns and huge ranges stay as they are: expanding them would cost more than it fixes.
    if (cells.length === 0) {
      model[address] = rule;
      continue;
    }
    for (const [col, row] of cells) {
      const rows = byColumn.get(col) ?? new Map<number, ExcelJS.DataValidation>();
      byColumn.set(col, rows);
      rows.set(row, rule);
    }
  }
  for (const [col, rows] of byColumn) {
    const sorted = [...rows.keys()].sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= sorted.length; i++) {
      const prev = sorted[i - 1] as number;
      const cur = sorted[i];
      const same = cur === prev + 1 && JSON.stringify(rows.get(cur)) === JSON.stringify(rows.get(prev));
      if (same) continue;
      const first = sorted[start] as number;
      model[first === prev ? `${col}${first}` : `${col}${first}:${col}${prev}`] = rows.get(first);
      start = i;
    }
  }
  dv.model = model;
}
