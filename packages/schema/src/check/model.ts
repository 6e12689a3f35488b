import { Decimal } from 'decimal.js';
import type { Catalogue } from '../catalogue.js';
import type { Indicator } from '../indicator.js';
import type { Expr, Rule } from '../rule.js';
import type { OrgLevel } from '../zod/org-level.js';
import type { PlausibilityBound } from '../zod/plausibility.js';
import { combine, type Form, type Row, type RowSource, rowOf, variable, ZERO } from './linear.js';

/**
 * A ratio indicator tied to its components by an identity rule (`X = s·N / D`) at a level: the check
 * does not give X a variable of its own but reads every bound on X as a bound on s·N / D, widened by
 * the identity's tolerance (a reported X may sit that far from the exact quotient).
 */
export interface Derived {
  readonly indicator: string;
  readonly rule: string;
  readonly ruleIndex: number;
  readonly numerator: Form;
  readonly denominator: Form;
  readonly scale: Decimal;
  readonly tolerance: Decimal;
}

/** Something the model could not use: a rule or bound that never applies at the level, or is not linear. */
export type ModelNote =
  | { readonly kind: 'never-fires'; readonly source: RowSource; readonly missing: readonly string[] }
  | { readonly kind: 'not-linear'; readonly source: RowSource };

/** The tolerance the check gave a rule at a level, and why. */
export interface ToleranceUsed {
  readonly rule: string;
  readonly amount: string;
  readonly basis: 'declared-precision' | 'exact' | 'absolute';
}

/** The linear model of one level: rows over indicator values as reported at a unit of the level. */
export interface LevelModel {
  readonly level: OrgLevel;
  readonly rows: readonly Row[];
  /** Indicators with a variable of their own (reported at the level and not derived). */
  readonly variables: readonly string[];
  readonly derived: ReadonlyMap<string, Derived>;
  readonly notes: readonly ModelNote[];
  readonly tolerances: readonly ToleranceUsed[];
}

/** The level of a unit's children, whose values a children-sum reads. */
const CHILD_LEVEL: Record<OrgLevel, OrgLevel | undefined> = {
  province: 'zone',
  zone: 'city',
  city: 'park',
  park: undefined,
};

/** What building one level's model needs and collects. */
interface Ctx {
  readonly level: OrgLevel;
  readonly byCode: ReadonlyMap<string, Indicator>;
  readonly maxChildren: number;
  readonly derived: Map<string, Derived>;
  readonly childVars: Set<string>;
  readonly positive: Set<string>;
  readonly rows: Row[];
  readonly notes: ModelNote[];
}

/** A side of a rule as a linear form. */
interface Lin {
  readonly form: Form;
  readonly tol: Decimal;
  /** The finest unit a value read can move by (for strict comparisons). */
  readonly unit: Decimal | undefined;
}

/** The name of the variable for Σ over a unit's children of `code`. */
export const childrenVar = (code: string) => `${code}@children`;

/** Whether an indicator is reported at the level (a unit's children's level for a children-sum). */
const present = (ctx: Ctx, code: string, level: OrgLevel | undefined = ctx.level) =>
  level !== undefined && (ctx.byCode.get(code)?.levels.includes(level) ?? false);

/** ½·10⁻ᵈ: the half-unit of an indicator's declared precision (counts are exact). */
export function halfUnit(ind: Indicator): Decimal {
  return ind.valueType === 'count' ? new Decimal(0) : new Decimal(10).pow(-ind.decimals).div(2);
}

const unitOf = (ind: Indicator) => new Decimal(10).pow(-ind.decimals);

const minUnit = (a: Decimal | undefined, b: Decimal | undefined) =>
  a === undefined ? b : b === undefined ? a : Decimal.min(a, b);

/** The indicators a rule reads at a level that are not reported there. */
function missingAt(expr: Expr, ctx: Ctx): string[] {
  switch (expr.kind) {
    case 'ref':
      return present(ctx, expr.indicator) ? [] : [expr.indicator];
    case 'children-sum':
      return present(ctx, expr.indicator, CHILD_LEVEL[ctx.level]) && ctx.maxChildren > 0
        ? []
        : [`Σ ${expr.indicator}`];
    case 'const':
      return [];
    case 'sum':
      return expr.terms.flatMap((t) => missingAt(t, ctx));
    case 'ratio':
      return [...missingAt(expr.numerator, ctx), ...missingAt(expr.denominator, ctx)];
  }
}

function countRefs(expr: Expr): number {
  switch (expr.kind) {
    case 'ref':
    case 'children-sum':
      return 1;
    case 'const':
      return 0;
    case 'sum':
      return expr.terms.reduce((n, t) => n + countRefs(t), 0);
    case 'ratio':
      return countRefs(expr.numerator) + countRefs(expr.denominator);
  }
}

