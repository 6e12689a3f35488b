import { type Finding, finding } from '@sunan/schema';
import type * as XLSX from 'xlsx';

/**
 * Formulas that reach outside the workbook when the file is opened: DDE (`=cmd|' /C calc'!A0`),
 * links to other workbooks (`[1]Sheet1!A1`), and functions that call code or the network. A
 * submission has no business with any of them: each is an error.
 */
const EXTERNAL_FUNCTIONS = /\b(CALL|REGISTER(\.ID)?|EXEC|RTD|WEBSERVICE|DDE|FILTERXML)\s*\(/i;
/** Formulas that are harmless in the numbers but carry links a reader may click: a warning. */
const LINK_FUNCTIONS = /\b(HYPERLINK|IMAGE|IMPORTXML|IMPORTDATA|IMPORTHTML|IMPORTFEED|IMPORTRANGE)\s*\(/i;

/** The formula with its string literals blanked, so text inside quotes is never taken for a call. */
const code = (f: string) => f.replace(/"(?:[^"]|"")*"/g, '""');

/** Classifies a formula: DDE or external → error, links → warning, anything else → undefined. */
export function riskyFormula(formula: string): 'external' | 'link' | undefined {
  const c = code(formula);
  if (
    /\|/.test(c) ||
    /^\s*=?\s*'?\[\d+\]/.test(c) ||
    /'?\[[^\]]*\.(xls[xmb]?|ods|csv)\]/i.test(c) ||
    EXTERNAL_FUNCTIONS.test(c)
  )
    return 'external';
  if (LINK_FUNCTIONS.test(c)) return 'link';
  return undefined;
}

const shown = (f: string) => `=${f.length > 200 ? `${f.slice(0, 200)}…` : f}`;

/**
 * Every live formula in any sheet that reaches outside the workbook, as a finding at its cell. At
 * most `max` are reported (the report's cap counts findings anyway; this bounds the work).
 */
export function formulaFindings(wb: XLSX.WorkBook, max: number): Finding[] {
  const out: Finding[] = [];
  for (const sheet of wb.SheetNames) {
    const rows = (wb.Sheets[sheet]?.['!data'] as XLSX.CellObject[][] | undefined) ?? [];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const f = row[c]?.f;
        if (typeof f !== 'string') continue;
        const kind = riskyFormula(f);
        if (!kind) continue;
        out.push(formulaFinding(kind, sheet, r, c, f));
        if (out.length >= max) return out;
      }
    }
  }
  return out;
}

function formulaFinding(kind: 'external' | 'link', sheet: string, r: number, c: number, f: string): Finding {
  let col = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
    col = String.fromCharCode(65 + ((n - 1) % 26)) + col;
  const cell = `${col}${r + 1}`;
  return kind === 'external'
    ? finding(
        'FORMULA_EXTERNAL',
        'error',
        {
          zh: '单元格含有调用外部程序或外部文件的公式（DDE、外部链接），不能提交；请改为数值',
          en: 'The cell holds a formula that calls an outside program or file (DDE, external link); replace it with its value',
        },
        { sheet, cell, value: shown(f), expected: '数值 / a value' },
      )
    : finding(
        'FORMULA_LINK',
        'warning',
        {
          zh: '单元格含有链接类公式（如 HYPERLINK），请确认后改为数值',
          en: 'The cell holds a link formula (such as HYPERLINK); check it and replace it with its value',
        },
        { sheet, cell, value: shown(f) },
      );
}
