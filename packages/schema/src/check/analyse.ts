import { Decimal } from 'decimal.js';
import type { Severity } from '../rule.js';
import type { OrgLevel } from '../zod/org-level.js';
import type { LocalizedText } from '../zod/text.js';
import { combine, type Form, type Row, type RowSource, rowOf, sourceKey, variable } from './linear.js';
import { feasible } from './lp.js';
import type { LevelModel } from './model.js';
import { propagate } from './propagate.js';
import { components, extreme, minimalConflict, type Quantity, rangeOf, whyNot } from './solve.js';
import { intervalText, setLabel, sourceLabel, TEXT } from './words.js';

/** Stable codes of what the rule-set check finds. */
export type RuleCheckCode =
  | 'CHK_INFEASIBLE'
  | 'CHK_BOUND_CONFLICT'
  | 'CHK_FORCED'
  | 'CHK_NEVER_FIRES'
  | 'CHK_REDUNDANT'
  | 'CHK_NOT_LINEAR'
  | 'CHK_UNDECIDED';

/** One thing the rule-set check found, with the minimal set of rules and bounds behind it. */
export interface RuleCheckFinding {
  readonly code: RuleCheckCode;
  readonly severity: Severity;
  readonly level: OrgLevel;
  /** The rule, bound or indicator the finding is about (absent for an infeasible set). */
  readonly subject: RowSource | { readonly kind: 'indicator'; readonly indicator: string } | undefined;
  /** The minimal set of rules, bounds and ranges that together cause it. */
  readonly involved: readonly RowSource[];
  /** The interval the others imply, for a bound conflict or a forced value. */
  readonly implied?: { readonly lo?: string; readonly hi?: string };
  readonly message: LocalizedText;
}

/** The bounds the rules, bounds and ranges imply for one indicator at one level. */
export interface ImpliedBound {
  readonly level: OrgLevel;
  readonly indicator: string;
  readonly min?: string;
  readonly max?: string;
  readonly forced: boolean;
}

/** A float from the solver as a short exact decimal (ten significant digits). */
export const show = (x: number): string => new Decimal(Number(x.toPrecision(10))).toString();
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const margin = (x: number) => 1e-6 * Math.max(1, Math.abs(x));

/** The quantity an indicator's reported value is at the level: its variable, or s·N / D. */
export function quantityOf(model: LevelModel, code: string): Quantity {
  const d = model.derived.get(code);
  if (!d) return { kind: 'linear', form: variable(code) };
  const num = combine(d.scale, d.numerator, 0, d.numerator);
  const unit = minUnitRow(model, d.denominator);
  return {
    kind: 'ratio',
    num,
    den: d.denominator,
    denRow: unit,
    via: { kind: 'rule', id: d.rule, index: d.ruleIndex },
  };
}

/** The row keeping a denominator positive: the model's own, or one at a tiny positive floor. */
function minUnitRow(model: LevelModel, den: Form): Row | undefined {
  const existing = model.rows.find((r) => r.source.kind === 'positive' && sameCoefs(r.coefs, den.coefs));
  return (
    existing ??
    rowOf(
      { kind: 'positive', denominator: [...den.coefs.keys()].join('+') },
      den,
      new Decimal('1e-8'),
      undefined,
    )
  );
}

function sameCoefs(a: ReadonlyMap<string, Decimal>, b: ReadonlyMap<string, Decimal>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k)?.eq(v) ?? false);
}

/** Each connected part that cannot hold, with a minimal conflicting set. */
export function infeasibleParts(model: LevelModel): RuleCheckFinding[] {
  // Exact interval propagation first: an empty interval is a proof with no rounding; the linear
  // program decides what propagation leaves open.
  return components(model.rows)
    .filter((part) => propagate(part).empty || !feasible(part))
    .map((part) => {
      const involved = minimalConflict(part);
      return {
        code: 'CHK_INFEASIBLE',
        severity: 'error',
        level: model.level,
        subject: undefined,
        involved,
        message: TEXT.infeasible(model.level, setLabel(involved)),
      };
    });
}

const without = (rows: readonly Row[], key: string) => rows.filter((r) => sourceKey(r.source) !== key);

