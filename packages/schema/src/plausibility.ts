import { Decimal } from 'decimal.js';
import type { Indicator } from './indicator.js';
import { UNITS, type UnitCode } from './units.js';
import type { PlausibilityBound } from './zod/plausibility.js';
import type { LocalizedText } from './zod/text.js';

export type { PlausibilityBound };

/**
 * A slip an office can make with an indicator: the number typed is `multiplier` times the true one
 * (10⁴ for 万元 typed where 亿元 is asked, 0.01 for a fraction typed where a percentage is asked).
 */
export interface Slip {
  readonly multiplier: Decimal;
  /** What was probably done, e.g. "按万元填写" / "typed in 万元". */
  readonly cause: LocalizedText;
}

/** Band around a slip factor within which a ratio is called a slip: a factor of 3 either way. */
export const SLIP_BAND = 3;
/** A value beyond its plausibility bound by this factor or more is an error, not a warning. */
export const BOUND_ERROR_FACTOR = 10;

const TEN_THOUSAND = new Decimal(10_000);

/**
 * The slips an office can make with an indicator, derived from its accepted input units: each other
 * unit of its family (元/万元/亿元 give 10⁴ and 10⁸; 人/万人 give 10⁴), either way round. Counts and
 * person-years, which yearbooks also publish in 万件/万家/万人年, get 10⁴; a non-negative percentage
 * gets 100 (a fraction typed for a percentage, or the reverse).
 */
export function slipsOf(indicator: Indicator): Slip[] {
  const slips: Slip[] = [];
  const add = (multiplier: Decimal, cause: LocalizedText) => {
    if (!slips.some((s) => s.multiplier.eq(multiplier))) slips.push({ multiplier, cause });
  };
  for (const input of indicator.inputUnits) {
    const factor = new Decimal(input.factor);
    if (factor.eq(1)) continue;
    // A number typed in `input.unit` but read as the canonical unit is 1/factor times too big.
    const unit = input.unit;
    add(new Decimal(1).div(factor), {
      zh: `按${unit}填写（应为${indicator.unit}）`,
      en: `typed in ${unit} (the unit is ${indicator.unit})`,
    });
    add(factor, {
      zh: `把${unit}数填在${indicator.unit}栏`,
      en: `a ${indicator.unit} figure typed as ${unit}`,
    });
  }
  const family = UNITS[indicator.unit as UnitCode].family;
  if (indicator.valueType === 'count' || family === 'person-years' || family === 'persons') {
    add(TEN_THOUSAND, {
      zh: '数量级错误（多了四位，如按“万”换算有误）',
      en: 'out by 10⁴ (a slip of ten thousand)',
    });
    add(new Decimal(1).div(TEN_THOUSAND), {
      zh: '数量级错误（按“万”为单位填写）',
      en: 'out by 10⁴ (typed in units of 万)',
    });
  }
  if (family === 'area') {
    add(new Decimal(100), { zh: '按公顷填写（应为平方公里）', en: 'typed in hectares (the unit is km²)' });
    add(new Decimal(1_000_000), { zh: '按平方米填写（应为平方公里）', en: 'typed in m² (the unit is km²)' });
  }
  if (indicator.unit === '%' && (indicator.range.min ?? -1) >= 0) {
    add(new Decimal('0.01'), { zh: '按小数填写（应为百分数）', en: 'typed as a fraction, not a percentage' });
    add(new Decimal(100), { zh: '百分数又乘了 100', en: 'a percentage multiplied by 100 again' });
  }
  return slips;
}

/** The slip whose band contains `ratio` (value ÷ expected value), if any. */
export function slipForRatio(indicator: Indicator, ratio: Decimal): Slip | undefined {
  if (!ratio.isFinite() || ratio.lte(0)) return undefined;
  let best: { slip: Slip; distance: number } | undefined;
  for (const slip of slipsOf(indicator)) {
    const off = ratio.div(slip.multiplier);
    if (off.gt(SLIP_BAND) || off.lt(new Decimal(1).div(SLIP_BAND))) continue;
    const distance = Math.abs(Math.log(off.toNumber()));
    if (!best || distance < best.distance) best = { slip, distance };
  }
  return best?.slip;
}

/** How a value stands against a bound. */
export type BoundJudgement =
  | { kind: 'within' }
  /** Beyond the bound, but by less than {@link BOUND_ERROR_FACTOR}: worth a look. */
  | { kind: 'beyond'; excess: Decimal }
  /** Far beyond, and dividing by a slip brings it back: probably that slip. */
  | { kind: 'slip'; excess: Decimal; slip: Slip; corrected: Decimal }
  /** Far beyond, and no slip explains it. */
  | { kind: 'implausible'; excess: Decimal };

function excessOf(r: Decimal, min: Decimal | undefined, max: Decimal | undefined): Decimal {
  if (max !== undefined && r.gt(max)) return max.gt(0) ? r.div(max) : new Decimal(Number.POSITIVE_INFINITY);
  if (min !== undefined && r.lt(min)) {
    if (min.gt(0)) return r.gt(0) ? min.div(r) : new Decimal(Number.POSITIVE_INFINITY);
    // Negative lower bounds (losses): how many times further below.
    return min.lt(0) ? r.div(min) : new Decimal(Number.POSITIVE_INFINITY);
  }
  return new Decimal(1);
}

/**
 * Judges `value` (already divided by the scale, if the bound has one — pass the scale as `scale` so
 * a corrected value can be given in the indicator's own terms) against a bound.
 */
export function judgeBound(
  indicator: Indicator,
  bound: PlausibilityBound,
  value: Decimal,
  scale: Decimal = new Decimal(1),
): BoundJudgement {
  const min = bound.min === undefined ? undefined : new Decimal(bound.min);
  const max = bound.max === undefined ? undefined : new Decimal(bound.max);
  const r = value.div(scale);
  const excess = excessOf(r, min, max);
  if (excess.lte(1)) return { kind: 'within' };
  // A zero where a positive minimum is expected is no magnitude slip: a blank-like zero, a warning.
  if (value.isZero()) return { kind: 'beyond', excess };
  if (excess.lt(BOUND_ERROR_FACTOR)) return { kind: 'beyond', excess };
  const wideMin = min === undefined ? undefined : min.gt(0) ? min.div(SLIP_BAND) : min.times(SLIP_BAND);
  const wideMax = max === undefined ? undefined : max.gt(0) ? max.times(SLIP_BAND) : max.div(SLIP_BAND);
  // Occam: the smallest slip that brings the value back within the (widened) bound explains it.
  const slips = [...slipsOf(indicator)].sort(
    (a, b) => Math.abs(Math.log10(a.multiplier.toNumber())) - Math.abs(Math.log10(b.multiplier.toNumber())),
  );
  const slip = slips.find((s) => excessOf(r.div(s.multiplier), wideMin, wideMax).lte(1));
  return slip
    ? { kind: 'slip', excess, slip, corrected: value.div(slip.multiplier) }
    : { kind: 'implausible', excess };
}
