import { z } from 'zod';
import { DecimalString } from './decimal-string.js';
import { PeriodId } from './period.js';
import { UnitCode } from './units.js';

/**
 * A target of a plan for one org unit and indicator: "by 2022 the zone reaches 1350 亿元".
 * `approximate` marks targets written with 左右 (about); `cumulative` those counted over the whole
 * plan period (projects started 2020–2022), tracked as running sums.
 */
export const Target = z
  .object({
    id: z.string().min(1),
    orgUnit: z.string(),
    indicator: z.string(),
    /** The year the target is for. */
    period: PeriodId,
    value: DecimalString,
    unit: UnitCode,
    approximate: z.boolean(),
    /** `at-least` (达到), `at-most` (控制在…以内) or `more-than` (超过). */
    comparator: z.enum(['at-least', 'at-most', 'more-than']).default('at-least'),
    cumulative: z.object({ from: PeriodId, to: PeriodId }).strict().optional(),
    /** Where the plan starts from, when the source gives it. */
    baseline: z.object({ period: PeriodId, value: DecimalString }).strict().optional(),
    /** What was achieved, for targets whose period has ended and whose source reports it. */
    outcome: z
      .object({ value: DecimalString, qualifier: z.enum(['exactly', 'more-than']).default('exactly') })
      .strict()
      .optional(),
    /** Seed document the target is taken from. */
    source: z.string(),
  })
  .strict();
/** A plan target. */
export type Target = z.infer<typeof Target>;
