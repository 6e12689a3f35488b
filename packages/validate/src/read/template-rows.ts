import { type Catalogue, childrenOf, type Indicator, type OrgUnit, type Period } from '@sunan/schema/core';

/** One row of a city's template: a reporting unit and an indicator it reports. */
export interface TemplateRow {
  readonly orgUnit: OrgUnit;
  readonly indicator: Indicator;
}

function reportedIn(indicator: Indicator, unit: OrgUnit, period: Period): boolean {
  const periodicity = period.kind === 'year' ? 'annual' : 'quarterly';
  return indicator.levels.includes(unit.level) && indicator.periodicity.includes(periodicity);
}

/**
 * The rows a city reports for a period: the city's own indicators first, then each of its parks
 * that exists in the period (from the registry's validity dates), in catalogue order.
 */
export function templateRows(catalogue: Catalogue, city: OrgUnit, period: Period): TemplateRow[] {
  const units = [city, ...childrenOf(catalogue.orgUnits, city.code, period)];
  return units.flatMap((orgUnit) =>
    catalogue.indicators
      .filter((indicator) => reportedIn(indicator, orgUnit, period))
      .map((indicator) => ({ orgUnit, indicator })),
  );
}
