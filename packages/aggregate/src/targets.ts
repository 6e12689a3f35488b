import { type Catalogue, findIndicator, findOrgUnit, type Period, type Target } from '@sunan/schema';
import { Dec } from './decimal.js';
import type { TargetProgress, TargetStatus, TargetTrajectory, ValueStatus } from './result.js';

/** The zone figure a target is compared with: the period's value, or the running total for cumulative targets. */
export interface TargetFigure {
  readonly value: Dec | undefined;
  readonly status: ValueStatus;
  readonly cumulativePeriods?: readonly string[];
  /** For cumulative targets: plan periods before this one with no figure. */
  readonly missingPeriods?: readonly string[];
}

/** The zone's own figures of earlier years (from history), by year and indicator code. */
export type EarlierFigures = ReadonlyMap<string, ReadonlyMap<string, Dec>>;

function applies(
  t: Target,
  period: Period,
  zone: string,
  province: string | undefined,
  catalogue: Catalogue,
): 'zone' | 'reference' | undefined {
  if (Number(t.period.slice(0, 4)) < period.year) return undefined;
  if (t.cumulative && Number(t.cumulative.from.slice(0, 4)) > period.year) return undefined;
  if (t.orgUnit === zone) return 'zone';
  // A province target is a reference for the zone only where the figure is intensive (a ratio or a
  // rate): a province-wide total cannot be compared with a sum over five cities.
  const kind = findIndicator(catalogue, t.indicator)?.aggregation.kind;
  if (t.orgUnit === province && (kind === 'ratio' || kind === 'weighted-mean' || kind === 'reported'))
    return 'reference';
  return undefined;
}

const yearOf = (p: string) => Number(p.slice(0, 4));

/** Whether `value` satisfies `bound` under the target's comparator (`more-than` is strict only at the end). */
function reaches(t: Target, value: Dec, bound: Dec, final: boolean): boolean {
  switch (t.comparator) {
    case 'at-most':
      return value.lte(bound);
    case 'more-than':
      return final ? value.gt(bound) : value.gte(bound);
    case 'at-least':
      return value.gte(bound);
  }
}

/**
 * Where the path from a baseline to the target stands in `year`. The baseline is the plan's own
 * (seed 003 gives 2020 figures for the province's 2025 targets); failing that, the zone's figure in
 * the earliest earlier year known; a cumulative target starts from 0 the year before its first year.
 */
export function trajectoryOf(t: Target, year: number, earlier: EarlierFigures): TargetTrajectory | undefined {
  const end = yearOf(t.period);
  const target = new Dec(t.value);
  let base: { period: string; value: Dec; source: TargetTrajectory['baselineSource'] } | undefined;
  if (t.cumulative)
    base = { period: String(yearOf(t.cumulative.from) - 1), value: new Dec(0), source: 'zero' };
  else if (t.baseline) base = { period: t.baseline.period, value: new Dec(t.baseline.value), source: 'plan' };
  else {
    const first = [...earlier.keys()]
      .filter((p) => yearOf(p) < year && earlier.get(p)?.has(t.indicator))
      .sort()[0];
    const v = first === undefined ? undefined : earlier.get(first)?.get(t.indicator);
    if (first !== undefined && v !== undefined) base = { period: first, value: v, source: 'zone' };
  }
  if (!base || yearOf(base.period) >= end) return undefined;
  const share = new Dec(year - yearOf(base.period)).div(end - yearOf(base.period));
  const expected = base.value.plus(target.minus(base.value).times(share));
  return {
    rule: 'linear',
    baselinePeriod: base.period,
    baselineValue: base.value.toString(),
    baselineSource: base.source,
    expected: expected.toDecimalPlaces(4).toString(),
  };
}

/**
 * The status of a target: judged against the target itself in (or after) its period, against the
 * path before it. A partial figure that falls short cannot be called missed: it is `incomplete`.
 */
function statusOf(
  t: Target,
  year: number,
  value: Dec | undefined,
  valueStatus: ValueStatus,
  trajectory: TargetTrajectory | undefined,
): TargetStatus {
  if (value === undefined) return 'no-data';
  const target = new Dec(t.value);
  const partial = valueStatus !== 'complete';
  if (year >= yearOf(t.period)) {
    if (reaches(t, value, target, true)) return 'met';
    return partial ? 'incomplete' : 'not-met';
  }
  // Already at the end point: on track whatever the path.
  if (reaches(t, value, target, false)) return 'on-track';
  if (!trajectory) return 'incomplete';
  if (reaches(t, value, new Dec(trajectory.expected), false)) return 'on-track';
  return partial ? 'incomplete' : 'behind';
}

function cumulativeOf(t: Target, year: number, fig: TargetFigure): TargetProgress['cumulative'] {
  if (!t.cumulative) return null;
  const remaining: string[] = [];
  for (let y = year + 1; y <= yearOf(t.cumulative.to); y++) remaining.push(String(y));
  return {
    from: t.cumulative.from,
    to: t.cumulative.to,
    periods: [...(fig.cumulativePeriods ?? [])],
    missingPeriods: [...(fig.missingPeriods ?? [])],
    remainingPeriods: remaining,
  };
}

/**
 * Progress against each zone target that applies to the period, plus the province's targets for
 * intensive indicators as references: value, target, percent achieved, gap and, for cumulative
 * targets, the running sum over the periods included so far. A target for a later period is judged
 * on its straight-line path from the baseline ({@link trajectoryOf}), never as missed.
 */
export function targetProgress(
  catalogue: Catalogue,
  period: Period,
  zone: string,
  figures: ReadonlyMap<string, TargetFigure>,
  cumulativeFigures: ReadonlyMap<string, TargetFigure>,
  earlier: EarlierFigures = new Map(),
): TargetProgress[] {
  const province = findOrgUnit(catalogue, zone)?.parent;
  const out: TargetProgress[] = [];
  for (const t of catalogue.targets) {
    const kind = applies(t, period, zone, province, catalogue);
    if (!kind) continue;
    const ind = findIndicator(catalogue, t.indicator);
    if (!ind) continue;
    const fig = (t.cumulative ? cumulativeFigures : figures).get(t.indicator) ?? {
      value: undefined,
      status: 'not-computable' as const,
    };
    const target = new Dec(t.value);
    const value = fig.value;
    const future = period.year < yearOf(t.period);
    const trajectory = future ? trajectoryOf(t, period.year, earlier) : undefined;
    out.push({
      id: t.id,
      orgUnit: t.orgUnit,
      indicator: t.indicator,
      name: ind.name,
      unit: t.unit,
      targetPeriod: t.period,
      target: t.value,
      approximate: t.approximate,
      comparator: t.comparator,
      reference: kind === 'reference',
      value: value === undefined ? null : value.toString(),
      valueStatus: fig.status,
      achievedPercent:
        value === undefined || target.isZero()
          ? null
          : value.div(target).times(100).toDecimalPlaces(2).toFixed(2),
      gap:
        value === undefined
          ? null
          : (t.comparator === 'at-most' ? value.minus(target) : target.minus(value)).toString(),
      status: statusOf(t, period.year, value, fig.status, trajectory),
      cumulative: cumulativeOf(t, period.year, fig),
      ...(future ? { trajectory: trajectory ?? null } : {}),
    });
  }
  return out;
}
