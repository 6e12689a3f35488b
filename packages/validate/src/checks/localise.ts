import {
  type Catalogue,
  type Expr,
  evaluateRule,
  type Finding,
  type Interval,
  type OrgUnit,
  type Rule,
  type RuleContext,
  reportedInterval,
  slipsOf,
} from '@sunan/schema/core';
import { Decimal } from 'decimal.js';
import { buildFinding } from '../findings/build.js';
import { withUnit } from '../findings/messages.js';
import { type CheckedValue, valueKey } from './check-values.js';

/** One failing rule at one unit. */
interface Violation {
  readonly rule: Rule;
  readonly unit: OrgUnit;
}

/** A change to one cell that makes every rule it takes part in hold. */
interface Candidate {
  readonly key: string;
  readonly value: CheckedValue;
  readonly kind: 'slip' | 'free';
  readonly suggested: Decimal;
  readonly slipCause?: string;
  readonly explains: ReadonlySet<number>;
  readonly cost: number;
}

const INF = new Decimal(Number.POSITIVE_INFINITY);
const NEG_INF = new Decimal(Number.NEGATIVE_INFINITY);
const ALL: Interval = { lo: NEG_INF, hi: INF };

function intersect(a: Interval, b: Interval): Interval | undefined {
  const lo = Decimal.max(a.lo, b.lo);
  const hi = Decimal.min(a.hi, b.hi);
  return lo.lte(hi) ? { lo, hi } : undefined;
}

function scaleInterval(i: Interval, by: Interval): Interval {
  const q = [i.lo.times(by.lo), i.lo.times(by.hi), i.hi.times(by.lo), i.hi.times(by.hi)].filter(
    (x) => !x.isNaN(),
  );
  return { lo: Decimal.min(...q), hi: Decimal.max(...q) };
}

/** Where a rule reads values: for one (unit, expression), the cells it touches. */
function cellsOf(expr: Expr, unit: string, ctx: RuleContext): string[] {
  switch (expr.kind) {
    case 'ref':
      return [valueKey(unit, expr.indicator)];
    case 'children-sum':
      return ctx.children(unit).map((c) => valueKey(c, expr.indicator));
    case 'const':
      return [];
    case 'sum':
      return expr.terms.flatMap((t) => cellsOf(t, unit, ctx));
    case 'ratio':
      return [...cellsOf(expr.numerator, unit, ctx), ...cellsOf(expr.denominator, unit, ctx)];
  }
}

function valueInterval(ctx: RuleContext, unit: string, indicator: string): Interval | undefined {
  const v = ctx.value(unit, indicator);
  if (!v) return undefined;
  return v.decimals === 'exact' ? { lo: v.value, hi: v.value } : reportedInterval(v.value, v.decimals);
}

/** The interval an expression takes, the cell `skip` left out (treated as 0 in sums). */
function evalExpr(expr: Expr, unit: string, ctx: RuleContext, skip?: string): Interval | undefined {
  switch (expr.kind) {
    case 'ref':
      return valueKey(unit, expr.indicator) === skip
        ? { lo: new Decimal(0), hi: new Decimal(0) }
        : valueInterval(ctx, unit, expr.indicator);
    case 'children-sum': {
      let lo = new Decimal(0);
      let hi = new Decimal(0);
      for (const c of ctx.children(unit)) {
        if (valueKey(c, expr.indicator) === skip) continue;
        const i = valueInterval(ctx, c, expr.indicator);
        if (i) {
          lo = lo.plus(i.lo);
          hi = hi.plus(i.hi);
        }
      }
      return { lo, hi };
    }
    case 'const':
      return { lo: new Decimal(expr.value), hi: new Decimal(expr.value) };
    case 'sum': {
      let lo = new Decimal(0);
      let hi = new Decimal(0);
      for (const t of expr.terms) {
        const i = evalExpr(t, unit, ctx, skip);
        if (!i) return undefined;
        lo = lo.plus(i.lo);
        hi = hi.plus(i.hi);
      }
      return { lo, hi };
    }
    case 'ratio': {
      const n = evalExpr(expr.numerator, unit, ctx);
      const d = evalExpr(expr.denominator, unit, ctx);
      if (!n || !d || d.lo.lte(0)) return undefined;
      const s = new Decimal(expr.scale);
      const q = [n.lo.div(d.lo), n.lo.div(d.hi), n.hi.div(d.lo), n.hi.div(d.hi)].map((x) => x.times(s));
      return { lo: Decimal.min(...q), hi: Decimal.max(...q) };
    }
  }
}

