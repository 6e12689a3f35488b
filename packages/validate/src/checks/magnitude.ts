import {
  type Catalogue,
  type Finding,
  findIndicator,
  judgeBound,
  type OrgUnit,
  type PlausibilityBound,
} from '@sunan/schema/core';
import { Decimal } from 'decimal.js';
import { approx, at, withUnit } from '../findings/messages.js';
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
      const zhRatio = scaleInd ? `，与${scaleInd.name.zh}之比 ${approx(ratio)}` : '';
      const enRatio = scaleInd ? `, ${approx(ratio)} × ${scaleInd.name.en}` : '';
      const words = boundInWords(bound, ind.unit, scaleInd?.name);
      const zhRange = `合理范围（${words.zh}）`;
      const common = {
        orgUnit: unit.code,
        indicator: ind.code,
        value: withUnit(ind, v.value),
        expected: describeBound(bound, scaleInd?.code),
      };
      const head = `${unit.name.zh}${ind.name.zh}填报 ${withUnit(ind, v.value)}${zhRatio}`;
      const headEn = `${ind.name.en} of ${unit.name.en} is ${withUnit(ind, v.value)}${enRatio}`;
      switch (judgement.kind) {
        case 'slip':
          flagged.add(key);
          findings.push(
            at(
              'PLAUS_UNIT_SLIP',
              'error',
              v.at,
              {
                zh: `${head}，超出${zhRange}约 ${approx(judgement.excess, 2)} 倍；疑似单位错误（${judgement.slip.cause.zh}）：应为约 ${withUnit(ind, judgement.corrected)}？`,
                en: `${headEn}, ${approx(judgement.excess, 2)} times beyond the plausible range (${words.en}); probably a unit slip (${judgement.slip.cause.en}): about ${withUnit(ind, judgement.corrected)}?`,
              },
              common,
            ),
          );
          break;
        case 'implausible':
          flagged.add(key);
          findings.push(
            at(
              'PLAUS_IMPLAUSIBLE',
              'error',
              v.at,
              {
                zh: `${head}，超出${zhRange}约 ${approx(judgement.excess, 2)} 倍，不可能是真实数，请核实`,
                en: `${headEn}, ${approx(judgement.excess, 2)} times beyond the plausible range (${words.en}): cannot be a real figure`,
              },
              common,
            ),
          );
          break;
        case 'beyond':
          findings.push(
            at(
              'PLAUS_BEYOND_BOUND',
              bound.severity,
              v.at,
              {
                // The bound's basis is the catalogue's reasoning (CATALOGUE.md), not the clerk's.
                zh: `${head}，超出${zhRange}，请核实`,
                en: `${headEn}, beyond the plausible range (${words.en}); please check`,
              },
              common,
            ),
          );
          break;
      }
    }
  return findings;
}
