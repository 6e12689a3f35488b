import { type Finding, finding } from '@sunan/schema/core';
import * as XLSX from 'xlsx';
import { formulaFindings } from '../checks/check-formulas.js';
import { ListColumns } from '../list/enterprise-rows.js';
import { canonicalHeader, ENTERPRISE_HEADERS, META_KEYS, SHEET, VALUE_HEADERS } from './layout.js';
import type { Limits } from './limits.js';
import type { FileMeta, ParsedFile, RawCell, RawValueRow } from './parsed-file.js';
import { BLANK, SheetValueRow, type ValueColumns } from './sheet-value-row.js';

type Sheet = XLSX.WorkSheet;
type Grid = XLSX.CellObject[][];

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** Classifies a cell by what it holds, never by how it is displayed. */
function rawCell(cell: XLSX.CellObject | undefined): RawCell {
  if (!cell) return BLANK;
  if (cell.f !== undefined && (cell.v === undefined || cell.t === 'z'))
    return { kind: 'formula-no-value', formula: cell.f };
  switch (cell.t) {
    case 'z':
      return BLANK;
    case 'e':
      return { kind: 'error', text: cell.w ?? `#ERR${String(cell.v)}` };
    case 'b':
      return { kind: 'bool', value: cell.v === true };
    case 'd':
      return {
        kind: 'date',
        text: cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v),
      };
    case 'n': {
      const format = typeof cell.z === 'string' ? cell.z : undefined;
      if (format && XLSX.SSF.is_date(format)) return { kind: 'date', text: cell.w ?? String(cell.v) };
      return { kind: 'number', value: Number(cell.v), format };
    }
    case 's':
      return String(cell.v).trim() === '' ? BLANK : { kind: 'text', text: String(cell.v) };
    default:
      return BLANK;
  }
}

function grid(ws: Sheet): Grid {
  return (ws['!data'] as Grid | undefined) ?? [];
}

/** Header name → column index, found in the first rows (offices sometimes add a title row above). */
function findHeader(
  ws: Sheet,
  required: readonly string[],
): { row: number; columns: Map<string, number> } | undefined {
  const rows = grid(ws);
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const columns = new Map<string, number>();
    (rows[r] ?? []).forEach((cell, c) => {
      if (cell && cell.t === 's') {
        const key = canonicalHeader(norm(String(cell.v)));
        if (!columns.has(key)) columns.set(key, c);
      }
    });
    if (required.every((h) => columns.has(h))) return { row: r, columns };
  }
  return undefined;
}

function sheetByHeaders(wb: XLSX.WorkBook, preferred: string, required: readonly string[]) {
  const names = [preferred, ...wb.SheetNames.filter((n) => n !== preferred)];
  for (const name of names) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const header = findHeader(ws, required);
    if (header) return { name, ws, header };
  }
  return undefined;
}

function checkSize(ws: Sheet, sheet: string, limits: Limits, findings: Finding[]): boolean {
  // The rows and columns actually read, never the sheet's <dimension> claim: a bogus
  // ref="A1:XFD1048576" on a normal sheet must not get it refused. SheetJS stops at maxRows + 1.
  const rows = grid(ws);
  let columns = 0;
  for (const row of rows) if (row && row.length > columns) columns = row.length;
  const range = { e: { r: rows.length - 1, c: columns - 1 } };
  const checks = [
    { code: 'FILE_TOO_MANY_ROWS', count: range.e.r + 1, limit: limits.maxRows, zh: '行数', en: 'rows' },
    {
      code: 'FILE_TOO_MANY_COLUMNS',
      count: range.e.c + 1,
      limit: limits.maxColumns,
      zh: '列数',
      en: 'columns',
    },
  ];
  for (const c of checks)
    if (c.count > c.limit) {
      findings.push(
        finding(
          c.code,
          'error',
          {
            zh: `工作表${c.zh} ${c.count} 超过上限 ${c.limit}`,
            en: `Sheet has ${c.count} ${c.en}; the limit is ${c.limit}`,
          },
          { sheet, value: String(c.count), expected: `≤ ${c.limit}` },
        ),
      );
      return false;
    }
  return true;
}

