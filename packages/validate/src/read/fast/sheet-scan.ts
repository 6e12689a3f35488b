import * as XLSX from 'xlsx';
import { decline } from './decline.js';
import type { SharedStrings } from './shared-strings.js';
import type { WorkbookParts } from './workbook-parts.js';
import { stringItem, unescapeXml, utf8Text, utf8TextOf } from './xml-text.js';

/** A cell as SheetJS holds it after reading (only the fields validation looks at). */
export type FastCell =
  | { readonly t: 'n'; readonly v: number; readonly z: string }
  /** `shared`: the item's index when it is a plain shared string, whose text is read when asked. */
  | { readonly t: 's'; readonly v: string; readonly shared?: number }
  | { readonly t: 'b'; readonly v: boolean }
  | {
      readonly t: 'e';
      readonly v: number | undefined;
      readonly w: string | undefined;
      readonly f: string | undefined;
    }
  /** A stub (SheetJS keeps empty cells: `cellStyles` implies `sheetStubs`); a formula's without its value. */
  | { readonly t: 'z'; readonly v: 0 | undefined; readonly f: string | undefined };

/** What a sheet scan reports besides its rows. */
export interface SheetShape {
  /** The sheet's extent as SheetJS computes it (dimension element, else the cells seen). */
  readonly range: XLSX.Range | undefined;
  /** Merged ranges, in file order. */
  readonly merges: readonly XLSX.Range[];
}

/**
 * Receives each row that has at least one cell; `cells` holds only the columns `want` accepts, and is
 * the sink's to read during the call.
 */
export interface RowSink {
  want(column: number): boolean;
  row(r: number, hidden: boolean, cells: ReadonlyMap<number, FastCell>): void;
}

const ERROR_CODES: Readonly<Record<string, number>> = {
  '#NULL!': 0x00,
  '#DIV/0!': 0x07,
  '#VALUE!': 0x0f,
  '#REF!': 0x17,
  '#NAME?': 0x1d,
  '#NUM!': 0x24,
  '#N/A': 0x2a,
  '#GETTING_DATA': 0x2b,
  '#WTF?': 0xff,
};

// windows-1252 maps every byte to one UTF-16 unit, so string offsets are byte offsets: structure is
// found in the string, and text is decoded as UTF-8 from the same offsets of the bytes.
const bytewise = new TextDecoder('windows-1252');

/** Value of attribute `name` in a start tag (`<c r="A1" t="s">`), or undefined. */
function attr(tag: string, name: string): string | undefined {
  const at = tag.indexOf(` ${name}="`);
  if (at === -1) return undefined;
  const start = at + name.length + 3;
  const end = tag.indexOf('"', start);
  return end === -1 ? decline('broken attribute') : tag.slice(start, end);
}

/**
 * Content of the first `<name>…</name>` in s[from, to); undefined when absent or self-closed. The
 * search never leaves the cell: an unbounded search for a child that is not there would run to the
 * end of the batch for every blank cell (quadratic in a list full of empty optional columns).
 */
function child(s: string, from: number, to: number, name: string): [number, number] | undefined {
  if (to - from < name.length + 2) return undefined;
  const inner = s.slice(from, to);
  let at = inner.indexOf(`<${name}`);
  while (at !== -1) {
    const next = inner.charCodeAt(at + name.length + 1);
    if (next === 62 /* > */ || next === 32 /* space */ || next === 47 /* / */) break;
    at = inner.indexOf(`<${name}`, at + 1);
  }
  if (at === -1) return undefined;
  const open = inner.indexOf('>', at);
  if (open === -1 || inner.charCodeAt(open - 1) === 47) return undefined;
  const close = inner.indexOf(`</${name}>`, open);
  if (close === -1) return undefined;
  return [from + open + 1, from + close];
}

const isTrue = (v: string | undefined) => v === '1' || v === 'true';

function columnOf(ref: string): { c: number; r: number } {
  let c = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 64;
    if (d < 1 || d > 26) break;
    c = 26 * c + d;
  }
  const r = Number(ref.slice(i));
  if (i === 0 || !Number.isInteger(r) || r < 1) decline(`cell reference ${ref}`);
  return { c: c - 1, r: r - 1 };
}

/** Reads the extent the way SheetJS does: the first `"X:Y"` within 50 characters of `<dimension`. */
function dimension(head: string): XLSX.Range | undefined {
  const at = head.search(/<(?:\w*:)?dimension/);
  if (at <= 0) return undefined;
  const ref = head.slice(at, at + 50).match(/"(\w*:\w*)"/);
  if (!ref) return undefined;
  const d = XLSX.utils.decode_range(ref[1] as string);
  return d.s.r <= d.e.r && d.s.c <= d.e.c && d.s.r >= 0 && d.s.c >= 0 ? d : undefined;
}

