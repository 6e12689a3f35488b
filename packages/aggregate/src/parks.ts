import { type Catalogue, childrenOf, type OrgUnit, type Period, type Submission } from '@sunan/schema';
import { Dec, text } from './decimal.js';
import type { ParkFigures } from './result.js';
import type { Rolled } from './roll-up.js';

const SHARE_DECIMALS = 2;

/**
 * Each city's national high-tech parks with the figures their city reported for them, and — for
 * additive indicators — each figure's percent of the city's own figure. Parks are collected in every
 * template; the seed-004 lesson is that adding up parks hides where a city stands, so they are shown.
 */
export function parkFigures(
  catalogue: Catalogue,
  cities: readonly OrgUnit[],
  submissions: ReadonlyMap<string, Submission>,
  rolled: readonly Rolled[],
  period: Period,
): ParkFigures[] {
  const byCode = new Map(rolled.map((r) => [r.indicator.code, r]));
  const out: ParkFigures[] = [];
  for (const city of cities) {
    const sub = submissions.get(city.code);
    for (const park of childrenOf(catalogue.orgUnits, city.code, period).filter((u) => u.level === 'park')) {
      const values: ParkFigures['values'] = {};
      for (const v of sub?.values ?? []) {
        if (v.orgUnit !== park.code || v.value === null) continue;
        const r = byCode.get(v.indicator);
        if (!r) continue;
        const value = new Dec(v.value);
        const cityValue = r.cityValues.get(city.code);
        const additive =
          r.indicator.aggregation.kind === 'sum' || r.indicator.aggregation.kind === 'cumulative-sum';
        values[v.indicator] = {
          value: value.toString(),
          shareOfCity:
            additive && cityValue !== undefined && !cityValue.isZero()
              ? text(value.div(cityValue).times(100), SHARE_DECIMALS)
              : null,
        };
      }
      out.push({ code: park.code, name: park.name, city: city.code, values });
    }
  }
  return out;
}
