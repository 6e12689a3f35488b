import { type Catalogue, findIndicator, type Period, type Target } from '@sunan/schema';
import { Dec } from './decimal.js';
import type { TargetProgress, ValueStatus } from './result.js';

/** The zone figure a target is compared with: the period's value, or the running total for cumulative targets. */
export interface TargetFigure {
  readonly value: Dec | undefined;
  readonly status: ValueStatus;
  readonly cumulativePeriods?: readonly string[];
}

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

/**
 * Progress against each zone target that applies to the period, plus the province's targets for
 * intensive indicators as references: value, target, percent achieved, gap and, for cumulative
 * targets, the running sum over the periods included so far.
 */
export function targetProgress(
  catalogue: Catalogue,
  period: Period,
  zone: string,
  figures: ReadonlyMap<string, TargetFigure>,
  cumulativeFigures: ReadonlyMap<string, TargetFigure>,
): TargetProgress[] {
  const province = catalogue.orgUnits.find((u) => u.code === zone)?.parent;
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
    const met =
      value === undefined
        ? undefined
        : t.comparator === 'at-most'
          ? value.lte(target)
          : t.comparator === 'more-than'
            ? value.gt(target)
            : value.gte(target);
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
      status: met === undefined ? 'no-data' : met ? 'met' : 'not-met',
      cumulative: t.cumulative
        ? { from: t.cumulative.from, to: t.cumulative.to, periods: [...(fig.cumulativePeriods ?? [])] }
        : null,
    });
  }
  return out;
}
