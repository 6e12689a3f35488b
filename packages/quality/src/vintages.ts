import type { Catalogue, Indicator } from '@sunan/schema';
import { meanOf, percentOf, Q } from './decimal.js';
import { acceptanceInForce, type CellHistory, revisionNo } from './history.js';
import type { ValueReader } from './values.js';

/** A figure as one revision held it, with when that revision was received or accepted. */
export interface VintagePoint {
  readonly revision: number;
  /** When received (first received) or accepted (first and latest accepted), ISO 8601 UTC. */
  readonly at: string;
  /** Exact decimal text; null when the revision left it blank. */
  readonly value: string | null;
}

/** One (city, indicator, period): its first received, first accepted and latest accepted figure. */
export interface VintageRow {
  readonly city: string;
  readonly period: string;
  readonly indicator: string;
  readonly firstReceived: VintagePoint | null;
  readonly firstAccepted: VintagePoint | null;
  readonly latestAccepted: VintagePoint | null;
  /** latest accepted − first accepted, exact; null unless both are figures. */
  readonly revision: string | null;
  /** revision ÷ |first accepted| × 100, two decimals; null when the first accepted is zero or blank. */
  readonly revisionPercent: string | null;
}

/** City-level indicators a catalogue asks of cities for a kind of period. */
export function cityIndicators(catalogue: Catalogue, period: string): Indicator[] {
  const periodicity = period.includes('Q') ? 'quarterly' : 'annual';
  return catalogue.indicators.filter((i) => i.levels.includes('city') && i.periodicity.includes(periodicity));
}

function point(values: ValueReader, h: CellHistory, rev: number, at: string, indicator: string) {
  const r = revisionNo(h, rev);
  if (!r) return null;
  return { revision: rev, at, value: values.value(r.sha256, h.city, indicator)?.toString() ?? null };
}

/** The vintage rows of one (city, period), one per city-level indicator, in catalogue order. */
export function vintagesOf(catalogue: Catalogue, h: CellHistory, values: ValueReader): VintageRow[] {
  const first = h.revisions[0];
  const firstAcc = h.acceptances[0];
  const latestAcc = acceptanceInForce(h);
  return cityIndicators(catalogue, h.period).map((ind) => {
    const fr = first ? point(values, h, first.revision, first.receivedAt, ind.code) : null;
    const fa = firstAcc ? point(values, h, firstAcc.revision, firstAcc.at, ind.code) : null;
    const la = latestAcc ? point(values, h, latestAcc.revision, latestAcc.at, ind.code) : null;
    const a = fa?.value == null ? undefined : new Q(fa.value);
    const b = la?.value == null ? undefined : new Q(la.value);
    const rev = a && b ? b.minus(a) : undefined;
    return {
      city: h.city,
      period: h.period,
      indicator: ind.code,
      firstReceived: fr,
      firstAccepted: fa,
      latestAccepted: la,
      revision: rev?.toString() ?? null,
      revisionPercent: rev && a ? percentOf(rev, a) : null,
    };
  });
}

/** Mean revision (MR) and mean absolute revision (MAR) over a group of vintage rows (ESS A6). */
export interface RevisionSummary {
  /** The city, or null over every city. */
  readonly city: string | null;
  /** The indicator, or null over every indicator (then only the relative means are given). */
  readonly indicator: string | null;
  /** Rows with a first and a latest accepted figure. */
  readonly n: number;
  /** Rows whose latest accepted figure differs from the first accepted. */
  readonly revised: number;
  /** Mean of (latest − first accepted), in the indicator's unit; null over several indicators. */
  readonly meanRevision: string | null;
  /** Mean of |latest − first accepted|, in the indicator's unit; null over several indicators. */
  readonly meanAbsoluteRevision: string | null;
  /** Mean of the revisions relative to the first accepted figure, percent (rows with a non-zero first). */
  readonly meanRevisionPercent: string | null;
  /** Mean of the absolute relative revisions, percent. */
  readonly meanAbsoluteRevisionPercent: string | null;
}

/** MR and MAR of a group; unit means only when the group is one indicator. */
export function summarise(
  rows: readonly VintageRow[],
  city: string | null,
  indicator: string | null,
): RevisionSummary {
  const pairs = rows.flatMap((r) =>
    r.firstAccepted?.value != null && r.latestAccepted?.value != null
      ? [{ a: new Q(r.firstAccepted.value), b: new Q(r.latestAccepted.value) }]
      : [],
  );
  const diffs = pairs.map(({ a, b }) => b.minus(a));
  const rel = pairs.filter(({ a }) => !a.isZero()).map(({ a, b }) => b.minus(a).div(a.abs()).times(100));
  const round2 = (s: string | null) => (s === null ? null : new Q(s).toDecimalPlaces(2).toFixed(2));
  return {
    city,
    indicator,
    n: pairs.length,
    revised: diffs.filter((d) => !d.isZero()).length,
    meanRevision: indicator === null ? null : meanOf(diffs),
    meanAbsoluteRevision: indicator === null ? null : meanOf(diffs.map((d) => d.abs())),
    meanRevisionPercent: round2(meanOf(rel)),
    meanAbsoluteRevisionPercent: round2(meanOf(rel.map((d) => d.abs()))),
  };
}

/**
 * The revision summaries: per indicator over every city and period, per (city, indicator) over
 * periods, and per city over every indicator (relative means only: units differ).
 */
export function revisionSummaries(rows: readonly VintageRow[]): RevisionSummary[] {
  const indicators = [...new Set(rows.map((r) => r.indicator))];
  const cities = [...new Set(rows.map((r) => r.city))];
  const out: RevisionSummary[] = [];
  for (const c of cities)
    out.push(
      summarise(
        rows.filter((r) => r.city === c),
        c,
        null,
      ),
    );
  for (const i of indicators) {
    const of = rows.filter((r) => r.indicator === i);
    out.push(summarise(of, null, i));
    for (const c of cities)
      out.push(
        summarise(
          of.filter((r) => r.city === c),
          c,
          i,
        ),
      );
  }
  return out;
}
