import type { SubmissionValue } from '@sunan/schema/core';
import type { CheckedValue } from './checked-value.js';
import type { BlankWithReason } from './missing-values.js';

/** The submission's values: each checked figure as exact text, then the permitted blanks. */
export function submittedValues(checked: {
  readonly values: ReadonlyMap<string, CheckedValue>;
  readonly blanks: readonly BlankWithReason[];
}): SubmissionValue[] {
  return [
    ...[...checked.values.values()].map((v) => ({
      orgUnit: v.orgUnit.code,
      indicator: v.indicator.code,
      value: v.value.toString(),
      ...(v.note ? { note: v.note } : {}),
    })),
    // Permitted blanks travel with their reason, so the roll-up can say why a city's figure is absent.
    ...checked.blanks.map((b) => ({ orgUnit: b.orgUnit, indicator: b.indicator, value: null, note: b.note })),
  ];
}