/** The quantity a plausibility bound is on, and the tolerance its ends carry. */
function boundQuantity(
  model: LevelModel,
  source: Extract<RowSource, { kind: 'bound' }>,
): { q: Quantity; tol: number } {
  if (source.per === undefined) {
    const tol = model.derived.get(source.indicator)?.tolerance.toNumber() ?? 0;
    return { q: quantityOf(model, source.indicator), tol };
  }
  const den = variable(source.per);
  return {
    q: { kind: 'ratio', num: variable(source.indicator), den, denRow: minUnitRow(model, den) },
    tol: 0,
  };
}

/**
 * Bounds with an end the other rules and bounds never let a value reach (the RD_INTENSITY case): a
 * value between that end and what the others allow passes the bound but trips another.
 */
export function boundConflicts(model: LevelModel): RuleCheckFinding[] {
  const found: RuleCheckFinding[] = [];
  const bounds = new Map<string, Extract<RowSource, { kind: 'bound' }>>();
  for (const r of model.rows) if (r.source.kind === 'bound') bounds.set(sourceKey(r.source), r.source);
  for (const [key, source] of bounds) {
    const rest = without(model.rows, key);
    const { q, tol } = boundQuantity(model, source);
    const range = rangeOf(rest, q);
    if (range === 'infeasible') continue;
    const allowed = intervalText(
      range.lo === undefined ? undefined : show(range.lo - tol),
      range.hi === undefined ? undefined : show(range.hi + tol),
    );
    for (const end of ['lo', 'hi'] as const) {
      const value = end === 'lo' ? source.min : source.max;
      const implied = end === 'lo' ? range.lo : range.hi;
      if (value === undefined || implied === undefined) continue;
      const edge = end === 'lo' ? implied - tol : implied + tol;
      const beyond =
        end === 'lo'
          ? Number(value) < edge - margin(edge) * 1e-3
          : Number(value) > edge + margin(edge) * 1e-3;
      if (!beyond) continue;
      const involved = whyNot(rest, q, end === 'lo' ? 'le' : 'ge', new Decimal(value));
      found.push({
        code: 'CHK_BOUND_CONFLICT',
        severity: 'warning',
        level: model.level,
        subject: source,
        involved,
        implied: {
          ...(range.lo === undefined ? {} : { lo: show(range.lo - tol) }),
          ...(range.hi === undefined ? {} : { hi: show(range.hi + tol) }),
        },
        message: TEXT.boundConflict(
          model.level,
          sourceLabel(source),
          end,
          value,
          show(edge),
          allowed,
          setLabel(involved),
        ),
      });
    }
  }
  return found;
}

/** Whether one row can never be broken while the rest hold; the sources that make it so. */
function impliedRow(rest: readonly Row[], row: Row): RowSource[] | undefined {
  const q: Quantity = { kind: 'linear', form: { coefs: row.coefs, constant: new Decimal(0) } };
  const why: RowSource[] = [];
  if (row.hi !== undefined) {
    const hi = row.hi.toNumber();
    const max = extreme(rest, q, 'maximize');
    if (max.kind !== 'value' || max.value > hi + margin(hi) * 1e-3) return undefined;
    why.push(...whyNot(rest, q, 'ge', new Decimal(hi + margin(hi))));
  }
  if (row.lo !== undefined) {
    const lo = row.lo.toNumber();
    const min = extreme(rest, q, 'minimize');
    if (min.kind !== 'value' || min.value < lo - margin(lo) * 1e-3) return undefined;
    why.push(...whyNot(rest, q, 'le', new Decimal(lo - margin(lo))));
  }
  return why;
}

