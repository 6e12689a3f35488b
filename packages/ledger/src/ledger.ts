import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import {
  beijingTime,
  type Catalogue,
  formatPeriod,
  parsePeriod,
  sunanCatalogue,
  unitsAt,
} from '@sunan/schema';
import { type ValidationReport, validateSubmission } from '@sunan/validate';
import { nodeInflater } from '@sunan/validate/node';
import { sha256 } from './canonical.js';
import { type Bilingual, LedgerError, type Refusal, refuse } from './codes.js';
import type { Driver, Sql } from './driver.js';
import {
  append,
  type EventDraft,
  eventAt,
  type FileData,
  GENESIS,
  type LedgerEvent,
  lockForAppend,
  readEvents,
} from './events.js';
import { openStorage } from './open.js';
import { type RefusedIntake, recordRefusedIntake } from './refused.js';
import { type Cell, cellsOf } from './state.js';
import type { BlobStore } from './store.js';

/** Where a ledger lives. */
export interface OpenOptions {
  /**
   * The embedded ledger's directory (`<dir>/db`, `<dir>/files`, `<dir>/ledger.lock`). Not needed
   * with `database`: a server ledger keeps the files' bytes in the database itself (files an older
   * version left in `<dir>/files` are copied in when `dir` is given).
   */
  readonly dir?: string;
  /** A PostgreSQL server (`postgres://…`); default: embedded PGlite in `<dir>/db`. */
  readonly database?: string;
  /** How long to wait for an embedded ledger another process holds (default 30 s), then give up. */
  readonly waitMs?: number;
  /** Told what a person should know while opening: waiting for a busy ledger, a lock taken over. */
  readonly onNotice?: (message: Bilingual) => void;
  /** Defaults to the built-in Sunan catalogue. */
  readonly catalogue?: Catalogue;
  /** The zone's org-unit code (default `SUNAN`). */
  readonly zone?: string;
}

/** A file handed in. */
export interface IntakeInput {
  readonly bytes: Uint8Array;
  /** The name it arrived under (kept for the record; the store names files by SHA-256). */
  readonly fileName: string;
  /** Who brought it (`--by`). */
  readonly by: string;
  readonly note?: string;
}

/** What became of a file handed in. */
export type IntakeOutcome =
  | {
      readonly ok: true;
      readonly kind: 'received';
      readonly event: LedgerEvent;
      readonly report: ValidationReport;
    }
  | {
      readonly ok: true;
      readonly kind: 'duplicate';
      readonly event: LedgerEvent;
      /** The event that first received these bytes. */
      readonly first: LedgerEvent;
    }
  | {
      readonly ok: true;
      readonly kind: 'unassigned';
      readonly event: LedgerEvent;
      readonly report: ValidationReport;
    }
  | (Refusal & {
      readonly city: string;
      readonly period: string;
      /** The `refused` event that keeps the file on the record. */
      readonly event?: LedgerEvent;
    });

/** A decision on a (city, period): accept, reject, approve, lock or unlock. */
export interface DecisionInput {
  /** A city code, or the zone's code (approve, lock and unlock the whole period). */
  readonly city: string;
  readonly period: string;
  /** accept / reject: which revision (default the latest). */
  readonly revision?: number;
  readonly by: string;
  readonly reason?: string;
}

/** A recorded decision, or why it was refused. */
export type DecisionOutcome = { readonly ok: true; readonly event: LedgerEvent } | Refusal;

/** One period's matrix: a cell per city, the zone's own approval and lock, and the files nobody could place. */
export interface PeriodStatus {
  readonly period: string;
  readonly cities: readonly Cell[];
  readonly zone: Cell;
  /** True when every city is approved and the zone's approval is recorded after. */
  readonly zoneApproved: boolean;
}

/** A file kept as received though its city or period could not be read. */
export interface UnassignedFile {
  readonly seq: number;
  readonly sha256: string;
  readonly fileName: string;
  readonly receivedAt: string;
  readonly by: string;
  /** What the file itself says, when anything (e.g. a city code outside the zone). */
  readonly city: string | null;
  readonly period: string | null;
  readonly errors: number;
}

