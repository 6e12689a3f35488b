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
    /** target − value (what is still to go). */
    gap: Num.nullable(),
    status: z.enum(['met', 'not-met', 'no-data']),
    cumulative: z
      .object({ from: z.string(), to: z.string(), periods: z.array(z.string()) })
      .strict()
      .nullable(),
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
    run: z.object({ generatedAt: z.string(), tool: z.string() }).strict().optional(),
  })
  .strict();
/** The result of a zone roll-up. */
export type AggregateResult = z.infer<typeof AggregateResult>;

/** The JSON Schema (2020-12) of {@link AggregateResult}. */
export function aggregateResultJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(AggregateResult) as Record<string, unknown>;
}
