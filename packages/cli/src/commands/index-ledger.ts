import { type AggregateResult, aggregate } from '@sunan/aggregate';
import { type Bilingual, type Ledger, rollUpInputs } from '@sunan/ledger';
import { STAMP_LABEL, type StampState } from '@sunan/report';
import type { Io } from '../io.js';
import { withLedger } from './ledger-common.js';

// Loaded only for `index --ledger`.

/** One year of the index from the ledger: its roll-up, where its approval stands, what keeps it incomplete. */
export interface LedgerYear {
  readonly period: string;
  readonly state: Exclude<StampState, 'not-ledger'>;
  /** The roll-up, or undefined when the ledger holds no accepted revision for the year. */
  readonly result: AggregateResult | undefined;
  /** One line per city without an accepted revision (an incomplete year). */
  readonly missing: readonly Bilingual[];
}

async function yearOf(ledger: Ledger, period: string): Promise<LedgerYear> {
  const status = await ledger.status(period);
  const state = status.zoneApproved ? (status.zone.locked ? 'locked' : 'approved') : 'draft';
  const roll = await rollUpInputs(ledger, period);
  const result =
    roll.submissions.length === 0
      ? undefined
      : aggregate({
          period,
          submissions: roll.submissions,
          ...(roll.previous ? { previous: roll.previous } : {}),
          history: roll.history,
        });
  const used = new Set(roll.cited.filter((c) => c.period === period).map((c) => c.city));
  const why = (code: string): Bilingual => {
    const cell = status.cities.find((c) => c.city === code);
    return cell?.latest
      ? { zh: '有报表但未受理', en: 'received but not accepted' }
      : { zh: '未报送', en: 'not received' };
  };
  const missing = status.cities
    .filter((c) => !used.has(c.city))
    .map((c) => {
      const name = ledger.nameOf(c.city);
      const w = why(c.city);
      return {
        zh: `${period} ${name.zh}：${w.zh}，无已受理的报表`,
        en: `${period} ${name.en}: ${w.en}, no accepted revision`,
      };
    });
  return { period, state, result, missing };
}

/**
 * The years of the index from the ledger: the years asked for (`--periods`), else every year it
 * holds events for (quarters are not index years); each with its roll-up from the validation
 * reports stored at intake, its approval state and, for an incomplete year, one line per city that
 * has no accepted revision.
 */
export async function ledgerYears(
  values: { ledger?: string; database?: string },
  io: Io,
  periods?: readonly string[],
): Promise<LedgerYear[]> {
  return withLedger(values, io, async (ledger) => {
    const years = periods ?? (await ledger.periods()).filter((p) => !p.includes('Q'));
    const out: LedgerYear[] = [];
    for (const period of years) out.push(await yearOf(ledger, period));
    return out;
  });
}

/** "2022 已审核·已锁定 / approved and locked", for the line naming each year's state. */
export function yearLine(y: LedgerYear): Bilingual {
  return { zh: `${y.period} ${STAMP_LABEL[y.state].zh}`, en: `${y.period} ${STAMP_LABEL[y.state].en}` };
}
