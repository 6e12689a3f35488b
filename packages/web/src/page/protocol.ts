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

/** A sheet as text, for the page's grid (row 1 is the header row). */
export interface Grid {
  readonly sheet: string;
  /** Cell text by row, then column; ragged rows are allowed. */
  readonly rows: readonly (readonly string[])[];
  /** The 1-based sheet row of each entry of `rows` (a long list is shown in part). */
  readonly rowNumbers: readonly number[];
  /** Rows of the sheet not shown (a long list: its first rows and those with findings are shown). */
  readonly omitted: number;
}

/** Names a finding's title uses: indicators by code, finding codes described in words. */
export interface Names {
  readonly indicators: Readonly<Record<string, { readonly zh: string; readonly en: string }>>;
  readonly codes: Readonly<Record<string, { readonly zh: string; readonly en: string }>>;
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
  /** The 指标 sheet and the enterprise list, when the file has them. */
  readonly grids: readonly Grid[];
}

/** Page → worker. */
export type Request =
  | { kind: 'template'; city: string; period: string }
  | {
      kind: 'validate';
      /** Which press of 开始校验 (or choice of a file) this is: replies to an older one are dropped. */
      run: number;
      file: FileBytes;
      previous: FileBytes | null;
      /** 本单位 and 报告期 chosen in step 1: the file must be theirs. */
      city: string;
      period: string;
    }
  | { kind: 'annotated' }
  | { kind: 'submission' }
  | { kind: 'findings-workbook' };

/** Validation stages, in order, for the progress bar. */
export const STAGES = ['received', 'reading', 'checking', 'grid', 'done'] as const;
export type Stage = (typeof STAGES)[number];

/** Worker → page. */
export type Reply =
  | { kind: 'ready'; cities: readonly CityOption[]; names: Names }
  | { kind: 'progress'; run: number; stage: Stage }
  | { kind: 'validated'; run: number; outcome: Outcome }
  /** The grids follow the findings: reading the sheets again for display should not delay the verdict. */
  | { kind: 'grid'; run: number; grids: readonly Grid[] }
  | {
      kind: 'file';
      purpose: 'template' | 'annotated' | 'submission' | 'findings-workbook';
      name: string;
      bytes: Uint8Array;
    }
  | { kind: 'failed'; purpose: Request['kind']; zh: string; en: string };

export type { Finding, Severity };
