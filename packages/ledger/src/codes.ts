/** A message in Chinese (first, for office staff) and English. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Why the ledger refused an intake or a decision, and why `verify` failed. Stable codes. */
export const LEDGER_CODES = {
  LEDGER_LOCKED:
    '该市该期已锁定，拒绝报送或变更 / the city and period are locked: intake and decisions refused',
  LEDGER_NOT_LOCKED: '未锁定，无需解锁 / not locked, nothing to unlock',
  LEDGER_REASON_REQUIRED: '此操作需要说明原因（--reason）/ this action needs a reason (--reason)',
  LEDGER_UNKNOWN_UNIT: '不是该期示范区的城市 / not a city of the zone in this period',
  LEDGER_BAD_PERIOD: '报告期无效 / not a valid period',
  LEDGER_NOT_RECEIVED: '该市该期尚未报送 / nothing received for this city and period',
  LEDGER_NO_SUCH_REVISION: '没有该版本 / no such revision',
  LEDGER_NOT_ACCEPTED: '尚未受理任何版本，不能审核 / no accepted revision to approve',
  LEDGER_CHILDREN_UNAPPROVED:
    '尚有城市未审核，全区不能审核 / some cities are not approved, so the zone cannot be',
  LEDGER_NOT_APPROVED: '未审核，无从撤销审核 / not approved, nothing to withdraw',
  LEDGER_ALREADY_APPROVED: '已审核，无需再次审核 / already approved',
  LEDGER_ALREADY_ACCEPTED: '该版本已受理 / this revision is already accepted',
  LEDGER_ALREADY_LOCKED: '已锁定 / already locked',
  LEDGER_HAS_ERRORS:
    '该版本有错误，不能受理（除非 --force --reason）/ the revision has errors: not accepted without --force --reason',
  LEDGER_FILE_EMPTY: '文件为空，未归属 / the file is empty; kept unassigned',
  LEDGER_NOT_SPREADSHEET: '不是表格文件，未归属 / not a spreadsheet; kept unassigned',
  LEDGER_FILE_DAMAGED: '文件损坏或被截断，未归属 / the file is damaged or truncated; kept unassigned',
  LEDGER_OUTSIDE_ZONE: '城市不属于苏南自创区，未归属 / the city is not part of the zone; kept unassigned',
  LEDGER_UNIDENTIFIED: '无法确定城市或报告期，未归属 / city or period unknown; kept unassigned',
  LEDGER_NAME_MISMATCH:
    '文件名与内容的城市或报告期不符，未归属（--force 以内容为准）/ the name and content disagree; kept unassigned (--force: content wins)',
  LEDGER_CHAIN_BROKEN: '事件链断裂（前一哈希不符或序号不连续）/ the event chain is broken',
  LEDGER_EVENT_ALTERED: '事件内容与其哈希不符 / an event does not match its hash',
  LEDGER_FILE_MISSING: '事件所指文件缺失 / a file an event refers to is missing',
  LEDGER_FILE_ALTERED: '存储文件内容与其 SHA-256 不符 / a stored file does not match its SHA-256',
  LEDGER_REPORT_MISSING: '缺少入库时的校验报告 / the validation report made at intake is missing',
  LEDGER_REPORT_ALTERED:
    '校验报告与事件记录的哈希不符 / a validation report does not match the hash in its event',
  LEDGER_ARCHIVE_INVALID: '归档文件无效 / the archive is not valid',
  LEDGER_NOT_EMPTY: '目标台账非空，不能导入 / the target ledger is not empty',
  LEDGER_HEAD_MISMATCH:
    '发布过的链头哈希不在事件链中：链已被改写 / a published head hash is not in the chain: it was rewritten',
  LEDGER_ARCHIVE_INCOMPLETE:
    '台账中有文件缺失或被改动，未导出或导入 / a stored file is missing or altered: nothing exported or imported',
} as const;

/** One of {@link LEDGER_CODES}. */
export type LedgerCode = keyof typeof LEDGER_CODES;

/** A refusal: the action did not happen, and this says why. */
export interface Refusal {
  readonly ok: false;
  readonly code: LedgerCode;
  readonly message: Bilingual;
}

/** Builds a {@link Refusal}. */
export function refuse(code: LedgerCode, zh: string, en: string): Refusal {
  return { ok: false, code, message: { zh, en } };
}

/**
 * Thrown for failures of the machine rather than of the data (read-only directory, full disk,
 * database unreachable): the intake did not happen and nothing is half-written.
 */
export class LedgerError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    options?: { cause?: unknown },
  ) {
    super(en, options);
    this.name = 'LedgerError';
  }
}
