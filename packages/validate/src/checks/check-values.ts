import {
  type Catalogue,
  type Finding,
  findIndicator,
  type Indicator,
  type OrgUnit,
  type Period,
  resolveOrgUnit,
} from '@sunan/schema/core';
import { type BoundedFindings, boundedFindings, type Overflow } from '../findings/bounded-findings.js';
import { buildFinding } from '../findings/build.js';
import { FINDING_CODES } from '../findings/codes.js';
import { DEFAULT_LIMITS } from '../read/limits.js';
import { cellText, type Location, type ParsedFile, type RawValueRow } from '../read/parsed-file.js';
import { templateRows } from '../read/template-rows.js';
import { interpret, readValue } from './cell-value.js';
import { type CheckedValue, type ValueFindings, valueKey } from './checked-value.js';
import { type BlankWithReason, checkMissing } from './missing-values.js';

export { type CheckedValue, valueKey } from './checked-value.js';
export type { BlankWithReason } from './missing-values.js';

const placeKey = (at: { cell?: string; path?: string }) => `${at.cell ?? ''}\u0000${at.path ?? ''}`;

/** {@link ValueFindings} over bounded findings (at most `maxPerKind` of a kind kept, the rest counted). */
function valueFindings(maxPerKind: number): ValueFindings & { readonly bounded: BoundedFindings } {
  const bounded = boundedFindings(maxPerKind);
  const errorAt = new Set<string>();
  return {
    bounded,
    push(f) {
      if (f.severity === 'error') errorAt.add(placeKey(f));
      bounded.push(f);
    },
    add(code, loc, params, details) {
      const severity = FINDING_CODES[code].severity;
      if (severity === 'error') errorAt.add(placeKey(loc ?? {}));
      bounded.add(code, severity, () => buildFinding(code, loc, params, details));
    },
    hasError: (loc) => errorAt.has(placeKey(loc)),
  };
}

/** What a value check knows of the file: the catalogue, the city and the units it may report for. */
interface ValueScope {
  readonly catalogue: Catalogue;
  readonly city: OrgUnit;
  readonly allowedUnits: ReadonlySet<string>;
  /** Where each (unit, indicator) row was first seen. */
  readonly seen: Map<string, Location>;
}

/** A row's unit and indicator once both are known, reportable and not seen before. */
interface IdentifiedRow {
  readonly unit: OrgUnit;
  readonly indicator: Indicator;
  readonly key: string;
}

/** The unit of a row with codes, if it is one the city reports for (else its finding). */
function unitOf(row: RawValueRow, unitText: string, scope: ValueScope, findings: ValueFindings) {
  const expected = [...scope.allowedUnits].join(', ');
  if (row.orgUnitCode.kind === 'number')
    findings.add('ROW_CODE_AS_NUMBER', row.codeAt, {}, { value: unitText });
  const unit = resolveOrgUnit(scope.catalogue.orgUnits, unitText);
  if (!unit) {
    findings.add('ROW_UNKNOWN_ORG_UNIT', row.codeAt, { text: unitText }, { value: unitText, expected });
    return undefined;
  }
  if (!scope.allowedUnits.has(unit.code)) {
    findings.add(
      'ROW_UNIT_NOT_IN_CITY',
      row.codeAt,
      { unit, city: scope.city },
      { orgUnit: unit.code, value: unitText, expected },
    );
    return undefined;
  }
  return unit;
}

/**
 * Which unit and indicator a row is for: unknown or foreign codes, an indicator not reported at the
 * unit's level and a second row of the same pair are findings, and the row is not used.
 */
function identify(row: RawValueRow, scope: ValueScope, findings: ValueFindings): IdentifiedRow | undefined {
  const unitText = cellText(row.orgUnitCode) ?? cellText(row.orgUnitName);
  const indText = cellText(row.indicatorCode);
  if (unitText === undefined && indText === undefined && row.value.kind === 'blank') return undefined;
  if (unitText === undefined || indText === undefined) {
    const at = unitText === undefined ? row.codeAt : row.indicatorAt;
    findings.add('ROW_NO_CODE', at, {}, { value: cellText(row.value) });
    return undefined;
  }
  const unit = unitOf(row, unitText, scope, findings);
  if (!unit) return undefined;
  const indicator = findIndicator(scope.catalogue, indText.normalize('NFKC').trim().toUpperCase());
  if (!indicator) {
    findings.add(
      'ROW_UNKNOWN_INDICATOR',
      row.indicatorAt,
      { text: indText },
      { orgUnit: unit.code, value: indText },
    );
    return undefined;
  }
  const common = { orgUnit: unit.code, indicator: indicator.code, value: cellText(row.value) };
  if (!indicator.levels.includes(unit.level)) {
    const expected = indicator.levels.join(', ');
    findings.add('ROW_LEVEL_NOT_REPORTED', row.indicatorAt, { indicator, unit }, { ...common, expected });
    return undefined;
  }
  const key = valueKey(unit.code, indicator.code);
  const first = scope.seen.get(key);
  if (first) {
    findings.add('ROW_DUPLICATE', row.indicatorAt, { first: first.cell ?? first.path ?? '' }, common);
    return undefined;
  }
  scope.seen.set(key, row.at);
  if (row.hidden && row.value.kind !== 'blank') findings.add('ROW_HIDDEN', row.at, {}, common);
  return { unit, indicator, key };
}

/** What {@link checkValues} found. */
export interface ValuesChecked {
  readonly values: Map<string, CheckedValue>;
  readonly findings: Finding[];
  readonly overflow: Overflow[];
  readonly blanks: BlankWithReason[];
}

/**
 * Reads every line of the 指标 table into exact values in canonical units, and reports what is wrong
 * with each: unknown or foreign codes, duplicates, hidden rows, cells that are not numbers, units,
 * integer counts, range, precision — and every required value that is missing.
 */
export function checkValues(
  parsed: ParsedFile,
  catalogue: Catalogue,
  city: OrgUnit,
  period: Period,
  maxPerKind: number = DEFAULT_LIMITS.maxFindings,
): ValuesChecked {
  const findings = valueFindings(maxPerKind);
  const values = new Map<string, CheckedValue>();
  const notes = new Map<string, string>();
  const expected = templateRows(catalogue, city, period);
  const allowedUnits = new Set([city.code, ...expected.map((r) => r.orgUnit.code)]);
  const scope: ValueScope = { catalogue, city, allowedUnits, seen: new Map() };
  const csv = parsed.format === 'csv';
  for (const row of parsed.valueRows) {
    const id = identify(row, scope, findings);
    if (!id) continue;
    const { unit, indicator, key } = id;
    const unitColumn = cellText(row.unit);
    const unitHint = unitColumn !== undefined && unitColumn !== indicator.unit ? unitColumn : undefined;
    const got = interpret(row.value, row.at, indicator, unitHint);
    if (got.ok === 'blank') {
      if (row.note !== undefined && row.note.trim() !== '') notes.set(key, row.note.trim());
      continue;
    }
    if (got.ok === false) {
      findings.push({ ...got.finding, orgUnit: unit.code });
      continue;
    }
    const common = { orgUnit: unit.code, indicator: indicator.code };
    const value = readValue({ row, indicator, common, csv }, got, findings);
    if (value !== undefined) values.set(key, { orgUnit: unit, indicator, value, at: row.at, note: row.note });
  }
  const rows = { values, seen: scope.seen, notes, sheet: parsed.valueSheet };
  const blanks = checkMissing(expected, rows, findings);
  const { bounded } = findings;
  return { values, findings: bounded.kept, overflow: bounded.overflow(), blanks };
}
