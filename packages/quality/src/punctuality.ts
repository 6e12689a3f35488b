import { type Catalogue, parsePeriod, submissionDeadline } from '@sunan/schema';
import { PERCENT_DECIMALS, Q } from './decimal.js';
import { acceptanceInForce, type CellHistory, revisionNo } from './history.js';
import { daysBetween, shanghaiDate } from './time.js';

/** How early or late one city reported one period, against the period's 报送截止日期. */
export interface PunctualityRow {
  readonly city: string;
  readonly period: string;
  /** The last day on time (`yyyy-MM-dd`, China time), from the catalogue's submission calendar. */
  readonly deadline: string;
  readonly firstReceivedAt: string | null;
  /** Days after the deadline of the first receipt (negative: early; 0: on the last day). */
  readonly firstReceivedDays: number | null;
  readonly acceptedRevision: number | null;
  /** When the revision in force (latest accepted) was received. */
  readonly acceptedReceivedAt: string | null;
  readonly acceptedDays: number | null;
  /** First receipt on or before the deadline; null when nothing was received. */
  readonly onTime: boolean | null;
  /** 逾期: the deadline has passed and no revision is accepted. */
  readonly overdue: boolean;
}

/** The deadline of a period by the catalogue's calendar (the date the template prints). */
export function deadlineOf(catalogue: Catalogue, period: string): string | undefined {
  const p = parsePeriod(period);
  return p ? submissionDeadline(p, catalogue.calendar) : undefined;
}

/** One (city, period)'s punctuality, as of `now` (ISO 8601) for 逾期. */
export function punctualityOf(catalogue: Catalogue, h: CellHistory, now: string): PunctualityRow | undefined {
  const deadline = deadlineOf(catalogue, h.period);
  if (deadline === undefined) return undefined;
  const first = h.revisions[0];
  const acc = acceptanceInForce(h);
  const accRev = acc ? revisionNo(h, acc.revision) : undefined;
  const days = (at: string | undefined) =>
    at === undefined ? null : daysBetween(deadline, shanghaiDate(at));
  const firstDays = days(first?.receivedAt);
  return {
    city: h.city,
    period: h.period,
    deadline,
    firstReceivedAt: first?.receivedAt ?? null,
    firstReceivedDays: firstDays,
    acceptedRevision: accRev?.revision ?? null,
    acceptedReceivedAt: accRev?.receivedAt ?? null,
    acceptedDays: days(accRev?.receivedAt),
    onTime: firstDays === null ? null : firstDays <= 0,
    overdue: accRev === undefined && shanghaiDate(now) > deadline,
  };
}

/** A city's on-time rate over the periods it was due (received, or past the deadline). */
export interface OnTimeRate {
  readonly city: string;
  readonly due: number;
  readonly onTime: number;
  readonly late: number;
  /** Past the deadline and nothing received. */
  readonly missing: number;
  /** onTime ÷ due × 100, two decimals; null when nothing was due. */
  readonly rate: string | null;
}

/** On-time rates per city from punctuality rows (as of the `now` those rows were made with). */
export function onTimeRates(rows: readonly PunctualityRow[], cities: readonly string[]): OnTimeRate[] {
  return cities.map((city) => {
    const of = rows.filter((r) => r.city === city);
    const onTime = of.filter((r) => r.onTime === true).length;
    const late = of.filter((r) => r.onTime === false).length;
    const missing = of.filter((r) => r.onTime === null && r.overdue).length;
    const due = onTime + late + missing;
    return {
      city,
      due,
      onTime,
      late,
      missing,
      rate:
        due === 0
          ? null
          : new Q(onTime).div(due).times(100).toDecimalPlaces(PERCENT_DECIMALS).toFixed(PERCENT_DECIMALS),
    };
  });
}
