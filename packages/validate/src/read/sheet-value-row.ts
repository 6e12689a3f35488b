import type { Location, RawCell, RawValueRow } from './parsed-file.js';

/** The one blank cell: a 200,000-row table holds hundreds of thousands of them, all alike. */
export const BLANK: RawCell = Object.freeze({ kind: 'blank' });

/** Column letters of the cells a value row's findings point at, shared by every row of a sheet. */
export interface ValueColumns {
  readonly sheet: string;
  /** The value cell's column. */
  readonly value: string;
  /** The org-unit code cell's column (else the name's). */
  readonly code: string;
  /** The indicator code cell's column. */
  readonly indicator: string;
}

/**
 * A row of a sheet's 指标 table whose three locations are made when asked for: a table of 200,000
 * rows (a CSV export) would otherwise hold 600,000 location objects that almost no finding reads.
 */
export class SheetValueRow implements RawValueRow {
  constructor(
    readonly orgUnitCode: RawCell,
    readonly orgUnitName: RawCell,
    readonly indicatorCode: RawCell,
    readonly unit: RawCell,
    readonly value: RawCell,
    readonly note: string | undefined,
    readonly hidden: boolean,
    private readonly columns: ValueColumns,
    /** 1-based sheet line. */
    private readonly line: number,
  ) {}
  get at(): Location {
    return { sheet: this.columns.sheet, cell: `${this.columns.value}${this.line}` };
  }
  get codeAt(): Location {
    return { sheet: this.columns.sheet, cell: `${this.columns.code}${this.line}` };
  }
  get indicatorAt(): Location {
    return { sheet: this.columns.sheet, cell: `${this.columns.indicator}${this.line}` };
  }
}
