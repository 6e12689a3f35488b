import type { ValidationReport } from '@sunan/validate';

/**
 * The fields of a ledger event the quality report reads. `@sunan/ledger`'s `LedgerEvent` has them
 * all, so `ledger.events()` is passed as is; this package does not load the ledger (nor its database)
 * to read them.
 */
export interface HistoryEvent {
  readonly seq: number;
  readonly kind: string;
  readonly city: string | null;
  readonly period: string | null;
  readonly revision: number | null;
  readonly sha256: string | null;
  readonly actor: string;
  /** When the ledger recorded it (ISO 8601, UTC). */
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What the quality report reads: the ledger's events in order and the reports stored at intake. */
export interface QualityInput {
  readonly events: readonly HistoryEvent[];
  /** The validation report stored for each received file, by the file's SHA-256. */
  readonly reports: ReadonlyMap<string, ValidationReport>;
}

/** One received revision of a city's submission for a period. */
export interface ReceivedRevision {
  readonly revision: number;
  readonly sha256: string;
  readonly fileName: string;
  readonly receivedAt: string;
  readonly seq: number;
}

/** One acceptance: a revision accepted at a time (later acceptances supersede earlier ones). */
export interface Acceptance {
  readonly revision: number;
  readonly at: string;
  readonly seq: number;
  /** When a rejection of this revision withdrew the acceptance (the ledger's state table does so). */
  readonly withdrawnAt?: string;
}

/** A (city, period)'s history: every revision received and every acceptance, in ledger order. */
export interface CellHistory {
  readonly city: string;
  readonly period: string;
  readonly revisions: readonly ReceivedRevision[];
  readonly acceptances: readonly Acceptance[];
}

const key = (city: string, period: string) => `${period}\u0000${city}`;

/** A rejection of the revision in force withdraws its acceptance, as the ledger's state table says. */
function withdraw(acceptances: Acceptance[], e: HistoryEvent): void {
  const last = acceptances.at(-1);
  if (last && last.withdrawnAt === undefined && last.revision === e.revision)
    acceptances[acceptances.length - 1] = { ...last, withdrawnAt: e.at };
}

/**
 * Folds the events into each (city, period)'s revisions and acceptances. A rejection of the
 * accepted revision marks that acceptance withdrawn; other events do not change what was sent or
 * accepted and are passed over.
 */
export function historiesOf(events: readonly HistoryEvent[]): Map<string, CellHistory> {
  const out = new Map<
    string,
    { city: string; period: string; revisions: ReceivedRevision[]; acceptances: Acceptance[] }
  >();
  for (const e of events) {
    if (e.city === null || e.period === null || e.revision === null) continue;
    if (e.kind !== 'received' && e.kind !== 'accepted' && e.kind !== 'rejected') continue;
    const k = key(e.city, e.period);
    const h = out.get(k) ?? { city: e.city, period: e.period, revisions: [], acceptances: [] };
    out.set(k, h);
    if (e.kind === 'rejected') withdraw(h.acceptances, e);
    else if (e.kind === 'received')
      h.revisions.push({
        revision: e.revision,
        sha256: e.sha256 ?? '',
        fileName: typeof e.data.fileName === 'string' ? e.data.fileName : '',
        receivedAt: e.at,
        seq: e.seq,
      });
    else h.acceptances.push({ revision: e.revision, at: e.at, seq: e.seq });
  }
  return out;
}

/** The history of one (city, period), empty when the ledger holds nothing for it. */
export function historyOf(
  histories: ReadonlyMap<string, CellHistory>,
  city: string,
  period: string,
): CellHistory {
  return histories.get(key(city, period)) ?? { city, period, revisions: [], acceptances: [] };
}

/**
 * The distinct accepted revisions in the order they were (last) accepted: re-accepting an earlier
 * revision moves it to the end, since it is again the one in force. A withdrawn acceptance is not
 * one the centre stands by, and is left out.
 */
export function acceptedSequence(h: CellHistory): Acceptance[] {
  const out: Acceptance[] = [];
  for (const a of h.acceptances) {
    if (a.withdrawnAt !== undefined) {
      const i = out.findIndex((x) => x.revision === a.revision);
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    const i = out.findIndex((x) => x.revision === a.revision);
    if (i >= 0) out.splice(i, 1);
    out.push(a);
  }
  return out;
}

/**
 * The acceptance in force now: the last one, unless a rejection withdrew it (then none is, until
 * the next acceptance — as the ledger's status and roll-up have it).
 */
export function acceptanceInForce(h: CellHistory): Acceptance | undefined {
  const last = h.acceptances.at(-1);
  return last?.withdrawnAt === undefined ? last : undefined;
}

/** The revision in force at a time (the last accepted at or before it, unless withdrawn by then). */
export function acceptedAt(h: CellHistory, at: string): Acceptance | undefined {
  let found: Acceptance | undefined;
  for (const a of h.acceptances) if (a.at <= at) found = a;
  return found?.withdrawnAt !== undefined && found.withdrawnAt <= at ? undefined : found;
}

/** The received revision with this number. */
export function revisionNo(h: CellHistory, n: number): ReceivedRevision | undefined {
  return h.revisions.find((r) => r.revision === n);
}