function readMeta(wb: XLSX.WorkBook): FileMeta | undefined {
  const ws = wb.Sheets[SHEET.meta];
  if (!ws) return undefined;
  const entries = new Map<string, string>();
  for (const row of grid(ws)) {
    const k = row?.[0];
    const v = row?.[1];
    if (k && v && k.v !== undefined && v.v !== undefined) entries.set(String(k.v).trim(), String(v.v).trim());
  }
  const get = (key: string) => entries.get(key);
  return {
    templateVersion: get(META_KEYS.templateVersion),
    catalogueId: get(META_KEYS.catalogueId),
    catalogueVersion: get(META_KEYS.catalogueVersion),
    city: get(META_KEYS.city),
    period: get(META_KEYS.period),
  };
}

function readValueRows(
  ws: Sheet,
  sheet: string,
  header: { row: number; columns: Map<string, number> },
  findings: Finding[],
): RawValueRow[] {
  const col = (h: string) => header.columns.get(h);
  const cCode = col(VALUE_HEADERS.orgUnitCode);
  const cName = col(VALUE_HEADERS.orgUnitName);
  const cInd = col(VALUE_HEADERS.indicatorCode);
  const cUnit = col(VALUE_HEADERS.unit);
  const cValue = col(VALUE_HEADERS.value) ?? -1;
  const cNote = col(VALUE_HEADERS.note);
  const rowsMeta = (ws['!rows'] as XLSX.RowInfo[] | undefined) ?? [];
  for (const m of (ws['!merges'] as XLSX.Range[] | undefined) ?? []) {
    if (m.e.r > header.row && m.s.c <= cValue && m.e.c >= cValue)
      findings.push(
        finding(
          'CELL_MERGED',
          'error',
          {
            zh: '数值列中有合并单元格，无法确定数值属于哪一行',
            en: 'A merged cell covers the value column; the value cannot be assigned to one row',
          },
          {
            sheet,
            cell: XLSX.utils.encode_cell(m.s),
            value: XLSX.utils.encode_range(m),
            expected: '不合并 / unmerged cells',
          },
        ),
      );
  }
  const rows = grid(ws);
  const out: RawValueRow[] = [];
  const pick = (row: XLSX.CellObject[] | undefined, c: number | undefined) =>
    c === undefined ? BLANK : rawCell(row?.[c]);
  const columns: ValueColumns = {
    sheet,
    value: XLSX.utils.encode_col(cValue),
    code: XLSX.utils.encode_col(cCode ?? cName ?? 0),
    indicator: XLSX.utils.encode_col(cInd ?? 0),
  };
  for (let r = header.row + 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const noteCell = pick(row, cNote);
    out.push(
      new SheetValueRow(
        pick(row, cCode),
        pick(row, cName),
        pick(row, cInd),
        pick(row, cUnit),
        pick(row, cValue),
        noteCell.kind === 'text' ? noteCell.text : undefined,
        rowsMeta[r]?.hidden === true,
        columns,
        r + 1,
      ),
    );
  }
  return out;
}

/** Trimmed text of a cell, or undefined when blank; numbers as typed (a year, a code stored as a number). */
function textOf(cell: XLSX.CellObject | undefined): string | undefined {
  if (!cell || cell.v === undefined || cell.v === null) return undefined;
  const t =
    typeof cell.v === 'string' ? cell.v.trim() : cell.v instanceof Date ? (cell.w ?? '') : String(cell.v);
  return t === '' ? undefined : t;
}

