import type { Finding, LocalizedText, Severity } from '@sunan/schema/core';
import type { Location } from '../read/parsed-file.js';
import { FINDING_CODES, type FindingCode, type FindingParams, messageOf } from './codes.js';

/** What a finding carries besides its code, severity, message and place. */
export type FindingDetails = Omit<
  Finding,
  'code' | 'severity' | 'message' | 'sheet' | 'cell' | 'row' | 'path'
>;

/** A finding's details, and its severity when it is not the code's default (a rule's own). */
export type BuildDetails = FindingDetails & { readonly severity?: Severity };

/**
 * Builds the finding of `code` at `loc` (a cell, row or path) with the message its entry in
 * {@link FINDING_CODES} makes of `params`; the severity is the code's unless `details` names one.
 * The one place findings are made: a code outside the table does not compile.
 */
export function buildFinding<C extends FindingCode>(
  code: C,
  loc: Location | undefined,
  params: FindingParams<C>,
  details: BuildDetails = {},
): Finding {
  const { severity = FINDING_CODES[code].severity, ...rest } = details;
  return { code, severity, ...loc, ...rest, message: messageOf(code, params) };
}

/**
 * A finding whose sentence is written where the problem is found (reading a file, rolling up, making
 * a template): the same fields, in the same order, as `finding` of `@sunan/schema`, with the code
 * checked by the compiler. The checks of a file use {@link buildFinding}.
 */
export function finding(
  code: FindingCode,
  severity: Severity,
  message: LocalizedText,
  details: Omit<Finding, 'code' | 'severity' | 'message'> = {},
): Finding {
  return { code, severity, ...details, message };
}
