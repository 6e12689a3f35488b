import type { AggregateResult, IndicatorResult } from '@sunan/aggregate';
import { type Catalogue, findIndicator, type OrgLevel, sunanCatalogue } from '@sunan/schema';
import { atDecimals, fractionDigits } from './decimal-text.js';

/**
 * The status of a published figure, as a code of SDMX `CL_OBS_STATUS` 2.0:
 * `A` normal (approved, complete), `P` provisional (not yet approved, or a zone total that is
 * partial), `L` missing — data exist but were not collected (a city that did not report), `O`
 * missing value (a blank in a report, or a zone figure that could not be computed).
 */
export type ObsStatus = 'A' | 'P' | 'L' | 'O';

/** One figure: a unit × indicator × period, in the catalogue's unit. */
export interface Observation {
  /** Org unit code: the zone, a city (GB/T 2260) or a park. */
  readonly area: string;
  readonly level: OrgLevel;
  readonly indicator: string;
  /** Period id as the project writes it: `2022` or `2022Q3`. */
  readonly period: string;
  /** Exact decimal text at (at least) the declared decimals, or null when there is no figure. */
  readonly value: string | null;
  readonly unit: string;
  readonly decimals: number;
  readonly status: ObsStatus;
  /** For a zone figure: the cities whose figures it lacks. */
  readonly missingCities: readonly string[];
  /**
   * The explanation (审核说明) that travels with the figure. Always empty today: the project does
   * not yet record explanations for single figures.
   */
  readonly comment: string;
}

/** What has been approved in a period (from the ledger): the cities' figures and the zone's. */
export interface Approval {
  readonly cities: readonly string[];
  readonly zone: boolean;
}

/** The roll-ups to publish and what is known of their approval. */
export interface ExchangeInput {
  /** One roll-up per period (an `aggregate.json` each). */
  readonly results: readonly AggregateResult[];
  /** By period id. A period without an entry has nothing approved: its figures are provisional. */
  readonly approvals?: Readonly<Record<string, Approval>>;
  /** The catalogue the roll-ups were made with (default: the built-in Sunan catalogue). */
  readonly catalogue?: Catalogue;
}

interface Context {
  readonly result: AggregateResult;
  readonly approval: Approval;
  readonly missing: ReadonlySet<string>;
  readonly catalogue: Catalogue;
}

function declaredDecimals(ind: IndicatorResult, catalogue: Catalogue): number {
  const known = findIndicator(catalogue, ind.code)?.decimals;
  if (known !== undefined) return known;
  // An indicator outside the catalogue: the digits its own figures carry.
  const values = [ind.zone.value, ...Object.values(ind.cities).map((c) => c.value)];
  return Math.max(0, ...values.filter((v): v is string => v !== null).map(fractionDigits));
}

function observation(
  base: Omit<Observation, 'value' | 'decimals' | 'comment' | 'missingCities'>,
  value: string | null,
  decimals: number,
  missingCities: readonly string[] = [],
): Observation {
  const exact = value === null ? null : atDecimals(value, decimals);
  return {
    ...base,
    value: exact?.text ?? null,
    decimals: exact?.decimals ?? decimals,
    missingCities,
    comment: '',
  };
}

function zoneStatus(ind: IndicatorResult, approval: Approval): ObsStatus {
  if (ind.zone.value === null) return 'O';
  return ind.zone.status === 'complete' && approval.zone ? 'A' : 'P';
}

function cityStatus(value: string | null, city: string, ctx: Context): ObsStatus {
  if (value === null) return ctx.missing.has(city) ? 'L' : 'O';
  return ctx.approval.cities.includes(city) ? 'A' : 'P';
}

/** The cities of a roll-up in registry order: those with figures and those that did not report. */
function citiesOf(ctx: Context): string[] {
  const seen = new Set<string>([...ctx.missing]);
  for (const ind of ctx.result.indicators) for (const c of Object.keys(ind.cities)) seen.add(c);
  const order = ctx.catalogue.orgUnits.map((u) => u.code);
  const rank = (c: string) => (order.indexOf(c) < 0 ? order.length : order.indexOf(c));
  return [...seen].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function zoneCode(catalogue: Catalogue): string {
  return catalogue.orgUnits.find((u) => u.level === 'zone')?.code ?? 'SUNAN';
}

function indicatorRows(ind: IndicatorResult, cities: readonly string[], ctx: Context): Observation[] {
  const decimals = declaredDecimals(ind, ctx.catalogue);
  const base = { indicator: ind.code, period: ctx.result.period, unit: ind.unit };
  const rows = [
    observation(
      { ...base, area: zoneCode(ctx.catalogue), level: 'zone', status: zoneStatus(ind, ctx.approval) },
      ind.zone.value,
      decimals,
      ind.zone.missingCities,
    ),
  ];
  for (const city of cities) {
    const value = ind.cities[city]?.value ?? null;
    const status = cityStatus(value, city, ctx);
    rows.push(observation({ ...base, area: city, level: 'city', status }, value, decimals));
  }
  for (const park of ctx.result.parks ?? []) {
    const figure = park.values[ind.code];
    if (!figure) continue;
    const status = cityStatus(figure.value, park.city, ctx);
    rows.push(observation({ ...base, area: park.code, level: 'park', status }, figure.value, decimals));
  }
  return rows;
}

/**
 * Every figure of the roll-ups, one per unit × indicator × period: the zone first, then each city
 * (a city that did not report appears with no value and status `L`), then the parks that reported
 * the indicator. Periods in the order given, indicators in the roll-up's order.
 */
export function observationsOf(input: ExchangeInput): Observation[] {
  const catalogue = input.catalogue ?? sunanCatalogue();
  const out: Observation[] = [];
  for (const result of input.results) {
    const ctx: Context = {
      result,
      catalogue,
      approval: input.approvals?.[result.period] ?? { cities: [], zone: false },
      missing: new Set(result.missing.map((m) => m.code)),
    };
    const cities = citiesOf(ctx);
    for (const ind of result.indicators) for (const o of indicatorRows(ind, cities, ctx)) out.push(o);
  }
  return out;
}
