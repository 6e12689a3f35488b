import { Decimal } from 'decimal.js';
import type { Row } from './linear.js';

/** An interval with open ends as undefined (−∞ or +∞). */
export interface Range {
  lo: Decimal | undefined;
  hi: Decimal | undefined;
}

/** The outcome of propagating bounds through the rows: each variable's interval, or an empty one. */
export type Propagation =
  | { readonly empty: false; readonly ranges: ReadonlyMap<string, Range> }
  | { readonly empty: true };

/** How many passes over the rows: bounds that keep shrinking by ever smaller steps stop there. */
const PASSES = 30;
const ROUNDING = new Decimal('1e-15');

/** min and max of Σ coef·x over the current ranges, with the count of infinite terms at each end. */
function activity(row: Row, ranges: Map<string, Range>) {
  let lo: Decimal | undefined;
  let hi: Decimal | undefined;
  let loInf = 0;
  let hiInf = 0;
  const terms: Array<{ name: string; coef: Decimal; lo: Decimal | undefined; hi: Decimal | undefined }> = [];
  for (const [name, coef] of row.coefs) {
    const r = ranges.get(name) ?? { lo: undefined, hi: undefined };
    const tlo = coef.gt(0) ? r.lo?.times(coef) : r.hi?.times(coef);
    const thi = coef.gt(0) ? r.hi?.times(coef) : r.lo?.times(coef);
    if (tlo === undefined) loInf++;
    else lo = lo === undefined ? tlo : lo.plus(tlo);
    if (thi === undefined) hiInf++;
    else hi = hi === undefined ? thi : hi.plus(thi);
    terms.push({ name, coef, lo: tlo, hi: thi });
  }
  return { lo, hi, loInf, hiInf, terms };
}

/** Tightens each variable of one row; false when a range became empty. */
function tighten(row: Row, ranges: Map<string, Range>): { changed: boolean; ok: boolean } {
  const a = activity(row, ranges);
  if (row.coefs.size === 0) {
    const ok = (row.lo === undefined || row.lo.lte(0)) && (row.hi === undefined || row.hi.gte(0));
    return { changed: false, ok };
  }
  let changed = false;
  for (const t of a.terms) {
    // The rest of the row's least and greatest activity, without this term.
    const restLo =
      t.lo === undefined
        ? a.loInf === 1
          ? (a.lo ?? zeroLike(t.coef))
          : undefined
        : a.loInf === 0
          ? a.lo?.minus(t.lo)
          : undefined;
    const restHi =
      t.hi === undefined
        ? a.hiInf === 1
          ? (a.hi ?? zeroLike(t.coef))
          : undefined
        : a.hiInf === 0
          ? a.hi?.minus(t.hi)
          : undefined;
    // coef·x ≤ hi − restLo and coef·x ≥ lo − restHi.
    const upper = row.hi !== undefined && restLo !== undefined ? row.hi.minus(restLo).div(t.coef) : undefined;
    const lower = row.lo !== undefined && restHi !== undefined ? row.lo.minus(restHi).div(t.coef) : undefined;
    const [newHi, newLo] = t.coef.gt(0) ? [upper, lower] : [lower, upper];
    const r = ranges.get(t.name) ?? { lo: undefined, hi: undefined };
    if (newHi !== undefined && (r.hi === undefined || newHi.lt(r.hi))) {
      r.hi = newHi;
      changed = true;
    }
    if (newLo !== undefined && (r.lo === undefined || newLo.gt(r.lo))) {
      r.lo = newLo;
      changed = true;
    }
    ranges.set(t.name, r);
    if (r.lo !== undefined && r.hi !== undefined && crossed(r.lo, r.hi)) return { changed, ok: false };
  }
  return { changed, ok: true };
}

const zeroLike = (d: Decimal) => d.minus(d);

/**
 * lo above hi by more than the last digits a division rounds (decimal.js keeps 20 significant
 * digits): two routes to the same end must not look like a gap.
 */
function crossed(lo: Decimal, hi: Decimal): boolean {
  const scale = Decimal.max(1, lo.abs(), hi.abs());
  return lo.minus(hi).gt(scale.times(ROUNDING));
}

/**
 * Interval propagation in exact decimals (feasibility-based bound tightening): each row bounds each
 * of its variables by what the others can contribute, repeated until nothing changes. An empty
 * interval proves the rows cannot all hold, with no rounding; a non-empty result is an outer bound
 * (the linear program gives the tight one).
 */
export function propagate(rows: readonly Row[]): Propagation {
  const ranges = new Map<string, Range>();
  for (let pass = 0; pass < PASSES; pass++) {
    let changed = false;
    for (const row of rows) {
      const r = tighten(row, ranges);
      if (!r.ok) return { empty: true };
      changed ||= r.changed;
    }
    if (!changed) break;
  }
  return { empty: false, ranges };
}
