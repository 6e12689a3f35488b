import type { Finding } from '@sunan/schema/core';
import type * as XLSX from 'xlsx';
import { buildFinding } from '../findings/build.js';
import { append } from '../findings/cap-findings.js';
import { unescapeXml, utf8Text } from '../read/fast/xml-text.js';

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
        out.push(formulaFinding(kind, sheet, a1(r, c), f));
        if (out.length >= max) return out;
      }
    }
  }
  return out;
}

const LT = 0x3c;
const GT = 0x3e;

/** The `r` of the `<c …>` start tag that encloses position `at`, or undefined. */
function enclosingRef(xml: Uint8Array, at: number): string | undefined {
  for (
    let k = xml.lastIndexOf(LT, at - 1), steps = 0;
    k >= 0 && steps < 8;
    k = xml.lastIndexOf(LT, k - 1), steps++
  )
    if (xml[k + 1] === 0x63 && xml[k + 2] === 0x20) {
      const tag = utf8Text(xml, k, Math.min(xml.indexOf(GT, k) + 1, k + 200));
      return /\sr="([A-Z]{1,3}\d{1,7})"/.exec(tag)?.[1];
    }
  return undefined;
}

/** Each `<f>…</f>` with text in a sheet's XML, scanned on the bytes (a sheet may be hundreds of MB). */
function* formulasInXml(xml: Uint8Array): Generator<FormulaAt> {
  for (let i = xml.indexOf(LT); i >= 0; i = xml.indexOf(LT, i + 1)) {
    if (xml[i + 1] !== 0x66 || (xml[i + 2] !== GT && xml[i + 2] !== 0x20)) continue;
    const gt = xml.indexOf(GT, i);
    if (gt < 0) return;
    if (xml[gt - 1] === 0x2f) continue; // <f …/>: a shared formula's follower, its text is the master's
    const close = xml.indexOf(LT, gt);
    if (close < 0) return;
    yield { ref: enclosingRef(xml, i), formula: unescapeXml(utf8Text(xml, gt + 1, close)) };
    i = close;
  }
}

/**
 * {@link formulaFindings} for an xlsx package read without SheetJS: `sheets` maps sheet names to
 * their entries (as the fast reader found them).
 */
export function formulaFindingsInEntries(
  entries: ReadonlyMap<string, Uint8Array>,
  sheets: ReadonlyMap<string, string>,
  max: number,
): Finding[] {
  const out: Finding[] = [];
  for (const [sheet, path] of sheets) {
    const xml = entries.get(path);
    if (xml) append(out, formulaFindingsOf(sheet, formulasInXml(xml), max - out.length));
    if (out.length >= max) break;
  }
  return out;
}

/** A live formula found in a sheet's XML, with the cell it sits in. */
export interface FormulaAt {
  readonly ref: string | undefined;
  readonly formula: string;
}

/** The risky ones among a sheet's formulas (found while its XML was scanned), at most `max`. */
export function formulaFindingsOf(sheet: string, formulas: Iterable<FormulaAt>, max: number): Finding[] {
  const out: Finding[] = [];
  if (max <= 0) return out;
  for (const { ref, formula } of formulas) {
    const kind = riskyFormula(formula);
    if (!kind) continue;
    out.push(formulaFinding(kind, sheet, ref, formula));
    if (out.length >= max) break;
  }
  return out;
}

function a1(r: number, c: number): string {
  let col = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
    col = String.fromCharCode(65 + ((n - 1) % 26)) + col;
  return `${col}${r + 1}`;
}

function formulaFinding(
  kind: 'external' | 'link',
  sheet: string,
  cell: string | undefined,
  f: string,
): Finding {
  return kind === 'external'
    ? buildFinding('FORMULA_EXTERNAL', { sheet, cell }, {}, { value: shown(f), expected: '数值 / a value' })
    : buildFinding('FORMULA_LINK', { sheet, cell }, {}, { value: shown(f) });
}