function readEnterpriseRows(
  ws: Sheet,
  sheet: string,
  header: { row: number; columns: Map<string, number> },
): ListColumns {
  const c = (h: string) => header.columns.get(h) ?? -1;
  const cCode = c(ENTERPRISE_HEADERS.creditCode);
  const cName = c(ENTERPRISE_HEADERS.name);
  const cPark = c(ENTERPRISE_HEADERS.park);
  const cCert = c(ENTERPRISE_HEADERS.certificateNo);
  const cYear = c(ENTERPRISE_HEADERS.certifiedYear);
  const rows = grid(ws);
  const out = new ListColumns(sheet, XLSX.utils.encode_col(Math.max(cCode, 0)));
  for (let r = header.row + 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    out.add(
      r + 1,
      textOf(row[cCode]),
      textOf(row[cName]),
      textOf(row[cPark]),
      textOf(row[cCert]),
      textOf(row[cYear]),
    );
  }
  return out;
}

const VALUE_REQUIRED = [VALUE_HEADERS.orgUnitCode, VALUE_HEADERS.indicatorCode, VALUE_HEADERS.value].map(
  norm,
);
const ENTERPRISE_REQUIRED = [ENTERPRISE_HEADERS.creditCode].map(norm);

/** Reads a workbook already parsed by SheetJS into rows to check. */
export function parsedFromWorkbook(
  wb: XLSX.WorkBook,
  format: ParsedFile['format'],
  limits: Limits,
): ParsedFile {
  const findings: Finding[] = [];
  const values = sheetByHeaders(wb, SHEET.values, VALUE_REQUIRED);
  let valueRows: RawValueRow[] = [];
  if (!values) {
    const present = wb.Sheets[SHEET.values] !== undefined;
    findings.push(
      finding(
        present ? 'HEADER_MISSING' : 'SHEET_MISSING',
        'error',
        present
          ? {
              zh: `工作表“${SHEET.values}”缺少表头：${Object.values(VALUE_HEADERS).slice(0, 3).join('、')}、数值`,
              en: `Sheet ${SHEET.values} lacks the required column headers (unit code, indicator code, value)`,
            }
          : {
              zh: `找不到指标数据工作表“${SHEET.values}”`,
              en: `No indicator sheet (${SHEET.values}) was found`,
            },
        {
          sheet: present ? SHEET.values : undefined,
          expected: [VALUE_HEADERS.orgUnitCode, VALUE_HEADERS.indicatorCode, VALUE_HEADERS.value].join(', '),
        },
      ),
    );
  } else if (checkSize(values.ws, values.name, limits, findings)) {
    valueRows = readValueRows(values.ws, values.name, values.header, findings);
  }
  const ent = sheetByHeaders(wb, SHEET.enterprises, ENTERPRISE_REQUIRED);
  let enterpriseRows: ListColumns | undefined;
  if (ent && checkSize(ent.ws, ent.name, limits, findings))
    enterpriseRows = readEnterpriseRows(ent.ws, ent.name, ent.header);
  else if (!ent && wb.Sheets[SHEET.enterprises])
    findings.push(
      finding(
        'HEADER_MISSING',
        'error',
        {
          zh: `工作表“${SHEET.enterprises}”缺少表头“${ENTERPRISE_HEADERS.creditCode}”`,
          en: `Sheet ${SHEET.enterprises} lacks the header ${ENTERPRISE_HEADERS.creditCode}`,
        },
        {
          sheet: SHEET.enterprises,
          expected: ENTERPRISE_HEADERS.creditCode,
        },
      ),
    );
  for (const f of formulaFindings(wb, limits.maxFindings)) findings.push(f);
  return { format, meta: readMeta(wb), valueRows, enterpriseRows, findings, valueSheet: values?.name };
}

/** SheetJS options: raw values with their number formats, formulas, and row flags (hidden rows). */
export function readOptions(limits: Limits): XLSX.ParsingOptions {
  return {
    dense: true,
    cellFormula: true,
    cellNF: true,
    cellStyles: true,
    cellDates: false,
    sheetRows: limits.maxRows + 1,
  };
}
