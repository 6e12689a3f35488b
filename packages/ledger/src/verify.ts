import { sha256 } from './canonical.js';
import type { Bilingual, LedgerCode } from './codes.js';
import { kindName, subjectOf } from './describe.js';
import { eventHash, GENESIS, type LedgerEvent } from './events.js';
import type { Ledger } from './ledger.js';

/** One thing `verify` found wrong, and what it is about ("常州市 2021 第 1 版"). */
export interface VerifyProblem {
  readonly code: LedgerCode;
  readonly seq?: number;
  readonly sha256?: string;
  /** The city, period and revision the problem is about, when an event names them. */
  readonly city?: string | null;
  readonly period?: string | null;
  readonly revision?: number | null;
  readonly message: Bilingual;
}

/** The result of {@link verifyLedger}. */
export interface VerifyResult {
  /** No problem found: every event chains to the one before, every file and report matches its hash. */
  readonly ok: boolean;
  readonly problems: readonly VerifyProblem[];
  readonly events: number;
  readonly files: number;
  /** The chain's head as read now: publish it, and check it later with `expectHead`. */
  readonly head: { readonly seq: number; readonly hash: string };
  /** With `expectHead`: the event that carries the expected hash, or null when no event does. */
  readonly expectedHeadAt?: number | null;
  /**
   * Complete stored files no event refers to: an intake interrupted after the file was in place but
   * before its transaction committed. Harmless (the next intake of the same bytes reuses them).
   */
  readonly orphans: readonly string[];
  /** Interrupted writes still under their temporary names (never referred to by any event). */
  readonly leftovers: readonly string[];
}

/** What `verify` checks besides the ledger itself. */
export interface VerifyOptions {
  /**
   * A head hash published earlier (in a report, or by `verify`): it must still be the hash of some
   * event of the chain (the chain may have grown since). At least 12 hex digits; a prefix is enough.
   */
  readonly expectHead?: string;
}

const FILE_KINDS = new Set(['received', 'duplicate', 'unassigned', 'refused']);

type Namer = (code: string) => Bilingual;
const codeOnly: Namer = (code) => ({ zh: code, en: code });

function about(
  e: LedgerEvent,
  name: Namer,
): Pick<VerifyProblem, 'seq' | 'city' | 'period' | 'revision'> & {
  label: Bilingual;
} {
  const s = subjectOf(e, name);
  const k = kindName(e.kind);
  return {
    seq: e.seq,
    city: e.city,
    period: e.period,
    revision: e.revision,
    label: { zh: `${s.zh}（第 ${e.seq} 号事件，${k.zh}）`, en: `${s.en} (event ${e.seq}, ${k.en})` },
  };
}

/** Checks the chain: consecutive numbers, each `prevHash` the hash before, each hash recomputed. */
export function checkChain(events: readonly LedgerEvent[], name: Namer = codeOnly): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  let prev = GENESIS;
  for (const [i, e] of events.entries()) {
    const { label, ...where } = about(e, name);
    if (e.seq !== i + 1 || e.prevHash !== prev)
      problems.push({
        code: 'LEDGER_CHAIN_BROKEN',
        ...where,
        message: {
          zh: `${label.zh}未接上前一事件（应为第 ${i + 1} 号，前一哈希 ${prev.slice(0, 12)}…）`,
          en: `${label.en} does not follow the one before (expected #${i + 1}, previous hash ${prev.slice(0, 12)}…)`,
        },
      });
    const { hash, ...rest } = e;
    if (eventHash(rest) !== hash)
      problems.push({
        code: 'LEDGER_EVENT_ALTERED',
        ...where,
        message: {
          zh: `${label.zh}的内容与其哈希不符：记录被改动`,
          en: `${label.en} does not match its hash: the record was altered`,
        },
      });
    prev = hash;
  }
  return problems;
}

/** Where `expectHead` sits in the chain: the event's number, or null when no event carries it. */
function findHead(events: readonly LedgerEvent[], expected: string): number | null {
  const h = expected.trim().toLowerCase();
  if (!/^[0-9a-f]{12,64}$/.test(h)) return null;
  if (h === GENESIS) return 0;
  return events.find((e) => e.hash.startsWith(h))?.seq ?? null;
}

/**
 * Re-hashes every stored file and report and checks the event chain. A stored file no event refers
 * to is tolerated (an intake killed before its transaction); an event whose file is missing is not.
 * Each problem names the city, period and revision it is about.
 */
