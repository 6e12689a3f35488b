import type { OrgUnit } from '@sunan/schema/core';
import type { BoundedFindings } from '../findings/bounded-findings.js';
import type { Location } from '../read/parsed-file.js';
import { type CheckedValue, valueKey } from './check-values.js';

/** How many invalid rows a count message names before it says “等 N 行”. */
const PLACES_NAMED = 20;

/** A list row left out of the count (bad or missing code, a duplicate), and its park when known. */
export interface RejectedRow {
  readonly at: Location;
  readonly park: string | undefined;
}

/** What the list gave: valid rows for the city and per park, and the rows left out. */
export interface ListCounts {
  readonly city: OrgUnit;
  readonly parks: readonly OrgUnit[];
  readonly listed: number;
  readonly perPark: ReadonlyMap<string, number>;
  readonly rejected: readonly RejectedRow[];
}

const place = (l: Location) => l.cell ?? l.path ?? (l.row === undefined ? '' : `第 ${l.row} 行`);

/** The first rows are named; a message stays readable when the whole list is wrong. */
function places(rows: readonly RejectedRow[]): string {
  const named = rows
    .slice(0, PLACES_NAMED)
    .map((r) => place(r.at))
    .join('、');
  return rows.length <= PLACES_NAMED ? named : `${named} 等 ${rows.length} 行`;
}

/**
 * The list's length against the reported number of high-tech enterprises (HTE_COUNT), for the city
 * and each park that reports one. When the invalid rows explain the difference, one info finding at
 * the city names them; otherwise an error, naming the invalid rows too.
 */
export function checkEnterpriseCounts(
  counts: ListCounts,
  values: ReadonlyMap<string, CheckedValue>,
  findings: BoundedFindings,
): void {
  const { city, parks, listed, perPark } = counts;
  reconcile(counts, city, listed, values, findings);
  for (const p of parks)
    if (values.has(valueKey(p.code, 'HTE_COUNT')))
      reconcile(counts, p, perPark.get(p.code) ?? 0, values, findings);
}

function reconcile(
  counts: ListCounts,
  unit: OrgUnit,
  listed: number,
  values: ReadonlyMap<string, CheckedValue>,
  findings: BoundedFindings,
): void {
  const reported = values.get(valueKey(unit.code, 'HTE_COUNT'));
  if (!reported || reported.value.eq(listed)) return;
  const isCity = unit.code === counts.city.code;
  const mine = isCity ? counts.rejected : counts.rejected.filter((r) => r.park === unit.code);
  const details = {
    orgUnit: unit.code,
    indicator: 'HTE_COUNT',
    value: reported.value.toString(),
    expected: String(listed),
  };
  const count = () => ({
    unit,
    reported: reported.value.toString(),
    listed,
    invalid: mine.length,
    where: places(mine),
  });
  // The invalid rows explain the difference: say so once, at the city, pointing at the rows; a
  // park whose difference the same rows explain needs no second finding.
  if (mine.length > 0 && reported.value.eq(listed + mine.length)) {
    if (!isCity) return;
    findings.report('ENT_COUNT_INVALID_ROWS', () => ({ at: reported.at, params: count(), details }));
    return;
  }
  findings.report('ENT_COUNT_MISMATCH', () => ({ at: reported.at, params: count(), details }));
}
