import { UNITS, type UnitCode } from '@sunan/schema';
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

const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?$/;

/**
 * Reads a number as offices type it: full-width digits (１２３), thousands separators (1,234.5),
 * a trailing unit (123.4亿元), a percent sign, a negative in parentheses ((12.5)). Exact: the digits
 * become a decimal, never a binary float. Reports each normalisation so nothing changes silently.
 */
export function parseTypedNumber(text: string): TypedNumber {
  const normalizations: Normalization[] = ['text-number'];
  const trimmed = text.trim();
  let s = trimmed.normalize('NFKC').replace(/\s+/g, ' ');
  if (s !== trimmed) normalizations.push('full-width');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = (paren[1] ?? '').trim();
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
