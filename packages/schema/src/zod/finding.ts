import { z } from 'zod';
import { FindingExplanation } from './review.js';
import { Severity } from './rule.js';
import { LocalizedText } from './text.js';

/**
 * One problem (or note) found in a file: the shared shape of every check in the product.
 * Locations are as precise as the input allows: a workbook gives sheet and A1 cell, a CSV a row,
 * a JSON document a path.
 */
export const Finding = z
  .object({
    /** Stable code, documented in the package README (e.g. `VAL_NOT_NUMBER`). */
    code: z.string(),
    severity: Severity,
    file: z.string().optional(),
    sheet: z.string().optional(),
    cell: z.string().optional(),
    row: z.number().int().optional(),
    path: z.string().optional(),
    orgUnit: z.string().optional(),
    indicator: z.string().optional(),
    /** The rule that produced the finding, for rule checks. */
    rule: z.string().optional(),
    /** The value as seen in the input. */
    value: z.string().optional(),
    /** What was expected instead. */
    expected: z.string().optional(),
    message: LocalizedText,
    /**
     * The office's explanation (审核说明). On a warning (核实性) it makes the finding 已说明: still
     * listed, no longer open. On an error (强制性) it is shown and the finding stays open.
     */
    explanation: FindingExplanation.optional(),
  })
  .strict();
/** One problem or note found in an input. */
export type Finding = z.infer<typeof Finding>;
