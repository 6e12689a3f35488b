import { Decimal } from 'decimal.js';
import {
  addIntervals,
  comparisonCanHold,
  divideIntervals,
  type Interval,
  pointInterval,
  reportedInterval,
  widen,
} from './interval.js';
import type { Expr, Rule, Tolerance } from './rule.js';

/**
 * A reported value as a rule sees it: the exact decimal and the precision it was declared with.
 * Counts (enterprises, patents) are `exact`: nobody rounds 2450 enterprises, so they carry no ±0.5.
 */
export interface ReportedValue {
  readonly value: Decimal;
  readonly decimals: number | 'exact';
}

/** Where a rule reads its values from. */
export interface RuleContext {
  /** The value of `indicator` at `orgUnit`, or undefined when blank. */
  value(orgUnit: string, indicator: string): ReportedValue | undefined;
  /** The codes of the unit's children that exist in the period. */
  children(orgUnit: string): readonly string[];
}

/** The result of checking one rule at one unit. */
export type RuleOutcome =
  | { status: 'holds'; left: Interval; right: Interval }
  | { status: 'violated'; left: Interval; right: Interval }
  | { status: 'skipped'; reason: 'missing' | 'undefined-ratio' };

type Evaluated =
  | { interval: Interval; missing: number; present: number }
  | { interval: undefined; missing: number; present: number };

function toInterval(v: ReportedValue, tolerance: Tolerance): Interval {
  switch (tolerance.kind) {
    case 'declared-precision':
      return v.decimals === 'exact' ? pointInterval(v.value) : reportedInterval(v.value, v.decimals);
    case 'exact':
    case 'absolute':
      return pointInterval(v.value);
  }
}

function evaluate(expr: Expr, unit: string, rule: Rule, ctx: RuleContext): Evaluated {
  const zero = rule.missing === 'treat-as-zero' || rule.missing === 'skip-if-all';
  switch (expr.kind) {
    case 'const':
      return { interval: pointInterval(expr.value), missing: 0, present: 0 };
    case 'ref': {
      const v = ctx.value(unit, expr.indicator);
      if (v) return { interval: toInterval(v, rule.tolerance), missing: 0, present: 1 };
      return { interval: zero ? pointInterval(0) : undefined, missing: 1, present: 0 };
    }
    case 'children-sum': {
      const values = ctx
        .children(unit)
        .map((c) => ctx.value(c, expr.indicator))
        .filter((v): v is ReportedValue => v !== undefined);
      // A children-sum is blank only when no child reported: parks that left a line empty do not
      // make the whole comparison unknowable.
      if (values.length === 0)
        return { interval: zero ? pointInterval(0) : undefined, missing: 1, present: 0 };
      return {
        interval: addIntervals(values.map((v) => toInterval(v, rule.tolerance))),
        missing: 0,
        present: 1,
      };
    }
    case 'sum': {
      const parts = expr.terms.map((t) => evaluate(t, unit, rule, ctx));
      const missing = parts.reduce((n, p) => n + p.missing, 0);
      const present = parts.reduce((n, p) => n + p.present, 0);
      const intervals = parts.map((p) => p.interval);
      if (intervals.some((i) => i === undefined)) return { interval: undefined, missing, present };
      return { interval: addIntervals(intervals as Interval[]), missing, present };
    }
    case 'ratio': {
      const n = evaluate(expr.numerator, unit, rule, ctx);
      const d = evaluate(expr.denominator, unit, rule, ctx);
      const missing = n.missing + d.missing;
      const present = n.present + d.present;
      if (!n.interval || !d.interval) return { interval: undefined, missing, present };
      return { interval: divideIntervals(n.interval, d.interval, expr.scale), missing, present };
    }
  }
}

/**
 * Checks one rule at one org unit. Missing values follow the rule's strategy: `skip-if-any` (the
 * default) skips when any value is blank; `skip-if-all` treats blanks as zero unless every value is
 * blank; `treat-as-zero` never skips.
 */
export function evaluateRule(rule: Rule, orgUnit: string, ctx: RuleContext): RuleOutcome {
  const left = evaluate(rule.left, orgUnit, rule, ctx);
  const right = evaluate(rule.right, orgUnit, rule, ctx);
  const missing = left.missing + right.missing;
  const present = left.present + right.present;
  switch (rule.missing) {
    case 'skip-if-any':
      if (missing > 0) return { status: 'skipped', reason: 'missing' };
      break;
    case 'skip-if-all':
      if (present === 0) return { status: 'skipped', reason: 'missing' };
      break;
    case 'treat-as-zero':
      break;
  }
  if (!left.interval || !right.interval) return { status: 'skipped', reason: 'undefined-ratio' };
  const l =
    rule.tolerance.kind === 'absolute'
      ? widen(left.interval, new Decimal(rule.tolerance.amount))
      : left.interval;
  return comparisonCanHold(rule.op, l, right.interval)
    ? { status: 'holds', left: left.interval, right: right.interval }
    : { status: 'violated', left: left.interval, right: right.interval };
}
