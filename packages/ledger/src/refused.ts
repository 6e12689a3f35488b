import type { ValidationReport } from '@sunan/validate';
import { sha256 } from './canonical.js';
import type { Refusal } from './codes.js';
import { append, type LedgerEvent, lockForAppend } from './events.js';
import type { Ledger } from './ledger.js';

/** A file the ledger would not take, to be kept on the record with its bytes. */
export interface RefusedIntake {
  readonly bytes: Uint8Array;
  /** The name it arrived under. */
  readonly fileName: string;
  /** Who brought it. */
  readonly by: string;
  readonly note?: string;
  /** The city and period it claims (by its content or name), when any. */
  readonly city: string | null;
  readonly period: string | null;
  /** Why it was refused (stable code, zh + en). */
  readonly refusal: Refusal;
  /** Its validation report, kept so `sunan show` can print its findings too. */
  readonly report?: ValidationReport;
}

/** What a `refused` event carries in `data`. */
export interface RefusedData {
  readonly fileName: string;
  readonly size: number;
  /** The stored report's SHA-256, or null when no report was kept. */
  readonly reportSha256: string | null;
  readonly errors: number | null;
  readonly warnings: number | null;
  readonly note: string | null;
  readonly code: Refusal['code'];
  readonly message: Refusal['message'];
}

/**
 * Records a refused intake as a `refused` event, with the file's bytes stored as any received file
 * (so the record shows what was sent, and `ledger get` can give it back). Nothing about the refusal
 * changes the state of any (city, period): refused bytes sent again later, once allowed, are a new
 * revision, not a duplicate. Every refusal of an intake (today: a locked city or period) goes through
 * here; a file the ledger keeps but cannot place (unreadable, outside the zone, name and content
 * disagreeing) is an `unassigned` event instead, which keeps its bytes the same way.
 */
export async function recordRefusedIntake(ledger: Ledger, r: RefusedIntake): Promise<LedgerEvent> {
  const hash = ledger.files.kind === 'files' ? await ledger.files.put(r.bytes) : sha256(r.bytes);
  const reportText = r.report ? JSON.stringify(r.report) : undefined;
  const data: RefusedData = {
    fileName: r.fileName,
    size: r.bytes.length,
    reportSha256: reportText === undefined ? null : sha256(reportText),
    errors: r.report?.stats.errors ?? null,
    warnings: r.report?.stats.warnings ?? null,
    note: r.note ?? null,
    code: r.refusal.code,
    message: r.refusal.message,
  };
  return ledger.db.transaction(async (tx) => {
    await lockForAppend(tx);
    if (ledger.files.kind === 'database') await ledger.files.put(r.bytes, tx);
    if (reportText !== undefined)
      await tx.query(
        'INSERT INTO ledger_reports (sha256, report, report_sha256) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
        [hash, reportText, sha256(reportText)],
      );
    return append(tx, {
      kind: 'refused',
      city: r.city,
      period: r.period,
      revision: null,
      sha256: hash,
      actor: r.by,
      reason: null,
      data: { ...data },
    });
  });
}
