import { canonicalJson, sha256 } from './canonical.js';
import type { Sql } from './driver.js';
import { LEDGER_LOCK_KEY } from './migrations.js';

/** What happened. Each kind is one row in `ledger_events`; nothing is ever updated in place. */
export type EventKind =
  | 'received'
  | 'duplicate'
  | 'unassigned'
  | 'accepted'
  | 'rejected'
  | 'approved'
  | 'unapproved'
  | 'locked'
  | 'unlocked'
  /** A file handed in and refused (a locked period, …): kept on the record with its bytes. */
  | 'refused';

/** Every kind, for exhaustive checks and documentation. */
export const EVENT_KINDS: readonly EventKind[] = [
  'received',
  'duplicate',
  'unassigned',
  'accepted',
  'rejected',
  'approved',
  'unapproved',
  'locked',
  'unlocked',
  'refused',
];

/** Facts recorded with a received file (`received`, `duplicate`, `unassigned`). */
export interface FileData {
  readonly fileName: string;
  readonly size: number;
  readonly reportSha256: string;
  readonly errors: number;
  readonly warnings: number;
  readonly note: string | null;
  /** For `duplicate`: the sequence number of the event that first received these bytes. */
  readonly firstSeq?: number;
  /** For `received` with `--force`: how the file's name disagreed with its content. */
  readonly forcedOver?: { readonly zh: string; readonly en: string };
}

/** One event as stored: `hash` = SHA-256 of `prevHash` and the canonical JSON of the other fields. */
export interface LedgerEvent {
  readonly seq: number;
  readonly kind: EventKind;
  /** City code, or the zone's code for zone-level approval and locks. */
  readonly city: string | null;
  readonly period: string | null;
  readonly revision: number | null;
  readonly sha256: string | null;
  /** Who did it (`--by`). */
  readonly actor: string;
  readonly reason: string | null;
  /** When the ledger recorded it (ISO 8601, UTC). */
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

/** An event before the ledger numbers and chains it. */
export type EventDraft = Omit<LedgerEvent, 'seq' | 'prevHash' | 'hash' | 'at'> & { readonly at?: string };

/** The `prevHash` of the first event. */
export const GENESIS = '0'.repeat(64);

/** The hash an event must carry, given the hash of the one before it. */
export function eventHash(e: Omit<LedgerEvent, 'hash'>): string {
  const { prevHash, ...body } = e;
  return sha256(`${prevHash}\n${canonicalJson(body)}`);
}

interface EventRow {
  seq: number;
  kind: EventKind;
  city: string | null;
  period: string | null;
  revision: number | null;
  sha256: string | null;
  actor: string;
  reason: string | null;
  at: string;
  data: Record<string, unknown> | string;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'seq, kind, city, period, revision, sha256, actor, reason, at, data, prev_hash, hash';

function fromRow(r: EventRow): LedgerEvent {
  return {
    seq: Number(r.seq),
    kind: r.kind,
    city: r.city,
    period: r.period,
    revision: r.revision === null ? null : Number(r.revision),
    sha256: r.sha256,
    actor: r.actor,
    reason: r.reason,
    at: r.at,
    data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * Takes the ledger's append lock for the rest of the transaction: appends (and the revision
 * numbers they assign) happen one after another even with several clients on one server.
 */
export async function lockForAppend(tx: Sql): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK_KEY]);
}

/** Appends one event inside a transaction that holds the append lock; returns it as stored. */
export async function append(tx: Sql, draft: EventDraft): Promise<LedgerEvent> {
  const last = (
    await tx.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM ledger_events ORDER BY seq DESC LIMIT 1',
    )
  )[0];
  const unhashed = {
    ...draft,
    at: draft.at ?? new Date().toISOString(),
    seq: last ? Number(last.seq) + 1 : 1,
    prevHash: last?.hash ?? GENESIS,
  };
  const event: LedgerEvent = { ...unhashed, hash: eventHash(unhashed) };
  await insertEvent(tx, event);
  return event;
}

/** Inserts an event exactly as given (used by `append` and by archive import). */
export async function insertEvent(tx: Sql, e: LedgerEvent): Promise<void> {
  await tx.query(`INSERT INTO ledger_events (${COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`, [
    e.seq,
    e.kind,
    e.city,
    e.period,
    e.revision,
    e.sha256,
    e.actor,
    e.reason,
    e.at,
    JSON.stringify(e.data),
    e.prevHash,
    e.hash,
  ]);
}

/** Events in ledger order, optionally only those of some periods (plus period-less ones). */
export async function readEvents(db: Sql, periods?: readonly string[]): Promise<LedgerEvent[]> {
  const rows = periods
    ? await db.query<EventRow>(`SELECT ${COLUMNS} FROM ledger_events WHERE period = ANY($1) ORDER BY seq`, [
        periods,
      ])
    : await db.query<EventRow>(`SELECT ${COLUMNS} FROM ledger_events ORDER BY seq`);
  return rows.map(fromRow);
}

/** The event with this sequence number. */
export async function eventAt(db: Sql, seq: number): Promise<LedgerEvent | undefined> {
  const rows = await db.query<EventRow>(`SELECT ${COLUMNS} FROM ledger_events WHERE seq = $1`, [seq]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}
