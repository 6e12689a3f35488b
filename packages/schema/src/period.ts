import type { PeriodId, SubmissionCalendar } from './zod/period.js';

export type { PeriodId, SubmissionCalendar };

/** A parsed reporting period. */
export type Period =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 };

/** The submission calendar a catalogue gets when it names none: 3 months after a year, 20 days after a quarter. */
// Not annotated with SubmissionCalendar: that type is inferred from a zod schema whose defaults are these.
export const DEFAULT_CALENDAR = Object.freeze({ annualDeadlineMonths: 3, quarterlyDeadlineDays: 20 });

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

// Periods are calendar dates, not instants: they are computed on the UTC calendar, where no time
// zone or daylight saving can shift a day, and printed as yyyy-MM-dd.
interface CalendarDate {
  readonly year: number;
  /** 0-based, as in Date. */
  readonly month: number;
  readonly day: number;
}

function calendarDate(ms: number): CalendarDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

function isoDate(d: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.year, 4)}-${pad(d.month + 1, 2)}-${pad(d.day, 2)}`;
}

/** Day 0 of the next month is the last day of this one. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function addDays(d: CalendarDate, days: number): CalendarDate {
  return calendarDate(Date.UTC(d.year, d.month, d.day + days));
}

/** Months later, kept within the month: 31 December + 2 months is 28 (or 29) February. */
function addMonths(d: CalendarDate, months: number): CalendarDate {
  const first = calendarDate(Date.UTC(d.year, d.month + months, 1));
  return { ...first, day: Math.min(d.day, daysInMonth(first.year, first.month)) };
}

function firstDay(period: Period): CalendarDate {
  switch (period.kind) {
    case 'year':
      return { year: period.year, month: 0, day: 1 };
    case 'quarter':
      return { year: period.year, month: (period.quarter - 1) * 3, day: 1 };
  }
}

function lastDay(period: Period): CalendarDate {
  switch (period.kind) {
    case 'year':
      return { year: period.year, month: 11, day: 31 };
    case 'quarter': {
      const month = period.quarter * 3 - 1;
      return { year: period.year, month, day: daysInMonth(period.year, month) };
    }
  }
}

/** First day of the period, `yyyy-MM-dd`. */
export function periodStart(period: Period): string {
  return isoDate(firstDay(period));
}

/** Last day of the period, `yyyy-MM-dd`. */
export function periodEnd(period: Period): string {
  return isoDate(lastDay(period));
}

/** The last day a submission for the period is on time, `yyyy-MM-dd` (31 March next year by default). */
export function submissionDeadline(period: Period, calendar: SubmissionCalendar = DEFAULT_CALENDAR): string {
  switch (period.kind) {
    case 'year':
      return isoDate(addMonths(lastDay(period), calendar.annualDeadlineMonths));
    case 'quarter':
      return isoDate(addDays(lastDay(period), calendar.quarterlyDeadlineDays));
  }
}
