import type { FileData, LedgerEvent } from './events.js';
import {
  isLocked,
  type LockMove,
  type LockPhase,
  type Move,
  moveLock,
  movePhase,
  type Phase,
  withdrawsApproval,
} from './transitions.js';

/** One received revision of a city's submission for a period. */
export interface Revision {
  readonly revision: number;
  readonly sha256: string;
  readonly fileName: string;
  readonly receivedAt: string;
  readonly by: string;
  readonly errors: number;
  readonly warnings: number;
  readonly seq: number;
}

/** A decision with who made it, when, and why. */
export interface Decision {
  readonly revision: number | null;
  readonly at: string;
  readonly by: string;
  readonly reason: string | null;
  readonly seq: number;
  /** An acceptance of a revision with error findings, made with `--force --reason`. */
  readonly forced?: boolean;
}

/** Where a (city, period) stands, most advanced first: the matrix shows this. */
export type CellState = 'not-received' | 'received' | 'accepted' | 'rejected' | 'approved';

/** Everything the ledger knows about one city (or the zone) in one period, derived from events. */
export interface Cell {
  readonly city: string;
  readonly period: string;
  readonly state: CellState;
  /** The decision machine's phase (see `transitions.ts`): what the roll-up may use. */
  readonly phase: Phase;
  readonly revisions: readonly Revision[];
  /** The latest revision received, if any. */
  readonly latest: Revision | undefined;
  /** The acceptance in force (later acceptances supersede earlier ones; a rejection of it withdraws it). */
  readonly accepted: Decision | undefined;
  /** The last rejection, if it is about the latest revision. */
  readonly rejected: Decision | undefined;
  /** The approval in force: it names the accepted revision it approved (the zone's names none). */
  readonly approved: Decision | undefined;
  /** The unit's own lock in force, if any (for the zone: the whole period's lock). */
  readonly locked: Decision | undefined;
  /** The lock machine's phase: own lock, the zone's lock, or reopened under the zone's lock. */
  readonly lock: LockPhase;
  /** When `lock` is `reopened`: the unlock that made this city an exception to the zone's lock. */
  readonly reopened: Decision | undefined;
}

interface Builder {
  revisions: Revision[];
  phase: Phase;
  accepted?: Decision;
  rejected?: Decision;
  approved?: Decision;
  locked?: Decision;
  reopened?: Decision;
}

/** A period folded: each city's builder and the zone's approval and lock. */
export interface PeriodFold {
  readonly cities: Map<string, Builder>;
  zoneApproved?: Decision;
  zoneLocked?: Decision;
}

function decision(e: LedgerEvent): Decision {
  const forced = e.data.forced === true;
  return {
    revision: e.revision,
    at: e.at,
    by: e.actor,
    reason: e.reason,
    seq: e.seq,
    ...(forced ? { forced } : {}),
  };
}

/** A city's lock phase from its own lock, the zone's lock and its exception. */
export function lockPhaseOf(
  b: { locked?: Decision; reopened?: Decision } | undefined,
  zoneLocked: boolean,
): LockPhase {
  if (b?.locked) return zoneLocked ? 'city+zone' : 'city';
  if (!zoneLocked) return 'open';
  return b?.reopened ? 'reopened' : 'zone';
}

/** True when the city's intake and decisions are refused. */
export function cityLocked(fold: PeriodFold, city: string): boolean {
  return isLocked(lockPhaseOf(fold.cities.get(city), fold.zoneLocked !== undefined));
}

function builder(fold: PeriodFold, city: string): Builder {
  const b = fold.cities.get(city) ?? { revisions: [], phase: 'not-received' };
  fold.cities.set(city, b);
  return b;
}

/**
 * The move a decision on `revision` is, for a city in its current state. `errors` is the named
 * revision's error count; `forced` an acceptance made with `--force --reason`. Recorded events are
 * classified with `lenient` (acceptances made before errors were refused stay acceptances).
 */
export function moveOf(
  kind: 'accepted' | 'rejected' | 'approved' | 'unapproved',
  b: Pick<Builder, 'accepted' | 'revisions'> | undefined,
  revision: number | null,
  options: { forced: boolean; lenient: boolean },
): Move {
  switch (kind) {
    case 'accepted': {
      if (b?.accepted && b.accepted.revision === revision) return 'accept-again';
      const errors = b?.revisions.find((r) => r.revision === revision)?.errors ?? 0;
      return errors > 0 && !options.forced && !options.lenient ? 'accept-errors' : 'accept';
    }
    case 'rejected':
      return b?.accepted && b.accepted.revision === revision ? 'reject-accepted' : 'reject';
    case 'approved':
      return 'approve';
    case 'unapproved':
      return 'unapprove';
    default: {
      const never: never = kind;
      throw new Error(`unknown decision ${String(never)}`);
    }
  }
}

/** Applies a city's decision move through the phase table; a refused move leaves the city as it was. */
function applyMove(fold: PeriodFold, b: Builder, move: Move, e: LedgerEvent): void {
  const outcome = movePhase(b.phase, move);
  if (!('to' in outcome)) return;
  if (withdrawsApproval(b.phase, outcome)) fold.zoneApproved = undefined;
  const d = decision(e);
  switch (move) {
    case 'accept':
      b.accepted = d;
      b.approved = undefined;
      break;
    case 'reject-accepted':
      b.accepted = undefined;
      b.approved = undefined;
      b.rejected = d;
      break;
    case 'reject':
      b.rejected = d;
      break;
    case 'approve':
      b.approved = { ...d, revision: b.accepted?.revision ?? null };
      break;
    case 'unapprove':
      b.approved = undefined;
      break;
    case 'receive':
    case 'accept-errors':
    case 'accept-again':
      break;
    default: {
      const never: never = move;
      throw new Error(`unknown move ${String(never)}`);
    }
  }
  b.phase = outcome.to;
}

