import type { Finding } from '@sunan/schema/core';
import * as XLSX from 'xlsx';
import { finding } from '../findings/build.js';
import type { ListColumns, ListLetters, ListText } from '../list/enterprise-rows.js';
import { canonicalHeader, ENTERPRISE_HEADERS, META_KEYS, VALUE_HEADERS } from './layout.js';
import type { FileMeta, RawCell } from './parsed-file.js';
import { BLANK, SheetValueRow, type ValueColumns } from './sheet-value-row.js';

// The template's layout rules, once for both readers: the SheetJS path (read-workbook.ts) and the
// fast reader (fast/read-fast.ts) hand their cells to these functions, so the two cannot drift apart.
// The differential tests (test/fast-reader.test.ts) still hold them to identical reports.

/**
 * A cell as either reader holds it: a SheetJS cell object, or the fast scanner's cell of the same
 * shape. Only the fields the layout rules read.
 */
export interface LayoutCell {
  /** SheetJS's type letter: n, s, b, e, d, z. */
  readonly t: string;
  readonly v?: string | number | boolean | Date | undefined;
  readonly f?: string | undefined;
  /** The number format (text, or SheetJS's format id). */
  readonly z?: string | number | undefined;
  /** The displayed text, where the reader has it. */
  readonly w?: string | undefined;
}

/** The cell of a row at a 0-based column, undefined when the row has none. */
export type CellAt<C extends LayoutCell> = (column: number) => C | undefined;

/** Headers are compared whitespace-free and NFKC-normalised (full-width letters, ideographic spaces). */
export const normHeader = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/** Rows searched for the header row: offices sometimes add a title row or a few above it. */
export const HEADER_SEARCH_ROWS = 20;

/** Headers the 指标 sheet must have. */
export const VALUE_REQUIRED: readonly string[] = [
  VALUE_HEADERS.orgUnitCode,
  VALUE_HEADERS.indicatorCode,
  VALUE_HEADERS.value,
].map(normHeader);

/** Headers the enterprise list must have. */
export const ENTERPRISE_REQUIRED: readonly string[] = [ENTERPRISE_HEADERS.creditCode].map(normHeader);

/**
 * Header name → column index when the row holds every `required` header, else undefined. The first
 * column carrying a header wins.
 */
export function headerColumns(
  cells: Iterable<readonly [number, LayoutCell | undefined]>,
  required: readonly string[],
): Map<string, number> | undefined {
  const columns = new Map<string, number>();
  for (const [c, cell] of cells)
    if (cell !== undefined && cell.t === 's') {
      const key = canonicalHeader(normHeader(String(cell.v)));
      if (!columns.has(key)) columns.set(key, c);
    }
  return required.every((h) => columns.has(h)) ? columns : undefined;
}

/** The 指标 sheet's columns by role; `value` is always found (it is required). */
export interface ValueColumnMap {
  readonly code: number | undefined;
  readonly name: number | undefined;
  readonly indicator: number | undefined;
  readonly unit: number | undefined;
  readonly value: number;
  readonly note: number | undefined;
}

/** The roles of a 指标 header row's columns. */
export function valueColumnMap(columns: ReadonlyMap<string, number>): ValueColumnMap {
  return {
    code: columns.get(VALUE_HEADERS.orgUnitCode),
    name: columns.get(VALUE_HEADERS.orgUnitName),
    indicator: columns.get(VALUE_HEADERS.indicatorCode),
    unit: columns.get(VALUE_HEADERS.unit),
    value: columns.get(VALUE_HEADERS.value) ?? -1,
    note: columns.get(VALUE_HEADERS.note),
  };
}

/** The columns a reader must keep of a 指标 sheet's rows. */
export function valueColumnsRead(map: ValueColumnMap): number[] {
  return Object.values(map).filter((c): c is number => c !== undefined);
}

/** Column letters a value row's findings point at. */
export function valueColumnLetters(sheet: string, map: ValueColumnMap): ValueColumns {
  return {
    sheet,
    value: XLSX.utils.encode_col(map.value),
    code: XLSX.utils.encode_col(map.code ?? map.name ?? 0),
    indicator: XLSX.utils.encode_col(map.indicator ?? 0),
  };
}

/** Classifies a cell by what it holds, never by how it is displayed. `dateText`: a date cell's text. */
export function rawCell<C extends LayoutCell>(
  cell: C | undefined,
  dateText: (cell: C) => string | undefined,
): RawCell {
  if (!cell) return BLANK;
  if (cell.f !== undefined && (cell.v === undefined || cell.t === 'z'))
    return { kind: 'formula-no-value', formula: cell.f };
  switch (cell.t) {
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
      if (format && XLSX.SSF.is_date(format)) return { kind: 'date', text: dateText(cell) ?? String(cell.v) };
      return { kind: 'number', value: Number(cell.v), format };
    }
    case 's':
      return String(cell.v).trim() === '' ? BLANK : { kind: 'text', text: String(cell.v) };
    default:
      return BLANK;
  }
}

