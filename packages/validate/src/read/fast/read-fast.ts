import type { Finding } from '@sunan/schema/core';
import type * as XLSX from 'xlsx';
import { type FormulaAt, formulaFindingsInEntries, formulaFindingsOf } from '../../checks/check-formulas.js';
import { finding } from '../../findings/build.js';
import { append } from '../../findings/cap-findings.js';
import { ListColumns, type ListText, type ListTexts } from '../../list/enterprise-rows.js';
import { SHEET } from '../layout.js';
import type { Limits } from '../limits.js';
import { underflowFindingsInEntries } from '../number-underflow.js';
import type { FileMeta, ParsedFile, RawValueRow } from '../parsed-file.js';
import {
  addListRow,
  cellText,
  ENTERPRISE_REQUIRED,
  HEADER_SEARCH_ROWS,
  headerColumns,
  type ListCellReader,
  type ListColumnMap,
  listColumnMap,
  listLetters,
  MetaEntries,
  mergedValueFindings,
  nonBlank,
  VALUE_REQUIRED,
  type ValueColumnMap,
  valueColumnLetters,
  valueColumnMap,
  valueColumnsRead,
  valueRow,
} from '../sheet-layout.js';
import type { ValueColumns } from '../sheet-value-row.js';
import { readCentralDirectory, type ZipEntry } from '../zip/central-directory.js';
import { type Inflater, inflatedWhole, inflateEntry, streamEntry } from '../zip/inflate-bounded.js';
import type { ZipAlreadyRead } from '../zip/unzip-verified.js';
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

// The layout rules (header search, column roles, merged cells, meta keys) are sheet-layout.ts's, shared
// with the SheetJS path; the differential tests (test/fast-reader.test.ts) hold the two to identical
// reports.

/** A date cell's text as SheetJS would display it. */
const shown = (cell: FastCell) => (cell.t === 'n' ? formatted(cell.z, cell.v) : undefined);

/**
 * A list cell as the list keeps it: a plain shared string by its index (its text is made when a check
 * reads the row, not while the sheet is scanned), any other cell as its trimmed text.
 */
function listText(cell: FastCell | undefined): ListText {
  return cell?.t === 's' && cell.shared !== undefined ? cell.shared : cellText(cell);
}

/** The shared strings as the list reads its kept indices: trimmed, blank as undefined. */
class SharedListTexts implements ListTexts {
  constructor(private readonly table: SharedStrings) {}
  text(i: number): string | undefined {
    const t = this.table.get(i);
    return t === undefined ? undefined : nonBlank(t);
  }
}

/** Collects rows of a sheet: the first rows in full until the header is found, then only `wanted` columns. */
abstract class HeaderSink implements RowSink {
  header: { readonly row: number } | undefined;
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
    if (r >= HEADER_SEARCH_ROWS) decline('no header in the first rows');
    const columns = headerColumns(cells, this.required);
    if (!columns) return;
    this.header = { row: r };
    this.wanted = new Set(this.columnsWanted(columns));
  }
  protected abstract columnsWanted(columns: Map<string, number>): number[];
  protected abstract body(r: number, hidden: boolean, cells: ReadonlyMap<number, FastCell>): void;
}

class ValueSink extends HeaderSink {
  readonly rows: RawValueRow[] = [];
  private map: ValueColumnMap | undefined;
  private letters: ValueColumns | undefined;
  constructor(private readonly sheet: string) {
    super(VALUE_REQUIRED);
  }
  protected columnsWanted(columns: Map<string, number>): number[] {
    this.map = valueColumnMap(columns);
    this.letters = valueColumnLetters(this.sheet, this.map);
    return valueColumnsRead(this.map);
  }
  protected body(r: number, hidden: boolean, cells: ReadonlyMap<number, FastCell>): void {
    const { map, letters } = this;
    if (map && letters) this.rows.push(valueRow((c) => cells.get(c), map, shown, letters, r + 1, hidden));
  }
  /** CELL_MERGED findings of the sheet's merged ranges (none before the header is found). */
  mergeFindings(merges: readonly XLSX.Range[]): Finding[] {
    const { header, map } = this;
    return header && map ? mergedValueFindings(merges, header.row, map.value, this.sheet) : [];
  }
}

/** Shared strings a column of few values reads once each; past this many it reads each cell. */
const MAX_FEW = 1024;

