import { Decimal } from 'decimal.js';

/**
 * The Decimal of quality figures: 40 significant digits like the roll-up's, so differences of
 * reported figures are exact and only means and percentages are rounded, on output.
 */
export const Q = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 60,
});
/** A decimal of the quality report's precision. */
export type Q = InstanceType<typeof Q>;

/** Decimals kept on percentages (change %, revision %, rates). */
export const PERCENT_DECIMALS = 2;
/** Decimals kept on means of revisions (in the indicator's unit), beyond which means are rounded. */
export const MEAN_DECIMALS = 6;

/** A reported value as a decimal, or undefined when blank or not a number. */
export function decimalOf(value: string | number | null | undefined): Q | undefined {
  if (value === null || value === undefined) return undefined;
  try {
    const d = new Q(value);
    return d.isFinite() ? d : undefined;
  } catch {
    return undefined;
  }
}

/** `part ÷ whole × 100`, rounded to {@link PERCENT_DECIMALS}; null when the whole is zero. */
export function percentOf(part: Q, whole: Q): string | null {
  if (whole.isZero()) return null;
  return part.div(whole.abs()).times(100).toDecimalPlaces(PERCENT_DECIMALS).toFixed(PERCENT_DECIMALS);
}

/** The mean of decimals rounded to {@link MEAN_DECIMALS} (trailing zeros dropped); null for none. */
export function meanOf(values: readonly Q[]): string | null {
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a.plus(b), new Q(0));
  return sum.div(values.length).toDecimalPlaces(MEAN_DECIMALS).toString();
}
