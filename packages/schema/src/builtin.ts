import bounds from '../data/bounds.json';
import forms from '../data/forms.json';
import indicators from '../data/indicators.json';
import orgUnits from '../data/org-units.json';
import rules from '../data/rules.json';
import checked from '../data/sunan-catalogue.checked.json';
import targets from '../data/targets.json';
import type { Catalogue } from './catalogue.js';

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
    forms: forms.forms,
    indicators: indicators.indicators,
    orgUnits: orgUnits.orgUnits,
    targets: targets.targets,
    rules: rules.rules,
    reviewGroups: rules.reviewGroups,
    bounds: bounds.bounds,
  };
}

/**
 * The built-in Sunan catalogue: {@link sunanCatalogueDocument} as `checkCatalogue` returns it,
 * shipped pre-checked (data/sunan-catalogue.checked.json, written by `pnpm --filter @sunan/schema
 * generate`) so that reading it needs neither zod nor the check's time. A test fails when the
 * shipped file and a fresh `checkCatalogue` of the document differ, so the two cannot drift.
 */
export function sunanCatalogue(): Catalogue {
  // JSON imports type every string as `string`; the test above is what makes this cast true.
  return checked as unknown as Catalogue;
}
