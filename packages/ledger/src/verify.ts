import { sha256 } from './canonical.js';
import type { Bilingual, LedgerCode } from './codes.js';
import { eventHash, GENESIS, type LedgerEvent } from './events.js';
import type { Ledger } from './ledger.js';

/** One thing `verify` found wrong. */
export interface VerifyProblem {
  readonly code: LedgerCode;
  readonly seq?: number;
  readonly sha256?: string;
  readonly message: Bilingual;
}

/** The result of {@link verifyLedger}. */
export interface VerifyResult {
  /** No problem found: every event chains to the one before, every file and report matches its hash. */
  readonly ok: boolean;
  readonly problems: readonly VerifyProblem[];
  readonly events: number;
  readonly files: number;
  /**
   * Complete stored files no event refers to: an intake interrupted after the file was in place but
   * before its transaction committed. Harmless (the next intake of the same bytes reuses them).
   */
  readonly orphans: readonly string[];
  /** Interrupted writes still under their temporary names (never referred to by any event). */
  readonly leftovers: readonly string[];
}

const FILE_KINDS = new Set(['received', 'duplicate', 'unassigned']);

/** Checks the chain: consecutive numbers, each `prevHash` the hash before, each hash recomputed. */
export function checkChain(events: readonly LedgerEvent[]): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  let prev = GENESIS;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1 || e.prevHash !== prev)
      problems.push({
        code: 'LEDGER_CHAIN_BROKEN',
        seq: e.seq,
        message: {
          zh: `第 ${e.seq} 号事件未接上前一事件（应为第 ${i + 1} 号，前一哈希 ${prev.slice(0, 12)}…）`,
          en: `event ${e.seq} does not follow the one before (expected #${i + 1}, previous hash ${prev.slice(0, 12)}…)`,
        },
      });
    const { hash, ...rest } = e;
    if (eventHash(rest) !== hash)
      problems.push({
        code: 'LEDGER_EVENT_ALTERED',
        seq: e.seq,
        message: {
          zh: `第 ${e.seq} 号事件（${e.kind}）的内容与其哈希不符：记录被改动`,
          en: `event ${e.seq} (${e.kind}) does not match its hash: the record was altered`,
        },
      });
    prev = hash;
  }
  return problems;
}

/**
 * Re-hashes every stored file and report and checks the event chain. A stored file no event refers
 * to is tolerated (an intake killed before its transaction); an event whose file is missing is not.
 */
export async function verifyLedger(ledger: Ledger): Promise<VerifyResult> {
  const events = await ledger.events();
  const problems = checkChain(events);
  const referenced = new Set<string>();
  for (const e of events) {
    // Each file once: a duplicate refers to bytes already checked.
    if (!FILE_KINDS.has(e.kind) || !e.sha256 || referenced.has(e.sha256)) continue;
    referenced.add(e.sha256);
    problems.push(...(await checkFileOf(ledger, e)));
  }
  const stored = await ledger.files.list();
  for (const name of stored.filter((s) => !referenced.has(s))) {
    const bytes = await ledger.files.read(name);
    if (!bytes || sha256(bytes) !== name)
      problems.push({
        code: 'LEDGER_FILE_ALTERED',
        sha256: name,
        message: {
          zh: `存储文件 ${name.slice(0, 12)}… 与其 SHA-256 不符`,
          en: `stored file ${name.slice(0, 12)}… does not match its SHA-256`,
        },
      });
  }
  return {
    ok: problems.length === 0,
    problems,
    events: events.length,
    files: stored.length,
    orphans: stored.filter((s) => !referenced.has(s)),
    leftovers: await ledger.files.leftovers(),
  };
}

/** The file and the report an event refers to, re-hashed. */
async function checkFileOf(ledger: Ledger, e: LedgerEvent): Promise<VerifyProblem[]> {
  const hash = e.sha256 as string;
  const out: VerifyProblem[] = [];
  const bytes = await ledger.files.read(hash);
  if (!bytes)
    out.push({
      code: 'LEDGER_FILE_MISSING',
      seq: e.seq,
      sha256: hash,
      message: {
        zh: `第 ${e.seq} 号事件所指文件 ${hash.slice(0, 12)}… 缺失`,
        en: `the file of event ${e.seq} (${hash.slice(0, 12)}…) is missing`,
      },
    });
  else if (sha256(bytes) !== hash)
    out.push({
      code: 'LEDGER_FILE_ALTERED',
      seq: e.seq,
      sha256: hash,
      message: {
        zh: `第 ${e.seq} 号事件所指文件 ${hash.slice(0, 12)}… 已被改动（SHA-256 不符）`,
        en: `the file of event ${e.seq} (${hash.slice(0, 12)}…) was altered (SHA-256 differs)`,
      },
    });
  const row = (
    await ledger.db.query<{ report: string; report_sha256: string }>(
      'SELECT report, report_sha256 FROM ledger_reports WHERE sha256 = $1',
      [hash],
    )
  )[0];
  const expected = (e.data as { reportSha256?: string }).reportSha256;
  if (!row)
    out.push({
      code: 'LEDGER_REPORT_MISSING',
      seq: e.seq,
      sha256: hash,
      message: {
        zh: `第 ${e.seq} 号事件的校验报告缺失`,
        en: `the validation report of event ${e.seq} is missing`,
      },
    });
  else if (sha256(row.report) !== expected)
    out.push({
      code: 'LEDGER_REPORT_ALTERED',
      seq: e.seq,
      sha256: hash,
      message: {
        zh: `第 ${e.seq} 号事件的校验报告已被改动`,
        en: `the validation report of event ${e.seq} was altered`,
      },
    });
  return out;
}
