import { type Finding, finding } from '@sunan/schema/core';
import * as XLSX from 'xlsx';
import { type FormulaAt, formulaFindingsInEntries, formulaFindingsOf } from '../../checks/check-formulas.js';
import { append } from '../../findings/cap-findings.js';
import { ListColumns, type ListText, type ListTexts } from '../../list/enterprise-rows.js';
import { canonicalHeader, ENTERPRISE_HEADERS, META_KEYS, SHEET, VALUE_HEADERS } from '../layout.js';
import type { Limits } from '../limits.js';
import { underflowFindingsInEntries } from '../number-underflow.js';
import type { FileMeta, ParsedFile, RawCell, RawValueRow } from '../parsed-file.js';
import { BLANK, SheetValueRow, type ValueColumns } from '../sheet-value-row.js';
import { readCentralDirectory, type ZipEntry } from '../zip/central-directory.js';
import { type Inflater, inflatedWhole, inflateEntry, streamEntry } from '../zip/inflate-bounded.js';
import { decline } from './decline.js';
import type { SharedStrings } from './shared-strings.js';
import {
  type FastCell,
  MAX_ROW_BYTES,
  type RowSink,
  ScanLimit,
  SheetScanner,
  type SheetShape,
  scanSheet,
} from './sheet-scan.js';
import { formatted, partPaths, sheetPaths, type WorkbookParts, workbookParts } from './workbook-parts.js';

// Everything here mirrors read-workbook.ts (the SheetJS path) rule for rule; the differential tests
// (test/fast-reader.test.ts) hold the two to identical reports.

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** As read-workbook's rawCell, on a cell read by the fast scanner. */
function rawCell(cell: FastCell | undefined): RawCell {
  if (!cell) return BLANK;
  switch (cell.t) {
    case 'z':
      return cell.f === undefined ? BLANK : { kind: 'formula-no-value', formula: cell.f };
    case 'e':
      if (cell.v === undefined && cell.f !== undefined) return { kind: 'formula-no-value', formula: cell.f };
      return { kind: 'error', text: cell.w ?? `#ERR${String(cell.v)}` };
    case 'b':
      return { kind: 'bool', value: cell.v };
    case 'n':
      if (XLSX.SSF.is_date(cell.z))
        return { kind: 'date', text: formatted(cell.z, cell.v) ?? String(cell.v) };
      return { kind: 'number', value: cell.v, format: cell.z };
    case 's':
      return cell.v.trim() === '' ? BLANK : { kind: 'text', text: cell.v };
  }
}

/** A cell text trimmed, undefined when blank. */
function nonBlank(text: string): string | undefined {
  const t = text.trim();
  return t === '' ? undefined : t;
}

/** As read-workbook's textOf. */
function textOf(cell: FastCell | undefined): string | undefined {
  if (!cell || cell.v === undefined) return undefined;
  return nonBlank(typeof cell.v === 'string' ? cell.v : String(cell.v));
}

/**
 * A list cell as the list keeps it: a plain shared string by its index (its text is made when a check
 * reads the row, not while the sheet is scanned), any other cell as {@link textOf}.
 */
function listText(cell: FastCell | undefined): ListText {
  return cell?.t === 's' && cell.shared !== undefined ? cell.shared : textOf(cell);
}

/** The shared strings as the list reads its kept indices: trimmed, blank as undefined ({@link textOf}). */
class SharedListTexts implements ListTexts {
  constructor(private readonly table: SharedStrings) {}
  text(i: number): string | undefined {
    const t = this.table.get(i);
    return t === undefined ? undefined : nonBlank(t);
  }
}

interface Header {
  readonly row: number;
  readonly columns: Map<string, number>;
}

