import { type Constraint, type Model, solve } from 'yalps';
import type { Form, Row } from './linear.js';

/** The result of optimising over the rows: a value, no bound in that direction, or no solution. */
export type Optimum =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'unbounded' }
  | { readonly kind: 'infeasible' };

/** Counts the linear programs solved, for the report's figures. */
export const lpStats = { solves: 0 };

const OBJ = '__objective';
const T = '__t';

type Coefs = Map<string, Array<[string, number]>>;

function addCoef(vars: Coefs, name: string, row: string, value: number): void {
  if (value === 0) return;
  let list = vars.get(name);
  if (!list) {
    list = [];
    vars.set(name, list);
  }
  list.push([row, value]);
}

/** Each variable as the difference of two non-negative ones (yalps' variables are non-negative). */
function addFree(vars: Coefs, name: string, row: string, value: number): void {
  addCoef(vars, `${name}+`, row, value);
  addCoef(vars, `${name}-`, row, -value);
}

function run(
  constraints: Array<[string, Constraint]>,
  vars: Coefs,
  direction?: 'maximize' | 'minimize',
): Optimum {
  lpStats.solves++;
  const model: Model = {
    ...(direction ? { direction, objective: OBJ } : {}),
    constraints,
    variables: [...vars.entries()],
  };
  const s = solve(model, { maxPivots: 100_000 });
  switch (s.status) {
    case 'optimal':
      return { kind: 'value', value: s.result };
    case 'unbounded':
      return { kind: 'unbounded' };
    case 'infeasible':
      return { kind: 'infeasible' };
    case 'timedout':
    case 'cycled':
      throw new Error(`linear program ${s.status}`);
  }
}

/** A row without variables (a rule between constants) that does not hold: nothing can satisfy it. */
const brokenConstant = (row: Row) =>
  row.coefs.size === 0 && ((row.lo?.gt(0) ?? false) || (row.hi?.lt(0) ?? false));

/** A row's coefficients and ends as floats, made once per row: the same rows are solved many times. */
interface NumericRow {
  readonly coefs: ReadonlyArray<readonly [string, number]>;
  readonly lo: number | undefined;
  readonly hi: number | undefined;
}
const numericRows = new WeakMap<Row, NumericRow>();

function numeric(row: Row): NumericRow {
  let n = numericRows.get(row);
  if (!n) {
    n = {
      coefs: [...row.coefs].map(([name, c]) => [name, c.toNumber()] as const),
      lo: row.lo?.toNumber(),
      hi: row.hi?.toNumber(),
    };
    numericRows.set(row, n);
  }
  return n;
}

function constraintOf(row: Row): Constraint | undefined {
  const { lo, hi } = numeric(row);
  if (lo === undefined && hi === undefined) return undefined;
  return { ...(lo === undefined ? {} : { min: lo }), ...(hi === undefined ? {} : { max: hi }) };
}

/** min or max of a linear form over the rows (no objective: any solution, i.e. feasibility). */
export function optimise(
  rows: readonly Row[],
  objective: Form | undefined,
  direction: 'maximize' | 'minimize',
): Optimum {
  if (rows.some(brokenConstant)) return { kind: 'infeasible' };
  const vars: Coefs = new Map();
  const constraints: Array<[string, Constraint]> = [];
  rows.forEach((row, i) => {
    const c = constraintOf(row);
    if (!c || row.coefs.size === 0) return;
    constraints.push([`r${i}`, c]);
    for (const [name, coef] of numeric(row).coefs) addFree(vars, name, `r${i}`, coef);
  });
  if (objective) for (const [name, coef] of objective.coefs) addFree(vars, name, OBJ, coef.toNumber());
  const result = run(constraints, vars, objective ? direction : undefined);
  if (result.kind !== 'value' || !objective) return result;
  return { kind: 'value', value: result.value + objective.constant.toNumber() };
}

/** Whether all the rows can hold at once. */
export function feasible(rows: readonly Row[]): boolean {
  return optimise(rows, undefined, 'maximize').kind !== 'infeasible';
}

/**
 * min or max of N / D over the rows, D > 0, by the Charnes–Cooper transformation: with t = 1/D and
 * y = x·t it is the linear program over y and t of N(y) subject to D(y) = 1 and each row's ends
 * multiplied by t.
 */
export function optimiseRatio(
  rows: readonly Row[],
  num: Form,
  den: Form,
  direction: 'maximize' | 'minimize',
): Optimum {
  if (rows.some(brokenConstant)) return { kind: 'infeasible' };
  const vars: Coefs = new Map();
  const constraints: Array<[string, Constraint]> = [];
  rows.forEach((row, i) => {
    if (row.coefs.size === 0) return;
    const n = numeric(row);
    for (const [end, value, c] of [
      ['lo', n.lo, { min: 0 }],
      ['hi', n.hi, { max: 0 }],
    ] as const) {
      if (value === undefined) continue;
      const key = `r${i}${end}`;
      constraints.push([key, c]);
      for (const [name, coef] of n.coefs) addFree(vars, name, key, coef);
      addCoef(vars, T, key, -value);
    }
  });
  constraints.push(['__den', { equal: 1 }]);
  for (const [name, coef] of den.coefs) addFree(vars, name, '__den', coef.toNumber());
  addCoef(vars, T, '__den', den.constant.toNumber());
  for (const [name, coef] of num.coefs) addFree(vars, name, OBJ, coef.toNumber());
  addCoef(vars, T, OBJ, num.constant.toNumber());
  if (!vars.has(T)) vars.set(T, []);
  return run(constraints, vars, direction);
}