interface Ctx {
  readonly s: string;
  readonly bytes: Uint8Array;
  readonly parts: WorkbookParts;
}

/** The formula of a cell without a cached value, as SheetJS keeps it (`_xlfn.` prefixes dropped). */
function formulaOf(ctx: Ctx, from: number, to: number): string | undefined {
  const at = child(ctx.s, from, to, 'f');
  // Within the cell only (see child).
  const rel = to > from ? ctx.s.slice(from, to).indexOf('<f') : -1;
  if (rel === -1) return undefined;
  const tagAt = from + rel;
  const tag = ctx.s.slice(tagAt, ctx.s.indexOf('>', tagAt));
  if (!at || at[0] === at[1])
    return tag.includes('t="shared"') ? decline('shared formula without a value') : undefined;
  return unescapeXml(utf8Text(ctx.bytes, at[0], at[1]), true).replace(/_xlfn\./g, '');
}

/**
 * A formula string's cached value as SheetJS decodes it: entities decoded on the raw bytes, then UTF-8
 * (Node's decoder), then entities again (so `&amp;lt;` gives `<`).
 */
function doubleDecoded(bytes: Uint8Array, [from, to]: [number, number]): string {
  let latin1 = '';
  for (let i = from; i < to; i++) latin1 += String.fromCharCode(bytes[i] as number);
  const once = unescapeXml(latin1);
  const out = new Uint8Array(once.length);
  for (let i = 0; i < once.length; i++) {
    const c = once.charCodeAt(i);
    if (c > 0xff) decline('a wide escaped character in a formula string');
    out[i] = c;
  }
  return utf8Text(out);
}

/** One `<c>` element: its value as SheetJS keeps it (a stub when it has none). */
function readCell(ctx: Ctx, tag: string, tagEnd: number, end: number): FastCell {
  const { s } = ctx;
  const t = attr(tag, 't');
  const vAt = child(s, tagEnd, end, 'v');
  const raw = vAt ? s.slice(vAt[0], vAt[1]) : undefined;
  const v = raw === undefined || raw === '' ? undefined : /[&_]/.test(raw) ? unescapeXml(raw) : raw;
  if (t === undefined && v === undefined) {
    const f = formulaOf(ctx, tagEnd, end);
    return { t: 'z', v: f ? 0 : undefined, f };
  }
  switch (t === undefined || t === '' ? 'n' : t) {
    case 'n': {
      if (v === undefined || v === '') return { t: 'z', v: undefined, f: formulaOf(ctx, tagEnd, end) };
      const style = attr(tag, 's');
      const xf = style !== undefined && /^(?:0|[1-9]\d*)$/.test(style) ? Number(style) : undefined;
      const id = xf === undefined ? 0 : (ctx.parts.styleFormats?.[xf] ?? 0);
      const z = ctx.parts.formats.get(id) ?? decline(`number format ${id} not in the table`);
      return { t: 'n', v: Number.parseFloat(v), z };
    }
    case 's': {
      if (v === undefined) return { t: 'z', v: undefined, f: formulaOf(ctx, tagEnd, end) };
      const i = Number.parseInt(v, 10);
      const table = ctx.parts.sharedStrings;
      if (table.plain(i)) return new SharedCell(table, i);
      const text = table.get(i);
      return text === undefined ? decline('shared string index out of range') : { t: 's', v: text };
    }
    case 'str': {
      if (raw === undefined || raw === '') return { t: 's', v: '' };
      return { t: 's', v: unescapeXml(doubleDecoded(ctx.bytes, vAt as [number, number]), true) };
    }
    case 'inlineStr': {
      const is = child(s, tagEnd, end, 'is');
      if (!is) return { t: 's', v: '' };
      const text = stringItem(utf8TextOf(s, ctx.bytes, is[0], is[1]));
      return text === 'unreadable' ? decline('inline string') : { t: 's', v: text };
    }
    case 'b':
      return { t: 'b', v: isTrue(v) };
    case 'e': {
      // SheetJS keeps the text of an error it does not know, with no code; a formula then shows instead.
      const code = v === undefined ? undefined : ERROR_CODES[v];
      return { t: 'e', v: code, w: v, f: code === undefined ? formulaOf(ctx, tagEnd, end) : undefined };
    }
    default:
      return decline(`cell type ${t}`);
  }
}