/** Collects rows of a sheet: the first 20 in full until the header is found, then only `wanted` columns. */
abstract class HeaderSink implements RowSink {
  header: Header | undefined;
  protected wanted = new Set<number>();
  constructor(private readonly required: readonly string[]) {}
  want(column: number): boolean {
    return this.header === undefined || this.wanted.has(column);
  }
  row(r: number, hidden: boolean, cells: ReadonlyMap<number, FastCell>): void {
    if (this.header) {
      this.body(r, hidden, cells);
      return;
    }
    if (r >= 20) decline('no header in the first 20 rows');
    const columns = new Map<string, number>();
    for (const [c, cell] of cells)
      if (cell.t === 's') {
        const key = canonicalHeader(norm(cell.v));
        if (!columns.has(key)) columns.set(key, c);
      }
    if (!this.required.every((h) => columns.has(h))) return;
    this.header = { row: r, columns };
    this.wanted = new Set(this.columnsWanted(columns));
  }
  protected abstract columnsWanted(columns: Map<string, number>): number[];
  protected abstract body(r: number, hidden: boolean, cells: ReadonlyMap<number, FastCell>): void;
}

const VALUE_REQUIRED = [VALUE_HEADERS.orgUnitCode, VALUE_HEADERS.indicatorCode, VALUE_HEADERS.value].map(
  norm,
);
const ENTERPRISE_REQUIRED = [ENTERPRISE_HEADERS.creditCode].map(norm);

class ValueSink extends HeaderSink {
  readonly rows: RawValueRow[] = [];
  private cols: Record<'code' | 'name' | 'ind' | 'unit' | 'value' | 'note', number | undefined> = {
    code: undefined,
    name: undefined,
    ind: undefined,
    unit: undefined,
    value: undefined,
    note: undefined,
  };
  constructor(private readonly sheet: string) {
    super(VALUE_REQUIRED);
  }
  protected columnsWanted(columns: Map<string, number>): number[] {
    const col = (h: string) => columns.get(h);
    this.cols = {
      code: col(VALUE_HEADERS.orgUnitCode),
      name: col(VALUE_HEADERS.orgUnitName),
      ind: col(VALUE_HEADERS.indicatorCode),
      unit: col(VALUE_HEADERS.unit),
      value: col(VALUE_HEADERS.value) ?? -1,
      note: col(VALUE_HEADERS.note),
    };
    return Object.values(this.cols).filter((c): c is number => c !== undefined);
  }
  protected body(r: number, hidden: boolean, cells: ReadonlyMap<number, FastCell>): void {
    const { cols } = this;
    const pick = (c: number | undefined) => (c === undefined ? BLANK : rawCell(cells.get(c)));
    const noteCell = pick(cols.note);
    this.rows.push(
      new SheetValueRow(
        pick(cols.code),
        pick(cols.name),
        pick(cols.ind),
        pick(cols.unit),
        pick(cols.value as number),
        noteCell.kind === 'text' ? noteCell.text : undefined,
        hidden,
        this.columns(),
        r + 1,
      ),
    );
  }
  private columnLetters: ValueColumns | undefined;
  /** The sheet's value, code and indicator column letters, worked out once. */
  private columns(): ValueColumns {
    const { cols } = this;
    this.columnLetters ??= {
      sheet: this.sheet,
      value: XLSX.utils.encode_col(cols.value as number),
      code: XLSX.utils.encode_col(cols.code ?? cols.name ?? 0),
      indicator: XLSX.utils.encode_col(cols.ind ?? 0),
    };
    return this.columnLetters;
  }
  /** CELL_MERGED findings, as read-workbook's readValueRows makes them. */
  mergeFindings(merges: readonly XLSX.Range[]): Finding[] {
    const header = this.header as Header;
    const cValue = this.cols.value as number;
    return merges
      .filter((m) => m.e.r > header.row && m.s.c <= cValue && m.e.c >= cValue)
      .map((m) =>
        finding(
          'CELL_MERGED',
          'error',
          {
            zh: '数值列中有合并单元格，无法确定数值属于哪一行',
            en: 'A merged cell covers the value column; the value cannot be assigned to one row',
          },
          {
            sheet: this.sheet,
            cell: XLSX.utils.encode_cell(m.s),
            value: XLSX.utils.encode_range(m),
            expected: '不合并 / unmerged cells',
          },
        ),
      );
  }
}

/** Shared strings a column of few values reads once each; past this many it reads each cell. */
const MAX_FEW = 1024;

