import { Decimal } from 'decimal.js';
import { type Form, type Row, type RowSource, sourceKey } from './linear.js';
import { feasible, type Optimum, optimise, optimiseRatio } from './lp.js';

/** A quantity the check asks the range of: a linear form, or a ratio N / D with D > 0. */
export type Quantity =
  | { readonly kind: 'linear'; readonly form: Form }
  | {
      readonly kind: 'ratio';
      readonly num: Form;
      readonly den: Form;
      readonly denRow: Row | undefined;
      /** The identity rule that makes an indicator this ratio. */
      readonly via?: RowSource;
    };

/**
 * The rows that share variables with `seed`, transitively: a question about one indicator needs only
 * its connected part of the model, which keeps every linear program small.
 */
export function connected(rows: readonly Row[], seed: Iterable<string>): Row[] {
  const taken = reachedRows(rows, seed);
  return rows.filter((_, i) => taken.has(i));
}

/** The parts of the model that share no variable: each can be checked on its own. */
export function components(rows: readonly Row[]): Row[][] {
  const left = new Set(rows.map((_, i) => i));
  const parts: Row[][] = [];
  for (const [i, row] of rows.entries()) {
    if (!left.has(i)) continue;
    const taken = reachedRows(rows, row.coefs.size === 0 ? [] : row.coefs.keys(), i);
    for (const k of taken) left.delete(k);
    parts.push(rows.filter((_, k) => taken.has(k)));
  }
  return parts;
}

function reachedRows(rows: readonly Row[], seed: Iterable<string>, start?: number): Set<number> {
  const reached = new Set(seed);
  const taken = new Set<number>(start === undefined ? [] : [start]);
  let grew = true;
  while (grew) {
    grew = false;
    rows.forEach((row, i) => {
      if (taken.has(i)) return;
      const touches =
        (row.coefs.size === 0 && start === undefined) || [...row.coefs.keys()].some((v) => reached.has(v));
      if (!touches) return;
      taken.add(i);
      for (const v of row.coefs.keys())
        if (!reached.has(v)) {
          reached.add(v);
          grew = true;
        }
    });
  }
  return taken;
}

function variablesOf(q: Quantity): string[] {
  return q.kind === 'linear' ? [...q.form.coefs.keys()] : [...q.num.coefs.keys(), ...q.den.coefs.keys()];
}

/** min or max of a quantity over the rows (its connected part only). */
export function extreme(rows: readonly Row[], q: Quantity, direction: 'maximize' | 'minimize'): Optimum {
  const part = connected(rows, variablesOf(q));
  if (q.kind === 'linear') return optimise(part, q.form, direction);
  return optimiseRatio(q.denRow ? [...part, q.denRow] : part, q.num, q.den, direction);
}

/** The range of a quantity: undefined for an open end; `infeasible` when the rows cannot hold. */
export function rangeOf(rows: readonly Row[], q: Quantity): { lo?: number; hi?: number } | 'infeasible' {
  const lo = extreme(rows, q, 'minimize');
  if (lo.kind === 'infeasible') return 'infeasible';
  const hi = extreme(rows, q, 'maximize');
  if (hi.kind === 'infeasible') return 'infeasible';
  return {
    ...(lo.kind === 'value' ? { lo: lo.value } : {}),
    ...(hi.kind === 'value' ? { hi: hi.value } : {}),
  };
}

/**
 * A minimal set of sources whose rows cannot all hold (an irreducible infeasible subsystem), by the
 * deletion filter: drop each source in turn and keep it out if what is left still cannot hold.
 * Ranges and positivity are tried first, so that the set is told in rules and bounds where it can be.
 */
export function minimalConflict(rows: readonly Row[], keep: ReadonlySet<string> = new Set()): RowSource[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = sourceKey(row.source);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const order = [...groups.keys()].sort((a, b) => rank(a) - rank(b));
  const inSet = new Set(order);
  const current = () => [...inSet].flatMap((k) => groups.get(k) ?? []);
  for (const key of order) {
    if (keep.has(key)) continue;
    inSet.delete(key);
    if (feasible(current())) inSet.add(key);
  }
  // A bound carried through an identity names the identity too: it is part of the reason.
  const found = new Map<string, RowSource>();
  for (const key of inSet)
    for (const row of groups.get(key) ?? []) {
      found.set(key, row.source);
      if (row.via) found.set(sourceKey(row.via), row.via);
    }
  return [...found.values()];
}

const rank = (key: string) => (key.startsWith('range:') || key.startsWith('positive:') ? 0 : 1);

/** A row `q ≤ v` (or `q ≥ v`) used to ask whether values beyond an end can occur. */
export function probe(q: Quantity, end: 'le' | 'ge', value: Decimal): Row[] {
  const v = new Decimal(value);
  const form = q.kind === 'linear' ? q.form : undefined;
  if (form) {
    const rhs = v.minus(form.constant);
    return [
      {
        source: { kind: 'probe' },
        coefs: form.coefs,
        lo: end === 'ge' ? rhs : undefined,
        hi: end === 'le' ? rhs : undefined,
      },
    ];
  }
  if (q.kind !== 'ratio') return [];
  // N − v·D ≤ 0 (or ≥ 0), D > 0.
  const coefs = new Map<string, Decimal>();
  for (const [k, c] of q.num.coefs) coefs.set(k, c);
  for (const [k, c] of q.den.coefs) coefs.set(k, (coefs.get(k) ?? new Decimal(0)).minus(c.times(v)));
  const rhs = q.den.constant.times(v).minus(q.num.constant);
  const row: Row = {
    source: { kind: 'probe' },
    coefs,
    lo: end === 'ge' ? rhs : undefined,
    hi: end === 'le' ? rhs : undefined,
  };
  return q.denRow ? [row, { ...q.denRow, source: { kind: 'probe' } }] : [row];
}

/** The sources (other than the probe) that keep a quantity from reaching `value`. */
export function whyNot(rows: readonly Row[], q: Quantity, end: 'le' | 'ge', value: Decimal): RowSource[] {
  const probeRows = probe(q, end, value);
  const part = connected([...rows, ...probeRows], variablesOf(q));
  const found = minimalConflict(part, new Set(['probe'])).filter((s) => s.kind !== 'probe');
  return q.kind === 'ratio' && q.via && !found.some((s) => sourceKey(s) === sourceKey(q.via as RowSource))
    ? [...found, q.via]
    : found;
}
