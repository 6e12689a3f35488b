import { z } from 'zod';
import { PeriodId } from './period.js';

/** One reported figure: a unit's value of an indicator, in the indicator's canonical unit. */
export const SubmissionValue = z
  .object({
    orgUnit: z.string().min(1),
    indicator: z.string().min(1),
    /** Decimal string in the canonical unit (exact), a plain number, or null when left blank. */
    value: z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number(), z.null()]),
    note: z.string().optional(),
  })
  .strict();
/** One reported figure. */
export type SubmissionValue = z.infer<typeof SubmissionValue>;

/** One row of the high-tech enterprise list. */
export const EnterpriseRow = z
  .object({
    /** 统一社会信用代码 (GB 32100-2015), 18 characters. */
    creditCode: z.string(),
    name: z.string(),
    /** The park's code or name; null or absent when outside the parks. */
    park: z.string().nullable().optional(),
    certificateNo: z.string().optional(),
    certifiedYear: z.number().int().optional(),
  })
  .strict();
/** One row of the high-tech enterprise list. */
export type EnterpriseRow = z.infer<typeof EnterpriseRow>;

/**
 * A city's submission for one period, once read from whatever file it came in. JSON submissions
 * from tools that are not TypeScript are checked against this schema's JSON Schema
 * (`@sunan/schema/submission.schema.json`).
 */
export const Submission = z
  .object({
    templateVersion: z.string(),
    catalogueVersion: z.string(),
    city: z.string(),
    period: PeriodId,
    values: z.array(SubmissionValue),
    enterprises: z.array(EnterpriseRow).default([]),
  })
  .strict();
/** A city's submission for one period. */
export type Submission = z.infer<typeof Submission>;

/** The JSON Schema (draft 2020-12) of a submission document, as shipped in the package. */
export function submissionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Submission, { io: 'input' }) as Record<string, unknown>;
}
