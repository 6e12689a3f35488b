import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { type Catalogue, formatPeriod, parsePeriod, sunanCatalogue, unitsAt } from '@sunan/schema';
import { type ValidationReport, validateSubmission } from '@sunan/validate';
import { nodeInflater } from '@sunan/validate/node';
import { sha256 } from './canonical.js';
import { type Bilingual, LedgerError, type Refusal, refuse } from './codes.js';
import {
  checkDecision,
  type DecisionContext,
  type DecisionInput,
  type DecisionKind,
  type DecisionOutcome,
  lockHolds,
} from './decisions.js';
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
import { type Placement, placeFile } from './place.js';
import { type RefusedIntake, recordRefusedIntake } from './refused.js';
import { type Cell, cellsOf, foldPeriod } from './state.js';
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
  /** Take the file where its content says even when its name names another city or period. */
  readonly force?: boolean;
  /** The file's validation by {@link Ledger.examine}, when the caller looked before taking it in. */
  readonly report?: ValidationReport;
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
      /** Why it could not be placed: empty, damaged, not a spreadsheet, outside the zone, name/content. */
      readonly why: Refusal;
    }
  | (Refusal & {
      readonly city: string;
      readonly period: string;
      /** The `refused` event that keeps the file on the record. */
      readonly event?: LedgerEvent;
    });

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
  /** Why it was not placed (absent for files kept before the reason was recorded). */
  readonly why?: { readonly code: string; readonly message: Bilingual };
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
    const report = input.report ?? this.examine(input).report;
    const placement = this.placeOf(report, input.fileName, input.force === true);
    const place = placement.ok ? { city: placement.city, period: placement.period } : undefined;
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
        // Bytes kept unassigned before and placed now (e.g. taken in again with --force) are a
        // first receipt for their city and period, not a duplicate.
        const earlier = await this.firstReceiptOf(tx, hash);
        const first = earlier && !(earlier.kind === 'unassigned' && place) ? earlier : undefined;
        let reportSha256 = sha256(reportText);
        const data = (extra: Partial<FileData> = {}): Record<string, unknown> => ({
          fileName: input.fileName,
          size: input.bytes.length,
          reportSha256,
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
        // The bytes may have been kept before (unassigned): their first report stays the record.
        reportSha256 = await storedReportSha(tx, hash, reportSha256);
        if (!place) {
          const event = await append(tx, {
            ...base,
            kind: 'unassigned',
            city: null,
            period: null,
            data: {
              ...data(),
              city: report.city ?? null,
              period: report.period ?? null,
              ...(placement.ok ? {} : { code: placement.code, why: placement.message }),
            },
          });
          return { ok: true, kind: 'unassigned', event, report, why: placement as Refusal };
        }
        const refusal = await this.lockRefusal(tx, place.city, place.period);
        if (refusal) throw new RefusedInTransaction(refusal, place);
        const event = await append(tx, {
          ...base,
          kind: 'received',
          ...place,
          revision: await nextRevision(tx, place),
          data: data(placement.ok && placement.forcedOver ? { forcedOver: placement.forcedOver } : {}),
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

  /** Validates a file as intake would, and says where it would go (or why it would stay unassigned). */
  examine(input: { bytes: Uint8Array; fileName: string; force?: boolean }): {
    report: ValidationReport;
    placement: Placement;
  } {
    const report = validateSubmission(input.bytes, {
      fileName: input.fileName,
      catalogue: this.catalogue,
      inflater: nodeInflater,
    });
    return { report, placement: this.placeOf(report, input.fileName, input.force === true) };
  }

  /** Where a report belongs: its name, content and the zone must agree (see `placeFile`). */
  private placeOf(report: ValidationReport, fileName: string, force: boolean): Placement {
    return placeFile(report, fileName, this.catalogue, (p) => this.citiesIn(p) ?? [], force);
  }

  /**
   * The first event that received these bytes, if any: an intake of them would be a duplicate,
   * unless that event kept them unassigned and they are now placed.
   */
  async firstReceipt(bytes: Uint8Array): Promise<LedgerEvent | undefined> {
    return this.firstReceiptOf(this.db, sha256(bytes));
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

  /** A refusal when the city or the whole period is locked (saying which lock holds). */
  private async lockRefusal(db: Sql, city: string, period: string): Promise<Refusal | undefined> {
    const events = await readEvents(db, [period]);
    return lockHolds(this.contextOf(period, events, false), foldPeriod(events, period, this.zone), city);
  }

  private contextOf(period: string, events: readonly LedgerEvent[], isZone: boolean): DecisionContext {
    return {
      period,
      cities: this.citiesIn(period) ?? [],
      isZone,
      events,
      zone: this.zone,
      name: (c) => this.nameOf(c),
    };
  }

  /**
   * Accepts a revision (default the latest) of a city's submission for a period. A revision with
   * error findings is refused unless `force` with a reason; the forced acceptance is marked.
   */
  accept(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('accepted', d);
  }

  /** Rejects a revision (default the latest); needs a reason. Rejecting the accepted one withdraws it. */
  reject(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('rejected', d);
  }

  /** Approves a city's accepted revision, or the zone once every city is approved (upward only). */
  approve(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('approved', d);
  }

  /** Withdraws a city's approval (and so the zone's), or the zone's own; needs a reason. */
  unapprove(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('unapproved', d);
  }

  /** Locks a city's period, or the whole period when `city` is the zone: intake is refused. */
  lock(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('locked', d);
  }

  /**
   * Lifts a lock; needs a reason, which is recorded. Unlocking one city under the zone's lock
   * reopens that city alone, until it is locked again.
   */
  unlock(d: DecisionInput): Promise<DecisionOutcome> {
    return this.decide('unlocked', d);
  }

  /** Any decision by kind (for batch commands). */
  decide(kind: DecisionKind, d: DecisionInput): Promise<DecisionOutcome> {
    const p = parsePeriod(d.period);
    if (!p)
      return Promise.resolve(
        refuse('LEDGER_BAD_PERIOD', `报告期无效：${d.period}`, `Not a valid period: ${d.period}`),
      );
    const period = formatPeriod(p);
    const isZone = d.city === this.zone;
    if (!isZone && !(this.citiesIn(period) ?? []).includes(d.city))
      return Promise.resolve(
        refuse(
          'LEDGER_UNKNOWN_UNIT',
          `${d.city} 不是 ${period} 示范区的城市`,
          `${d.city} is not a city of the zone in ${period}`,
        ),
      );
    const reason = d.reason?.trim() ? d.reason.trim() : null;
    const needs = REASON_NEEDED[kind];
    if (needs && reason === null)
      return Promise.resolve(
        refuse(
          'LEDGER_REASON_REQUIRED',
          `${needs.zh}需要说明原因（--reason）`,
          `${needs.en} needs a reason (--reason)`,
        ),
      );
    return this.db.transaction(async (tx): Promise<DecisionOutcome> => {
      await lockForAppend(tx);
      const check = checkDecision(kind, d, this.contextOf(period, await readEvents(tx, [period]), isZone));
      if (!check.ok) return check;
      const draft: EventDraft = {
        kind,
        city: d.city,
        period,
        revision: check.revision,
        sha256: check.sha256,
        actor: d.by,
        reason,
        data: check.data,
      };
      return { ok: true, event: await append(tx, draft), notes: check.notes };
    });
  }

  /** The period × city matrix. */
  async status(period: string): Promise<PeriodStatus> {
    const p = parsePeriod(period);
    const id = p ? formatPeriod(p) : period;
    const cities = this.citiesIn(id) ?? [];
    const events = await readEvents(this.db, [id]);
    const cells = cellsOf(events, id, [...cities, this.zone], this.zone);
    const zone = cells.pop() as Cell;
    // The fold withdraws the zone's approval whenever a city loses its own.
    const zoneApproved = zone.approved !== undefined && cells.every((c) => c.state === 'approved');
    return { period: id, cities: cells, zone, zoneApproved };
  }

  /** Files kept as received but not placed in any (city, period). */
  async unassigned(): Promise<UnassignedFile[]> {
    const events = (await this.events()).filter((e) => e.kind === 'unassigned');
    return events.map((e) => {
      const d = e.data as unknown as FileData & {
        city: string | null;
        period: string | null;
        code?: string;
        why?: Bilingual;
      };
      return {
        ...(d.code && d.why ? { why: { code: d.code, message: d.why } } : {}),
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

/** Decisions that need a reason, with their names for the message. */
const REASON_NEEDED: Readonly<Record<DecisionKind, Bilingual | undefined>> = {
  accepted: undefined,
  rejected: { zh: '退回', en: 'Rejecting' },
  approved: undefined,
  unapproved: { zh: '撤销审核', en: 'Unapproving' },
  locked: undefined,
  unlocked: { zh: '解锁', en: 'Unlocking' },
};

async function storedReportSha(tx: Sql, hash: string, fallback: string): Promise<string> {
  const rows = await tx.query<{ report_sha256: string }>(
    'SELECT report_sha256 FROM ledger_reports WHERE sha256 = $1',
    [hash],
  );
  return rows[0]?.report_sha256 ?? fallback;
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