/** The centre's intake ledger: open it, hand files in, decide, and read the state back. */
export class Ledger {
  private constructor(
    /** The database (PGlite or a server). */
    readonly db: Driver,
    /** The content-addressed file store: a directory (embedded) or the database (server). */
    readonly files: BlobStore,
    readonly catalogue: Catalogue,
    readonly zone: string,
    private readonly release: () => Promise<void>,
  ) {}

  /**
   * Opens (creating and migrating when needed) the ledger: on the server `options.database`, or
   * embedded in `options.dir`, which one process at a time may hold (see `acquireDirLock`).
   */
  static async open(options: OpenOptions): Promise<Ledger> {
    const { db, files, release } = await openStorage(options);
    return new Ledger(db, files, options.catalogue ?? sunanCatalogue(), options.zone ?? 'SUNAN', release);
  }

  /**
   * The chain's head: the last event's number and hash (GENESIS and 0 for an empty ledger). Printed
   * in reports and by `verify`, so a chain rewritten later can be told from the one published.
   */
  async head(db: Sql = this.db): Promise<{ seq: number; hash: string }> {
    const row = (
      await db.query<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM ledger_events ORDER BY seq DESC LIMIT 1',
      )
    )[0];
    return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS };
  }

  /** Closes the database and releases the directory. */
  async close(): Promise<void> {
    try {
      await this.db.close();
    } finally {
      await this.release();
    }
  }

  /** The zone's cities in a period (codes), or undefined for an invalid period. */
  citiesIn(period: string): string[] | undefined {
    const p = parsePeriod(period);
    if (!p) return undefined;
    return unitsAt(this.catalogue.orgUnits, 'city', p)
      .filter((u) => u.parent === this.zone)
      .map((u) => u.code);
  }

  /** A unit's name for messages. */
  nameOf(code: string): Bilingual {
    return this.catalogue.orgUnits.find((u) => u.code === code)?.name ?? { zh: code, en: code };
  }

  /** Every event, in ledger order. */
  events(): Promise<LedgerEvent[]> {
    return readEvents(this.db);
  }

  /** Every period with events, sorted. */
  async periods(): Promise<string[]> {
    const rows = await this.db.query<{ period: string }>(
      'SELECT DISTINCT period FROM ledger_events WHERE period IS NOT NULL ORDER BY period',
    );
    return rows.map((r) => r.period);
  }

  /**
   * Hands one file in: validates it, stores its bytes (content-addressed: in the directory, synced
   * and renamed into place, before the transaction; on a server, in the database inside it), then
   * records the event and the validation report in one transaction. A file for a locked city and
   * period is refused, and the refusal recorded with the bytes (`refused`); the same bytes twice
   * are recorded as a duplicate, not a new revision; a file whose city or period cannot be read is
   * kept as unassigned.
   */
  async intake(input: IntakeInput): Promise<IntakeOutcome> {
    const report = validateSubmission(input.bytes, {
      fileName: input.fileName,
      catalogue: this.catalogue,
      inflater: nodeInflater,
    });
    const place = this.placeOf(report);
    // Checked before anything is stored (a refused file is kept only as a `refused` event); checked
    // again under the append lock, where a lock taken meanwhile rolls the intake back.
    if (place) {
      const refusal = await this.lockRefusal(this.db, place.city, place.period);
      if (refusal) return this.refusedIntake(input, report, refusal, place);
    }
    // A server ledger writes the bytes inside the transaction below; a directory store before it.
    const hash = this.files.kind === 'files' ? await this.storeBytes(input.bytes) : sha256(input.bytes);
    // Hashed as stored (the event carries the hash); plain JSON, as canonicalising megabytes is slow.
    const reportText = JSON.stringify(report);
    return this.db
      .transaction(async (tx): Promise<IntakeOutcome> => {
        await lockForAppend(tx);
        if (this.files.kind === 'database') await this.files.put(input.bytes, tx);
        const first = await this.firstReceiptOf(tx, hash);
        const data = (extra: Partial<FileData> = {}): Record<string, unknown> => ({
          fileName: input.fileName,
          size: input.bytes.length,
          reportSha256: sha256(reportText),
          errors: report.stats.errors,
          warnings: report.stats.warnings,
          note: input.note ?? null,
          ...extra,
        });
        const base = { sha256: hash, actor: input.by, reason: null, revision: null };
        if (first) {
          const event = await append(tx, {
            ...base,
            kind: 'duplicate',
            city: first.city,
            period: first.period,
            data: data({ firstSeq: first.seq }),
          });
          return { ok: true, kind: 'duplicate', event, first };
        }
        await tx.query(
          'INSERT INTO ledger_reports (sha256, report, report_sha256) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
          [hash, reportText, sha256(reportText)],
        );
        if (!place) {
          const event = await append(tx, {
            ...base,
            kind: 'unassigned',
            city: null,
            period: null,
            data: { ...data(), city: report.city ?? null, period: report.period ?? null },
          });
          return { ok: true, kind: 'unassigned', event, report };
        }
        const refusal = await this.lockRefusal(tx, place.city, place.period);
        if (refusal) throw new RefusedInTransaction(refusal, place);
        const event = await append(tx, {
          ...base,
          kind: 'received',
          ...place,
          revision: await nextRevision(tx, place),
          data: data(),
        });
        return { ok: true, kind: 'received', event, report };
      })
      .catch((e: unknown) => {
        if (e instanceof RefusedInTransaction) return this.refusedIntake(input, report, e.refusal, e.place);
        throw databaseFailure(e, input.fileName);
      });
  }

  /**
   * Keeps a refused intake on the record (a `refused` event with the bytes); see
   * {@link recordRefusedIntake}. Returns the recorded event.
   */
  recordRefused(r: RefusedIntake): Promise<LedgerEvent> {
    return recordRefusedIntake(this, r);
  }

  private async refusedIntake(
    input: IntakeInput,
    report: ValidationReport,
    refusal: Refusal,
    place: { city: string; period: string },
  ): Promise<IntakeOutcome> {
    const event = await this.recordRefused({
      bytes: input.bytes,
      fileName: input.fileName,
      by: input.by,
      ...(input.note ? { note: input.note } : {}),
      ...place,
      refusal,
      report,
    });
    return { ...refusal, ...place, event };
  }

  /** The (city, period) a report belongs to, when both are readable and the city is the zone's. */
  private placeOf(report: ValidationReport): { city: string; period: string } | undefined {
    const { city, period } = report;
    if (!city || !period) return undefined;
    const p = parsePeriod(period);
    if (!p) return undefined;
    if (!this.citiesIn(period)?.includes(city)) return undefined;
    return { city, period: formatPeriod(p) };
  }

  private async storeBytes(bytes: Uint8Array): Promise<string> {
    try {
      return await this.files.put(bytes);
    } catch (e) {
      const why = await writeFailure(e, this.files.where);
      throw new LedgerError(
        `无法保存文件：${why.zh}；台账未变（${this.files.where}）`,
        `Cannot store the file: ${why.en}; the ledger is unchanged (${this.files.where})`,
        { cause: e },
      );
    }
  }

  private async firstReceiptOf(tx: Sql, hash: string): Promise<LedgerEvent | undefined> {
    const rows = await tx.query<{ seq: number }>(
      "SELECT seq FROM ledger_events WHERE sha256 = $1 AND kind IN ('received', 'unassigned') ORDER BY seq LIMIT 1",
      [hash],
    );
    const seq = rows[0]?.seq;
    if (seq === undefined) return undefined;
    return eventAt(tx, Number(seq));
  }

  /** A refusal when the city or the whole period is locked. */
  private async lockRefusal(db: Sql, city: string, period: string): Promise<Refusal | undefined> {
    const events = await readEvents(db, [period]);
    const [cell, zone] = cellsOf(events, period, [city, this.zone]);
    const lock = cell?.locked ?? zone?.locked;
    if (!lock) return undefined;
    const n = this.nameOf(city);
    const whole = cell?.locked ? '' : '（全区锁定 whole period locked）';
    return refuse(
      'LEDGER_LOCKED',
      `${n.zh} ${period} 已于 ${beijingTime(lock.at)} 由 ${lock.by} 锁定${whole}，拒绝报送或变更；如需修改请先解锁（sunan unlock --reason …）`,
      `${n.en} ${period} was locked at ${beijingTime(lock.at, 'en')} by ${lock.by}${cell?.locked ? '' : ' (whole period)'}; intake and changes are refused — unlock first (sunan unlock --reason …)`,
    );
  }

  /** Accepts a revision (default the latest) of a city's submission for a period. */
  accept(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('accepted', d);
  }

  /** Rejects a revision (default the latest); needs a reason. */
  reject(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('rejected', d);
  }

  /** Approves a city's accepted revision, or the zone once every city is approved (upward only). */
  approve(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('approved', d);
  }

  /** Locks a city's period, or the whole period when `city` is the zone: intake is refused. */
  lock(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('locked', d);
  }

  /** Lifts a lock; needs a reason, which is recorded. */
  unlock(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('unlocked', d);
  }

  private async decide(
    kind: 'accepted' | 'rejected' | 'approved' | 'locked' | 'unlocked',
    d: DecisionInput,
  ): Promise<DecisionOutcome> {
    const p = parsePeriod(d.period);
    if (!p) return refuse('LEDGER_BAD_PERIOD', `报告期无效：${d.period}`, `Not a valid period: ${d.period}`);
    const period = formatPeriod(p);
    const cities = this.citiesIn(period) ?? [];
    const isZone = d.city === this.zone;
    if (!isZone && !cities.includes(d.city))
      return refuse(
        'LEDGER_UNKNOWN_UNIT',
        `${d.city} 不是 ${period} 示范区的城市`,
        `${d.city} is not a city of the zone in ${period}`,
      );
    const reason = d.reason?.trim() ? d.reason.trim() : null;
    if ((kind === 'unlocked' || kind === 'rejected') && reason === null)
      return refuse(
        'LEDGER_REASON_REQUIRED',
        `${kind === 'unlocked' ? '解锁' : '退回'}需要说明原因（--reason）`,
        `${kind === 'unlocked' ? 'Unlocking' : 'Rejecting'} needs a reason (--reason)`,
      );
    return this.db.transaction(async (tx): Promise<DecisionOutcome> => {
      await lockForAppend(tx);
      const events = await readEvents(tx, [period]);
      const check = checkDecision(kind, d, {
        period,
        cities,
        isZone,
        events,
        zone: this.zone,
        name: (c) => this.nameOf(c),
      });
      if (!check.ok) return check;
      const draft: EventDraft = {
        kind,
        city: d.city,
        period,
        revision: check.revision,
        sha256: check.sha256,
        actor: d.by,
        reason,
        data: {},
      };
      return { ok: true, event: await append(tx, draft) };
    });
  }

  /** The period × city matrix. */
  async status(period: string): Promise<PeriodStatus> {
    const p = parsePeriod(period);
    const id = p ? formatPeriod(p) : period;
    const cities = this.citiesIn(id) ?? [];
    const events = await readEvents(this.db, [id]);
    const cells = cellsOf(events, id, [...cities, this.zone]);
    const zone = cells.pop() as Cell;
    const zoneApproved = zone.approved !== undefined && cells.every((c) => c.state === 'approved');
    return { period: id, cities: cells, zone, zoneApproved };
  }

  /** Files kept as received but not placed in any (city, period). */
  async unassigned(): Promise<UnassignedFile[]> {
    const events = (await this.events()).filter((e) => e.kind === 'unassigned');
    return events.map((e) => {
      const d = e.data as unknown as FileData & { city: string | null; period: string | null };
      return {
        seq: e.seq,
        sha256: e.sha256 ?? '',
        fileName: d.fileName,
        receivedAt: e.at,
        by: e.actor,
        city: d.city,
        period: d.period,
        errors: d.errors,
      };
    });
  }

  /** The validation report stored at intake for a file. */
  async report(hash: string): Promise<ValidationReport | undefined> {
    const row = (
      await this.db.query<{ report: string }>('SELECT report FROM ledger_reports WHERE sha256 = $1', [hash])
    )[0];
    return row ? (JSON.parse(row.report) as ValidationReport) : undefined;
  }
}

