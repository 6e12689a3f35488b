import type { Location, RawEnterpriseRow } from '../read/parsed-file.js';

/**
 * The enterprise list as read, row by row on demand. A reader may keep it column by column: 100,000
 * rows then cost five arrays, not 100,000 objects that live until the checks are done (and, living
 * that long, are moved to the heap's old generation, which only a full collection empties).
 */
export interface EnterpriseRows {
  readonly length: number;
  /** Row `i` (0 ≤ i < length); a fresh object each call, for the caller to keep or drop. */
  row(i: number): RawEnterpriseRow;
  /** One cell of row `i`, without making the row. */
  text(i: number, field: ListField): string | undefined;
  /** Set when every row sits in one sheet column: where a row's findings and its location point. */
  readonly lines?: SheetLines;
}

/** One sheet column holding a list: row `i` is at `${column}${line(i)}` on `sheet`. */
export interface SheetLines {
  readonly sheet: string;
  readonly column: string;
  line(i: number): number;
}

/** The cells of a list row. */
export type ListField = 'creditCode' | 'name' | 'park' | 'certificateNo' | 'certifiedYear';

/** Rows already made as objects (the JSON reader's, a test's). */
export function rowsOf(list: readonly RawEnterpriseRow[]): EnterpriseRows {
  return {
    length: list.length,
    row: (i) => list[i] as RawEnterpriseRow,
    text: (i, field) => (list[i] as RawEnterpriseRow)[field],
  };
}

/**
 * A list cell as a reader keeps it: its trimmed text, undefined when blank, or a number — an index
 * into the reader's {@link ListTexts}, read when a check asks for the row.
 */
export type ListText = string | number | undefined;

/** Texts a reader keeps by index (the xlsx shared strings): trimmed, undefined when blank. */
export interface ListTexts {
  text(i: number): string | undefined;
}

/** Entries per chunk of a column. */
const CHUNK = 4096;

/**
 * A column that grows chunk by chunk. A plain array that grows to 100,000 entries copies itself a few
 * dozen times on the way, and every copy is old enough to be moved to the heap's old generation
 * before it is dropped (~2.4 MB of dead copies per column); chunks are never copied.
 */
export class Column<T> {
  private readonly chunks: T[][] = [];
  push(value: T): number {
    let last = this.chunks[this.chunks.length - 1];
    if (last === undefined || last.length === CHUNK) {
      last = [];
      this.chunks.push(last);
    }
    last.push(value);
    return (this.chunks.length - 1) * CHUNK + last.length - 1;
  }
  get(i: number): T | undefined {
    return this.chunks[Math.floor(i / CHUNK)]?.[i % CHUNK];
  }
}

/**
 * A column of 32-bit integers in typed chunks, whose numbers live outside V8's heap. Kept in arrays of
 * the heap, 100,000 rows' entries survived young collections while the list was scanned, and V8
 * doubles its young generation each time as much has survived as it holds: it grew to its 32 MiB
 * maximum during the scan.
 */
class IntColumn {
  private readonly chunks: Int32Array[] = [];
  private count = 0;
  push(n: number): void {
    const at = this.count % CHUNK;
    if (at === 0) this.chunks.push(new Int32Array(CHUNK));
    (this.chunks[this.chunks.length - 1] as Int32Array)[at] = n;
    this.count++;
  }
  get(i: number): number {
    return (this.chunks[Math.floor(i / CHUNK)] as Int32Array)[i % CHUNK] as number;
  }
}

/** A blank cell in a {@link TextColumn}. */
const NONE = -1;
/** Distinct texts a column of few values (parks, years) keeps once each. */
const MAX_INTERNED = 1024;

/**
 * Texts by place: each pushed text gets the next place, and each of the first `remembered` distinct
 * texts keeps its place when pushed again (a column of parks or years holds each once).
 */
export class TextPlaces {
  private readonly texts = new Column<string>();
  private readonly known = new Map<string, number>();
  constructor(private readonly remembered: number) {}
  place(text: string): number {
    const known = this.known.get(text);
    if (known !== undefined) return known;
    const at = this.texts.push(text);
    if (this.known.size < this.remembered) this.known.set(text, at);
    return at;
  }
  text(place: number): string {
    return this.texts.get(place) as string;
  }
}

/**
 * A column of {@link ListText}, as integers: an index (≥ 0) as itself, a blank as -1, a text as −2
 * minus its place among the column's texts. The fast reader's list is all indices and blanks, which
 * cost nothing on V8's heap; a column of few values keeps each distinct text once.
 */
