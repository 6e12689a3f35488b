import { type AggregateResult, aggregate } from '@sunan/aggregate';
import { rollUpInputs } from '@sunan/ledger';
import type { Io } from '../io.js';
import { withLedger } from './ledger-common.js';

// Loaded only for `index --ledger`.

/**
 * One roll-up per year the ledger holds accepted revisions for (quarters are not index years),
 * from the validation reports stored at intake: the years of the index come from the ledger.
 */
export async function ledgerYears(
  values: { ledger?: string; database?: string },
  io: Io,
): Promise<AggregateResult[]> {
  return withLedger(values, io, async (ledger) => {
    const out: AggregateResult[] = [];
    for (const period of (await ledger.periods()).filter((p) => !p.includes('Q'))) {
      const roll = await rollUpInputs(ledger, period);
      if (roll.submissions.length === 0) continue;
      out.push(
        aggregate({
          period,
          submissions: roll.submissions,
          ...(roll.previous ? { previous: roll.previous } : {}),
          history: roll.history,
        }),
      );
    }
    return out;
  });
}