/** Carries a refusal out of a transaction so it rolls back (the refusal is then recorded on its own). */
class RefusedInTransaction extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly place: { city: string; period: string },
  ) {
    super('refused');
  }
}

async function nextRevision(tx: Sql, place: { city: string; period: string }): Promise<number> {
  const rows = await tx.query<{ n: number | null }>(
    "SELECT max(revision) AS n FROM ledger_events WHERE kind = 'received' AND city = $1 AND period = $2",
    [place.city, place.period],
  );
  return Number(rows[0]?.n ?? 0) + 1;
}

interface DecisionContext {
  readonly period: string;
  readonly cities: readonly string[];
  readonly isZone: boolean;
  readonly events: readonly LedgerEvent[];
  readonly zone: string;
  readonly name: (code: string) => Bilingual;
}

const STATE_ZH: Record<Cell['state'], string> = {
  'not-received': '未报送',
  received: '已收到未受理',
  accepted: '已受理未审核',
  rejected: '已退回',
  approved: '已审核',
};

type Checked = { ok: true; revision: number | null; sha256: string | null } | Refusal;

/** The rules before a decision is recorded (pure, on the period's events read under the append lock). */
export function checkDecision(
  kind: 'accepted' | 'rejected' | 'approved' | 'locked' | 'unlocked',
  d: DecisionInput,
  ctx: DecisionContext,
): Checked {
  const cells = cellsOf(ctx.events, ctx.period, [...ctx.cities, ctx.zone]);
  const zoneCell = cells[cells.length - 1] as Cell;
  const cell = ctx.isZone ? zoneCell : (cells.find((c) => c.city === d.city) as Cell);
  const n = ctx.name(d.city);
  const none = { ok: true as const, revision: null, sha256: null };
  switch (kind) {
    case 'accepted':
    case 'rejected': {
      if (ctx.isZone)
        return refuse(
          'LEDGER_UNKNOWN_UNIT',
          '受理或退回针对城市，不针对全区',
          'Accept and reject apply to a city, not the zone',
        );
      const locked = cell.locked ?? zoneCell.locked;
      if (locked)
        return refuse(
          'LEDGER_LOCKED',
          `${n.zh} ${ctx.period} 已锁定（${beijingTime(locked.at)}，${locked.by}），请先解锁`,
          `${n.en} ${ctx.period} is locked (${beijingTime(locked.at, 'en')}, ${locked.by}); unlock first`,
        );
      if (!cell.latest)
        return refuse(
          'LEDGER_NOT_RECEIVED',
          `${n.zh} ${ctx.period} 尚未报送`,
          `Nothing received from ${n.en} for ${ctx.period}`,
        );
      const rev =
        d.revision === undefined ? cell.latest : cell.revisions.find((r) => r.revision === d.revision);
      if (!rev)
        return refuse(
          'LEDGER_NO_SUCH_REVISION',
          `${n.zh} ${ctx.period} 没有第 ${d.revision} 版（共 ${cell.revisions.length} 版）`,
          `${n.en} ${ctx.period} has no revision ${d.revision} (${cell.revisions.length} received)`,
        );
      return { ok: true, revision: rev.revision, sha256: rev.sha256 };
    }
    case 'approved': {
      if (!ctx.isZone) {
        if (!cell.accepted)
          return refuse(
            'LEDGER_NOT_ACCEPTED',
            `${n.zh} ${ctx.period} 尚未受理任何版本，不能审核`,
            `${n.en} ${ctx.period} has no accepted revision to approve`,
          );
        const rev = cell.revisions.find((r) => r.revision === cell.accepted?.revision);
        return { ok: true, revision: cell.accepted.revision, sha256: rev?.sha256 ?? null };
      }
      // Upward only, as in DHIS2: the zone after every one of its cities.
      const waiting = cells.slice(0, -1).filter((c) => c.state !== 'approved');
      if (waiting.length > 0)
        return refuse(
          'LEDGER_CHILDREN_UNAPPROVED',
          `以下城市尚未审核，全区不能审核：${waiting.map((c) => `${ctx.name(c.city).zh}（${STATE_ZH[c.state]}）`).join('、')}`,
          `The zone cannot be approved before every city: not approved — ${waiting.map((c) => `${ctx.name(c.city).en} (${c.state})`).join(', ')}`,
        );
      return none;
    }
    case 'locked':
      return none;
    case 'unlocked':
      if (!cell.locked)
        return refuse(
          'LEDGER_NOT_LOCKED',
          `${n.zh} ${ctx.period} 未锁定`,
          `${n.en} ${ctx.period} is not locked`,
        );
      return none;
    default: {
      const never: never = kind;
      throw new Error(`unknown decision ${String(never)}`);
    }
  }
}

