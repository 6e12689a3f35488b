import { Decimal } from 'decimal.js';

/**
 * The Decimal used for roll-ups: 40 significant digits, so a sum of amounts in 亿元 with their
 * decimals is exact long before any realistic magnitude, and ratios are rounded only on output.
 */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 60,
});
/** A decimal of the roll-up's precision. */
export type Dec = InstanceType<typeof Dec>;

/** Exact text of a decimal, or null. */
export function text(value: Dec | undefined, decimals?: number): string | null {
  if (value === undefined) return null;
  return decimals === undefined ? value.toString() : value.toDecimalPlaces(decimals).toFixed(decimals);
}

/**
 * Text of a reported (or exactly summed) figure with at least its declared decimals — 3848.10 for a
 * 2-decimal figure, 4.00 for a reported 4 — never rounding away digits it carries.
 */
export function shownText(value: Dec | undefined, decimals: number): string | null {
  if (value === undefined) return null;
  return value.decimalPlaces() > decimals ? value.toString() : value.toFixed(decimals);
}