export async function verifyLedger(ledger: Ledger, options: VerifyOptions = {}): Promise<VerifyResult> {
  const events = await ledger.events();
  const name: Namer = (c) => ledger.nameOf(c);
  const problems = checkChain(events, name);
  const referenced = new Set<string>();
  for (const e of events) {
    // Each file once: a duplicate refers to bytes already checked.
    if (!FILE_KINDS.has(e.kind) || !e.sha256 || referenced.has(e.sha256)) continue;
    referenced.add(e.sha256);
    problems.push(...(await checkFileOf(ledger, e, name)));
  }
  const stored = await ledger.files.list();
  for (const hash of stored.filter((s) => !referenced.has(s))) {
    const bytes = await ledger.files.read(hash);
    if (!bytes || sha256(bytes) !== hash)
      problems.push({
        code: 'LEDGER_FILE_ALTERED',
        sha256: hash,
        message: {
          zh: `存储文件 ${hash.slice(0, 12)}…（无事件引用）与其 SHA-256 不符`,
          en: `stored file ${hash.slice(0, 12)}… (referred to by no event) does not match its SHA-256`,
        },
      });
  }
  const last = events[events.length - 1];
  const head = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS };
  let expectedHeadAt: number | null | undefined;
  if (options.expectHead !== undefined) {
    expectedHeadAt = findHead(events, options.expectHead);
    if (expectedHeadAt === null) problems.push(headMismatch(options.expectHead, head));
  }
  return {
    ok: problems.length === 0,
    problems,
    events: events.length,
    files: stored.length,
    head,
    ...(expectedHeadAt === undefined ? {} : { expectedHeadAt }),
    orphans: stored.filter((s) => !referenced.has(s)),
    leftovers: await ledger.files.leftovers(),
  };
}

function headMismatch(expected: string, head: { seq: number; hash: string }): VerifyProblem {
  const e = expected.trim();
  return {
    code: 'LEDGER_HEAD_MISMATCH',
    message: {
      zh: `发布过的链头哈希 ${e.slice(0, 16)}… 不在本台账的事件链中（现链头第 ${head.seq} 号事件 ${head.hash.slice(0, 16)}…）：事件链已被改写或替换`,
      en: `the published head hash ${e.slice(0, 16)}… is not in this ledger's chain (head now: event ${head.seq}, ${head.hash.slice(0, 16)}…): the chain was rewritten or replaced`,
    },
  };
}

/** The file and the report an event refers to, re-hashed. */
async function checkFileOf(ledger: Ledger, e: LedgerEvent, name: Namer): Promise<VerifyProblem[]> {
  const hash = e.sha256 as string;
  const { label, ...where } = about(e, name);
  const at = { ...where, sha256: hash };
  const out: VerifyProblem[] = [];
  const bytes = await ledger.files.read(hash);
  if (!bytes)
    out.push({
      code: 'LEDGER_FILE_MISSING',
      ...at,
      message: {
        zh: `${label.zh}的文件 ${hash.slice(0, 12)}… 缺失`,
        en: `the file of ${label.en} (${hash.slice(0, 12)}…) is missing`,
      },
    });
  else if (sha256(bytes) !== hash)
    out.push({
      code: 'LEDGER_FILE_ALTERED',
      ...at,
      message: {
        zh: `${label.zh}的文件 ${hash.slice(0, 12)}… 已被改动（SHA-256 不符）`,
        en: `the file of ${label.en} (${hash.slice(0, 12)}…) was altered (SHA-256 differs)`,
      },
    });
  const expected = (e.data as { reportSha256?: string | null }).reportSha256;
  // A refused file may have been refused before any report was made.
  if (e.kind === 'refused' && !expected) return out;
  const row = (
    await ledger.db.query<{ report: string }>('SELECT report FROM ledger_reports WHERE sha256 = $1', [hash])
  )[0];
  if (!row)
    out.push({
      code: 'LEDGER_REPORT_MISSING',
      ...at,
      message: { zh: `${label.zh}的校验报告缺失`, en: `the validation report of ${label.en} is missing` },
    });
  else if (sha256(row.report) !== expected)
    out.push({
      code: 'LEDGER_REPORT_ALTERED',
      ...at,
      message: {
        zh: `${label.zh}的校验报告已被改动`,
        en: `the validation report of ${label.en} was altered`,
      },
    });
  return out;
}