class EnterpriseSink extends HeaderSink {
  rows: ListColumns;
  private cols = { code: -1, name: -1, park: -1, cert: -1, year: -1 };
  private readonly texts: ListTexts;
  /** Texts of a column of few values (parks, years) by shared-string index, each read once. */
  private readonly few = new Map<number, string | undefined>();
  constructor(
    private readonly sheet: string,
    strings: SharedStrings,
  ) {
    super(ENTERPRISE_REQUIRED);
    this.texts = new SharedListTexts(strings);
    this.rows = new ListColumns(sheet, 'A', this.texts);
  }
  protected columnsWanted(columns: Map<string, number>): number[] {
    const c = (h: string) => columns.get(h) ?? -1;
    this.cols = {
      code: c(ENTERPRISE_HEADERS.creditCode),
      name: c(ENTERPRISE_HEADERS.name),
      park: c(ENTERPRISE_HEADERS.park),
      cert: c(ENTERPRISE_HEADERS.certificateNo),
      year: c(ENTERPRISE_HEADERS.certifiedYear),
    };
    this.rows = new ListColumns(this.sheet, XLSX.utils.encode_col(Math.max(this.cols.code, 0)), this.texts);
    return Object.values(this.cols);
  }
  /**
   * A cell of a column of few values as its text, read once per shared string: 100,000 rows name a
   * handful of parks and years, which the list then keeps once each.
   */
  private fewText(cell: FastCell | undefined): ListText {
    if (cell?.t !== 's' || cell.shared === undefined) return textOf(cell);
    if (this.few.has(cell.shared)) return this.few.get(cell.shared);
    const text = textOf(cell);
    if (this.few.size < MAX_FEW) this.few.set(cell.shared, text);
    return text;
  }

  protected body(r: number, _hidden: boolean, cells: ReadonlyMap<number, FastCell>): void {
    const { cols } = this;
    this.rows.add(
      r + 1,
      listText(cells.get(cols.code)),
      listText(cells.get(cols.name)),
      this.fewText(cells.get(cols.park)),
      listText(cells.get(cols.cert)),
      this.fewText(cells.get(cols.year)),
    );
  }
}

