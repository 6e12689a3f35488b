import { type Catalogue, parsePeriod, requirementAt, resolveOrgUnit } from '@sunan/schema';
import { templateRows, type ValidationReport } from '@sunan/validate';
import { decimalOf, PERCENT_DECIMALS, Q } from './decimal.js';

/** A cell left blank with a reason in 备注: counted apart from both provided and missing. */
export interface BlankWithReason {
  readonly orgUnit: string;
  readonly indicator: string;
  readonly reason: string;
}

/** A cell the template requires that was left blank without a reason. */
export interface MissingCell {
  readonly orgUnit: string;
  readonly indicator: string;
}

/** ESS R1 for one city's accepted revision: required cells provided ÷ required cells. */
export interface Completeness {
  readonly city: string;
  readonly period: string;
  readonly revision: number | null;
  /** Cells whose requirement is `required` or `blank-with-reason` (the city's and its parks'). */
  readonly required: number;
  readonly provided: number;
  readonly blanksWithReason: readonly BlankWithReason[];
  readonly missing: readonly MissingCell[];
  /** provided ÷ required × 100, two decimals; null when nothing is required or nothing accepted. */
  readonly r1: string | null;
  /** Valid list rows ÷ the reported number of high-tech enterprises (HTE_COUNT) × 100. */
  readonly list: {
    readonly valid: number;
    readonly reported: string | null;
    readonly rate: string | null;
  };
}

const rate = (part: Q | number, whole: Q | number) => {
  const w = new Q(whole);
  return w.isZero()
    ? null
    : new Q(part).div(w).times(100).toDecimalPlaces(PERCENT_DECIMALS).toFixed(PERCENT_DECIMALS);
};

/** R1 and list completeness of one report; `report` undefined gives an all-missing row. */
export function completenessOf(
  catalogue: Catalogue,
  city: string,
  period: string,
  revision: number | null,
  report: ValidationReport | undefined,
): Completeness | undefined {
  const unit = resolveOrgUnit(catalogue.orgUnits, city);
  const p = parsePeriod(period);
  if (!unit || !p) return undefined;
  const given = new Map(
    (report?.submission?.values ?? []).map((v) => [`${v.orgUnit}\u0000${v.indicator}`, v]),
  );
  let required = 0;
  let provided = 0;
  const blanksWithReason: BlankWithReason[] = [];
  const missing: MissingCell[] = [];
  for (const { orgUnit, indicator } of templateRows(catalogue, unit, p)) {
    const req = requirementAt(indicator, orgUnit.level === 'park' ? 'park' : 'city');
    if (req === 'optional') continue;
    required++;
    const v = given.get(`${orgUnit.code}\u0000${indicator.code}`);
    if (decimalOf(v?.value) !== undefined) provided++;
    else if (v?.note?.trim())
      blanksWithReason.push({ orgUnit: orgUnit.code, indicator: indicator.code, reason: v.note.trim() });
    else missing.push({ orgUnit: orgUnit.code, indicator: indicator.code });
  }
  const hte = decimalOf(given.get(`${city}\u0000HTE_COUNT`)?.value);
  const valid = report?.stats.enterprises ?? 0;
  return {
    city,
    period,
    revision,
    required,
    provided,
    blanksWithReason,
    missing,
    r1: report ? rate(provided, required) : null,
    list: { valid, reported: hte?.toString() ?? null, rate: hte ? rate(valid, hte) : null },
  };
}

/** The zone's R1: every city's required and provided cells added (not a mean of city rates). */
export function zoneCompleteness(rows: readonly Completeness[]): {
  required: number;
  provided: number;
  withReason: number;
  r1: string | null;
} {
  const required = rows.reduce((n, r) => n + r.required, 0);
  const provided = rows.reduce((n, r) => n + r.provided, 0);
  const withReason = rows.reduce((n, r) => n + r.blanksWithReason.length, 0);
  return { required, provided, withReason, r1: rate(provided, required) };
}
