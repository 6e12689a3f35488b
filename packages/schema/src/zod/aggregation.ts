import { z } from 'zod';
import { DecimalString } from './decimal-string.js';

const IndicatorCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/);

/**
 * How an indicator rolls up from parks to cities to the zone. A discriminated union, so every
 * consumer must handle each kind — and `reported` has no arithmetic at all, so it cannot be summed
 * by mistake: a `switch` over `kind` must say what to do with it.
 */
export const Aggregation = z.discriminatedUnion('kind', [
  /** Add the parts exactly. */
  z.object({ kind: z.literal('sum') }).strict(),
  /** Σ numerator / Σ denominator × scale — never an average of the parts' ratios. */
  z
    .object({
      kind: z.literal('ratio'),
      numerator: IndicatorCode,
      denominator: IndicatorCode,
      scale: DecimalString,
    })
    .strict(),
  /** Σ (value × weight) / Σ weight, weighted by another indicator. */
  z.object({ kind: z.literal('weighted-mean'), weight: IndicatorCode }).strict(),
  /** Not additive (a model estimate): the zone's own reported value is used, never a sum. */
  z.object({ kind: z.literal('reported') }).strict(),
  /** Summed over the parts, then accumulated over the periods from `from` (the plan's first year). */
  z.object({ kind: z.literal('cumulative-sum'), from: z.string().regex(/^\d{4}$/) }).strict(),
]);
/** How an indicator rolls up; see {@link Aggregation}. */
export type Aggregation = z.infer<typeof Aggregation>;
