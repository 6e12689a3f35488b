import type { Finding } from '@sunan/schema/core';
import type { EnterpriseRows, ListField } from '../list/enterprise-rows.js';

/** Where a value sits in its input, as precisely as the format allows. */
export interface Location {
  readonly sheet?: string;
  readonly cell?: string;
  readonly row?: number;
  readonly path?: string;
}

/** A cell's content before any interpretation. */
export type RawCell =
  | { kind: 'blank' }
  | { kind: 'number'; value: number; format: string | undefined }
  | { kind: 'text'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'date'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'formula-no-value'; formula: string };

/** One line of the 指标 table as read, before checking. */
export interface RawValueRow {
  readonly orgUnitCode: RawCell;
  readonly orgUnitName: RawCell;
  readonly indicatorCode: RawCell;
  readonly unit: RawCell;
  readonly value: RawCell;
  readonly note: string | undefined;
  /** The value cell. */
  readonly at: Location;
  /** The org-unit code cell. */
  readonly codeAt: Location;
  /** The indicator code cell. */
  readonly indicatorAt: Location;
  readonly hidden: boolean;
}

/**
 * One line of the enterprise list as read: trimmed text of each cell, undefined when blank. Text, not
 * `RawCell`s: a list runs to 100,000 rows and needs no more, so it allocates as little as it can.
 */
export interface RawEnterpriseRow {
  readonly creditCode: string | undefined;
  readonly name: string | undefined;
  readonly park: string | undefined;
  readonly certificateNo: string | undefined;
  readonly certifiedYear: string | undefined;
  /** The row: where a finding about the enterprise as a whole points (its credit-code cell). */
  readonly at: Location;
  /** Where one of its cells sits, when the reader knows (a sheet's list); else {@link at}. */
  fieldAt?(field: ListField): Location;
}

/** Metadata found in the file (the template's hidden sheet, or a JSON document's header). */
export interface FileMeta {
  readonly templateVersion?: string;
  readonly catalogueId?: string;
  readonly catalogueVersion?: string;
  readonly city?: string;
  readonly period?: string;
}

/** What a reader extracts from any input format: rows to check, and problems met while reading. */
export interface ParsedFile {
  readonly format: 'xlsx' | 'xls' | 'ods' | 'csv' | 'json';
  readonly meta: FileMeta | undefined;
  readonly valueRows: readonly RawValueRow[];
  /** Undefined when the file has no enterprise list at all. */
  readonly enterpriseRows: EnterpriseRows | undefined;
  readonly findings: Finding[];
  /** The value sheet's name, when there is one, for findings about missing rows. */
  readonly valueSheet: string | undefined;
}

/** Text of a raw cell, or undefined when it has none ('320500' for a number typed into a code column). */
export function cellText(cell: RawCell): string | undefined {
  switch (cell.kind) {
    case 'blank':
      return undefined;
    case 'text':
      return cell.text.trim() === '' ? undefined : cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'bool':
      return String(cell.value);
    case 'date':
    case 'error':
      return cell.text;
    case 'formula-no-value':
      return `=${cell.formula}`;
  }
}
