import { addDays, addMonths, endOfQuarter, endOfYear, format, startOfQuarter, startOfYear } from 'date-fns';
import { z } from 'zod';

/** A period id as written in files: `2022` (a year) or `2022Q3` (a quarter). */
export const PeriodId = z.string().regex(/^\d{4}(Q[1-4])?$/, 'a year (2022) or a quarter (2022Q3)');
/** A period id: `2022` or `2022Q3`. */
export type PeriodId = z.infer<typeof PeriodId>;

/** A parsed reporting period. */
export type Period =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 };

/** When submissions are due, counted from the end of the period. */
export const SubmissionCalendar = z
  .object({
    annualDeadlineMonths: z.number().int().min(0).default(3),
    quarterlyDeadlineDays: z.number().int().min(0).default(20),
  })
  .strict();
/** When submissions are due. */
export type SubmissionCalendar = z.infer<typeof SubmissionCalendar>;

/** Years a period may name. */
const YEAR_RANGE = { from: 1900, to: 2999 } as const;

/**
 * Parses `2022`, `2022Q3`, and the forms offices type: `2022年`, `2022年第3季度`, `2022-Q3`, `2022 q3`.
 * Returns undefined for anything else — the caller turns that into a finding.
 */
export function parsePeriod(text: string): Period | undefined {
  const t = text.normalize('NFKC').trim().toUpperCase();
  // A statistical year is a plausible calendar year: 0000 is a typing slip, not year zero.
  const plausible = (y: number) => y >= YEAR_RANGE.from && y <= YEAR_RANGE.to;
  const year = /^(\d{4})年?$/.exec(t);
  if (year) return plausible(Number(year[1])) ? { kind: 'year', year: Number(year[1]) } : undefined;
  const quarter = /^(\d{4})(?:年)?\s*[-_ ]?\s*(?:Q|第)([1-4])(?:季度)?$/.exec(t);
  if (quarter && plausible(Number(quarter[1])))
    return { kind: 'quarter', year: Number(quarter[1]), quarter: Number(quarter[2]) as 1 | 2 | 3 | 4 };
  return undefined;
}

/** The period's id: `2022` or `2022Q3`. */
export function formatPeriod(period: Period): PeriodId {
  switch (period.kind) {
    case 'year':
      return String(period.year);
    case 'quarter':
      return `${period.year}Q${period.quarter}`;
  }
}

/** The period before: 2021 for 2022, 2022Q2 for 2022Q3, 2021Q4 for 2022Q1. */
export function previousPeriod(period: Period): Period {
  switch (period.kind) {
    case 'year':
      return { kind: 'year', year: period.year - 1 };
    case 'quarter':
      return period.quarter === 1
        ? { kind: 'quarter', year: period.year - 1, quarter: 4 }
        : { kind: 'quarter', year: period.year, quarter: (period.quarter - 1) as 1 | 2 | 3 };
  }
}

/** The same period one year earlier (2021Q3 for 2022Q3), for year-on-year comparison. */
export function samePeriodLastYear(period: Period): Period {
  return { ...period, year: period.year - 1 };
}

// Dates are built and formatted in local time, so the calendar date printed is the same in any
// time zone (a UTC instant would shift the day east of Greenwich).
function firstDay(period: Period): Date {
  switch (period.kind) {
    case 'year':
      return startOfYear(new Date(period.year, 0, 1));
    case 'quarter':
      return startOfQuarter(new Date(period.year, (period.quarter - 1) * 3, 1));
  }
}

function lastDay(period: Period): Date {
  switch (period.kind) {
    case 'year':
      return endOfYear(firstDay(period));
    case 'quarter':
      return endOfQuarter(firstDay(period));
  }
}

/** First day of the period, `yyyy-MM-dd`. */
export function periodStart(period: Period): string {
  return format(firstDay(period), 'yyyy-MM-dd');
}

/** Last day of the period, `yyyy-MM-dd`. */
export function periodEnd(period: Period): string {
  return format(lastDay(period), 'yyyy-MM-dd');
}

/** The last day a submission for the period is on time, `yyyy-MM-dd` (31 March next year by default). */
export function submissionDeadline(
  period: Period,
  calendar: SubmissionCalendar = SubmissionCalendar.parse({}),
): string {
  switch (period.kind) {
    case 'year':
      return format(addMonths(lastDay(period), calendar.annualDeadlineMonths), 'yyyy-MM-dd');
    case 'quarter':
      return format(addDays(lastDay(period), calendar.quarterlyDeadlineDays), 'yyyy-MM-dd');
  }
}