const NOT_WRITABLE = new Set(['EACCES', 'EROFS', 'EPERM']);

/**
 * Why storing a file failed, in words an office reads. The error a write reports is not always the
 * cause: Node's recursive mkdir on a read-only file system reports ENOENT, so a failure that names
 * neither a full disk nor a permission is checked against the store directory itself.
 */
async function writeFailure(e: unknown, root: string): Promise<Bilingual> {
  const code = (e as NodeJS.ErrnoException).code ?? String(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') return { zh: '磁盘已满', en: 'the disk is full' };
  const probe = NOT_WRITABLE.has(code)
    ? code
    : await access(root, constants.W_OK).then(
        () => undefined,
        (a: NodeJS.ErrnoException) => a.code,
      );
  if (probe && NOT_WRITABLE.has(probe))
    return {
      zh: '台账目录不可写（只读或无写权限）',
      en: 'the ledger directory is not writable (read-only or no permission)',
    };
  if (probe === 'ENOENT')
    return { zh: '台账文件目录不存在', en: "the ledger's file directory does not exist" };
  return { zh: `写入失败（${code}）`, en: `writing failed (${code})` };
}

/** PostgreSQL's SQLSTATE classes a full or read-only database reports (PGlite reports the same). */
const DB_REASONS: Readonly<Record<string, Bilingual>> = {
  '53100': { zh: '数据库所在磁盘已满', en: 'the database disk is full' },
  '53000': { zh: '数据库资源不足', en: 'the database is out of resources' },
  '25006': { zh: '数据库为只读', en: 'the database is read-only' },
};

/**
 * A database error during intake as a clear error: the transaction rolled back, so no event or
 * report was recorded; bytes already stored stay unreferenced, which `verify` tolerates. Errors that
 * are not the database's (no SQLSTATE) are bugs and pass through unchanged.
 */
function databaseFailure(e: unknown, fileName: string): unknown {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return e;
  const message = e instanceof Error ? e.message : String(e);
  const why = DB_REASONS[code] ?? {
    zh: `数据库写入失败（${code} ${message}）`,
    en: `the database write failed (${code} ${message})`,
  };
  return new LedgerError(
    `无法登记 ${fileName}：${why.zh}；本次未登记，台账未变`,
    `Cannot record ${fileName}: ${why.en}; nothing was recorded, the ledger is unchanged`,
    { cause: e },
  );
}