/** Whether the rule is ever evaluated at the level, following its missing-value strategy. */
function fires(rule: Rule, ctx: Ctx): string[] {
  const missing = [...missingAt(rule.left, ctx), ...missingAt(rule.right, ctx)];
  switch (rule.missing) {
    case 'skip-if-any':
      return missing;
    case 'skip-if-all':
      return missing.length === countRefs(rule.left) + countRefs(rule.right) ? missing : [];
    case 'treat-as-zero':
      return [];
  }
}

function refTolerance(ind: Indicator, rule: Rule): Decimal {
  return rule.tolerance.kind === 'declared-precision' ? halfUnit(ind) : new Decimal(0);
}

/** A side of a rule as a linear form with its tolerance, or undefined when it is not linear. */
function linearOf(expr: Expr, rule: Rule, ctx: Ctx): Lin | undefined {
  switch (expr.kind) {
    case 'const':
      return {
        form: { coefs: new Map(), constant: new Decimal(expr.value) },
        tol: new Decimal(0),
        unit: undefined,
      };
    case 'ref': {
      const ind = ctx.byCode.get(expr.indicator);
      // A blank a rule treats as zero is zero here.
      if (!ind || !present(ctx, expr.indicator)) return { form: ZERO, tol: new Decimal(0), unit: undefined };
      if (ctx.derived.has(expr.indicator)) return undefined;
      return { form: variable(expr.indicator), tol: refTolerance(ind, rule), unit: unitOf(ind) };
    }
    case 'children-sum': {
      const ind = ctx.byCode.get(expr.indicator);
      if (!ind || missingAt(expr, ctx).length > 0)
        return { form: ZERO, tol: new Decimal(0), unit: undefined };
      ctx.childVars.add(expr.indicator);
      const tol = refTolerance(ind, rule).times(ctx.maxChildren);
      return { form: variable(childrenVar(expr.indicator)), tol, unit: unitOf(ind) };
    }
    case 'sum': {
      let acc: Lin = { form: ZERO, tol: new Decimal(0), unit: undefined };
      for (const term of expr.terms) {
        const t = linearOf(term, rule, ctx);
        if (!t) return undefined;
        acc = {
          form: combine(1, acc.form, 1, t.form),
          tol: acc.tol.plus(t.tol),
          unit: minUnit(acc.unit, t.unit),
        };
      }
      return acc;
    }
    case 'ratio':
      return undefined;
  }
}

/** A denominator the check may take as positive: non-negative coefficients on non-negative values. */
function positiveDenominator(den: Form, ctx: Ctx): boolean {
  if (den.coefs.size === 0) return den.constant.gt(0);
  for (const [name, coef] of den.coefs) {
    const code = name.endsWith('@children') ? name.slice(0, -'@children'.length) : name;
    const min = ctx.byCode.get(code)?.range.min;
    if (coef.lt(0) || min === undefined || min < 0) return false;
  }
  return true;
}

/** The row that keeps a ratio's denominator above zero: at least the finest unit it is reported in. */
function addPositive(den: Lin, ctx: Ctx): void {
  const label = [...den.form.coefs.keys()].join('+');
  if (den.form.coefs.size === 0 || ctx.positive.has(label)) return;
  ctx.positive.add(label);
  ctx.rows.push(
    rowOf({ kind: 'positive', denominator: label }, den.form, den.unit ?? new Decimal(0), undefined),
  );
}

/**
 * lo ≤ s·N / D ≤ hi as rows s·N − hi·D ≤ 0 and s·N − lo·D ≥ 0, valid because D > 0 (a row says so).
 * False when D's sign is not known: the bound is then not linear.
 */
function ratioRows(
  source: RowSource,
  num: Lin,
  den: Lin,
  scale: Decimal,
  lo: Decimal | undefined,
  hi: Decimal | undefined,
  ctx: Ctx,
): boolean {
  if (!positiveDenominator(den.form, ctx)) return false;
  if (lo !== undefined)
    ctx.rows.push(rowOf(source, combine(scale, num.form, lo.neg(), den.form), new Decimal(0), undefined));
  if (hi !== undefined)
    ctx.rows.push(rowOf(source, combine(scale, num.form, hi.neg(), den.form), undefined, new Decimal(0)));
  addPositive(den, ctx);
  return true;
}

