import { type LedgerRollUp, rollUpInputs } from '@sunan/ledger';
import type { IntakeStatus } from '@sunan/report';
import type { Io } from '../io.js';
import { withLedger } from './ledger-common.js';

// Loaded only for `aggregate --ledger`: the embedded database is not paid for by a roll-up of files.

/**
 * The period, the previous one and the history from the ledger: each city's latest accepted
 * revision, with the validation report stored at intake (no workbook is re-read), and the period's
 * intake matrix for the HTML report. Says on stderr which revisions are cited and which newer ones
 * still wait for a decision.
 */
export async function ledgerRollUp(
  values: { ledger?: string; database?: string },
  period: string,
  io: Io,
  lang: 'zh' | 'en',
): Promise<LedgerRollUp & { readonly intake: IntakeStatus }> {
  return withLedger(values, io, async (ledger) => {
    const roll = await rollUpInputs(ledger, period);
    // Read in the same session as the inputs, so the matrix shows the state the roll-up used.
    const intake: IntakeStatus = {
      ...(await ledger.status(period)),
      unassigned: (await ledger.unassigned()).length,
    };
    for (const c of roll.cited)
      io.stderr.write(
        lang === 'zh'
          ? `台账 ${c.period} ${c.city} 第 ${c.revision} 版 sha256 ${c.sha256.slice(0, 12)}… 收到于 ${c.receivedAt}\n`
          : `ledger ${c.period} ${c.city} revision ${c.revision} sha256 ${c.sha256.slice(0, 12)}… received ${c.receivedAt}\n`,
      );
    for (const p of roll.pending)
      io.stderr.write(
        lang === 'zh'
          ? `注意：${p.city} ${p.period} 第 ${p.revision} 版尚未受理，未参与汇总\n`
          : `Note: ${p.city} ${p.period} revision ${p.revision} is not accepted and is not used\n`,
      );
    return { ...roll, intake };
  });
}