/**
 * A plain shared string's cell, its text read only when asked: cells of columns a sink does not want
 * are never read, and the list keeps the index until a check reads the row (100,000 rows' texts made
 * while scanning lived on to the checks, and V8 grew its young generation to its maximum for them).
 */
class SharedCell {
  readonly t = 's' as const;
  constructor(
    private readonly table: SharedStrings,
    readonly shared: number,
  ) {}
  get v(): string {
    return this.table.get(this.shared) as string;
  }
}

/** Scans the cells of one `<row>` element's content, in column order; false when it keeps none. */
function readRow(ctx: Ctx, r: number, from: number, to: number, want: RowSink['want'], guess: XLSX.Range) {
  const { s } = ctx;
  // A new map per row, never one map cleared and refilled: a long-lived map sits in the old
  // generation, and every cell stored in it then survives the next young collection and is moved
  // there too (48 MB of dead cells per 100,000-row list, freed only by a full collection).
  const cells = new Map<number, FastCell>();
  let any = false;
  let last = -1;
  for (let at = s.indexOf('<c', from); at !== -1 && at < to; at = s.indexOf('<c', at + 2)) {
    const next = s.charCodeAt(at + 2);
    if (next !== 32 && next !== 62 && next !== 47) continue;
    const tagEnd = s.indexOf('>', at);
    const end = s.charCodeAt(tagEnd - 1) === 47 ? tagEnd : s.indexOf('</c>', tagEnd);
    if (end === -1 || end > to) decline('unclosed cell');
    const tag = s.slice(at, tagEnd);
    const { c, r: cr } = columnOf(attr(tag, 'r') ?? decline('cell without a reference'));
    if (cr !== r || c <= last) decline('cells out of order');
    last = c;
    const cell = readCell(ctx, tag, tagEnd, end);
    // The loop resumes 2 past `at`: a self-closing cell (`<c r="F2" s="8"/>`) ends at its '>', and the
    // next `<c` may start right after it.
    at = end === tagEnd ? end - 1 : end;
    if (guess.s.c > c) guess.s.c = c;
    if (guess.e.c < c) guess.e.c = c;
    any = true;
    if (want(c)) cells.set(c, cell);
  }
  return any ? cells : undefined;
}

/** A live formula met while scanning (its cell and text), for the formula checks. */
export type FormulaSeen = (ref: string | undefined, formula: string) => void;

/**
 * Inflated bytes gathered before a batch of rows is scanned. Small enough that a batch's text stays
 * out of V8's large-object space (which only a full collection frees: 1 MiB batches left ~45 MB of
 * dead strings per 100,000-row list) and still few decoder calls.
 */
const BATCH = 48 * 1024;
/**
 * Longest stretch of a sheet's XML the scanner holds: one row, or the part before or after the rows.
 * Excel keeps at most 32,767 characters in a cell, so a row of the template's few columns is far
 * shorter; a longer stretch is refused with a finding, never gathered whole.
 */
export const MAX_ROW_BYTES = 32 * 1024 * 1024;

/**
 * Why a scan stopped on a sheet that is plain but beyond a limit: the file is refused with a finding
 * (the SheetJS path would hold the whole sheet to say the same).
 */
