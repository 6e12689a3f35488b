import { Finding, LocalizedText } from '@sunan/schema';
import { z } from 'zod';

/** Exact decimal as text ("1350.25"): money and counts never pass through binary floats. */
const Num = z.string().regex(/^-?\d+(\.\d+)?$/);

/** How complete a zone figure is. */
export const ValueStatus = z.enum(['complete', 'partial', 'not-reported', 'not-computable']);
/** How complete a zone figure is. */
export type ValueStatus = z.infer<typeof ValueStatus>;

/** One file offered to the roll-up and what became of it. */
export const SourceEntry = z
  .object({
    city: z.string().nullable(),
    period: z.string().nullable(),
    file: z.string(),
    sha256: z.string(),
    submittedAt: z.string().nullable(),
    status: z.enum(['used', 'used-with-errors', 'superseded', 'excluded']),
    reason: LocalizedText.nullable(),
    errors: z.number().int(),
    warnings: z.number().int(),
  })
  .strict();
/** One file offered to the roll-up and what became of it. */
export type SourceEntry = z.infer<typeof SourceEntry>;

/** The zone figure of one indicator. */
export const ZoneValue = z
  .object({
    value: Num.nullable(),
    status: ValueStatus,
    /** Cities whose figure (or numerator, denominator or weight) is missing. */
    missingCities: z.array(z.string()),
    /** For cumulative-sum indicators: the running total over the plan's periods. */
    cumulative: z
      .object({
        value: Num.nullable(),
        from: z.string(),
        to: z.string(),
        missingPeriods: z.array(z.string()),
      })
      .strict()
      .nullable(),
  })
  .strict();
/** The zone figure of one indicator. */
export type ZoneValue = z.infer<typeof ZoneValue>;

/** One city's figure of one indicator. */
export const CityValue = z
  .object({
    value: Num.nullable(),
    /** Percent of the zone total (additive indicators only). */
    share: Num.nullable(),
    /** Year-on-year change in percent, when the previous period is given. */
    growth: Num.nullable(),
  })
  .strict();
/** One city's figure of one indicator. */
export type CityValue = z.infer<typeof CityValue>;

/** One indicator across the zone and its cities. */
export const IndicatorResult = z
  .object({
    code: z.string(),
    name: LocalizedText,
    unit: z.string(),
    group: z.string(),
    aggregation: z.enum(['sum', 'ratio', 'weighted-mean', 'reported', 'cumulative-sum']),
    zone: ZoneValue,
    zoneGrowth: Num.nullable(),
    cities: z.record(z.string(), CityValue),
  })
  .strict();
/** One indicator across the zone and its cities. */
export type IndicatorResult = z.infer<typeof IndicatorResult>;

/** One control total compared with the computed figure. */
export const ReconciliationRow = z
  .object({
    orgUnit: z.string(),
    indicator: z.string(),
    control: Num.nullable(),
    computed: Num.nullable(),
    /** computed − control. */
    imbalance: Num.nullable(),
    status: z.enum(['consistent', 'inconsistent', 'not-comparable']),
    source: z.string().nullable(),
    note: LocalizedText.nullable(),
  })
  .strict();
/** One control total compared with the computed figure. */
export type ReconciliationRow = z.infer<typeof ReconciliationRow>;

/** How a target stands; see {@link TargetProgress}. */
export const TargetStatus = z.enum(['met', 'not-met', 'on-track', 'behind', 'incomplete', 'no-data']);
/** How a target stands. */
export type TargetStatus = z.infer<typeof TargetStatus>;

/**
 * The straight-line path from a baseline to a target: in period p the figure should have reached
 * baseline + (target − baseline) × (p − baseline period) / (target period − baseline period).
 * A cumulative target's path starts from 0 the year before its first plan year.
 */
export const TargetTrajectory = z
  .object({
    rule: z.literal('linear'),
    baselinePeriod: z.string(),
    baselineValue: Num,
    /** `plan`: the baseline the plan itself states; `zone`: the zone's own figure in that period; `zero`: a cumulative sum's start. */
    baselineSource: z.enum(['plan', 'zone', 'zero']),
    /** Where the path stands in this period (4 decimals). */
    expected: Num,
  })
  .strict();
