import type { Catalogue, Finding, OrgUnit, Period, Submission } from '@sunan/schema/core';
import type { Overflow } from '../findings/bounded-findings.js';
import { append } from '../findings/cap-findings.js';
import { EMPTY_LIST, type EnterpriseList } from '../list/enterprise-list.js';
import { type EnterpriseLocations, NO_ENTERPRISE_LOCATIONS } from '../list/enterprise-locations.js';
import type { Limits } from '../read/limits.js';
import type { ParsedFile } from '../read/parsed-file.js';
import type { Inflater } from '../read/zip/inflate-bounded.js';
import type { CheckedValue } from './checked-value.js';
import type { BlankWithReason } from './missing-values.js';

/** How the caller asked for the file to be read, as the checks after reading need it. */
export interface ReadOptions {
  /** See `ValidateOptions.reader`. */
  readonly reader?: 'auto' | 'sheetjs';
  /** See `ValidateOptions.valuesOnly`. */
  readonly valuesOnly?: boolean;
  /** See `ValidateOptions.inflater`. */
  readonly inflater?: Inflater;
  /** See `ValidateOptions.previous`. */
  readonly previous?: Uint8Array | Submission | ((city: string, period: string) => Submission | undefined);
}

/**
 * What every check of a file's contents works on, once its city and period are settled: the file as
 * read, the catalogue, the city and its parks, the limits; what earlier stages found (the values read,
 * the permitted blanks, the list); the findings so far; and the cells already doubted.
 */
export interface CheckContext {
  readonly parsed: ParsedFile;
  readonly catalogue: Catalogue;
  readonly city: OrgUnit;
  readonly period: Period;
  /** The city, then each of its parks that exists in the period. */
  readonly units: readonly OrgUnit[];
  readonly limits: Limits;
  readonly options: ReadOptions;
  /** Each value read, by `valueKey` (filled by the values stage). */
  readonly values: Map<string, CheckedValue>;
  /** The values left blank as the catalogue permits, with their reasons (filled by the values stage). */
  readonly blanks: BlankWithReason[];
  /** The enterprise list's valid rows and where they sit (filled by the list stage). */
  list: { readonly enterprises: EnterpriseList; readonly locations: EnterpriseLocations };
  readonly findings: Finding[];
  /** Findings counted but not kept (see BoundedFindings). */
  readonly overflow: Overflow[];
  /**
   * The `valueKey`s of cells an earlier stage already doubted (a unit slip against last year or a
   * plausibility bound): a later stage does not report them again, and weighs them when it looks for
   * the wrong cell of a failed rule.
   */
  readonly doubted: Set<string>;
}

/** A context before the first stage: nothing read, found or doubted yet. */
export function checkContext(
  start: Pick<CheckContext, 'parsed' | 'catalogue' | 'city' | 'period' | 'units' | 'limits' | 'options'>,
): CheckContext {
  return {
    ...start,
    values: new Map(),
    blanks: [],
    list: { enterprises: EMPTY_LIST, locations: NO_ENTERPRISE_LOCATIONS },
    findings: [],
    overflow: [],
    doubted: new Set(),
  };
}

/** Adds a check's findings to the context's. */
export function report(ctx: CheckContext, findings: Iterable<Finding>): void {
  append(ctx.findings, findings);
}

/** One check of a file's contents: its name and what it adds to the context. */
export interface Check {
  readonly name: string;
  run(ctx: CheckContext): void;
}
