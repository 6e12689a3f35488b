import { type Finding, finding, type Indicator, type LocalizedText, type Severity } from '@sunan/schema/core';
import type { Decimal } from 'decimal.js';
import type { Location } from './parsed-file.js';

/** Builds a finding located at a cell, row or path. */
/** What a finding carries besides its code, severity, message and place. */
export type FindingDetails = Omit<
  Finding,
  'code' | 'severity' | 'message' | 'sheet' | 'cell' | 'row' | 'path'
>;

export function at(
  code: string,
  severity: Severity,
  loc: Location | undefined,
  message: LocalizedText,
  details: FindingDetails = {},
): Finding {
  return finding(code, severity, message, { ...loc, ...details });
}

/**
 * A value as an office wrote it: with the indicator's declared decimals (常住人口 3848.10, not
 * 3848.1), so every figure shown in a message reads like the form. Counts show as integers.
 */
export function shown(indicator: Indicator, value: Decimal): string {
  return value.toFixed(indicator.valueType === 'count' ? 0 : indicator.decimals);
}

/** A value with its unit: "1028.67 亿元", "3.05%". */
export function withUnit(indicator: Indicator, value: Decimal): string {
  return indicator.unit === '%'
    ? `${shown(indicator, value)}%`
    : `${shown(indicator, value)} ${indicator.unit}`;
}

/** A computed (not reported) figure: a few significant digits are enough to judge it. */
export function approx(value: Decimal, digits = 4): string {
  const v = value.toSignificantDigits(digits);
  return v.abs().gte(1e15) || (v.abs().lt(1e-6) && !v.isZero()) ? v.toExponential() : v.toFixed();
}
