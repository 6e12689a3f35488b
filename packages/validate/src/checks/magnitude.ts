import {
  type Catalogue,
  type Finding,
  findIndicator,
  judgeBound,
  type OrgUnit,
  type PlausibilityBound,
} from '@sunan/schema/core';
import { Decimal } from 'decimal.js';
import { buildFinding } from '../findings/build.js';
import type { PlausibilityParams } from '../findings/codes.js';
import { withUnit } from '../findings/messages.js';
import { type CheckedValue, valueKey } from './check-values.js';

/** A bound in the notation of the JSON's `expected` (for tools). */
function describeBound(bound: PlausibilityBound, scaleName: string | undefined): string {
  const range = `${bound.min ?? '−∞'} ~ ${bound.max ?? '+∞'}`;
  return scaleName ? `${range} × ${scaleName}` : range;
}

/** A share of a scale as a person writes it: 0.4 → 40%, 300 → 300 倍. */
function share(x: string, lang: 'zh' | 'en'): string {
  const d = new Decimal(x);
  if (d.lte(1)) return `${d.times(100).toSignificantDigits(6).toFixed()}%`;
  return lang === 'zh' ? `${d.toFixed()} 倍` : `${d.toFixed()} times`;
}

/**
 * A bound in words, as a clerk reads it: “不超过地区生产总值的 40%”, “在 100 到 60000 亿元之间”.
 */
export function boundInWords(
  bound: PlausibilityBound,
  unit: string,
  scale: { zh: string; en: string } | undefined,
): { zh: string; en: string } {
  const { min, max } = bound;
  const u = unit === '%' ? '%' : ` ${unit}`;
  if (scale) {
    const lo = min === undefined ? undefined : { zh: share(String(min), 'zh'), en: share(String(min), 'en') };
    const hi = max === undefined ? undefined : { zh: share(String(max), 'zh'), en: share(String(max), 'en') };
    if (lo && hi && !new Decimal(String(min)).isZero())
      return { zh: `应为${scale.zh}的 ${lo.zh} 到 ${hi.zh}`, en: `${lo.en} to ${hi.en} of ${scale.en}` };
    if (hi) return { zh: `不超过${scale.zh}的 ${hi.zh}`, en: `at most ${hi.en} of ${scale.en}` };
    return { zh: `不低于${scale.zh}的 ${lo?.zh ?? ''}`, en: `at least ${lo?.en ?? ''} of ${scale.en}` };
  }
  if (min !== undefined && max !== undefined && !new Decimal(String(min)).isZero())
    return { zh: `应在 ${min} 到 ${max}${u}之间`, en: `between ${min} and ${max}${u}` };
  if (max !== undefined) return { zh: `不超过 ${max}${u}`, en: `at most ${max}${u}` };
  return { zh: `不低于 ${min ?? 0}${u}`, en: `at least ${min ?? 0}${u}` };
}

/** Bounds without a scale first: a relative bound is only judged when its scale passed its own. */
function ordered(bounds: readonly PlausibilityBound[]): PlausibilityBound[] {
  return [...bounds].sort((a, b) => Number(a.per !== undefined) - Number(b.per !== undefined));
}

/**
 * Plausibility bounds (catalogue data) at the city and its parks, for files with or without a
 * previous period: a value beyond its bound is a finding of the bound's class (a warning, 核实性:
 * an office may explain it); beyond it tenfold, an error (强制性: no real city has such a figure) —
 * naming the unit slip that would bring it back (“疑似单位错误：应为约 222.90 亿元？”) when one does. Values
 * already flagged (a year-on-year slip) and values whose scale is itself implausible are left alone,
 * so one wrong cell gives one finding, at that cell.
 */
export function checkMagnitude(
  values: ReadonlyMap<string, CheckedValue>,
  catalogue: Catalogue,
  units: readonly OrgUnit[],
  flagged: Set<string>,
): Finding[] {
  const findings: Finding[] = [];
  for (const bound of ordered(catalogue.bounds ?? []))
    for (const unit of units) {
      if (!bound.levels.includes(unit.level)) continue;
      const key = valueKey(unit.code, bound.indicator);
      const v = values.get(key);
      if (!v || flagged.has(key)) continue;
      let scale: CheckedValue | undefined;
      if (bound.per !== undefined) {
        const scaleKey = valueKey(unit.code, bound.per);
        scale = values.get(scaleKey);
        if (!scale || flagged.has(scaleKey) || scale.value.lte(0)) continue;
      }
      const ind = v.indicator;
      const judgement = judgeBound(ind, bound, v.value, scale?.value);
      if (judgement.kind === 'within') continue;
      const scaleInd = bound.per === undefined ? undefined : findIndicator(catalogue, bound.per);
      const ratio = scale ? v.value.div(scale.value) : v.value;
      const facts: PlausibilityParams = {
        unit,
        indicator: ind,
        value: v.value,
        scale: scaleInd ? { name: scaleInd.name, ratio } : undefined,
        bound: boundInWords(bound, ind.unit, scaleInd?.name),
      };
      const common = {
        orgUnit: unit.code,
        indicator: ind.code,
        value: withUnit(ind, v.value),
        expected: describeBound(bound, scaleInd?.code),
      };
      switch (judgement.kind) {
        case 'slip':
          flagged.add(key);
          findings.push(
            buildFinding(
              'PLAUS_UNIT_SLIP',
              v.at,
              {
                ...facts,
                excess: judgement.excess,
                cause: judgement.slip.cause,
                corrected: judgement.corrected,
              },
              common,
            ),
          );
          break;
        case 'implausible':
          flagged.add(key);
          findings.push(
            buildFinding('PLAUS_IMPLAUSIBLE', v.at, { ...facts, excess: judgement.excess }, common),
          );
          break;
        case 'beyond':
          findings.push(
            buildFinding('PLAUS_BEYOND_BOUND', v.at, facts, { ...common, severity: bound.severity }),
          );
          break;
      }
    }
  return findings;
}
