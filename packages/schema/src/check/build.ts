import { Decimal } from 'decimal.js';
import type { Catalogue } from '../catalogue.js';
import type { Expr, Rule, RuleOp } from '../rule.js';
import type { OrgLevel } from '../zod/org-level.js';
import { combine, type RowSource, rowOf, variable } from './linear.js';
import {
  addPositive,
  boundRows,
  CHILD_LEVEL,
  type Ctx,
  childrenVar,
  denominatorUnit,
  fires,
  halfUnit,
  identityOf,
  type LevelModel,
  linearOf,
  maxChildrenAt,
  positiveDenominator,
  present,
  type ToleranceUsed,
  valueRows,
} from './model.js';

const FLIP: Record<RuleOp, RuleOp> = { '=': '=', '<=': '>=', '>=': '<=', '<': '>', '>': '<' };

/** lo and hi of `form op 0` relaxed by `tol`; a strict comparison needs one grid step `unit` more. */
function endsOf(op: RuleOp, tol: Decimal, unit: Decimal | undefined): { lo?: Decimal; hi?: Decimal } {
  const strict = (t: Decimal) => {
    if (unit === undefined || unit.isZero()) return t;
    return t.div(unit).ceil().minus(1).times(unit);
  };
  switch (op) {
    case '=':
      return { lo: tol.neg(), hi: tol };
    case '<=':
      return { hi: tol };
    case '<':
      return { hi: strict(tol) };
    case '>=':
      return { lo: tol.neg() };
    case '>':
      return { lo: strict(tol).neg() };
  }
}

function opEnds(op: RuleOp, c: Decimal, tol: Decimal): { lo: Decimal | undefined; hi: Decimal | undefined } {
  const lo = op === '=' || op === '>=' || op === '>' ? c.minus(tol) : undefined;
  const hi = op === '=' || op === '<=' || op === '<' ? c.plus(tol) : undefined;
  return { lo, hi };
}

const constOf = (e: Expr) => (e.kind === 'const' ? new Decimal(e.value) : undefined);

/** `ratio op c` or `derived X op c`: homogeneous rows over the ratio's components. */
function ratioRuleRows(rule: Rule, source: RowSource, ctx: Ctx, extra: Decimal): boolean | undefined {
  const [side, c, op] =
    constOf(rule.right) !== undefined
      ? [rule.left, constOf(rule.right), rule.op]
      : [rule.right, constOf(rule.left), FLIP[rule.op]];
  if (c === undefined) return undefined;
  if (side.kind === 'ref' && ctx.derived.has(side.indicator)) {
    const ind = ctx.byCode.get(side.indicator);
    const tol = (ind && rule.tolerance.kind === 'declared-precision' ? halfUnit(ind) : new Decimal(0)).plus(
      extra,
    );
    const { lo, hi } = opEnds(op, c, tol);
    return valueRows(source, side.indicator, lo, hi, ctx);
  }
  if (side.kind !== 'ratio') return undefined;
  const num = linearOf(side.numerator, rule, ctx);
  const den = linearOf(side.denominator, rule, ctx);
  if (!num || !den) return false;
  if (!positiveDenominator(den.form, ctx)) return false;
  const s = new Decimal(side.scale);
  // An absolute tolerance is on the quotient: s·N/D ≤ c + a is s·N − (c + a)·D ≤ 0. The rounding of
  // N and D (s·(N ± tN) against k·(D ± tD)) moves s·N − k·D by up to s·tN + |k|·tD.
  const ends = opEnds(op, c, extra);
  for (const [k, side2] of [
    [ends.lo, 'lo'],
    [ends.hi, 'hi'],
  ] as const) {
    if (k === undefined) continue;
    const slack = s.abs().times(num.tol).plus(k.abs().times(den.tol));
    const form = combine(s, num.form, k.neg(), den.form);
    ctx.rows.push(
      rowOf(source, form, side2 === 'lo' ? slack.neg() : undefined, side2 === 'hi' ? slack : undefined),
    );
  }
  addPositive({ ...den, unit: denominatorUnit(den.form, ctx) }, ctx);
  return true;
}