/**
 * The values `cell` may take for `expr` to fall in `target` (the other cells fixed): the expression
 * is inverted step by step. Undefined when the cell is not in the expression or the inversion is
 * not defined (a denominator where the target reaches zero).
 */
function solve(
  expr: Expr,
  target: Interval,
  cell: string,
  unit: string,
  ctx: RuleContext,
): Interval | undefined {
  switch (expr.kind) {
    case 'ref':
      return valueKey(unit, expr.indicator) === cell ? target : undefined;
    case 'const':
      return undefined;
    case 'children-sum':
    case 'sum': {
      if (!cellsOf(expr, unit, ctx).includes(cell)) return undefined;
      const others = evalExpr(expr, unit, ctx, cell);
      if (!others) return undefined;
      const rest = { lo: target.lo.minus(others.hi), hi: target.hi.minus(others.lo) };
      if (expr.kind === 'children-sum') return rest;
      const term = expr.terms.find((t) => cellsOf(t, unit, ctx).includes(cell));
      return term && solve(term, rest, cell, unit, ctx);
    }
    case 'ratio': {
      const s = new Decimal(expr.scale);
      if (cellsOf(expr.numerator, unit, ctx).includes(cell)) {
        const d = evalExpr(expr.denominator, unit, ctx);
        if (!d || d.lo.lte(0)) return undefined;
        const t = { lo: target.lo.div(s), hi: target.hi.div(s) };
        return solve(expr.numerator, scaleInterval(t, d), cell, unit, ctx);
      }
      if (cellsOf(expr.denominator, unit, ctx).includes(cell)) {
        const n = evalExpr(expr.numerator, unit, ctx);
        if (!n || n.lo.lte(0) || target.lo.lte(0)) return undefined;
        const lo = n.lo.times(s).div(target.hi);
        const hi = n.hi.times(s).div(target.lo);
        return solve(expr.denominator, { lo, hi }, cell, unit, ctx);
      }
      return undefined;
    }
  }
}

/** The values of `cell` for which the rule holds at `unit`, all other cells as reported. */
function feasibleFor(rule: Rule, unit: string, cell: string, ctx: RuleContext): Interval | undefined {
  const l = evalExpr(rule.left, unit, ctx);
  const r = evalExpr(rule.right, unit, ctx);
  const inLeft = cellsOf(rule.left, unit, ctx).includes(cell);
  const other = inLeft ? r : l;
  if (!other) return undefined;
  const bound = (lo: boolean) => (lo ? { lo: other.lo, hi: INF } : { lo: NEG_INF, hi: other.hi });
  let target: Interval;
  switch (rule.op) {
    case '=':
      target = other;
      break;
    case '<=':
    case '<':
      target = bound(!inLeft);
      break;
    case '>=':
    case '>':
      target = bound(inLeft);
      break;
  }
  return solve(inLeft ? rule.left : rule.right, target, cell, unit, ctx);
}

/** The point of `i` nearest to `v`, at `decimals` decimals, rounded inward. */
function nearest(i: Interval, v: Decimal, decimals: number): Decimal {
  if (v.gte(i.lo) && v.lte(i.hi)) return v;
  if (v.lt(i.lo)) {
    const up = i.lo.toDecimalPlaces(decimals, Decimal.ROUND_CEIL);
    return up.lte(i.hi) ? up : i.lo;
  }
  const down = i.hi.toDecimalPlaces(decimals, Decimal.ROUND_FLOOR);
  return down.gte(i.lo) ? down : i.hi;
}

/**
 * Error localisation after Fellegi and Holt (as R `errorlocate` does it): the smallest set of cells
 * whose change makes every failing rule hold without breaking one that holds. Each cell that takes
 * part in a failing rule is a candidate: changed by one of its unit slips (cost 1) if that suffices,
 * else changed freely (cost 2; 1.5 for a ratio cell, which is derived and so the likelier culprit;
 * 0.5 off for a cell the magnitude checks already doubt). The rules a candidate fixes are those it
 * takes part in; candidates are chosen greedily — most failing rules fixed, then least cost — until
 * every failing rule is accounted for. Returns one finding per suspected cell, naming the rules and
 * the value that would satisfy them.
 */