/** Bounds lo ≤ X ≤ hi on an indicator's reported value, derived or not. */
function valueRows(
  source: RowSource,
  code: string,
  lo: Decimal | undefined,
  hi: Decimal | undefined,
  ctx: Ctx,
): boolean {
  const d = ctx.derived.get(code);
  if (!d) {
    if (lo !== undefined || hi !== undefined) ctx.rows.push(rowOf(source, variable(code), lo, hi));
    return true;
  }
  const num: Lin = { form: d.numerator, tol: new Decimal(0), unit: undefined };
  const den: Lin = { form: d.denominator, tol: new Decimal(0), unit: denominatorUnit(d.denominator, ctx) };
  const before = ctx.rows.length;
  const ok = ratioRows(source, num, den, d.scale, lo?.minus(d.tolerance), hi?.plus(d.tolerance), ctx);
  const via: RowSource = { kind: 'rule', id: d.rule, index: d.ruleIndex };
  for (let i = before; i < ctx.rows.length; i++) {
    const row = ctx.rows[i];
    if (row && row.source === source) ctx.rows[i] = { ...row, via };
  }
  return ok;
}

/** The finest unit any value in a denominator is reported in: the least it can be above zero. */
function denominatorUnit(den: Form, ctx: Ctx): Decimal | undefined {
  let unit: Decimal | undefined;
  for (const name of den.coefs.keys()) {
    const ind = ctx.byCode.get(name.replace(/@children$/, ''));
    if (ind) unit = minUnit(unit, unitOf(ind));
  }
  return unit;
}

export {
  addPositive,
  CHILD_LEVEL,
  type Ctx,
  denominatorUnit,
  fires,
  linearOf,
  positiveDenominator,
  present,
  valueRows,
};

/** Finds an identity `X = s·N / D` (either way round) a rule states, with linear N and D. */
export function identityOf(
  rule: Rule,
  ctx: Ctx,
): Omit<Derived, 'rule' | 'ruleIndex' | 'tolerance'> | undefined {
  if (rule.op !== '=') return undefined;
  const pair =
    rule.left.kind === 'ref' && rule.right.kind === 'ratio'
      ? { ref: rule.left, ratio: rule.right }
      : rule.right.kind === 'ref' && rule.left.kind === 'ratio'
        ? { ref: rule.right, ratio: rule.left }
        : undefined;
  if (!pair || ctx.derived.has(pair.ref.indicator)) return undefined;
  const num = linearOf(pair.ratio.numerator, rule, ctx);
  const den = linearOf(pair.ratio.denominator, rule, ctx);
  if (!num || !den || !positiveDenominator(den.form, ctx)) return undefined;
  if (num.form.coefs.has(pair.ref.indicator) || den.form.coefs.has(pair.ref.indicator)) return undefined;
  return {
    indicator: pair.ref.indicator,
    numerator: num.form,
    denominator: den.form,
    scale: new Decimal(pair.ratio.scale),
  };
}

/** The bounds of a plausibility bound at the level, or a note when it cannot be used. */
export function boundRows(bound: PlausibilityBound, index: number, ctx: Ctx): void {
  const source: RowSource = {
    kind: 'bound',
    index,
    indicator: bound.indicator,
    per: bound.per,
    min: bound.min,
    max: bound.max,
  };
  const missing = [bound.indicator, ...(bound.per ? [bound.per] : [])].filter((c) => !present(ctx, c));
  if (missing.length > 0) {
    ctx.notes.push({ kind: 'never-fires', source, missing });
    return;
  }
  const lo = bound.min === undefined ? undefined : new Decimal(bound.min);
  const hi = bound.max === undefined ? undefined : new Decimal(bound.max);
  if (bound.per === undefined) {
    if (!valueRows(source, bound.indicator, lo, hi, ctx)) ctx.notes.push({ kind: 'not-linear', source });
    return;
  }
  const perInd = ctx.byCode.get(bound.per);
  if (ctx.derived.has(bound.indicator) || ctx.derived.has(bound.per) || !perInd) {
    ctx.notes.push({ kind: 'not-linear', source });
    return;
  }
  const num: Lin = { form: variable(bound.indicator), tol: new Decimal(0), unit: undefined };
  const den: Lin = { form: variable(bound.per), tol: new Decimal(0), unit: unitOf(perInd) };
  if (!ratioRows(source, num, den, new Decimal(1), lo, hi, ctx))
    ctx.notes.push({ kind: 'not-linear', source });
}

/** The most children any unit of the level has in the registry (over all time: a sum's tolerance). */
export function maxChildrenAt(catalogue: Catalogue, level: OrgLevel): number {
  const atLevel = new Set(catalogue.orgUnits.filter((u) => u.level === level).map((u) => u.code));
  const counts = new Map<string, number>();
  for (const u of catalogue.orgUnits)
    if (u.parent !== undefined && atLevel.has(u.parent))
      counts.set(u.parent, (counts.get(u.parent) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}
