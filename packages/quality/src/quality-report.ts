import { type Catalogue, type OrgUnit, parsePeriod, unitsAt } from '@sunan/schema';
import { type Completeness, completenessOf, zoneCompleteness } from './completeness.js';
import { diffRevisions, type RevisionDiff } from './diff.js';
import { acceptanceInForce, historiesOf, historyOf, type QualityInput, revisionNo } from './history.js';
import { type OnTimeRate, onTimeRates, type PunctualityRow, punctualityOf } from './punctuality.js';
import { ValueReader } from './values.js';
import { type RevisionSummary, revisionSummaries, type VintageRow, vintagesOf } from './vintages.js';
import { type RevisionTriangle, revisionTriangle, type ZoneRevision, zoneRevision } from './zone.js';

/** Version of the quality.json document; bumped when its shape changes. */
export const QUALITY_FORMAT = 'sunan-quality/1';

/** Options of {@link qualityReport}. */
export interface QualityOptions {
  readonly catalogue: Catalogue;
  /** The period the report is for; revisions and punctuality run over every earlier period of its kind. */
  readonly period: string;
  /** The time the report is made (ISO 8601): 逾期 is judged against it. Pure: never read from the clock here. */
  readonly now: string;
  /** The zone's org-unit code (default `SUNAN`). */
  readonly zone?: string;
  /** The indicator of the revision triangle (default R&D intensity, `RD_INTENSITY`). */
  readonly triangleIndicator?: string;
}

/** The centre's quality report for a period. */
export interface QualityReport {
  readonly format: typeof QUALITY_FORMAT;
  readonly period: string;
  readonly periods: readonly string[];
  readonly generatedAt: string;
  readonly cities: readonly string[];
  /** Each city's latest accepted revision of the period against the one accepted before it. */
  readonly diffs: readonly RevisionDiff[];
  readonly vintages: readonly VintageRow[];
  readonly revisions: readonly RevisionSummary[];
  /** The zone's figures recomputed per vintage (roll-up rule, never a mean of city ratios). */
  readonly zoneRevisions: readonly ZoneRevision[];
  readonly triangle: RevisionTriangle | null;
  readonly punctuality: readonly PunctualityRow[];
  readonly onTime: readonly OnTimeRate[];
  readonly completeness: {
    readonly cities: readonly Completeness[];
    readonly zone: ReturnType<typeof zoneCompleteness>;
  };
  /** Findings fixed and new between the compared revisions, summed over cities. */
  readonly findings: { readonly fixed: number; readonly new: number };
}

function citiesOf(catalogue: Catalogue, zone: string, period: string): OrgUnit[] {
  const p = parsePeriod(period);
  return p ? unitsAt(catalogue.orgUnits, 'city', p).filter((u) => u.parent === zone) : [];
}

/** The period and every earlier one of its kind (years, or quarters) that the ledger holds. */
function periodsUpTo(input: QualityInput, period: string): string[] {
  const quarterly = period.includes('Q');
  const held = input.events.map((e) => e.period).filter((p): p is string => p !== null);
  return [...new Set([...held, period])].filter((p) => p <= period && p.includes('Q') === quarterly).sort();
}

/** Zone revisions of every indicator the zone rolls up, for each period. */
function zoneRevisionsOf(
  o: QualityOptions,
  zone: string,
  periods: readonly string[],
  input: QualityInput,
  values: ValueReader,
): { zoneRevisions: ZoneRevision[]; byPeriod: Parameters<typeof revisionTriangle>[3] } {
  const histories = historiesOf(input.events);
  const byPeriod = periods.map((period) => {
    const cities = citiesOf(o.catalogue, zone, period);
    return { period, cities, histories: cities.map((c) => historyOf(histories, c.code, period)) };
  });
  const codes = o.catalogue.indicators
    .filter((i) => i.levels.includes('zone') && i.aggregation.kind !== 'reported')
    .map((i) => i.code);
  const zoneRevisions = byPeriod.flatMap((p) =>
    codes.flatMap((c) => zoneRevision(o.catalogue, c, p.cities, p.histories, values) ?? []),
  );
  return { zoneRevisions, byPeriod };
}

/**
 * The quality report of a period from the ledger's events and stored reports: diffs, vintages and
 * revisions (city and zone), a revision triangle, punctuality and completeness. Pure.
 */
export function qualityReport(input: QualityInput, o: QualityOptions): QualityReport {
  const zone = o.zone ?? 'SUNAN';
  const values = new ValueReader(input.reports);
  const histories = historiesOf(input.events);
  const periods = periodsUpTo(input, o.period);
  const cities = citiesOf(o.catalogue, zone, o.period).map((c) => c.code);
  const cells = periods.flatMap((p) =>
    citiesOf(o.catalogue, zone, p).map((c) => historyOf(histories, c.code, p)),
  );
  const current = cities.map((c) => historyOf(histories, c, o.period));
  const diffs = current.flatMap((h) => {
    const d = diffRevisions(o.catalogue, h, input.reports);
    return d.ok ? [d] : [];
  });
  const vintages = cells.flatMap((h) => vintagesOf(o.catalogue, h, values));
  const { zoneRevisions, byPeriod } = zoneRevisionsOf(o, zone, periods, input, values);
  const punctuality = cells.flatMap((h) => punctualityOf(o.catalogue, h, o.now) ?? []);
  const completeness = current.flatMap((h) => {
    const acc = acceptanceInForce(h);
    const rev = acc ? revisionNo(h, acc.revision) : undefined;
    return (
      completenessOf(
        o.catalogue,
        h.city,
        h.period,
        rev?.revision ?? null,
        rev && values.report(rev.sha256),
      ) ?? []
    );
  });
  return {
    format: QUALITY_FORMAT,
    period: o.period,
    periods,
    generatedAt: o.now,
    cities,
    diffs: diffs.map(({ ok: _ok, ...d }) => d),
    vintages,
    revisions: revisionSummaries(vintages),
    zoneRevisions,
    triangle:
      revisionTriangle(o.catalogue, o.triangleIndicator ?? 'RD_INTENSITY', null, byPeriod, values) ?? null,
    punctuality,
    onTime: onTimeRates(punctuality, cities),
    completeness: { cities: completeness, zone: zoneCompleteness(completeness) },
    findings: {
      fixed: diffs.reduce((n, d) => n + d.findingsFixed.length, 0),
      new: diffs.reduce((n, d) => n + d.findingsNew.length, 0),
    },
  };
}
