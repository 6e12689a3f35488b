import { type AggregateResult, aggregate } from '@sunan/aggregate';
import type { Approval } from '@sunan/exchange';
import { rollUpInputs } from '@sunan/ledger';
import type { Io } from '../io.js';
import { withLedger } from './ledger-common.js';

// Loaded only for `export --ledger`.

/**
 * The chosen periods (default: every period the ledger holds) rolled up from the ledger's accepted
 * revisions, with what is approved in each: a city's figures are final once its accepted revision
 * is approved, the zone's once the zone is. Periods with no accepted revision are left out and named.
 */
export async function ledgerExport(
  values: { ledger?: string; database?: string },
  periods: readonly string[] | undefined,
  io: Io,
): Promise<{ results: AggregateResult[]; approvals: Record<string, Approval>; empty: string[] }> {
  return withLedger(values, io, async (ledger) => {
    const results: AggregateResult[] = [];
    const approvals: Record<string, Approval> = {};
    const empty: string[] = [];
    for (const period of periods ?? (await ledger.periods())) {
      const roll = await rollUpInputs(ledger, period);
      if (roll.submissions.length === 0) {
        empty.push(period);
        continue;
      }
      const result = aggregate({
        period,
        submissions: roll.submissions,
        ...(roll.previous ? { previous: roll.previous } : {}),
        history: roll.history,
      });
      const status = await ledger.status(result.period);
      approvals[result.period] = {
        cities: status.cities.filter((c) => c.state === 'approved').map((c) => c.city),
        zone: status.zoneApproved,
      };
      results.push(result);
    }
    return { results, approvals, empty };
  });
}
