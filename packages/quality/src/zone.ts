import { rollUpIndicator } from '@sunan/aggregate';
import { type Catalogue, findIndicator, type Indicator, type OrgUnit } from '@sunan/schema';
import { percentOf, Q } from './decimal.js';
import { acceptedAt, type CellHistory } from './history.js';
import { shanghaiDate } from './time.js';
import type { ValueReader } from './values.js';

/** The zone's figure of an indicator as the cities' accepted revisions stood at one time. */
export interface ZoneVintage {
  readonly at: string;
  /** Rounded to the indicator's decimals, as the zone's figure is published; null when not computable. */
  readonly value: string | null;
  /** Cities without an accepted figure then (the figure is partial). */
  readonly missingCities: readonly string[];
}

/** The zone's revision of an indicator for a period, recomputed by the roll-up rule per vintage. */
export interface ZoneRevision {
  readonly period: string;
  readonly indicator: string;
  /** When every city first had an accepted revision (else the last acceptance), and the figure then. */
  readonly first: ZoneVintage | null;
  /** With each city's latest accepted revision. */
  readonly latest: ZoneVintage | null;
  readonly revision: string | null;
  readonly revisionPercent: string | null;
}

/**
 * The zone's figure at a time: each city's revision in force then, rolled up by the indicator's
 * rule (Σ numerator ÷ Σ denominator for ratios — never a mean of city ratios).
 */
export function zoneAt(
  indicator: Indicator,
  cities: readonly OrgUnit[],
  histories: readonly CellHistory[],
  values: ValueReader,
  at: string,
): ZoneVintage {
  const figures = new Map<string, ReadonlyMap<string, Q>>();
  for (const h of histories) {
    const acc = acceptedAt(h, at);
    const rev = acc && h.revisions.find((r) => r.revision === acc.revision);
    if (rev) figures.set(h.city, values.figures(rev.sha256, h.city));
  }
  const rolled = rollUpIndicator(indicator, cities, figures, new Map());
  return {
    at,
    value:
      rolled.zone === undefined
        ? null
        : rolled.zone.toDecimalPlaces(indicator.decimals).toFixed(indicator.decimals),
    missingCities: rolled.missingCities,
  };
}

/** The zone's first and latest figure of an indicator for a period, and the revision between them. */
export function zoneRevision(
  catalogue: Catalogue,
  code: string,
  cities: readonly OrgUnit[],
  histories: readonly CellHistory[],
  values: ValueReader,
): ZoneRevision | undefined {
  const indicator = findIndicator(catalogue, code);
  const period = histories[0]?.period;
  if (!indicator || period === undefined) return undefined;
  const firsts = histories.map((h) => h.acceptances[0]?.at);
  const all = histories.flatMap((h) => h.acceptances.map((a) => a.at)).sort();
  const complete = firsts.every((t) => t !== undefined) && firsts.length === cities.length;
  const firstAt = complete ? [...(firsts as string[])].sort().at(-1) : all.at(-1);
  const lastAt = all.at(-1);
  const first = firstAt === undefined ? null : zoneAt(indicator, cities, histories, values, firstAt);
  const latest = lastAt === undefined ? null : zoneAt(indicator, cities, histories, values, lastAt);
  const a = first?.value == null ? undefined : new Q(first.value);
  const b = latest?.value == null ? undefined : new Q(latest.value);
  const rev = a && b ? b.minus(a) : undefined;
  return {
    period,
    indicator: code,
    first,
    latest,
    revision: rev?.toString() ?? null,
    revisionPercent: rev && a ? percentOf(rev, a) : null,
  };
}

/**
 * A revision triangle (rows: reference period; columns: vintages — the days on which any
 * acceptance was recorded, China time): the figure in force at the end of each day, for one city
 * or, with `city` null, the zone recomputed per vintage.
 */
export interface RevisionTriangle {
  readonly indicator: string;
  readonly city: string | null;
  /** Vintage days, `yyyy-MM-dd` (Asia/Shanghai). */
  readonly vintages: readonly string[];
  readonly rows: ReadonlyArray<{ readonly period: string; readonly values: ReadonlyArray<string | null> }>;
}

/** Builds the triangle of an indicator over periods for a city or (city null) the zone. */
export function revisionTriangle(
  catalogue: Catalogue,
  code: string,
  city: string | null,
  byPeriod: ReadonlyArray<{ period: string; cities: readonly OrgUnit[]; histories: readonly CellHistory[] }>,
  values: ValueReader,
): RevisionTriangle | undefined {
  const indicator = findIndicator(catalogue, code);
  if (!indicator) return undefined;
  const of = (hs: readonly CellHistory[]) => (city === null ? hs : hs.filter((h) => h.city === city));
  // The last acceptance of each day stands for the day.
  const endOfDay = new Map<string, string>();
  for (const p of byPeriod)
    for (const h of of(p.histories))
      for (const a of h.acceptances) {
        const day = shanghaiDate(a.at);
        if ((endOfDay.get(day) ?? '') < a.at) endOfDay.set(day, a.at);
      }
  const vintages = [...endOfDay.keys()].sort();
  const rows = byPeriod.map((p) => ({
    period: p.period,
    values: vintages.map((day) => {
      const at = endOfDay.get(day) ?? '';
      if (city !== null) {
        const h = p.histories.find((x) => x.city === city);
        const acc = h && acceptedAt(h, at);
        const rev = acc && h.revisions.find((r) => r.revision === acc.revision);
        return rev ? (values.value(rev.sha256, city, code)?.toString() ?? null) : null;
      }
      if (!p.histories.some((h) => acceptedAt(h, at))) return null;
      return zoneAt(indicator, p.cities, p.histories, values, at).value;
    }),
  }));
  return { indicator: code, city, vintages, rows };
}