export class ScanLimit extends Error {
  constructor(
    /** `long`: a row, or the XML before or after the rows, over {@link MAX_ROW_BYTES}; `rows`: a row past the row limit. */
    readonly kind: 'long' | 'rows',
    /** For `long`, the number of the last whole row read (0 before any); for `rows`, the row number reached. */
    readonly row: number,
  ) {
    super(kind === 'long' ? `XML over ${MAX_ROW_BYTES} bytes after row ${row}` : `row ${row} past the limit`);
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Each `<f>…</f>` with text in s[from, to), with the reference of the cell it sits in. */
function formulasIn(ctx: Ctx, from: number, to: number, seen: FormulaSeen): void {
  const { s } = ctx;
  for (let i = s.indexOf('<f', from); i !== -1 && i < to; i = s.indexOf('<f', i + 2)) {
    const next = s.charCodeAt(i + 2);
    if (next !== 62 /* > */ && next !== 32 /* space */) continue;
    const gt = s.indexOf('>', i);
    // <f …/>: a shared formula's follower, its text is the master's.
    if (gt === -1 || s.charCodeAt(gt - 1) === 47) continue;
    const close = s.indexOf('<', gt);
    if (close === -1 || close > to) return;
    const cellAt = s.lastIndexOf('<c ', i);
    const ref =
      cellAt < from
        ? undefined
        : /\sr="([A-Z]{1,3}\d{1,7})"/.exec(s.slice(cellAt, s.indexOf('>', cellAt)))?.[1];
    seen(ref, unescapeXml(utf8Text(ctx.bytes, gt + 1, close)));
    i = close;
  }
}

/**
 * Where the whole rows of a batch end: after the last row when it is complete (carrying only what
 * follows it), else at the start of the last row, which the next batch completes.
 */
function completeRowsEnd(s: string, from: number): number {
  const last = s.lastIndexOf('<row');
  if (last < from) return from;
  const tagEnd = s.indexOf('>', last);
  if (tagEnd === -1) return last;
  if (s.charCodeAt(tagEnd - 1) === 47) return tagEnd + 1;
  const end = s.indexOf('</row>', tagEnd);
  return end === -1 ? last : end + 6;
}

/**
 * Reads one worksheet's XML as it is inflated, chunk by chunk, handing rows to `sink`: the sheet is
 * never held whole, only the batch being scanned and the row that straddles two batches. Rows are
 * scanned in batches cut just before a `<row` start, so no row, cell or tag is ever split. Throws
 * {@link Decline} on anything unusual.
 */
export class SheetScanner {
  private phase: 'head' | 'rows' | 'tail' = 'head';
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /**
   * Bytes at the start of what is held that a scan found incomplete (a partial row, the head before
   * `<sheetData>`, a partial tag after the rows), and whether a `<` came since: without one nothing
   * held can end, so it is not scanned again, only counted against the limit.
   */
  private carried = 0;
  private mayEnd = false;
  /** Bytes held before the next scan: more than a batch while a long row is carried (see keep). */
  private nextScan: number;
  private head: XLSX.Range | undefined;
  /** The merged ranges read so far (after the rows). */
  private readonly merges: XLSX.Range[] = [];
  private lastRow = -1;
  private readonly guess: XLSX.Range = { s: { r: 2_000_000, c: 2_000_000 }, e: { r: 0, c: 0 } };
  private readonly want = (c: number) => this.sink.want(c);

  constructor(
    private readonly parts: WorkbookParts,
    private readonly maxRows: number,
    private readonly sink: RowSink,
    private readonly formulaSeen?: FormulaSeen,
    /** Bytes gathered before a batch is scanned (small values exercise the batch boundaries in tests). */
    private readonly batchBytes = BATCH,
    /** The longest row, head or tag held ({@link MAX_ROW_BYTES}; small values in tests). */
    private readonly maxRowBytes = MAX_ROW_BYTES,
  ) {
    this.nextScan = batchBytes;
  }

  /**
   * The next inflated bytes of the sheet, taken a batch at a time (as views of the chunk). Throws
   * {@link ScanLimit} as soon as a row, the head or a tag is longer than the limit.
   */
  push(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length; at += this.batchBytes) {
      const part =
        at === 0 && chunk.length <= this.batchBytes ? chunk : chunk.subarray(at, at + this.batchBytes);
      this.pending.push(part);
      this.pendingBytes += part.length;
      if (!this.mayEnd && part.indexOf(0x3c) !== -1) this.mayEnd = true;
      if (this.carried > 0 && !this.mayEnd) {
        if (this.pendingBytes > this.maxRowBytes) throw new ScanLimit('long', this.lastRow + 1);
      } else if (this.pendingBytes >= this.nextScan) this.flush(false);
    }
  }

  /** The sheet is complete: scans what is left and reports its extent and merged ranges. */
  end(): SheetShape {
    this.flush(true);
    if (this.phase !== 'tail') decline(this.phase === 'head' ? 'no sheetData' : 'unclosed sheetData');
    const { guess } = this;
    const guessed = guess.e.c >= guess.s.c && guess.e.r >= guess.s.r ? guess : undefined;
    return { range: this.head ?? guessed, merges: this.merges };
  }

  private flush(final: boolean): void {
    if (this.pendingBytes === 0 && !final) return;
    const bytes = concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.carried = 0;
    this.mayEnd = false;
    this.nextScan = this.batchBytes;
    const s = bytewise.decode(bytes);
    const ctx: Ctx = { s, bytes, parts: this.parts };
    let from = 0;
    if (this.phase === 'head') {
      from = this.afterHead(s);
      if (from === -1) {
        this.keep(bytes, 0, final);
        return;
      }
    }
    if (this.phase === 'rows') {
      const close = s.indexOf('</sheetData>', from);
      const to = close !== -1 ? close : final ? s.length : completeRowsEnd(s, from);
      this.rows(ctx, from, to);
      if (close === -1) {
        // Whitespace after the last whole row is dropped: a sheet padded with gigabytes of it must
        // not pile up here.
        this.keep(bytes, /^\s*$/.test(s.slice(to)) ? bytes.length : to, final);
        return;
      }
      this.phase = 'tail';
      from = close;
    }
    this.afterRows(bytes, s, from, final);
  }

  /**
   * Carries bytes[from…] into the next batch (a partial row, or the head not yet complete). A long
   * carry waits for as many bytes again before it is scanned once more, so a row that spans many
   * batches is copied and decoded a bounded number of times, not once per batch.
   */
  private keep(bytes: Uint8Array, from: number, final: boolean): void {
    if (final || from >= bytes.length) return;
    const carry = bytes.length - from;
    if (carry > this.maxRowBytes) throw new ScanLimit('long', this.lastRow + 1);
    // A copy, so the batch it came from is not kept alive by a view into it.
    const rest = bytes.slice(from);
    this.pending = [rest];
    this.pendingBytes = carry;
    this.carried = carry;
    this.nextScan = Math.max(carry + this.batchBytes, Math.min(2 * carry, this.maxRowBytes + 1));
  }

  /**
   * The XML after the rows, s[from…], read for merged ranges tag by tag as it comes: only a tag not
   * yet complete (a last `<` without its `>`) is carried to the next batch, so a long tail is never held.
   */
  private afterRows(bytes: Uint8Array, s: string, from: number, final: boolean): void {
    const lt = final ? -1 : s.lastIndexOf('<');
    const to = lt >= from && s.indexOf('>', lt) === -1 ? lt : s.length;
    for (const m of s.slice(from, to).match(/<(?:\w+:)?mergeCell ref=["'][A-Z0-9:]+['"]\s*[/]?>/g) ?? [])
      this.merges.push(XLSX.utils.decode_range(m.slice(m.indexOf('=') + 2).replace(/["'][\s\S]*$/, '')));
    this.keep(bytes, to, final);
  }

  /** Finds `<sheetData …>` and reads the extent before it; -1 while the head is incomplete. */
  private afterHead(s: string): number {
    const open = s.indexOf('<sheetData');
    const openEnd = open === -1 ? -1 : s.indexOf('>', open);
    if (openEnd === -1) return -1;
    this.head = dimension(s.slice(0, open));
    this.phase = s.charCodeAt(openEnd - 1) === 47 ? 'tail' : 'rows';
    return openEnd;
  }

  /** Scans the rows in s[from, to), which holds whole rows only. */
  private rows(ctx: Ctx, from: number, to: number): void {
    const { s } = ctx;
    const data = s.slice(from, to);
    if (data.includes('<!') || /<\w+:/.test(data) || data.includes("='") || data.includes('t="array"'))
      decline('unusual sheet XML');
    if (this.formulaSeen) formulasIn(ctx, from, to, this.formulaSeen);
    const { guess, sink } = this;
    for (let at = s.indexOf('<row', from); at !== -1 && at < to; ) {
      const next = s.charCodeAt(at + 4);
      if (next !== 32 && next !== 62 && next !== 47) decline('unexpected element in sheetData');
      const tagEnd = s.indexOf('>', at);
      if (tagEnd === -1 || tagEnd > to) decline('unclosed row');
      const tag = s.slice(at, tagEnd);
      const rAttr = attr(tag, 'r');
      const r = rAttr === undefined ? this.lastRow + 1 : Number(rAttr) - 1;
      if (!Number.isInteger(r) || r <= this.lastRow) decline('rows out of order');
      if (r + 1 > this.maxRows) throw new ScanLimit('rows', r + 1);
      this.lastRow = r;
      if (s.charCodeAt(tagEnd - 1) === 47) {
        at = s.indexOf('<row', tagEnd);
        continue;
      }
      const end = s.indexOf('</row>', tagEnd);
      if (end === -1 || end > to) decline('unclosed row');
      if (guess.s.r > r) guess.s.r = r;
      if (guess.e.r < r) guess.e.r = r;
      const cells = readRow(ctx, r, tagEnd, end, this.want, guess);
      if (cells) sink.row(r, isTrue(attr(tag, 'hidden')), cells);
      at = s.indexOf('<row', end);
    }
  }
}

/** Reads one whole worksheet's XML, handing rows to `sink`. Throws {@link Decline} on anything unusual. */
export function scanSheet(
  bytes: Uint8Array,
  parts: WorkbookParts,
  maxRows: number,
  sink: RowSink,
): SheetShape {
  const scanner = new SheetScanner(parts, maxRows, sink);
  scanner.push(bytes);
  return scanner.end();
}
