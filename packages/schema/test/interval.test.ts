import {
  addIntervals,
  comparisonCanHold,
  evaluateRule,
  type ReportedValue,
  type Rule,
  type RuleContext,
  reportedInterval,
} from '@sunan/schema';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const rv = (value: string, decimals: number | 'exact'): ReportedValue => ({
  value: new Decimal(value),
  decimals,
});

describe('declared-precision tolerance (XBRL Calculations 1.1)', () => {
  it('works the example in the README: 12.34 + 56.78 against a total of 69.13 and 69.14', () => {
    const computed = addIntervals([reportedInterval('12.34', 2), reportedInterval('56.78', 2)]);
    expect(computed.lo.toString()).toBe('69.11');
    expect(computed.hi.toString()).toBe('69.13');
    expect(comparisonCanHold('=', reportedInterval('69.13', 2), computed)).toBe(true);
    expect(comparisonCanHold('=', reportedInterval('69.14', 2), computed)).toBe(false);
  });

  it('has no float noise: 0.1 + 0.2 reconciles with a reported 0.3 even at 15 decimals', () => {
    const computed = addIntervals([reportedInterval('0.1', 15), reportedInterval('0.2', 15)]);
    expect(comparisonCanHold('=', reportedInterval('0.3', 15), computed)).toBe(true);
    expect(comparisonCanHold('=', reportedInterval('0.300000000000001', 15), computed)).toBe(true);
    expect(comparisonCanHold('=', reportedInterval('0.300000000000003', 15), computed)).toBe(false);
  });

  it('property: a total rounded to the declared precision always agrees with its rounded parts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 4 }),
        (raw, d) => {
          // Exact parts in 1/10000ths, rounded to d decimals as an office would type them.
          const exact = raw.map((n) => new Decimal(n).div(10_000));
          const parts = exact.map((x) => reportedInterval(x.toDecimalPlaces(d, Decimal.ROUND_HALF_UP), d));
          const total = exact
            .reduce((a, b) => a.plus(b), new Decimal(0))
            .toDecimalPlaces(d, Decimal.ROUND_HALF_UP);
          return comparisonCanHold('=', reportedInterval(total, d), addIntervals(parts));
        },
      ),
    );
  });
});

describe('evaluateRule', () => {
  const ratioRule: Rule = {
    id: 'RATIO_X',
    left: { kind: 'ref', indicator: 'SHARE' },
    op: '=',
    right: {
      kind: 'ratio',
      numerator: { kind: 'ref', indicator: 'NUM' },
      denominator: { kind: 'ref', indicator: 'DEN' },
      scale: '100',
    },
    severity: 'error',
    tolerance: { kind: 'declared-precision' },
    missing: 'skip-if-any',
    levels: ['city'],
    message: { zh: '比率不符', en: 'ratio mismatch' },
  };
  const ctx = (
    values: Record<string, ReportedValue>,
    children: Record<string, string[]> = {},
  ): RuleContext => ({
    value: (unit, ind) => values[`${unit}:${ind}`],
    children: (unit) => children[unit] ?? [],
  });

  it('accepts a ratio that agrees within declared precision and rejects one that does not', () => {
    // 1250.37 / 39074.50 × 100 = 3.19996…; reported 3.20 with two decimals agrees, 3.22 does not.
    const base = { 'C:NUM': rv('1250.37', 2), 'C:DEN': rv('39074.50', 2) };
    expect(evaluateRule(ratioRule, 'C', ctx({ ...base, 'C:SHARE': rv('3.20', 2) })).status).toBe('holds');
    expect(evaluateRule(ratioRule, 'C', ctx({ ...base, 'C:SHARE': rv('3.22', 2) })).status).toBe('violated');
  });

  it('skips by default when a value is blank — a blank is not a zero', () => {
    expect(evaluateRule(ratioRule, 'C', ctx({ 'C:SHARE': rv('3.2', 1), 'C:DEN': rv('100', 0) }))).toEqual({
      status: 'skipped',
      reason: 'missing',
    });
  });

  it('treats blanks as zero only when the rule says so', () => {
    const le: Rule = {
      ...ratioRule,
      left: { kind: 'ref', indicator: 'A' },
      op: '<=',
      right: { kind: 'ref', indicator: 'B' },
      missing: 'treat-as-zero',
    };
    expect(evaluateRule(le, 'C', ctx({ 'C:A': rv('5', 0) })).status).toBe('violated');
    expect(evaluateRule({ ...le, missing: 'skip-if-all' }, 'C', ctx({})).status).toBe('skipped');
    expect(evaluateRule({ ...le, missing: 'skip-if-all' }, 'C', ctx({ 'C:A': rv('5', 0) })).status).toBe(
      'violated',
    );
    expect(evaluateRule({ ...le, missing: 'skip-if-any' }, 'C', ctx({ 'C:A': rv('5', 0) })).status).toBe(
      'skipped',
    );
  });

  it('sums the parks that reported when checking parks ≤ city', () => {
    const rule: Rule = {
      ...ratioRule,
      left: { kind: 'children-sum', indicator: 'N' },
      op: '<=',
      right: { kind: 'ref', indicator: 'N' },
    };
    const kids = { C: ['P1', 'P2', 'P3'] };
    const n = (v: string) => rv(v, 'exact'); // counts are exact integers
    expect(
      evaluateRule(rule, 'C', ctx({ 'C:N': n('10'), 'P1:N': n('4'), 'P2:N': n('6') }, kids)).status,
    ).toBe('holds');
    expect(
      evaluateRule(rule, 'C', ctx({ 'C:N': n('10'), 'P1:N': n('4'), 'P2:N': n('7') }, kids)).status,
    ).toBe('violated');
    expect(evaluateRule(rule, 'C', ctx({ 'C:N': n('10') }, kids)).status).toBe('skipped');
    // Amounts with 0 decimals are rounded figures: 4 + 7 = [10, 12] can meet a reported 10 ([9.5, 10.5]).
    expect(
      evaluateRule(rule, 'C', ctx({ 'C:N': rv('10', 0), 'P1:N': rv('4', 0), 'P2:N': rv('7', 0) }, kids))
        .status,
    ).toBe('holds');
  });

  it('applies an absolute tolerance', () => {
    const rule: Rule = {
      ...ratioRule,
      left: { kind: 'ref', indicator: 'A' },
      right: { kind: 'ref', indicator: 'B' },
      tolerance: { kind: 'absolute', amount: '0.5' },
    };
    expect(evaluateRule(rule, 'C', ctx({ 'C:A': rv('10.4', 1), 'C:B': rv('10', 0) })).status).toBe('holds');
    expect(evaluateRule(rule, 'C', ctx({ 'C:A': rv('10.6', 1), 'C:B': rv('10', 0) })).status).toBe(
      'violated',
    );
  });
});
