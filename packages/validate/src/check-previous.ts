import { type Catalogue, type Finding, findIndicator, type Submission } from '@sunan/schema';
import { Decimal } from 'decimal.js';
import type { CheckedValue } from './check-values.js';
import { at } from './messages.js';

const TEN_THOUSAND = new Decimal(10_000);
const SMALL_COUNT = 10;

/**
 * Compares each value with the previous period's. A change beyond the indicator's threshold is a
 * warning; a value exactly 10⁴ times (or 1/10⁴ of) last year's is flagged as a probable unit slip
 * (万元 typed where 亿元 was asked, or the reverse).
 */
export function checkPrevious(
  values: ReadonlyMap<string, CheckedValue>,
  previous: Submission,
  catalogue: Catalogue,
): Finding[] {
  const findings: Finding[] = [];
  const before = new Map<string, Decimal>();
  for (const v of previous.values)
    if (v.value !== null) before.set(`${v.orgUnit}\u0000${v.indicator}`, new Decimal(v.value));
  for (const [key, cur] of values) {
    const prev = before.get(key);
    if (prev === undefined || prev.isZero()) continue;
    const indicator = findIndicator(catalogue, cur.indicator.code) ?? cur.indicator;
    // Small counts swing by whole units (1 → 2 is +100 %): below 10 a percentage says nothing.
    if (indicator.valueType === 'count' && Decimal.max(cur.value.abs(), prev.abs()).lt(SMALL_COUNT)) continue;
    const common = { orgUnit: cur.orgUnit.code, indicator: indicator.code, value: cur.value.toString() };
    if (
      !cur.value.isZero() &&
      (cur.value.eq(prev.times(TEN_THOUSAND)) || prev.eq(cur.value.times(TEN_THOUSAND)))
    ) {
      const bigger = cur.value.gt(prev);
      findings.push(
        at(
          'YOY_UNIT_SLIP',
          'warning',
          cur.at,
          {
            zh: `${cur.orgUnit.name.zh}${indicator.name.zh}恰为上期（${prev.toString()}）的${bigger ? '一万倍' : '万分之一'}，疑似单位错误（万元与亿元混用）`,
            en: `${indicator.name.en} of ${cur.orgUnit.name.en} is exactly ${bigger ? '10⁴ times' : '1/10⁴ of'} last period's ${prev.toString()}: probably a unit slip (万元 vs 亿元)`,
          },
          { ...common, expected: `≈ ${prev.toString()} ${indicator.unit}` },
        ),
      );
      continue;
    }
    const change = cur.value.minus(prev).div(prev.abs()).times(100);
    if (change.abs().gt(indicator.yoyThresholdPercent))
      findings.push(
        at(
          'YOY_CHANGE',
          'warning',
          cur.at,
          {
            zh: `${cur.orgUnit.name.zh}${indicator.name.zh}比上期变化 ${change.toFixed(1)}%（上期 ${prev.toString()}），超过 ±${indicator.yoyThresholdPercent}%，请核实`,
            en: `${indicator.name.en} of ${cur.orgUnit.name.en} changed ${change.toFixed(1)}% from last period's ${prev.toString()}, beyond ±${indicator.yoyThresholdPercent}%`,
          },
          { ...common, expected: `±${indicator.yoyThresholdPercent}% of ${prev.toString()}` },
        ),
      );
  }
  return findings;
}