/** The rows of one rule at the level, or a note when it never fires there or is not linear. */
function ruleRows(rule: Rule, index: number, ctx: Ctx): ToleranceUsed | undefined {
  const source: RowSource = { kind: 'rule', id: rule.id, index };
  const missing = fires(rule, ctx);
  if (missing.length > 0) {
    ctx.notes.push({ kind: 'never-fires', source, missing });
    return undefined;
  }
  const extra = rule.tolerance.kind === 'absolute' ? new Decimal(rule.tolerance.amount) : new Decimal(0);
  const viaRatio = ratioRuleRows(rule, source, ctx, extra);
  if (viaRatio === false) ctx.notes.push({ kind: 'not-linear', source });
  if (viaRatio !== undefined) return undefined;
  const left = linearOf(rule.left, rule, ctx);
  const right = linearOf(rule.right, rule, ctx);
  if (!left || !right) {
    ctx.notes.push({ kind: 'not-linear', source });
    return undefined;
  }
  const tol = left.tol.plus(right.tol).plus(extra);
  const unit =
    left.unit === undefined
      ? right.unit
      : right.unit === undefined
        ? left.unit
        : Decimal.min(left.unit, right.unit);
  const { lo, hi } = endsOf(rule.op, tol, unit);
  ctx.rows.push(rowOf(source, combine(1, left.form, -1, right.form), lo, hi));
  return { rule: rule.id, amount: tol.toString(), basis: rule.tolerance.kind };
}

/** An indicator's allowed range, on its own variable or carried onto its components. */
function rangeRows(ctx: Ctx): void {
  for (const ind of ctx.byCode.values()) {
    if (!present(ctx, ind.code)) continue;
    const { min, max } = ind.range;
    if (min === undefined && max === undefined) continue;
    const source: RowSource = { kind: 'range', indicator: ind.code, children: false, min, max };
    const lo = min === undefined ? undefined : new Decimal(min);
    const hi = max === undefined ? undefined : new Decimal(max);
    if (!valueRows(source, ind.code, lo, hi, ctx)) ctx.notes.push({ kind: 'not-linear', source });
  }
  for (const code of ctx.childVars) {
    const min = ctx.byCode.get(code)?.range.min;
    // At least one child reported (a sum of none is blank): the sum is at least one child's minimum.
    if (min === undefined || min < 0) continue;
    const source: RowSource = { kind: 'range', indicator: code, children: true, min, max: undefined };
    ctx.rows.push(rowOf(source, variable(childrenVar(code)), new Decimal(min), undefined));
  }
}

/** Takes each identity rule that fires at the level as the definition of its ratio indicator. */
function identities(catalogue: Catalogue, ctx: Ctx): ToleranceUsed[] {
  const used: ToleranceUsed[] = [];
  for (const [ruleIndex, rule] of catalogue.rules.entries()) {
    if (!rule.levels.includes(ctx.level) || fires(rule, ctx).length > 0) continue;
    const id = identityOf(rule, ctx);
    if (!id) continue;
    const ind = ctx.byCode.get(id.indicator);
    const tolerance =
      rule.tolerance.kind === 'declared-precision' && ind
        ? halfUnit(ind)
        : rule.tolerance.kind === 'absolute'
          ? new Decimal(rule.tolerance.amount)
          : new Decimal(0);
    ctx.derived.set(id.indicator, { ...id, rule: rule.id, ruleIndex, tolerance });
    used.push({ rule: rule.id, amount: tolerance.toString(), basis: rule.tolerance.kind });
  }
  return used;
}

/** The linear model of the catalogue's rules, bounds and ranges at one level. */
export function buildLevel(catalogue: Catalogue, level: OrgLevel): LevelModel {
  const ctx: Ctx = {
    level,
    byCode: new Map(catalogue.indicators.map((i) => [i.code, i])),
    maxChildren: CHILD_LEVEL[level] === undefined ? 0 : maxChildrenAt(catalogue, level),
    derived: new Map(),
    childVars: new Set(),
    positive: new Set(),
    rows: [],
    notes: [],
  };
  const tolerances = identities(catalogue, ctx);
  catalogue.rules.forEach((rule, index) => {
    if (!rule.levels.includes(level) || ctx.derived.get(ruleTarget(rule))?.rule === rule.id) return;
    const used = ruleRows(rule, index, ctx);
    if (used) tolerances.push(used);
  });
  (catalogue.bounds ?? []).forEach((bound, index) => {
    if (bound.levels.includes(level)) boundRows(bound, index, ctx);
  });
  rangeRows(ctx);
  const variables = catalogue.indicators
    .filter((i) => present(ctx, i.code) && !ctx.derived.has(i.code))
    .map((i) => i.code);
  return { level, rows: ctx.rows, variables, derived: ctx.derived, notes: ctx.notes, tolerances };
}

function ruleTarget(rule: Rule): string {
  if (rule.left.kind === 'ref') return rule.left.indicator;
  return rule.right.kind === 'ref' ? rule.right.indicator : '';
}
