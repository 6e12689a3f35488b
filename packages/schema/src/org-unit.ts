import { type Period, periodEnd, periodStart } from './period.js';
import type { OrgLevel } from './zod/org-level.js';
import type { OrgUnit } from './zod/org-unit.js';

export type { OrgUnit };

/** True when the unit exists for at least part of the period. */
export function isActiveIn(unit: OrgUnit, period: Period): boolean {
  // ISO dates compare correctly as strings, with no time zone involved.
  return (
    unit.validFrom <= periodEnd(period) && (unit.validTo === undefined || unit.validTo >= periodStart(period))
  );
}

/** The units of `level` that exist in the period, in registry order. */
export function unitsAt(units: readonly OrgUnit[], level: OrgLevel, period: Period): OrgUnit[] {
  return units.filter((u) => u.level === level && isActiveIn(u, period));
}

/** The direct children of `code` that exist in the period (a city's parks, the zone's cities). */
export function childrenOf(units: readonly OrgUnit[], code: string, period: Period): OrgUnit[] {
  return units.filter((u) => u.parent === code && isActiveIn(u, period));
}

/**
 * Finds a unit by its code, Chinese or English name, or an alias, ignoring case and surrounding
 * blanks ("320500", "苏州", "苏州市" and "suzhou" all find Suzhou).
 */
export function resolveOrgUnit(units: readonly OrgUnit[], text: string): OrgUnit | undefined {
  const key = text.trim().toLowerCase();
  if (key === '') return undefined;
  return units.find(
    (u) =>
      u.code.toLowerCase() === key ||
      u.name.zh === key ||
      u.name.en.toLowerCase() === key ||
      u.aliases.some((a) => a.toLowerCase() === key),
  );
}
