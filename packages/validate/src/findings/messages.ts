import type { Indicator } from '@sunan/schema/core';
import type { Decimal } from 'decimal.js';

/**
 * A value as an office wrote it: with the indicator's declared decimals (常住人口 3848.10, not
 * 3848.1), so every figure shown in a message reads like the form. Counts show as integers.
 */
export function shown(indicator: Indicator, value: Decimal): string {
  return value.toFixed(indicator.valueType === 'count' ? 0 : indicator.decimals);
}

/** A value with its unit: "1028.67 亿元", "3.05%". */
export function withUnit(indicator: Indicator, value: Decimal): string {
  return indicator.unit === '%'
    ? `${shown(indicator, value)}%`
    : `${shown(indicator, value)} ${indicator.unit}`;
}

/** A computed (not reported) figure: a few significant digits are enough to judge it. */
export function approx(value: Decimal, digits = 4): string {
  const v = value.toSignificantDigits(digits);
  return v.abs().gte(1e15) || (v.abs().lt(1e-6) && !v.isZero()) ? v.toExponential() : v.toFixed();
}

/** The catalogue's units in English, longest first so that 件/万人 is read before 件. */
const UNITS_EN: readonly (readonly [string, string])[] = [
  ['万元/平方公里', '× 10,000 yuan per km²'],
  ['人年/万人', 'person-years per 10,000 people'],
  ['件/万人', 'per 10,000 residents'],
  ['万元/人', '× 10,000 yuan per person'],
  ['平方公里', 'km²'],
  ['亿元', '× 100 million yuan'],
  ['万元', '× 10,000 yuan'],
  ['万人', '× 10,000 people'],
  ['人年', 'person-years'],
];
/** Counting words that English does without after a number (1450 家 → 1450). */
const COUNTERS = /(\d) (家|件|项|个)(?![\u4e00-\u9fff])/g;

/**
 * An English message with the catalogue's Chinese units said in English, so English mode has no
 * Chinese but the file's own words (quoted values, sheet and column names).
 */
export function englishUnits(text: string): string {
  let out = text
    .replace(/expected (家|件|项|个|人)\)/g, 'expected a count)')
    .replace(COUNTERS, '$1')
    .replace(/(\d) 人(?![\u4e00-\u9fff])/g, '$1 people');
  for (const [zh, en] of UNITS_EN) out = out.split(zh).join(en);
  return out;
}

/** An allowed range as a person writes it: 不能为负数, 不超过 100, 在 0 到 100 之间. */
export function boundsInWords(
  min: { toString(): string } | undefined,
  max: { toString(): string } | undefined,
): { zh: string; en: string } {
  const lo = min?.toString();
  const hi = max?.toString();
  if (lo !== undefined && hi !== undefined)
    return { zh: `应在 ${lo} 到 ${hi} 之间`, en: `between ${lo} and ${hi}` };
  if (lo === '0') return { zh: '不能为负数', en: 'it cannot be negative' };
  if (lo !== undefined) return { zh: `不小于 ${lo}`, en: `at least ${lo}` };
  if (hi !== undefined) return { zh: `不超过 ${hi}`, en: `at most ${hi}` };
  return { zh: '任意数值', en: 'any number' };
}
