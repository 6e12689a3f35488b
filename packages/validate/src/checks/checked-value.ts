import type { Finding, Indicator, OrgUnit } from '@sunan/schema/core';
import type { Decimal } from 'decimal.js';
import type { FindingDetails } from '../findings/build.js';
import type { FindingCode, FindingParams } from '../findings/codes.js';
import type { Location } from '../read/parsed-file.js';

/** A value that passed reading: exact, in the indicator's canonical unit. */
export interface CheckedValue {
  readonly orgUnit: OrgUnit;
  readonly indicator: Indicator;
  readonly value: Decimal;
  readonly at: Location;
  readonly note: string | undefined;
}

/** Key of a (unit, indicator) pair in value maps. */
export const valueKey = (orgUnit: string, indicator: string) => `${orgUnit}\u0000${indicator}`;

/**
 * Where the value checks put their findings: each is made only when it will be listed (see
 * BoundedFindings), and the cells with an error are remembered, kept or not, so that a missing value
 * there is not reported twice.
 */
export interface ValueFindings {
  push(f: Finding): void;
  /** A finding of `code` at `loc`, of the code's severity. */
  add<C extends FindingCode>(
    code: C,
    loc: Location | undefined,
    params: FindingParams<C>,
    details?: FindingDetails,
  ): void;
  /** True when a cell already has an error. */
  hasError(loc: Location): boolean;
}
