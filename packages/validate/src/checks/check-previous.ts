import {
  type Catalogue,
  type Finding,
  findIndicator,
  type Submission,
  slipForRatio,
} from '@sunan/schema/core';
import { Decimal } from 'decimal.js';
import { buildFinding } from '../findings/build.js';
import { shown, withUnit } from '../findings/messages.js';
import type { CheckedValue } from './check-values.js';

const SMALL_COUNT = 10;

/**
 * Compares each value with the previous period's. A ratio to last year's within a factor of 3 of a
 * slip the indicator's units allow (10⁴ for 万元 typed where 亿元 is asked, 10⁸ for 元, 100 for a
 * fraction typed as a percentage…) is an error naming the likely intended value — real figures are
 * never exactly 10⁴ times last year's, so no exact match is required. Otherwise a change beyond the
 * indicator's threshold is a warning. The keys of slipped values are added to `flagged`.
 */
export function checkPrevious(
  values: ReadonlyMap<string, CheckedValue>,
  previous: Submission,
  catalogue: Catalogue,
  flagged: Set<string> = new Set(),
): Finding[] {
  const findings: Finding[] = [];
  const before = new Map<string, Decimal>();
  for (const v of previous.values)
    if (v.value !== null) before.set(`${v.orgUnit}\u0000${v.indicator}`, new Decimal(v.value));
  for (const [key, cur] of values) {
    const prev = before.get(key);
    if (prev === undefined || prev.isZero()) continue;
    const indicator = findIndicator(catalogue, cur.indicator.code) ?? cur.indicator;
    const common = {
      orgUnit: cur.orgUnit.code,
      indicator: indicator.code,
      value: withUnit(indicator, cur.value),
    };
    const facts = { unit: cur.orgUnit, indicator, value: cur.value, previous: prev };
    const ratio = cur.value.div(prev);
    // A growth rate may well swing a hundredfold; only levels and shares have unit slips.
    const slip =
      indicator.range.min !== undefined && indicator.range.min < 0
        ? undefined
        : slipForRatio(indicator, ratio);
    if (slip) {
      flagged.add(key);
      const corrected = cur.value.div(slip.multiplier);
      findings.push(
        buildFinding(
          'YOY_UNIT_SLIP',
          cur.at,
          { ...facts, ratio, cause: slip.cause, corrected },
          { ...common, expected: `≈ ${shown(indicator, corrected)} ${indicator.unit}` },
        ),
      );
      continue;
    }
    // Small counts swing by whole units (1 → 2 is +100 %): below 10 a percentage says nothing.
    if (indicator.valueType === 'count' && Decimal.max(cur.value.abs(), prev.abs()).lt(SMALL_COUNT)) continue;
    const change = cur.value.minus(prev).div(prev.abs()).times(100);
    if (change.abs().gt(indicator.yoyThresholdPercent))
      findings.push(
        buildFinding(
          'YOY_CHANGE',
          cur.at,
          { ...facts, change: change.toFixed(1) },
          { ...common, expected: `±${indicator.yoyThresholdPercent}% of ${shown(indicator, prev)}` },
        ),
      );
  }
  return findings;
}