export function localiseErrors(
  values: ReadonlyMap<string, CheckedValue>,
  catalogue: Catalogue,
  units: readonly OrgUnit[],
  ctx: RuleContext,
  flagged: ReadonlySet<string>,
): Finding[] {
  const violations: Violation[] = [];
  const instances: Array<{ rule: Rule; unit: OrgUnit; status: 'holds' | 'violated' }> = [];
  for (const rule of catalogue.rules)
    for (const unit of units) {
      if (!rule.levels.includes(unit.level)) continue;
      const outcome = evaluateRule(rule, unit.code, ctx);
      if (outcome.status === 'skipped') continue;
      instances.push({ rule, unit, status: outcome.status });
      if (outcome.status === 'violated') violations.push({ rule, unit });
    }
  if (violations.length === 0) return [];

  const touching = new Map<string, number[]>();
  instances.forEach((inst, i) => {
    for (const side of [inst.rule.left, inst.rule.right])
      for (const cell of cellsOf(side, inst.unit.code, ctx)) {
        const list = touching.get(cell) ?? [];
        if (!list.includes(i)) list.push(i);
        touching.set(cell, list);
      }
  });

  const candidates: Candidate[] = [];
  for (const [cell, list] of touching) {
    const value = values.get(cell);
    if (!value) continue;
    const violatedHere = list.filter((i) => instances[i]?.status === 'violated');
    if (violatedHere.length === 0) continue;
    let feasible: Interval | undefined = ALL;
    for (const i of list) {
      const inst = instances[i];
      const f = inst && feasibleFor(inst.rule, inst.unit.code, cell, ctx);
      feasible = f && feasible ? intersect(feasible, f) : undefined;
      if (!feasible) break;
    }
    const { min, max } = value.indicator.range;
    if (feasible)
      feasible = intersect(feasible, {
        lo: min === undefined ? NEG_INF : new Decimal(min),
        hi: max === undefined ? INF : new Decimal(max),
      });
    if (!feasible) continue;
    const explains = new Set(
      violatedHere.map((i) =>
        violations.findIndex((v) => v.rule === instances[i]?.rule && v.unit === instances[i]?.unit),
      ),
    );
    const doubt = flagged.has(cell) ? 0.5 : 0;
    const slip = slipsOf(value.indicator).find((s) => {
      const c = value.value.div(s.multiplier);
      return feasible && c.gte(feasible.lo) && c.lte(feasible.hi);
    });
    if (slip)
      candidates.push({
        key: cell,
        value,
        kind: 'slip',
        suggested: value.value.div(slip.multiplier),
        slipCause: slip.cause.zh,
        explains,
        cost: 1 - doubt,
      });
    else {
      const decimals = value.indicator.valueType === 'count' ? 0 : value.indicator.decimals;
      const derived = value.indicator.aggregation.kind === 'ratio';
      candidates.push({
        key: cell,
        value,
        kind: 'free',
        suggested: nearest(feasible, value.value, decimals),
        explains,
        cost: (derived ? 1.5 : 2) - doubt,
      });
    }
  }

  const uncovered = new Set(violations.map((_, i) => i));
  const chosen: Candidate[] = [];
  while (uncovered.size > 0) {
    let best: { c: Candidate; gain: number } | undefined;
    for (const c of candidates) {
      const gain = [...c.explains].filter((i) => uncovered.has(i)).length;
      if (gain === 0) continue;
      if (!best || gain > best.gain || (gain === best.gain && c.cost < best.c.cost)) best = { c, gain };
    }
    if (!best) break;
    chosen.push(best.c);
    for (const i of best.c.explains) uncovered.delete(i);
  }

  return chosen.map((c) => {
    const rules = [...c.explains].map((i) => violations[i]).filter((v): v is Violation => v !== undefined);
    const ids = [...new Set(rules.map((v) => v.rule.id))];
    const ind = c.value.indicator;
    const severity = rules.some((v) => v.rule.severity === 'error') ? 'error' : 'warning';
    return buildFinding(
      'RULE_SUSPECT_CELL',
      c.value.at,
      {
        unit: c.value.orgUnit,
        indicator: ind,
        value: c.value.value,
        suggested: c.suggested,
        rules: rules.length,
        slipCause: c.kind === 'slip' ? (c.slipCause ?? '') : undefined,
      },
      {
        severity,
        orgUnit: c.value.orgUnit.code,
        indicator: ind.code,
        rule: ids.join(','),
        value: withUnit(ind, c.value.value),
        expected: `≈ ${withUnit(ind, c.suggested)}`,
      },
    );
  });
}