/** Rules implied by the other rules, bounds and ranges at the level (information, not a defect). */
export function redundantRules(model: LevelModel): RuleCheckFinding[] {
  const found: RuleCheckFinding[] = [];
  const rules = new Map<string, RowSource>();
  for (const r of model.rows) if (r.source.kind === 'rule') rules.set(sourceKey(r.source), r.source);
  for (const [key, source] of rules) {
    const rest = without(model.rows, key);
    const own = model.rows.filter((r) => sourceKey(r.source) === key);
    const why: RowSource[] = [];
    let implied = true;
    for (const row of own) {
      const w = impliedRow(rest, row);
      if (!w) implied = false;
      else why.push(...w);
      if (!implied) break;
    }
    if (!implied) continue;
    const involved = [...new Map(why.map((s) => [sourceKey(s), s])).values()];
    found.push({
      code: 'CHK_REDUNDANT',
      severity: 'info',
      level: model.level,
      subject: source,
      involved,
      message: TEXT.redundant(model.level, sourceLabel(source), setLabel(involved)),
    });
  }
  return found;
}

/**
 * What a unit can report for an indicator: for a ratio indicator, the quotient's range widened by
 * the identity's tolerance and held to the indicator's own range and bounds (which the model carried
 * onto the components, widened the same way).
 */
function reportedRange(
  model: LevelModel,
  code: string,
  range: { lo?: number; hi?: number },
): { lo?: number; hi?: number } {
  const d = model.derived.get(code);
  if (!d) return range;
  const tol = d.tolerance.toNumber();
  let lo = range.lo === undefined ? undefined : range.lo - tol;
  let hi = range.hi === undefined ? undefined : range.hi + tol;
  for (const { source } of model.rows) {
    const own =
      (source.kind === 'range' && !source.children && source.indicator === code) ||
      (source.kind === 'bound' && source.per === undefined && source.indicator === code);
    if (!own) continue;
    const min = source.min === undefined ? undefined : Number(source.min);
    const max = source.max === undefined ? undefined : Number(source.max);
    if (min !== undefined) lo = lo === undefined ? min : Math.max(lo, min);
    if (max !== undefined) hi = hi === undefined ? max : Math.min(hi, max);
  }
  return { ...(lo === undefined ? {} : { lo }), ...(hi === undefined ? {} : { hi }) };
}

/** The implied range of every indicator at the level, and the findings for values forced to one point. */
export function impliedBounds(model: LevelModel): { implied: ImpliedBound[]; forced: RuleCheckFinding[] } {
  const implied: ImpliedBound[] = [];
  const forced: RuleCheckFinding[] = [];
  for (const code of [...model.variables, ...model.derived.keys()]) {
    const q = quantityOf(model, code);
    const range = rangeOf(model.rows, q);
    if (range === 'infeasible') continue;
    const isForced = range.lo !== undefined && range.hi !== undefined && near(range.lo, range.hi);
    const reported = reportedRange(model, code, range);
    implied.push({
      level: model.level,
      indicator: code,
      ...(reported.lo === undefined ? {} : { min: show(reported.lo) }),
      ...(reported.hi === undefined ? {} : { max: show(reported.hi) }),
      forced: isForced,
    });
    if (!isForced || range.lo === undefined) continue;
    const v = range.lo;
    const involved = [
      ...new Map(
        [
          ...whyNot(model.rows, q, 'le', new Decimal(v - margin(v))),
          ...whyNot(model.rows, q, 'ge', new Decimal(v + margin(v))),
        ].map((s) => [sourceKey(s), s]),
      ).values(),
    ];
    forced.push({
      code: 'CHK_FORCED',
      severity: 'warning',
      level: model.level,
      subject: { kind: 'indicator', indicator: code },
      involved,
      implied: { lo: show(v), hi: show(v) },
      message: TEXT.forced(model.level, code, show(v), setLabel(involved)),
    });
  }
  return { implied, forced };
}

/** Rules and bounds that never fire, and those the check cannot read as linear. */
export function noteFindings(model: LevelModel): RuleCheckFinding[] {
  return model.notes.map((note) =>
    note.kind === 'never-fires'
      ? {
          code: 'CHK_NEVER_FIRES',
          severity: 'warning',
          level: model.level,
          subject: note.source,
          involved: [note.source],
          message: TEXT.neverFires(model.level, sourceLabel(note.source), note.missing),
        }
      : {
          code: 'CHK_NOT_LINEAR',
          severity: 'info',
          level: model.level,
          subject: note.source,
          involved: [note.source],
          message: TEXT.notLinear(model.level, sourceLabel(note.source)),
        },
  );
}
