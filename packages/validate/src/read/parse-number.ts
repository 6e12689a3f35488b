import { UNITS, type UnitCode } from '@sunan/schema/core';
import { Decimal } from 'decimal.js';

/** A change made to what an office typed so that it reads as a number; each becomes an info finding. */
export type Normalization =
  | 'full-width'
  | 'thousands-separator'
  | 'parenthesised-negative'
  | 'trailing-unit'
  | 'percent-sign'
  | 'text-number';

/** The result of reading a typed number. */
export type TypedNumber =
  | { ok: true; value: Decimal; unit: UnitCode | undefined; normalizations: Normalization[] }
  | { ok: false; reason: 'not-a-number' }
  | { ok: false; reason: 'unknown-unit'; unitText: string };

/**
 * Characters that Unicode compatibility folding (NFKC) would turn into an ASCII digit although they
 * are not digits an office types: superscripts (10² must not read as 102), circled (①), subscripts,
 * mathematical alphanumerics. Only ASCII and full-width digits are digits.
 */
function hasFakeDigit(s: string): boolean {
  for (const ch of s) {
    if (/[0-9\uFF10-\uFF19]/.test(ch)) continue;
    if (/[0-9]/.test(ch.normalize('NFKC'))) return true;
  }
  return false;
}

/**
 * The exact arithmetic keeps 40 significant digits (the roll-up's decimal precision). A value with at
 * most 20 integer digits and 15 decimals leaves room for sums of many values without rounding;
 * anything beyond is an error, never silently rounded.
 */
export const EXACT_DIGITS = { integer: 20, decimals: 15 } as const;

/** True when a value has more digits than the exact arithmetic keeps (see {@link EXACT_DIGITS}). */
export function beyondExactPrecision(value: Decimal): boolean {
  return (
    !value.isFinite() ||
    value.abs().gte(new Decimal(10).pow(EXACT_DIGITS.integer)) ||
    value.decimalPlaces() > EXACT_DIGITS.decimals
  );
}

const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?$/;

/**
 * Reads a number as offices type it: full-width digits (１２３), thousands separators (1,234.5),
 * a trailing unit (123.4亿元), a percent sign, a negative in parentheses ((12.5)). Exact: the digits
 * become a decimal, never a binary float. Reports each normalisation so nothing changes silently.
 */
export function parseTypedNumber(text: string): TypedNumber {
  const normalizations: Normalization[] = ['text-number'];
  const trimmed = text.trim();
  if (hasFakeDigit(trimmed)) return { ok: false, reason: 'not-a-number' };
  let s = trimmed.normalize('NFKC').replace(/\s+/g, ' ');
  if (s !== trimmed) normalizations.push('full-width');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = (paren[1] ?? '').trim();
    // (5) is −5; a sign inside the parentheses, as in (-5), says two things at once.
    if (/^[+-]/.test(s)) return { ok: false, reason: 'not-a-number' };
    normalizations.push('parenthesised-negative');
  }
  const split = /^([+-]?[\d,]*\.?\d+)\s*(.*)$/.exec(s);
  if (!split) return { ok: false, reason: 'not-a-number' };
  const numberText = split[1] ?? '';
  const unitText = (split[2] ?? '').trim();
  // "12..3" or "1.2.3" leave digits or points behind: a malformed number, not a unit.
  if (/^[\d.,]/.test(unitText)) return { ok: false, reason: 'not-a-number' };
  const m = NUMBER.exec(numberText);
  if (!m || (m[2] === '' && m[3] === undefined)) return { ok: false, reason: 'not-a-number' };
  if ((m[2] ?? '').includes(',')) normalizations.push('thousands-separator');
  let unit: UnitCode | undefined;
  if (unitText !== '') {
    if (!(unitText in UNITS)) return { ok: false, reason: 'unknown-unit', unitText };
    unit = unitText as UnitCode;
    normalizations.push(unit === '%' ? 'percent-sign' : 'trailing-unit');
  }
  let value = new Decimal(`${m[1] ?? ''}${(m[2] ?? '').replaceAll(',', '') || '0'}${m[3] ?? ''}`);
  if (negative) value = value.negated();
  return { ok: true, value, unit, normalizations };
}

/**
 * A binary float from a spreadsheet cell as an exact decimal, at Excel's own precision of 15
 * significant digits: what an office can type has at most 15, so anything beyond is float noise
 * (a cell computed as 49.48/100 holds 0.49479999999999996 and means 0.4948).
 */
export function decimalFromCellNumber(n: number): Decimal {
  return new Decimal(n.toPrecision(15));
}
