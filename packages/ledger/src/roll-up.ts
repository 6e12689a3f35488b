import { retainedInput, type SubmissionInput } from '@sunan/aggregate';
import { formatPeriod, parsePeriod, previousPeriod } from '@sunan/schema';
import { collectBetweenFiles } from '@sunan/validate/node';
import type { Ledger } from './ledger.js';

/** A city's revision that a roll-up used, cited in its reports. */
export interface CitedRevision {
  readonly city: string;
  readonly period: string;
  readonly revision: number;
  readonly sha256: string;
  readonly receivedAt: string;
  readonly fileName: string;
}

/** What `aggregate` needs for one period, read from the ledger: no workbook is re-read. */
export interface LedgerRollUp {
  readonly submissions: SubmissionInput[];
  /** The previous period's accepted revisions, when the ledger holds them. */
  readonly previous: SubmissionInput[] | undefined;
  /** Earlier periods of the same kind (years, or quarters), for cumulative targets. */
  readonly history: Array<{ period: string; submissions: SubmissionInput[] }>;
  /** Every revision used, by period. */
  readonly cited: CitedRevision[];
  /** Cities whose latest revision is newer than the accepted one (or has no decision): not used yet. */
  readonly pending: Array<{ city: string; period: string; revision: number }>;
}

/**
 * Each city's latest accepted revision of a period, as roll-up inputs carrying the validation
 * report stored at intake (kept compact: see `retainedInput`). Revisions follow ledger order, never file times; the file label cites the
 * revision and `submittedAt` is when the ledger received it.
 */
export async function acceptedInputs(
  ledger: Ledger,
  period: string,
): Promise<{ inputs: SubmissionInput[]; cited: CitedRevision[]; pending: LedgerRollUp['pending'] }> {
  const status = await ledger.status(period);
  const inputs: SubmissionInput[] = [];
  const cited: CitedRevision[] = [];
  const pending: LedgerRollUp['pending'] = [];
  const settle = collectBetweenFiles();
  for (const cell of status.cities) {
    if (cell.latest && cell.latest.revision !== cell.accepted?.revision)
      pending.push({ city: cell.city, period: status.period, revision: cell.latest.revision });
    const rev = cell.revisions.find((r) => r.revision === cell.accepted?.revision);
    if (!rev) continue;
    const report = await ledger.report(rev.sha256);
    if (!report) continue;
    const file = `${rev.fileName}（第${rev.revision}版 rev ${rev.revision}）`;
    // Kept compact, as the roll-up from files keeps them: a stored report of a 100,000-row list is
    // ~25 MB of objects once parsed, of which the roll-up needs the codes and names.
    inputs.push(retainedInput({ ...report, file }, file, rev.sha256, rev.receivedAt));
    settle();
    cited.push({
      city: cell.city,
      period: status.period,
      revision: rev.revision,
      sha256: rev.sha256,
      receivedAt: rev.receivedAt,
      fileName: rev.fileName,
    });
  }
  return { inputs, cited, pending };
}

/** The period, the previous one and the history for `aggregate`, all from the ledger. */
export async function rollUpInputs(ledger: Ledger, period: string): Promise<LedgerRollUp> {
  const p = parsePeriod(period);
  const id = p ? formatPeriod(p) : period;
  const current = await acceptedInputs(ledger, id);
  const cited = [...current.cited];
  const prevId = p ? formatPeriod(previousPeriod(p)) : undefined;
  let previous: SubmissionInput[] | undefined;
  if (prevId) {
    const prev = await acceptedInputs(ledger, prevId);
    if (prev.inputs.length > 0) previous = prev.inputs;
    cited.push(...prev.cited);
  }
  const quarterly = id.includes('Q');
  const history: LedgerRollUp['history'] = [];
  for (const other of await ledger.periods()) {
    if (other >= (prevId ?? id) || other.includes('Q') !== quarterly) continue;
    const h = await acceptedInputs(ledger, other);
    if (h.inputs.length === 0) continue;
    history.push({ period: other, submissions: h.inputs });
    cited.push(...h.cited);
  }
  return { submissions: current.inputs, previous, history, cited, pending: current.pending };
}
