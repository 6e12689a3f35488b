import type { Catalogue, Indicator, OrgUnit, Submission } from '@sunan/schema';
import { Dec } from './decimal.js';
import type { ValueStatus } from './result.js';

/** One indicator rolled up from the cities to the zone, before formatting. */
export interface Rolled {
  readonly indicator: Indicator;
  readonly cityValues: ReadonlyMap<string, Dec | undefined>;
  /** Exact for sums; ratios and weighted means are unrounded here. */
  readonly zone: Dec | undefined;
  readonly status: ValueStatus;
  readonly missingCities: readonly string[];
}

/** Each city's own city-level figures, indexed by indicator code. */
export function cityFigures(submission: Submission | undefined, city: string): Map<string, Dec> {
  const out = new Map<string, Dec>();
  for (const v of submission?.values ?? [])
    if (v.orgUnit === city && v.value !== null) out.set(v.indicator, new Dec(v.value));
  return out;
}

function status(missing: readonly string[], value: Dec | undefined): ValueStatus {
  if (value === undefined) return 'not-computable';
  return missing.length > 0 ? 'partial' : 'complete';
}

/** How to read a city's figure of an indicator. */
type FigureOf = (city: string, code: string) => Dec | undefined;

/** The zone figure with its status and the cities lacking a figure. */
type ZoneFigure = Pick<Rolled, 'zone' | 'status' | 'missingCities'>;

/** Σ numerator / Σ denominator × scale over the cities that have both — never a mean of city ratios. */
function ratioZone(
  cities: readonly OrgUnit[],
  of: FigureOf,
  numerator: string,
  denominator: string,
  scale: string,
): ZoneFigure {
  const missing: string[] = [];
  let num = new Dec(0);
  let den = new Dec(0);
  for (const c of cities) {
    const n = of(c.code, numerator);
    const d = of(c.code, denominator);
    if (n === undefined || d === undefined) missing.push(c.code);
    else {
      num = num.plus(n);
      den = den.plus(d);
    }
  }
  const zone = missing.length === cities.length || den.isZero() ? undefined : num.div(den).times(scale);
  return { zone, status: status(missing, zone), missingCities: missing };
}

/** The cities' values weighed by the weight indicator, over the cities that have both. */
function weightedMeanZone(
  cities: readonly OrgUnit[],
  cityValues: ReadonlyMap<string, Dec | undefined>,
  of: FigureOf,
  weight: string,
): ZoneFigure {
  const missing: string[] = [];
  let sum = new Dec(0);
  let weights = new Dec(0);
  for (const c of cities) {
    const v = cityValues.get(c.code);
    const w = of(c.code, weight);
    if (v === undefined || w === undefined) missing.push(c.code);
    else {
      sum = sum.plus(v.times(w));
      weights = weights.plus(w);
    }
  }
  const zone = weights.isZero() ? undefined : sum.div(weights);
  return { zone, status: status(missing, zone), missingCities: missing };
}

/**
 * Rolls one indicator up by its aggregation rule: `sum` and `cumulative-sum` add exactly; `ratio` is
 * Σ numerator / Σ denominator × scale — never a mean of city ratios; `weighted-mean` weighs by its
 * weight indicator; `reported` takes the zone's own figure and never adds anything. Cities lacking a
 * figure (or a component) are listed, and the total is then `partial`, never silently complete.
 */
export function rollUpIndicator(
  indicator: Indicator,
  cities: readonly OrgUnit[],
  figures: ReadonlyMap<string, ReadonlyMap<string, Dec>>,
  zoneReported: ReadonlyMap<string, Dec>,
): Rolled {
  const of: FigureOf = (city, code) => figures.get(city)?.get(code);
  const cityValues = new Map(cities.map((c) => [c.code, of(c.code, indicator.code)] as const));
  const agg = indicator.aggregation;
  switch (agg.kind) {
    case 'sum':
    case 'cumulative-sum': {
      const missing = cities.filter((c) => cityValues.get(c.code) === undefined).map((c) => c.code);
      const present = cities.map((c) => cityValues.get(c.code)).filter((v): v is Dec => v !== undefined);
      const zone = present.length === 0 ? undefined : present.reduce((a, b) => a.plus(b), new Dec(0));
      return { indicator, cityValues, zone, status: status(missing, zone), missingCities: missing };
    }
    case 'ratio':
      return { indicator, cityValues, ...ratioZone(cities, of, agg.numerator, agg.denominator, agg.scale) };
    case 'weighted-mean':
      return { indicator, cityValues, ...weightedMeanZone(cities, cityValues, of, agg.weight) };
    case 'reported': {
      const zone = zoneReported.get(indicator.code);
      return {
        indicator,
        cityValues,
        zone,
        status: zone === undefined ? 'not-reported' : 'complete',
        missingCities: [],
      };
    }
  }
}

/** Rolls up every indicator reported at zone or city level, in catalogue order. */
export function rollUp(
  catalogue: Catalogue,
  cities: readonly OrgUnit[],
  submissions: ReadonlyMap<string, Submission>,
  zoneReported: ReadonlyMap<string, Dec> = new Map(),
): Rolled[] {
  const figures = new Map(cities.map((c) => [c.code, cityFigures(submissions.get(c.code), c.code)] as const));
  return catalogue.indicators
    .filter((i) => i.levels.includes('zone') || i.levels.includes('city'))
    .map((i) => rollUpIndicator(i, cities, figures, zoneReported));
}