/** One 指标 row: the cells of the mapped columns, classified by {@link rawCell}. */
export function valueRow<C extends LayoutCell>(
  at: CellAt<C>,
  map: ValueColumnMap,
  dateText: (cell: C) => string | undefined,
  letters: ValueColumns,
  line: number,
  hidden: boolean,
): SheetValueRow {
  const pick = (c: number | undefined) => (c === undefined ? BLANK : rawCell(at(c), dateText));
  const note = pick(map.note);
  return new SheetValueRow(
    pick(map.code),
    pick(map.name),
    pick(map.indicator),
    pick(map.unit),
    pick(map.value),
    note.kind === 'text' ? note.text : undefined,
    hidden,
    letters,
    line,
  );
}

/** The merged ranges below the header that cover the value column: each is a CELL_MERGED error. */
export function mergedValueFindings(
  merges: readonly XLSX.Range[],
  headerRow: number,
  valueColumn: number,
  sheet: string,
): Finding[] {
  return merges
    .filter((m) => m.e.r > headerRow && m.s.c <= valueColumn && m.e.c >= valueColumn)
    .map((m) =>
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

/** The enterprise list's columns by role, -1 where the sheet has none. */
export interface ListColumnMap {
  readonly creditCode: number;
  readonly name: number;
  readonly park: number;
  readonly certificateNo: number;
  readonly certifiedYear: number;
}

/** The roles of an enterprise list header row's columns. */
export function listColumnMap(columns: ReadonlyMap<string, number>): ListColumnMap {
  const c = (h: string) => columns.get(h) ?? -1;
  return {
    creditCode: c(ENTERPRISE_HEADERS.creditCode),
    name: c(ENTERPRISE_HEADERS.name),
    park: c(ENTERPRISE_HEADERS.park),
    certificateNo: c(ENTERPRISE_HEADERS.certificateNo),
    certifiedYear: c(ENTERPRISE_HEADERS.certifiedYear),
  };
}

/** Each list field's column letter; a field the sheet lacks points at the credit-code column. */
export function listLetters(map: ListColumnMap): ListLetters {
  const code = Math.max(map.creditCode, 0);
  const letter = (c: number) => XLSX.utils.encode_col(c < 0 ? code : c);
  return {
    creditCode: letter(code),
    name: letter(map.name),
    park: letter(map.park),
    certificateNo: letter(map.certificateNo),
    certifiedYear: letter(map.certifiedYear),
  };
}

/** A cell's text trimmed, undefined when blank. */
export function nonBlank(text: string): string | undefined {
  const t = text.trim();
  return t === '' ? undefined : t;
}

/** Trimmed text of a cell, or undefined when blank; numbers as typed (a year, a code stored as a number). */
export function cellText(cell: LayoutCell | undefined): string | undefined {
  if (!cell || cell.v === undefined || cell.v === null) return undefined;
  const v = cell.v;
  return nonBlank(typeof v === 'string' ? v : v instanceof Date ? (cell.w ?? '') : String(v));
}

/**
 * How a reader keeps a list cell: `each` for the code, name and certificate columns, `few` for the
 * park and year columns, which hold a handful of distinct values.
 */
export interface ListCellReader<C extends LayoutCell> {
  each(cell: C | undefined): ListText;
  few(cell: C | undefined): ListText;
}

/** Appends one list row, read from sheet line `line`, to `out`. */
export function addListRow<C extends LayoutCell>(
  out: ListColumns,
  at: CellAt<C>,
  map: ListColumnMap,
  read: ListCellReader<C>,
  line: number,
): void {
  out.add(
    line,
    read.each(at(map.creditCode)),
    read.each(at(map.name)),
    read.few(at(map.park)),
    read.each(at(map.certificateNo)),
    read.few(at(map.certifiedYear)),
  );
}

/** Entries of the `_meta` sheet, key (column A) → value (column B), both trimmed. */
export class MetaEntries {
  private readonly entries = new Map<string, string>();
  /** Takes one `_meta` row; a row without both a key and a value is skipped. */
  add(key: LayoutCell | undefined, value: LayoutCell | undefined): void {
    if (key && value && key.v !== undefined && value.v !== undefined)
      this.entries.set(String(key.v).trim(), String(value.v).trim());
  }
  meta(): FileMeta {
    const get = (key: string) => this.entries.get(key);
    return {
      templateVersion: get(META_KEYS.templateVersion),
      catalogueId: get(META_KEYS.catalogueId),
      catalogueVersion: get(META_KEYS.catalogueVersion),
      city: get(META_KEYS.city),
      period: get(META_KEYS.period),
    };
  }
}
