import { Dec } from './decimal.js';

/** Year-on-year change in percent: (current − previous) / |previous| × 100; undefined when either is missing or previous is 0. */
export function growthPercent(current: Dec | undefined, previous: Dec | undefined): Dec | undefined {
  if (current === undefined || previous === undefined || previous.isZero()) return undefined;
  return current.minus(previous).div(previous.abs()).times(100);
}

function median(sorted: readonly Dec[]): Dec {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  const a = sorted[mid] as Dec;
  return n % 2 === 1 ? a : (sorted[mid - 1] as Dec).plus(a).div(2);
}

/**
 * Robust z-scores (Iglewicz & Hoaglin's modified z): 0.6745 · (x − median) / MAD. Unlike a mean and
 * standard deviation, one wild city cannot hide itself by inflating the spread. Undefined for every
 * value when there are fewer than three or the MAD is zero.
 */
export function robustZ(values: ReadonlyMap<string, Dec>): Map<string, Dec> {
  const out = new Map<string, Dec>();
  if (values.size < 3) return out;
  const sorted = [...values.values()].sort((a, b) => a.cmp(b));
  const med = median(sorted);
  const mad = median(sorted.map((v) => v.minus(med).abs()).sort((a, b) => a.cmp(b)));
  if (mad.isZero()) return out;
  for (const [k, v] of values) out.set(k, new Dec('0.6745').times(v.minus(med)).div(mad));
  return out;
}

/** |modified z| above this is an outlier (Iglewicz & Hoaglin's recommendation). */
export const ROBUST_Z_THRESHOLD = 3.5;

/** An outlier must also lie this many percentage points from the median growth. */
export const OUTLIER_MIN_POINTS = 10;

/** The median of the values, or undefined when there are none. */
export function medianOf(values: ReadonlyMap<string, Dec>): Dec | undefined {
  if (values.size === 0) return undefined;
  return median([...values.values()].sort((a, b) => a.cmp(b)));
}

/** Counts below this are too small for percentage growth to mean anything. */
export const SMALL_COUNT = 10;
