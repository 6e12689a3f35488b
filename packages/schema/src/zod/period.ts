import { z } from 'zod';
import { DEFAULT_CALENDAR } from '../period.js';

/** A period id as written in files: `2022` (a year) or `2022Q3` (a quarter). */
export const PeriodId = z.string().regex(/^\d{4}(Q[1-4])?$/, 'a year (2022) or a quarter (2022Q3)');
/** A period id: `2022` or `2022Q3`. */
export type PeriodId = z.infer<typeof PeriodId>;

/** When submissions are due, counted from the end of the period; defaults {@link DEFAULT_CALENDAR}. */
export const SubmissionCalendar = z
  .object({
    annualDeadlineMonths: z.number().int().min(0).default(DEFAULT_CALENDAR.annualDeadlineMonths),
    quarterlyDeadlineDays: z.number().int().min(0).default(DEFAULT_CALENDAR.quarterlyDeadlineDays),
  })
  .strict();
/** When submissions are due. */
export type SubmissionCalendar = z.infer<typeof SubmissionCalendar>;
