import type { Aggregation } from './zod/aggregation.js';

export type { Aggregation };
/** The kinds of aggregation. */
export type AggregationKind = Aggregation['kind'];

/** The indicator codes an aggregation rule depends on (numerator, denominator, weight). */
export function aggregationInputs(aggregation: Aggregation): string[] {
  switch (aggregation.kind) {
    case 'sum':
    case 'reported':
    case 'cumulative-sum':
      return [];
    case 'ratio':
      return [aggregation.numerator, aggregation.denominator];
    case 'weighted-mean':
      return [aggregation.weight];
    default:
      return assertNever(aggregation);
  }
}

/** True when values at lower levels may simply be added to give the higher level. */
export function isAdditive(aggregation: Aggregation): boolean {
  switch (aggregation.kind) {
    case 'sum':
    case 'cumulative-sum':
      return true;
    case 'ratio':
    case 'weighted-mean':
    case 'reported':
      return false;
    default:
      return assertNever(aggregation);
  }
}

/** Exhaustiveness guard for switches over discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
