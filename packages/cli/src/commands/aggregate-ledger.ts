import { type Bilingual, type LedgerRollUp, rollUpInputs } from '@sunan/ledger';
import { type IntakeStatus, ledgerStamp, type ReportStamp } from '@sunan/report';
import { beijingTime } from '@sunan/schema';
import type { Io } from '../io.js';
import { withLedger } from './ledger-common.js';

// Loaded only for `aggregate --ledger`: the embedded database is not paid for by a roll-up of files.

/** Why `--final` cannot be given for the period, or undefined when the zone is approved and locked. */
export function finalRefusal(intake: IntakeStatus): Bilingual | undefined {
  if (intake.zoneApproved && intake.zone.locked) return undefined;
  const missing = intake.zoneApproved
    ? { zh: '全区已审核但未锁定', en: 'the zone is approved but not locked' }
    : { zh: '全区尚未审核', en: 'the zone is not approved' };
  return {
    zh: `不能出定稿：${intake.period} ${missing.zh}（需先 sunan approve 与 sunan lock 全区）；不加 --final 可出草稿`,
    en: `No final report: for ${intake.period} ${missing.en} (approve and lock the zone first); without --final a draft is written`,
  };
}

/** A roll-up from the ledger with the matrix and the report stamp, or the reason `--final` is refused. */
export type LedgerReport =
  | (LedgerRollUp & { readonly intake: IntakeStatus; readonly stamp: ReportStamp })
  | { readonly refused: Bilingual };

/**
 * The period, the previous one and the history from the ledger: each city's latest accepted
 * revision, with the validation report stored at intake (no workbook is re-read), the period's
 * intake matrix for the reports and their stamp (draft / approved / locked, generation time, head
 * hash). With `final`, refuses unless the zone is approved and locked. Says on stderr which
 * revisions are cited and which newer ones still wait for a decision.
 */
export async function ledgerRollUp(
  values: { ledger?: string; database?: string },
  period: string,
  io: Io,
  lang: 'zh' | 'en',
  final = false,
): Promise<LedgerReport> {
  return withLedger(values, io, async (ledger) => {
    // Read in the same session as the inputs, so the matrix and stamp show the state the roll-up used.
    const intake: IntakeStatus = {
      ...(await ledger.status(period)),
      unassigned: (await ledger.unassigned()).length,
    };
    const refused = final ? finalRefusal(intake) : undefined;
    if (refused) return { refused };
    const roll = await rollUpInputs(ledger, period);
    const stamp = ledgerStamp(intake, (await ledger.head()).hash, new Date().toISOString());
    for (const c of roll.cited)
      io.stderr.write(
        lang === 'zh'
          ? `台账 ${c.period} ${c.city} 第 ${c.revision} 版 sha256 ${c.sha256.slice(0, 12)}… 收到于 ${beijingTime(c.receivedAt)}\n`
          : `ledger ${c.period} ${c.city} revision ${c.revision} sha256 ${c.sha256.slice(0, 12)}… received ${beijingTime(c.receivedAt, 'en')}\n`,
      );
    for (const p of roll.pending)
      io.stderr.write(
        lang === 'zh'
          ? `注意：${p.city} ${p.period} 第 ${p.revision} 版尚未受理，未参与汇总\n`
          : `Note: ${p.city} ${p.period} revision ${p.revision} is not accepted and is not used\n`,
      );
    return { ...roll, intake, stamp };
  });
}