class EnterpriseSink extends HeaderSink implements ListCellReader<FastCell> {
  rows: ListColumns;
  private map: ListColumnMap | undefined;
  private readonly texts: ListTexts;
  /** Texts of a column of few values (parks, years) by shared-string index, each read once. */
  private readonly known = new Map<number, string | undefined>();
  constructor(
    private readonly sheet: string,
    strings: SharedStrings,
  ) {
    super(ENTERPRISE_REQUIRED);
    this.texts = new SharedListTexts(strings);
    this.rows = new ListColumns(sheet, listLetters(listColumnMap(new Map())), this.texts);
  }
  protected columnsWanted(columns: Map<string, number>): number[] {
    const map = listColumnMap(columns);
    this.map = map;
    this.rows = new ListColumns(this.sheet, listLetters(map), this.texts);
    return Object.values(map);
  }
  each(cell: FastCell | undefined): ListText {
    return listText(cell);
  }
  /**
   * A cell of a column of few values as its text, read once per shared string: 100,000 rows name a
   * handful of parks and years, which the list then keeps once each.
   */
  few(cell: FastCell | undefined): ListText {
    if (cell?.t !== 's' || cell.shared === undefined) return cellText(cell);
    if (this.known.has(cell.shared)) return this.known.get(cell.shared);
    const text = cellText(cell);
    if (this.known.size < MAX_FEW) this.known.set(cell.shared, text);
    return text;
  }
  protected body(r: number, _hidden: boolean, cells: ReadonlyMap<number, FastCell>): void {
    if (this.map) addListRow(this.rows, (c) => cells.get(c), this.map, this, r + 1);
  }
}

/** Columns A and B of `_meta`. */
class MetaSink implements RowSink {
  readonly entries = new MetaEntries();
  want(column: number): boolean {
    return column <= 1;
  }
  row(_r: number, _hidden: boolean, cells: ReadonlyMap<number, FastCell>): void {
    this.entries.add(cells.get(0), cells.get(1));
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
  /**
   * Not plain enough, or not intact: the SheetJS path reads it and reports any damage, from `read`:
   * the directory and entries already inflated and verified, when the reader got that far.
   */
  | { readonly kind: 'declined'; readonly read?: ZipAlreadyRead };

const DECLINED: FastRead = { kind: 'declined' };

/** What the fast reader has read of the archive so far, handed on when it declines. */
interface Progress {
  directory: readonly ZipEntry[] | undefined;
  readonly verified: Map<string, Uint8Array>;
}

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
  entries: Map<string, Uint8Array>,
): { entries: Map<string, Uint8Array>; parts: WorkbookParts; list: ZipEntry } {
  const byName = new Map(dir.map((e) => [e.name, e]));
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
  progress: Progress,
): FastRead {
  const dir = readCentralDirectory(archive, limits.maxZipEntries);
  if (!dir.ok) return DECLINED;
  let declared = 0;
  for (const e of dir.entries) declared += e.size;
  if (declared > limits.maxDecompressedBytes) return DECLINED;
  progress.directory = dir.entries;
  const { entries, parts, list } = inflateParts(archive, dir.entries, inflater, progress.verified);
  const values = new ValueSink(SHEET.values);
  const valueShape = scan(entries, parts, SHEET.values, limits, values);
  if (!values.header) decline('no header on the value sheet');
  let meta: FileMeta | undefined;
  if (parts.sheets.has(SHEET.meta)) {
    const sink = new MetaSink();
    const xml = entries.get(parts.sheets.get(SHEET.meta) as string) as Uint8Array;
    inSheet(SHEET.meta, () => scanSheet(xml, parts, limits.maxRows, sink));
    meta = sink.entries.meta();
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
  const progress: Progress = { directory: undefined, verified: new Map() };
  try {
    return read(bytes, limits, valuesOnly, inflater, progress);
  } catch (e) {
    // Refused where the scan stopped: the SheetJS path would hold the whole sheet to say the same.
    if (e instanceof Refused) return { kind: 'refused', findings: [refusal(e, limits)] };
    // A decline, or anything unexpected: the SheetJS path reads the file and turns failures into
    // findings, starting from what was read and verified here.
    const { directory, verified } = progress;
    return directory ? { kind: 'declined', read: { directory, verified } } : DECLINED;
  }
}
