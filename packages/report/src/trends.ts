import type { AggregateResult } from '@sunan/aggregate';

/** One indicator's figures over several periods: the zone's and each city's. */
export interface Trend {
  readonly indicator: string;
  readonly periods: readonly string[];
  readonly zone: ReadonlyArray<string | null>;
  /** By city code, one value per period. */
  readonly cities: Readonly<Record<string, ReadonlyArray<string | null>>>;
}

/**
 * The series of the given indicators over the current result and earlier ones (one result per
 * period; later duplicates and periods after the current one are ignored). Empty with fewer than
 * two periods: one point is not a trend.
 */
export function trendsOf(
  result: AggregateResult,
  history: readonly AggregateResult[],
  codes: readonly string[],
): Trend[] {
  const byPeriod = new Map<string, AggregateResult>();
  for (const r of history) if (r.period < result.period && !byPeriod.has(r.period)) byPeriod.set(r.period, r);
  byPeriod.set(result.period, result);
  const periods = [...byPeriod.keys()].sort();
  if (periods.length < 2) return [];
  const cityCodes = Object.keys(result.indicators[0]?.cities ?? {});
  const out: Trend[] = [];
  for (const code of codes) {
    const at = periods.map((p) => byPeriod.get(p)?.indicators.find((i) => i.code === code));
    if (!at.some((i) => i?.zone.value !== null && i?.zone.value !== undefined)) continue;
    out.push({
      indicator: code,
      periods,
      zone: at.map((i) => i?.zone.value ?? null),
      cities: Object.fromEntries(cityCodes.map((c) => [c, at.map((i) => i?.cities[c]?.value ?? null)])),
    });
  }
  return out;
}
