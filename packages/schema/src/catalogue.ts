import zoneForms from '../data/forms.json';
import type { Indicator, IndicatorInput } from './indicator.js';
import type { OrgUnit } from './org-unit.js';
import type { SubmissionCalendar } from './period.js';
import type { PlausibilityBound } from './plausibility.js';
import type { Rule } from './rule.js';
import { inputUnitsFor } from './units.js';
import type { Forms } from './zod/form.js';
import type { ReviewGroup } from './zod/review.js';
import type { Target } from './zod/target.js';
import type { LocalizedText } from './zod/text.js';

/** What a field of the legal marks or a definition says while the centre has not supplied it. */
export const PENDING = '待中心确认';

/**
 * Everything a zone's reporting needs, as data: indicators, org units, targets, rules and the
 * submission calendar. The built-in Sunan catalogue is one; a user may load their own.
 */
export interface Catalogue {
  readonly id: string;
  readonly version: string;
  readonly name: LocalizedText;
  readonly calendar: SubmissionCalendar;
  readonly indicators: readonly Indicator[];
  readonly orgUnits: readonly OrgUnit[];
  readonly targets: readonly Target[];
  readonly rules: readonly Rule[];
  /** The forms' legal marks; absent, {@link catalogueForms} gives the zone's defaults. */
  readonly forms?: Forms;
  /** Plausibility bounds (absent in catalogues made before bounds existed: no bound checks). */
  readonly bounds?: readonly PlausibilityBound[];
  /**
   * The review groups its rules and bounds name: each gives the class (强制性 / 核实性 / 提示性) of its
   * checks and the reason for it (absent in catalogues made before review classes existed).
   */
  readonly reviewGroups?: readonly ReviewGroup[];
}

/** Fills the defaults an indicator may leave out (input units from its unit family). */
export function completeIndicator(input: IndicatorInput): Indicator {
  return { ...input, inputUnits: input.inputUnits ?? inputUnitsFor(input.unit) };
}

const cache = new WeakMap<Catalogue, Map<string, Indicator>>();

/** The indicator with `code`, or undefined. Lookups are indexed once per catalogue. */
export function findIndicator(catalogue: Catalogue, code: string): Indicator | undefined {
  let map = cache.get(catalogue);
  if (!map) {
    map = new Map(catalogue.indicators.map((i) => [i.code, i]));
    cache.set(catalogue, map);
  }
  return map.get(code);
}

const units = new WeakMap<Catalogue, Map<string, OrgUnit>>();

/** The org unit (zone, province, city or park) with `code`, or undefined; indexed once per catalogue. */
export function findOrgUnit(catalogue: Catalogue, code: string): OrgUnit | undefined {
  let map = units.get(catalogue);
  if (!map) {
    map = new Map(catalogue.orgUnits.map((u) => [u.code, u]));
    units.set(catalogue, map);
  }
  return map.get(code);
}

/** The org unit's name, or the code itself in both languages when the catalogue has no such unit. */
export function orgUnitName(catalogue: Catalogue, code: string): LocalizedText {
  return findOrgUnit(catalogue, code)?.name ?? { zh: code, en: code };
}

/**
 * The forms' legal marks (表号, 制定机关, 批准文号, 有效期至…): the catalogue's own, else the zone's
 * defaults from data/forms.json.
 */
export function catalogueForms(catalogue: Catalogue): Forms {
  // The JSON import types `kind` as string; data/forms.json is parsed by the catalogue test.
  return catalogue.forms ?? (zoneForms.forms as Forms);
}
