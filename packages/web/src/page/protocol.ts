import type { Finding, Severity } from '@sunan/schema';

/**
 * Messages between the page and its worker. The worker holds the heavy code (reading workbooks,
 * validation, ExcelJS); the page only shows what it is sent, so the page stays responsive while a
 * large workbook is checked.
 */

/** A city the page offers for templates. */
export interface CityOption {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/** A file as the page read it from disk. */
export interface FileBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The 指标 sheet as text, for the page's grid (row 1 is the header row). */
export interface Grid {
  readonly sheet: string;
  /** Cell text by row, then column; ragged rows are allowed. */
  readonly rows: readonly (readonly string[])[];
}

/** What the page shows after validation (the report without the parsed submission). */
export interface Outcome {
  readonly ok: boolean;
  readonly file: string | null;
  readonly city: string | null;
  readonly period: string | null;
  readonly format: string | null;
  readonly stats: {
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    readonly values: number;
    readonly enterprises: number;
  };
  readonly findings: readonly Finding[];
  readonly grid: Grid | null;
}

/** Page → worker. */
export type Request =
  | { kind: 'template'; city: string; period: string }
  | { kind: 'validate'; file: FileBytes; previous: FileBytes | null }
  | { kind: 'annotated' }
  | { kind: 'findings-workbook' };

/** Validation stages, in order, for the progress bar. */
export const STAGES = ['received', 'reading', 'checking', 'grid', 'done'] as const;
export type Stage = (typeof STAGES)[number];

/** Worker → page. */
export type Reply =
  | { kind: 'ready'; cities: readonly CityOption[] }
  | { kind: 'progress'; stage: Stage }
  | { kind: 'validated'; outcome: Outcome }
  /** The grid follows the findings: reading the sheet again for display should not delay the verdict. */
  | { kind: 'grid'; grid: Grid | null }
  | { kind: 'file'; purpose: 'template' | 'annotated' | 'findings-workbook'; name: string; bytes: Uint8Array }
  | { kind: 'failed'; purpose: Request['kind']; zh: string; en: string };

export type { Finding, Severity };
