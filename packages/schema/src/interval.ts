import { Decimal } from 'decimal.js';
import type { RuleOp } from './rule.js';

/**
 * A closed interval of exact decimals. A reported figure is an interval, not a point: "3.20 with two
 * decimals" means anything in [3.195, 3.205]. Arithmetic on intervals is how tolerance follows
 * declared precision (XBRL Calculations 1.1) instead of a hand-picked epsilon.
 */
export interface Interval {
  readonly lo: Decimal;
  readonly hi: Decimal;
}

/** The interval a value reported with `decimals` decimals stands for: v ± ½·10⁻ᵈ. */
export function reportedInterval(value: Decimal.Value, decimals: number): Interval {
  const v = new Decimal(value);
  const half = new Decimal(10).pow(-decimals).div(2);
  return { lo: v.minus(half), hi: v.plus(half) };
}

/** A point interval: the value is taken as exact. */
export function pointInterval(value: Decimal.Value): Interval {
  const v = new Decimal(value);
  return { lo: v, hi: v };
}

/** Sum of intervals: bounds add. */
export function addIntervals(terms: readonly Interval[]): Interval {
  return terms.reduce((acc, t) => ({ lo: acc.lo.plus(t.lo), hi: acc.hi.plus(t.hi) }), pointInterval(0));
}

/**
 * numerator / denominator × scale over intervals. Undefined when the denominator's interval
 * touches zero — the quotient is then unbounded and nothing can be concluded.
 */
export function divideIntervals(
  numerator: Interval,
  denominator: Interval,
  scale: Decimal.Value,
): Interval | undefined {
  if (denominator.lo.lte(0) && denominator.hi.gte(0)) return undefined;
  const s = new Decimal(scale);
  const q = [
    numerator.lo.div(denominator.lo),
    numerator.lo.div(denominator.hi),
    numerator.hi.div(denominator.lo),
    numerator.hi.div(denominator.hi),
  ].map((x) => x.times(s));
  return { lo: Decimal.min(...q), hi: Decimal.max(...q) };
}

/** Widens an interval by `amount` on each side (an absolute tolerance). */
export function widen(interval: Interval, amount: Decimal.Value): Interval {
  return { lo: interval.lo.minus(amount), hi: interval.hi.plus(amount) };
}

/** True when the intervals share at least one point. */
export function intervalsIntersect(a: Interval, b: Interval): boolean {
  return a.lo.lte(b.hi) && b.lo.lte(a.hi);
}

/**
 * Whether `left op right` can hold for some values inside the intervals. A comparison fails only when
 * no choice of true values consistent with the declared precision could satisfy it.
 */
export function comparisonCanHold(op: RuleOp, left: Interval, right: Interval): boolean {
  switch (op) {
    case '=':
      return intervalsIntersect(left, right);
    case '<=':
      return left.lo.lte(right.hi);
    case '<':
      return left.lo.lt(right.hi);
    case '>=':
      return left.hi.gte(right.lo);
    case '>':
      return left.hi.gt(right.lo);
  }
}
