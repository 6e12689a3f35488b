import type {
  IndicatorGroup,
  IndicatorInput,
  Periodicity,
  Requirement,
  Requirements,
  ValueRange,
  ValueType,
} from './zod/indicator.js';
import type { InputUnit } from './zod/units.js';

export type { IndicatorGroup, IndicatorInput, Periodicity, Requirement, Requirements, ValueRange, ValueType };

/** An indicator with every default filled in. */
export type Indicator = Omit<IndicatorInput, 'inputUnits'> & { inputUnits: InputUnit[] };

/** What a unit at `level` must do with the indicator; levels other than city and park report nothing. */
export function requirementAt(indicator: Indicator, level: 'city' | 'park'): Requirement {
  return indicator.requirement[level];
}
