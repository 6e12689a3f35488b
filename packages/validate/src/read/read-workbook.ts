import type { Finding } from '@sunan/schema/core';
import type * as XLSX from 'xlsx';
import { formulaFindings } from '../checks/check-formulas.js';
import { finding } from '../findings/build.js';
import type { FindingCode } from '../findings/codes.js';
import { ListColumns } from '../list/enterprise-rows.js';
import { ENTERPRISE_HEADERS, SHEET, VALUE_HEADERS } from './layout.js';
import type { Limits } from './limits.js';
import type { FileMeta, ParsedFile, RawValueRow } from './parsed-file.js';
import {
  addListRow,
  cellText,
  ENTERPRISE_REQUIRED,
  HEADER_SEARCH_ROWS,
  headerColumns,
  type ListCellReader,
  listColumnMap,
  listLetters,
  MetaEntries,
  mergedValueFindings,
  VALUE_REQUIRED,
  valueColumnLetters,
  valueColumnMap,
  valueRow,
} from './sheet-layout.js';

type Sheet = XLSX.WorkSheet;
type Grid = XLSX.CellObject[][];

/** A date cell's text as SheetJS displays it. */
const shown = (cell: XLSX.CellObject) => cell.w;

function grid(ws: Sheet): Grid {
  return (ws['!data'] as Grid | undefined) ?? [];
}

/** The header row and its columns, found in the first rows (offices sometimes add a title row above). */
function findHeader(
  ws: Sheet,
  required: readonly string[],
): { row: number; columns: Map<string, number> } | undefined {
  const rows = grid(ws);
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const columns = headerColumns((rows[r] ?? []).entries(), required);
    if (columns) return { row: r, columns };
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
  const checks: { code: FindingCode; count: number; limit: number; zh: string; en: string }[] = [
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
  const entries = new MetaEntries();
  for (const row of grid(ws)) entries.add(row?.[0], row?.[1]);
  return entries.meta();
}

function readValueRows(
  ws: Sheet,
  sheet: string,
  header: { row: number; columns: Map<string, number> },
  findings: Finding[],
): RawValueRow[] {
  const map = valueColumnMap(header.columns);
  const rowsMeta = (ws['!rows'] as XLSX.RowInfo[] | undefined) ?? [];
  const merges = (ws['!merges'] as XLSX.Range[] | undefined) ?? [];
  for (const f of mergedValueFindings(merges, header.row, map.value, sheet)) findings.push(f);
  const rows = grid(ws);
  const out: RawValueRow[] = [];
  const letters = valueColumnLetters(sheet, map);
  for (let r = header.row + 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    out.push(valueRow((c) => row[c], map, shown, letters, r + 1, rowsMeta[r]?.hidden === true));
  }
  return out;
}

/** Every list cell as its trimmed text: the SheetJS path keeps no shared-string indices. */
const LIST_CELLS: ListCellReader<XLSX.CellObject> = { each: cellText, few: cellText };

function readEnterpriseRows(
  ws: Sheet,
  sheet: string,
  header: { row: number; columns: Map<string, number> },
): ListColumns {
  const map = listColumnMap(header.columns);
  const rows = grid(ws);
  const out = new ListColumns(sheet, listLetters(map));
  for (let r = header.row + 1; r < rows.length; r++) {
    const row = rows[r];
    if (row) addListRow(out, (c) => row[c], map, LIST_CELLS, r + 1);
  }
  return out;
}

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
