import { Decimal } from 'decimal.js';

/** A linear form Σ coef·variable + constant, in exact decimals. */
export interface Form {
  readonly coefs: ReadonlyMap<string, Decimal>;
  readonly constant: Decimal;
}

/**
 * What a row of the model was made from, so that a conflicting set can be named in the catalogue's
 * own terms: a rule, a plausibility bound, an indicator's allowed range, the positivity of a ratio's
 * denominator (a ratio is only checked when its denominator is not zero), or a probe the check adds.
 */
export type RowSource =
  | { readonly kind: 'rule'; readonly id: string; readonly index: number }
  | {
      readonly kind: 'bound';
      readonly index: number;
      readonly indicator: string;
      readonly per: string | undefined;
      readonly min: string | undefined;
      readonly max: string | undefined;
    }
  | {
      readonly kind: 'range';
      readonly indicator: string;
      readonly children: boolean;
      readonly min: number | undefined;
      readonly max: number | undefined;
    }
  | { readonly kind: 'positive'; readonly denominator: string }
  | { readonly kind: 'probe' };

/** One row: lo ≤ Σ coef·variable ≤ hi (an end left out is open). */
export interface Row {
  readonly source: RowSource;
  readonly coefs: ReadonlyMap<string, Decimal>;
  readonly lo: Decimal | undefined;
  readonly hi: Decimal | undefined;
  /** The identity rule a bound on a ratio indicator was carried through onto its components. */
  readonly via?: RowSource;
}

/** A stable key per source: the rows of one rule or one bound are kept or dropped together. */
export function sourceKey(source: RowSource): string {
  switch (source.kind) {
    case 'rule':
      return `rule:${source.id}`;
    case 'bound':
      return `bound:${source.index}`;
    case 'range':
      return `range:${source.children ? 'children:' : ''}${source.indicator}`;
    case 'positive':
      return `positive:${source.denominator}`;
    case 'probe':
      return 'probe';
  }
}

/** The zero form. */
export const ZERO: Form = { coefs: new Map(), constant: new Decimal(0) };

/** The form of one variable. */
export function variable(name: string): Form {
  return { coefs: new Map([[name, new Decimal(1)]]), constant: new Decimal(0) };
}

/** a·x + b·y, dropping zero coefficients. */
export function combine(a: Decimal.Value, x: Form, b: Decimal.Value, y: Form): Form {
  const coefs = new Map<string, Decimal>();
  const add = (k: Decimal, f: Form) => {
    for (const [v, c] of f.coefs) coefs.set(v, (coefs.get(v) ?? new Decimal(0)).plus(c.times(k)));
  };
  const ka = new Decimal(a);
  const kb = new Decimal(b);
  add(ka, x);
  add(kb, y);
  for (const [v, c] of coefs) if (c.isZero()) coefs.delete(v);
  return { coefs, constant: x.constant.times(ka).plus(y.constant.times(kb)) };
}

/** The row lo ≤ form ≤ hi, with the form's constant moved to the ends. */
export function rowOf(source: RowSource, form: Form, lo: Decimal | undefined, hi: Decimal | undefined): Row {
  return {
    source,
    coefs: form.coefs,
    lo: lo?.minus(form.constant),
    hi: hi?.minus(form.constant),
  };
}
