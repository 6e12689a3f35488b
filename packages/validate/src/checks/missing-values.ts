import { type Finding, type Indicator, type OrgUnit, requirementAt } from '@sunan/schema/core';
import { buildFinding } from '../findings/build.js';
import type { Location } from '../read/parsed-file.js';
import type { TemplateRow } from '../read/template-rows.js';
import { type CheckedValue, type ValueFindings, valueKey } from './checked-value.js';

/** A value left blank, as the catalogue permits, with the reason the office gave in 备注. */
export interface BlankWithReason {
  readonly orgUnit: string;
  readonly indicator: string;
  readonly note: string;
}

/**
 * The finding for a value that is blank (or whose row was deleted), by the indicator's requirement
 * at the unit's level: required → error; blank-with-reason → an info carrying the reason, or an
 * error when no reason is given; optional → an info so the centre sees the gap.
 */
function missingFinding(
  orgUnit: OrgUnit,
  indicator: Indicator,
  loc: Location,
  rowPresent: boolean,
  note: string | undefined,
): Finding {
  const level = orgUnit.level === 'park' ? 'park' : 'city';
  const blank = { unit: orgUnit, indicator, deleted: !rowPresent };
  const expected = `数值 / a value (${indicator.unit})`;
  const ids = { orgUnit: orgUnit.code, indicator: indicator.code };
  const details = { ...ids, expected };
  switch (requirementAt(indicator, level)) {
    case 'required':
      return buildFinding('VAL_REQUIRED_MISSING', loc, blank, details);
    case 'blank-with-reason':
      // 填报说明 promises a 提示 (info) for a blank with its reason.
      return note !== undefined
        ? buildFinding('VAL_BLANK_WITH_REASON', loc, { ...blank, note }, { ...ids, value: note, expected })
        : buildFinding('VAL_BLANK_NO_REASON', loc, blank, {
            ...ids,
            expected: `${expected} 或备注说明 / or a reason in the note`,
          });
    case 'optional':
      // 填报说明: an optional blank “会提示汇总中心” — a 提示 (info).
      return level === 'park'
        ? buildFinding('VAL_PARK_MISSING', loc, blank, details)
        : buildFinding('VAL_OPTIONAL_BLANK', loc, blank, details);
  }
}

/** A park's blank optional values as one finding at its first blank cell, naming every row. */
function oneParkBlank(park: OrgUnit, list: readonly Finding[]): Finding {
  const [first] = list;
  if (list.length === 1 && first) return first;
  const cells = list.map((f) => f.cell ?? '').filter(Boolean);
  const rows = cells.map((c) => c.replace(/^[A-Z]+/, ''));
  return buildFinding(
    'VAL_PARK_MISSING',
    { sheet: first?.sheet, cell: first?.cell },
    { park, count: list.length, rows },
    { orgUnit: park.code, value: cells.join(','), expected: '数值 / values' },
  );
}

/** What the value pass saw of the rows the template expects. */
export interface SeenRows {
  readonly values: ReadonlyMap<string, CheckedValue>;
  /** Where each (unit, indicator) row was, when it was there. */
  readonly seen: ReadonlyMap<string, Location>;
  /** The 备注 of each blank value. */
  readonly notes: ReadonlyMap<string, string>;
  readonly sheet: string | undefined;
}

/**
 * Every value the template expects that is neither read nor wrong: blanks and deleted rows, each
 * with the finding its requirement gives. A park left blank is one finding listing its rows, not one
 * per indicator. Returns the permitted blanks with their reasons.
 */
export function checkMissing(
  expected: readonly TemplateRow[],
  rows: SeenRows,
  findings: ValueFindings,
): BlankWithReason[] {
  const blanks: BlankWithReason[] = [];
  const parkBlanks = new Map<OrgUnit, Finding[]>();
  for (const { orgUnit, indicator } of expected) {
    const key = valueKey(orgUnit.code, indicator.code);
    if (rows.values.has(key)) continue;
    const loc = rows.seen.get(key);
    // A present but unreadable value already has its finding; only blanks and deleted rows remain.
    if (loc && findings.hasError(loc)) continue;
    const note = rows.notes.get(key);
    const missing = missingFinding(orgUnit, indicator, loc ?? { sheet: rows.sheet }, loc !== undefined, note);
    if (missing.code === 'VAL_PARK_MISSING')
      parkBlanks.set(orgUnit, [...(parkBlanks.get(orgUnit) ?? []), missing]);
    else findings.push(missing);
    if (missing.code === 'VAL_BLANK_WITH_REASON' && note !== undefined)
      blanks.push({ orgUnit: orgUnit.code, indicator: indicator.code, note });
  }
  for (const [park, list] of parkBlanks) findings.push(oneParkBlank(park, list));
  return blanks;
}
