import bounds from '../data/bounds.json';
import indicators from '../data/indicators.json';
import orgUnits from '../data/org-units.json';
import rules from '../data/rules.json';
import targets from '../data/targets.json';
import type { Catalogue } from './catalogue.js';
import { checkCatalogue } from './check-catalogue.js';

/** Version of the built-in catalogue; templates record it so a stale file can be recognised. */
export const SUNAN_CATALOGUE_VERSION = '2022.1';

/** The built-in catalogue as a plain JSON document — the same shape a user's own catalogue has. */
export function sunanCatalogueDocument(): Record<string, unknown> {
  return {
    id: 'sunan',
    version: SUNAN_CATALOGUE_VERSION,
    name: {
      zh: '苏南国家自主创新示范区创新指标目录',
      en: 'Sunan National Innovation Demonstration Zone indicator catalogue',
    },
    indicators: indicators.indicators,
    orgUnits: orgUnits.orgUnits,
    targets: targets.targets,
    rules: rules.rules,
    bounds: bounds.bounds,
  };
}

let memo: Catalogue | undefined;

/**
 * The built-in Sunan catalogue, checked by the same {@link checkCatalogue} a user's catalogue goes
 * through. A failure here is a defect in the shipped data, never in user input, hence the throw.
 */
export function sunanCatalogue(): Catalogue {
  if (memo) return memo;
  const result = checkCatalogue(sunanCatalogueDocument());
  if (!result.ok)
    throw new Error(`built-in catalogue is invalid: ${JSON.stringify(result.problems, null, 2)}`);
  memo = result.catalogue;
  return memo;
}
