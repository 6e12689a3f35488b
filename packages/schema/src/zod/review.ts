import { z } from 'zod';
import { Severity } from './rule.js';
import { LocalizedText } from './text.js';

/**
 * A group of catalogue checks that share a review class and the reason for it (ratio identities,
 * part ≤ whole, parks ≤ city, plausibility bounds). Each rule and bound names its group; the
 * catalogue check refuses a rule or bound whose severity differs from its group's, so the class of
 * every check is declared once, with its reason, and CATALOGUE.md prints both.
 */
export const ReviewGroup = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** The class of the group's checks, as a severity: error 强制性, warning 核实性, info 提示性. */
    severity: Severity,
    name: LocalizedText,
    /** Why the group's checks have this class, as CATALOGUE.md states it. */
    reason: LocalizedText,
  })
  .strict();
/** A group of catalogue checks with its review class and reason. */
export type ReviewGroup = z.infer<typeof ReviewGroup>;

/**
 * The office's explanation of a finding, from the 审核说明 sheet of its file (or the JSON's
 * `explanations`): present on a 核实性 finding it explains — the finding is then 已说明, still listed
 * but no longer open. Shown, never lifting it, on a 强制性 finding.
 */
export const FindingExplanation = z
  .object({
    text: z.string().min(1),
    /** Who wrote it (填写人). */
    by: z.string().optional(),
    /** When, as the office wrote it (日期). */
    date: z.string().optional(),
    /** The id of the centre's 查询 it answers, when it cites one. */
    query: z.string().optional(),
  })
  .strict();
/** An explanation of a finding. */
export type FindingExplanation = z.infer<typeof FindingExplanation>;