/** Columns A and B of `_meta`, as read-workbook's readMeta reads them. */
class MetaSink implements RowSink {
  readonly entries = new Map<string, string>();
  want(column: number): boolean {
    return column <= 1;
  }
  row(_r: number, _hidden: boolean, cells: ReadonlyMap<number, FastCell>): void {
    const k = cells.get(0);
    const v = cells.get(1);
    if (k && v && k.v !== undefined && v.v !== undefined)
      this.entries.set(String(k.v).trim(), String(v.v).trim());
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

/** Rows and columns within the limits, else the file goes to SheetJS (which reports the excess). */
function withinLimits(shape: SheetShape, limits: Limits): void {
  if (!shape.range) return;
  if (shape.range.e.r + 1 > limits.maxRows || shape.range.e.c + 1 > limits.maxColumns)
    decline('sheet too large');
}

function scan(
  entries: ReadonlyMap<string, Uint8Array>,
  parts: WorkbookParts,
  name: string,
  limits: Limits,
  sink: RowSink,
): SheetShape {
  const path = parts.sheets.get(name) as string;
  const shape = inSheet(name, () => scanSheet(entries.get(path) as Uint8Array, parts, limits.maxRows, sink));
  withinLimits(shape, limits);
  return shape;
}

/** A sheet beyond a limit of the scan: the file is refused with {@link refusal}'s finding. */
class Refused extends Error {
  constructor(
    readonly sheet: string,
    readonly limit: ScanLimit,
  ) {
    super(limit.message);
  }
}

/** Runs a scan of sheet `name`, naming the sheet when it stops at a limit. */
function inSheet<T>(name: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw e instanceof ScanLimit ? new Refused(name, e) : e;
  }
}

/** Thousands grouped with commas, as the limits are written in the messages (no locale involved). */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The finding that refuses a file whose sheet stopped the scan at a limit. */
function refusal({ sheet, limit }: Refused, limits: Limits): Finding {
  const list = sheet === SHEET.enterprises;
  if (limit.kind === 'rows') {
    const max = grouped(limits.maxRows);
    const seen = grouped(limit.row);
    return finding(
      'FILE_TOO_MANY_ROWS',
      'error',
      {
        zh: `${list ? '名单' : `工作表“${sheet}”`}超过 ${max} 行的上限（已读到第 ${seen} 行）`,
        en: `${list ? 'The enterprise list' : `Sheet ${sheet}`} exceeds the limit of ${max} rows (read up to row ${seen})`,
      },
      // value and expected as the SheetJS path gives them (digits only), the message grouped.
      { sheet, value: String(limit.row), expected: `≤ ${limits.maxRows}` },
    );
  }
  const mib = `${MAX_ROW_BYTES / (1024 * 1024)} MiB`;
  const zhWhere = limit.row === 0 ? '开头' : `第 ${grouped(limit.row)} 行之后`;
  const enWhere = limit.row === 0 ? 'at its start' : `after row ${grouped(limit.row)}`;
  return finding(
    'SHEET_ROW_TOO_LONG',
    'error',
    {
      zh: `工作表“${sheet}”${zhWhere}有一段超过 ${mib} 的内容不成行（一行或行外的内容过长），文件无法读取`,
      en: `Sheet ${sheet} holds over ${mib} of XML ${enWhere} without a row's end (one row, or the content around the rows, is too long); the file cannot be read`,
    },
    { sheet, value: `> ${mib}`, expected: `≤ ${mib}` },
  );
}

/** What the fast reader made of a file: rows and findings, or "leave it to the SheetJS path". */
export type FastRead =
  | { readonly kind: 'read'; readonly parsed: ParsedFile; readonly findings: Finding[] }
  /** Plain, but a sheet goes beyond the row limit or holds a row too long to read: refused at once. */
  | { readonly kind: 'refused'; readonly findings: Finding[] }
  /** Not plain enough, or not intact: the SheetJS path reads it and reports any damage. */
  | { readonly kind: 'declined' };

const DECLINED: FastRead = { kind: 'declined' };

/** Inflates one entry whole into `entries`; a damaged entry ends the fast path. */
function inflateWhole(
  archive: Uint8Array,
  e: ZipEntry,
  entries: Map<string, Uint8Array>,
  inflater: Inflater | undefined,
): void {
  const r = inflateEntry(archive, e, inflater);
  if (!r.ok) decline('an entry fails its checks');
  entries.set(e.name, r.bytes);
}

/**
 * Inflates what the fast reader needs whole (the package's structure, shared strings, styles and
 * every sheet but the enterprise list) and checks every other entry on the fly without keeping it.
 * The list is left for streaming. In values-only mode the list is not inflated at all: a previous
 * period's file is read for its values, and only the parts read are checked.
 */
function inflateParts(
  archive: Uint8Array,
  dir: readonly ZipEntry[],
  inflater: Inflater | undefined,
): { entries: Map<string, Uint8Array>; parts: WorkbookParts; list: ZipEntry } {
  const byName = new Map(dir.map((e) => [e.name, e]));
  const entries = new Map<string, Uint8Array>();
  for (const name of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
    const e = byName.get(name);
    if (e) inflateWhole(archive, e, entries, inflater);
  }
  const exists = (p: string) => byName.has(p);
  const sheets = sheetPaths(entries, exists);
  const listPath = sheets.get(SHEET.enterprises);
  const list = listPath === undefined ? undefined : byName.get(listPath);
  if (!list || !sheets.has(SHEET.values)) decline('not the template layout');
  const { sst, styles } = partPaths(entries);
  const whole = new Set([...sheets.values(), sst, styles]);
  whole.delete(list.name);
  for (const e of dir) {
    if (entries.has(e.name) || e === list) continue;
    if (whole.has(e.name)) inflateWhole(archive, e, entries, inflater);
    else if (streamEntry(archive, e, () => {}, inflater)) decline('an entry fails its checks');
  }
  return { entries, parts: workbookParts(entries, exists), list };
}

/** Streams the enterprise list through the scanner while it inflates; never holds the sheet whole. */
function streamList(
  archive: Uint8Array,
  list: ZipEntry,
  parts: WorkbookParts,
  limits: Limits,
  sink: EnterpriseSink,
  inflater: Inflater | undefined,
): FormulaAt[] {
  const formulas: FormulaAt[] = [];
  const scanner = new SheetScanner(parts, limits.maxRows, sink, (ref, formula) => {
    if (formulas.length < limits.maxFindings) formulas.push({ ref, formula });
  });
  const problem = inSheet(SHEET.enterprises, () =>
    streamEntry(archive, list, (chunk) => scanner.push(chunk), inflater),
  );
  if (problem) decline('the list fails its checks');
  withinLimits(
    inSheet(SHEET.enterprises, () => scanner.end()),
    limits,
  );
  if (!sink.header) decline('no header on the enterprise sheet');
  return formulas;
}

function read(
  archive: Uint8Array,
  limits: Limits,
  valuesOnly: boolean,
  inflater: Inflater | undefined,
): FastRead {
  const dir = readCentralDirectory(archive, limits.maxZipEntries);
  if (!dir.ok) return DECLINED;
  let declared = 0;
  for (const e of dir.entries) declared += e.size;
  if (declared > limits.maxDecompressedBytes) return DECLINED;
  const { entries, parts, list } = inflateParts(archive, dir.entries, inflater);
  const values = new ValueSink(SHEET.values);
  const valueShape = scan(entries, parts, SHEET.values, limits, values);
  if (!values.header) decline('no header on the value sheet');
  let meta: FileMeta | undefined;
  if (parts.sheets.has(SHEET.meta)) {
    const sink = new MetaSink();
    const xml = entries.get(parts.sheets.get(SHEET.meta) as string) as Uint8Array;
    inSheet(SHEET.meta, () => scanSheet(xml, parts, limits.maxRows, sink));
    meta = sink.meta();
  }
  const enterprises = new EnterpriseSink(SHEET.enterprises, parts.sharedStrings);
  const listFormulas = valuesOnly ? [] : streamList(archive, list, parts, limits, enterprises, inflater);
  // The list, if inflated whole, is no longer held (the scanner, whose last batch views it, is gone).
  if (!valuesOnly && inflatedWhole(list, inflater)) inflater.released?.(list.size);
  const others = new Map([...parts.sheets].filter(([name]) => name !== SHEET.enterprises));
  // Numbers that underflow to 0 and live formulas, looked for in the sheets' XML as the SheetJS path does.
  const findings = underflowFindingsInEntries(entries, others, limits.maxFindings);
  if (!valuesOnly) {
    append(findings, formulaFindingsInEntries(entries, others, limits.maxFindings));
    append(findings, formulaFindingsOf(SHEET.enterprises, listFormulas, limits.maxFindings));
  }
  return {
    kind: 'read',
    parsed: {
      format: 'xlsx',
      meta,
      valueRows: values.rows,
      enterpriseRows: valuesOnly ? undefined : enterprises.rows,
      findings: values.mergeFindings(valueShape.merges),
      valueSheet: SHEET.values,
    },
    findings,
  };
}

/**
 * Reads an xlsx made from the project's template without SheetJS: only the 指标, enterprise-list and
 * `_meta` sheets, the shared strings and the number formats, scanned straight from the XML, the list
 * while it inflates. Every entry's size and CRC-32 are checked as it is inflated. Gives the same
 * {@link ParsedFile} the SheetJS path gives (with `valuesOnly`, without the enterprise list), or
 * `declined` when the file is anything but plain and intact — then the SheetJS path reads it and
 * reports what is wrong. Never throws.
 */
export function readFastXlsx(
  bytes: Uint8Array,
  limits: Limits,
  valuesOnly = false,
  inflater?: Inflater,
): FastRead {
  try {
    return read(bytes, limits, valuesOnly, inflater);
  } catch (e) {
    // Refused where the scan stopped: the SheetJS path would hold the whole sheet to say the same.
    if (e instanceof Refused) return { kind: 'refused', findings: [refusal(e, limits)] };
    // A decline, or anything unexpected: the SheetJS path reads the file and turns failures into findings.
    return DECLINED;
  }
}