/** Applies a lock move to one city through the lock table. */
function applyLock(fold: PeriodFold, city: string, move: LockMove, e: LedgerEvent): void {
  const b = builder(fold, city);
  const outcome = moveLock(lockPhaseOf(b, fold.zoneLocked !== undefined), move);
  if (!('to' in outcome)) return;
  const to = outcome.to;
  b.locked =
    to === 'city' || to === 'city+zone' ? (move === 'lock-city' ? decision(e) : b.locked) : undefined;
  b.reopened = to === 'reopened' ? decision(e) : undefined;
}

/** Applies a zone lock move: the zone's own lock, then each city through the lock table. */
function applyZoneLock(fold: PeriodFold, move: 'lock-zone' | 'unlock-zone', e: LedgerEvent): void {
  const was = fold.zoneLocked !== undefined;
  if (move === 'lock-zone' ? was : !was) return;
  for (const city of fold.cities.keys()) applyLock(fold, city, move, e);
  fold.zoneLocked = move === 'lock-zone' ? decision(e) : undefined;
}

/** Folds one recorded event; exhaustive over event kinds. */
export function applyEvent(fold: PeriodFold, e: LedgerEvent, zone: string): void {
  if (e.city === null || e.period === null) return;
  const isZone = e.city === zone;
  switch (e.kind) {
    case 'received': {
      const b = builder(fold, e.city);
      const d = e.data as unknown as FileData;
      b.revisions.push({
        revision: e.revision ?? b.revisions.length + 1,
        sha256: e.sha256 ?? '',
        fileName: d.fileName,
        receivedAt: e.at,
        by: e.actor,
        errors: d.errors,
        warnings: d.warnings,
        seq: e.seq,
      });
      applyMove(fold, b, 'receive', e);
      return;
    }
    case 'accepted':
    case 'rejected':
    case 'approved':
    case 'unapproved': {
      if (isZone) {
        if (e.kind === 'approved') fold.zoneApproved = decision(e);
        if (e.kind === 'unapproved') fold.zoneApproved = undefined;
        return;
      }
      const b = builder(fold, e.city);
      applyMove(fold, b, moveOf(e.kind, b, e.revision, { forced: true, lenient: true }), e);
      return;
    }
    case 'locked':
    case 'unlocked':
      if (isZone) applyZoneLock(fold, e.kind === 'locked' ? 'lock-zone' : 'unlock-zone', e);
      else applyLock(fold, e.city, e.kind === 'locked' ? 'lock-city' : 'unlock-city', e);
      return;
    case 'duplicate':
    case 'unassigned':
    case 'refused':
      return;
    default: {
      const never: never = e.kind;
      throw new Error(`unknown event kind ${String(never)}`);
    }
  }
}

/** Folds a period's events (in ledger order). */
export function foldPeriod(events: readonly LedgerEvent[], period: string, zone: string): PeriodFold {
  const fold: PeriodFold = { cities: new Map() };
  for (const e of events) if (e.period === period) applyEvent(fold, e, zone);
  return fold;
}

function stateOf(b: Builder, latest: Revision | undefined): CellState {
  if (!latest) return 'not-received';
  if (b.phase === 'approved') return 'approved';
  if (b.accepted && b.accepted.revision === latest.revision) return 'accepted';
  if (b.rejected && b.rejected.revision === latest.revision) return 'rejected';
  return 'received';
}

function cityCell(fold: PeriodFold, city: string, period: string): Cell {
  const b = fold.cities.get(city) ?? { revisions: [], phase: 'not-received' as const };
  const latest = b.revisions[b.revisions.length - 1];
  return {
    city,
    period,
    state: stateOf(b, latest),
    phase: b.phase,
    revisions: b.revisions,
    latest,
    accepted: b.accepted,
    rejected: b.rejected && b.rejected.revision === latest?.revision ? b.rejected : undefined,
    approved: b.approved,
    locked: b.locked,
    lock: lockPhaseOf(b, fold.zoneLocked !== undefined),
    reopened: b.reopened,
  };
}

function zoneCell(fold: PeriodFold, zone: string, period: string): Cell {
  return {
    city: zone,
    period,
    state: fold.zoneApproved ? 'approved' : 'not-received',
    phase: fold.zoneApproved ? 'approved' : 'not-received',
    revisions: [],
    latest: undefined,
    accepted: undefined,
    rejected: undefined,
    approved: fold.zoneApproved,
    locked: fold.zoneLocked,
    lock: fold.zoneLocked ? 'zone' : 'open',
    reopened: undefined,
  };
}

/**
 * Folds events (in ledger order) into the cells of `period` for the given units (a unit equal to
 * `zone` gets the zone's cell). Pure: status, aggregation inputs and the checks before each
 * decision all read the same fold, through the tables of `transitions.ts`.
 */
export function cellsOf(
  events: readonly LedgerEvent[],
  period: string,
  units: readonly string[],
  zone = 'SUNAN',
): Cell[] {
  const fold = foldPeriod(events, period, zone);
  return units.map((u) => (u === zone ? zoneCell(fold, u, period) : cityCell(fold, u, period)));
}

/** Every period that appears in the events, sorted. */
export function periodsOf(events: readonly LedgerEvent[]): string[] {
  return [...new Set(events.map((e) => e.period).filter((p): p is string => p !== null))].sort();
}
