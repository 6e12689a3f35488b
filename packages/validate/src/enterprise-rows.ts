import type { RawEnterpriseRow } from './parsed-file.js';

/**
 * The enterprise list as read, row by row on demand. A reader may keep it column by column: 100,000
 * rows then cost five arrays, not 100,000 objects that live until the checks are done (and, living
 * that long, are moved to the heap's old generation, which only a full collection empties).
 */
export interface EnterpriseRows {
  readonly length: number;
  /** Row `i` (0 ≤ i < length); a fresh object each call, for the caller to keep or drop. */
  row(i: number): RawEnterpriseRow;
}

/** Rows already made as objects (the JSON reader's, a test's). */
export function rowsOf(list: readonly RawEnterpriseRow[]): EnterpriseRows {
  return { length: list.length, row: (i) => list[i] as RawEnterpriseRow };
}

/** An xlsx sheet's list, column by column; each row's location is its sheet, code column and line. */
export class ListColumns implements EnterpriseRows {
  private readonly creditCodes: (string | undefined)[] = [];
  private readonly names: (string | undefined)[] = [];
  private readonly parks: (string | undefined)[] = [];
  private readonly certificateNos: (string | undefined)[] = [];
  private readonly certifiedYears: (string | undefined)[] = [];
  /** 1-based sheet line of each row. */
  private readonly lines: number[] = [];

  /** `column`: the letter of the credit-code column, where a row's findings point. */
  constructor(
    private readonly sheet: string,
    private readonly column: string,
  ) {}

  get length(): number {
    return this.lines.length;
  }

  /** Appends one row's trimmed cell texts (undefined when blank) read from sheet line `line`. */
  add(
    line: number,
    creditCode: string | undefined,
    name: string | undefined,
    park: string | undefined,
    certificateNo: string | undefined,
    certifiedYear: string | undefined,
  ): void {
    this.lines.push(line);
    this.creditCodes.push(creditCode);
    this.names.push(name);
    this.parks.push(park);
    this.certificateNos.push(certificateNo);
    this.certifiedYears.push(certifiedYear);
  }

  row(i: number): RawEnterpriseRow {
    return {
      creditCode: this.creditCodes[i],
      name: this.names[i],
      park: this.parks[i],
      certificateNo: this.certificateNos[i],
      certifiedYear: this.certifiedYears[i],
      at: { sheet: this.sheet, cell: `${this.column}${this.lines[i]}` },
    };
  }
}