class TextColumn {
  private readonly entries = new IntColumn();
  private readonly texts: TextPlaces;
  constructor(few = false) {
    this.texts = new TextPlaces(few ? MAX_INTERNED : 0);
  }
  push(cell: ListText): void {
    if (typeof cell === 'number') this.entries.push(cell);
    else if (cell === undefined) this.entries.push(NONE);
    else this.entries.push(-2 - this.texts.place(cell));
  }
  get(i: number): ListText {
    const n = this.entries.get(i);
    return n >= 0 ? n : n === NONE ? undefined : this.texts.text(-2 - n);
  }
}

/** The lines of a list's rows, as {@link SheetLines}. */
class ColumnLines implements SheetLines {
  constructor(
    readonly sheet: string,
    readonly column: string,
    private readonly numbers: IntColumn,
  ) {}
  line(i: number): number {
    return this.numbers.get(i);
  }
}

/** The column letter of each field of a sheet's list: where a finding about that cell points. */
export type ListLetters = Readonly<Record<ListField, string>>;

/**
 * An xlsx sheet's list, column by column; each row's location is its sheet, code column and line, and
 * a finding about one of its cells (a year, a park) points at that cell's own column.
 */
export class ListColumns implements EnterpriseRows {
  private readonly columns: Readonly<Record<ListField, TextColumn>> = {
    creditCode: new TextColumn(),
    name: new TextColumn(),
    park: new TextColumn(true),
    certificateNo: new TextColumn(),
    certifiedYear: new TextColumn(true),
  };
  /** 1-based sheet line of each row. */
  private readonly lineNumbers = new IntColumn();
  private count = 0;
  readonly lines: SheetLines;

  /**
   * `letters`: each field's column letter (the credit code's is where a row's findings point);
   * `texts`: where the cells kept as an index are read from.
   */
  constructor(
    private readonly sheet: string,
    private readonly letters: ListLetters,
    private readonly texts?: ListTexts,
  ) {
    this.lines = new ColumnLines(sheet, letters.creditCode, this.lineNumbers);
  }

  get length(): number {
    return this.count;
  }

  /** Appends one row's cells (see {@link ListText}) read from sheet line `line`. */
  add(
    line: number,
    creditCode: ListText,
    name: ListText,
    park: ListText,
    certificateNo: ListText,
    certifiedYear: ListText,
  ): void {
    const { columns } = this;
    this.count++;
    this.lineNumbers.push(line);
    columns.creditCode.push(creditCode);
    columns.name.push(name);
    columns.park.push(park);
    columns.certificateNo.push(certificateNo);
    columns.certifiedYear.push(certifiedYear);
  }

  text(i: number, field: ListField): string | undefined {
    const cell = this.cells(field).get(i);
    return typeof cell === 'number' ? this.texts?.text(cell) : cell;
  }

  /**
   * The column of a field, by a switch: a property read by a key that varies among five names is one
   * V8's inline caches give up on, and the profile of a roll-up showed this read as its hottest step.
   */
  private cells(field: ListField): TextColumn {
    const { columns } = this;
    switch (field) {
      case 'creditCode':
        return columns.creditCode;
      case 'name':
        return columns.name;
      case 'park':
        return columns.park;
      case 'certificateNo':
        return columns.certificateNo;
      case 'certifiedYear':
        return columns.certifiedYear;
    }
  }

  /** Where row `i` sits: its line's cell in the credit-code column, or in `field`'s column. */
  at(i: number, field: ListField = 'creditCode'): Location {
    return { sheet: this.sheet, cell: `${this.letters[field]}${this.lineNumbers.get(i)}` };
  }

  row(i: number): RawEnterpriseRow {
    return new ListRow(this, i);
  }
}

/**
 * A row of the list whose cells and location are read when asked for: the checks read a row's code,
 * and its other cells and its location only for a finding or when the submission's list is made
 * (every text read is a string made from the shared strings, 100,000 of each in a large list).
 */
class ListRow implements RawEnterpriseRow {
  constructor(
    private readonly list: ListColumns,
    private readonly i: number,
  ) {}
  get creditCode(): string | undefined {
    return this.list.text(this.i, 'creditCode');
  }
  get name(): string | undefined {
    return this.list.text(this.i, 'name');
  }
  get park(): string | undefined {
    return this.list.text(this.i, 'park');
  }
  get certificateNo(): string | undefined {
    return this.list.text(this.i, 'certificateNo');
  }
  get certifiedYear(): string | undefined {
    return this.list.text(this.i, 'certifiedYear');
  }
  get at(): Location {
    return this.list.at(this.i);
  }
  fieldAt(field: ListField): Location {
    return this.list.at(this.i, field);
  }
}