/** The path a target is judged against before its period. */
export type TargetTrajectory = z.infer<typeof TargetTrajectory>;

/** One national high-tech park's figures and their share of its city. */
export const ParkFigures = z
  .object({
    code: z.string(),
    name: LocalizedText,
    city: z.string(),
    /** By indicator code: the park's figure and its percent of the city's figure (additive indicators). */
    values: z.record(z.string(), z.object({ value: Num, shareOfCity: Num.nullable() }).strict()),
  })
  .strict();
/** One park's figures. */
export type ParkFigures = z.infer<typeof ParkFigures>;

/** Progress against one target. */
export const TargetProgress = z
  .object({
    id: z.string(),
    orgUnit: z.string(),
    indicator: z.string(),
    name: LocalizedText,
    unit: z.string(),
    targetPeriod: z.string(),
    target: Num,
    approximate: z.boolean(),
    comparator: z.enum(['at-least', 'at-most', 'more-than']),
    /** True for a province target shown beside the zone's figure as a reference. */
    reference: z.boolean(),
    value: Num.nullable(),
    valueStatus: ValueStatus,
    /** value / target × 100. */
    achievedPercent: Num.nullable(),
    /** target − value (what is still to go; negative once the target is exceeded). */
    gap: Num.nullable(),
    /**
     * `met` / `not-met` once the target's period has come; before it, `on-track` / `behind` against
     * the {@link TargetTrajectory}; `incomplete` when the figure is partial (an earlier plan period or
     * a baseline is missing) and cannot be judged; `no-data` when there is no figure at all.
     */
    status: TargetStatus,
    cumulative: z
      .object({
        from: z.string(),
        to: z.string(),
        /** Periods whose figures make up the running sum. */
        periods: z.array(z.string()),
        /** Plan periods before this one with no figure: the running sum lacks them. */
        missingPeriods: z.array(z.string()).optional(),
        /** Plan periods after this one, still to come. */
        remainingPeriods: z.array(z.string()).optional(),
      })
      .strict()
      .nullable(),
    /** For a target whose period has not come yet: the path it is judged against. */
    trajectory: TargetTrajectory.nullable().optional(),
  })
  .strict();
/** Progress against one target. */
export type TargetProgress = z.infer<typeof TargetProgress>;

/**
 * The result of a zone roll-up. Its shape is stable and documented by a JSON Schema shipped in the
 * package (`@sunan/aggregate/aggregate-result.schema.json`). Numbers are exact decimals as strings.
 * The same inputs give byte-identical JSON: there is no timestamp in it; run metadata, when wanted,
 * goes in the optional `run` field.
 */
export const AggregateResult = z
  .object({
    schemaVersion: z.literal('1'),
    period: z.string(),
    catalogue: z.object({ id: z.string(), version: z.string() }).strict(),
    /** False when any expected city is missing: every affected total is then partial. */
    complete: z.boolean(),
    /** Expected cities with no usable submission. */
    missing: z.array(z.object({ code: z.string(), name: LocalizedText }).strict()),
    /** What a reader must see first: missing cities, excluded files, partial totals. */
    notices: z.array(LocalizedText),
    /** Whether submissions with error findings were included (caller's choice). */
    includeInvalid: z.boolean(),
    sources: z.array(SourceEntry),
    indicators: z.array(IndicatorResult),
    reconciliation: z.array(ReconciliationRow),
    targets: z.array(TargetProgress),
    findings: z.array(Finding),
    /** The national high-tech parks' figures, by city (absent in results written before parks were kept). */
    parks: z.array(ParkFigures).optional(),
    run: z.object({ generatedAt: z.string(), tool: z.string() }).strict().optional(),
  })
  .strict();
/** The result of a zone roll-up. */
export type AggregateResult = z.infer<typeof AggregateResult>;

/** The JSON Schema (2020-12) of {@link AggregateResult}. */
export function aggregateResultJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(AggregateResult) as Record<string, unknown>;
}
