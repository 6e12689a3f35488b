import type { FileData, LedgerEvent } from './events.js';

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
}

/** Where a (city, period) stands, most advanced first: the matrix shows this. */
export type CellState = 'not-received' | 'received' | 'accepted' | 'rejected' | 'approved';

/** Everything the ledger knows about one city (or the zone) in one period, derived from events. */
export interface Cell {
  readonly city: string;
  readonly period: string;
  readonly state: CellState;
  readonly revisions: readonly Revision[];
  /** The latest revision received, if any. */
  readonly latest: Revision | undefined;
  /** The revision accepted last (later acceptances supersede earlier ones). */
  readonly accepted: Decision | undefined;
  /** The last rejection, if it is about the latest revision. */
  readonly rejected: Decision | undefined;
  /** The approval in force: it names the accepted revision it approved. */
  readonly approved: Decision | undefined;
  /** The lock in force, if any. */
  readonly locked: Decision | undefined;
}

interface Builder {
  revisions: Revision[];
  accepted?: Decision;
  rejected?: Decision;
  approved?: Decision;
  locked?: Decision;
}

function decision(e: LedgerEvent): Decision {
  return { revision: e.revision, at: e.at, by: e.actor, reason: e.reason, seq: e.seq };
}

/** Applies one event to the builders; exhaustive over event kinds. */
function apply(cells: Map<string, Builder>, e: LedgerEvent): void {
  if (e.city === null || e.period === null) return;
  const key = `${e.period}\u0000${e.city}`;
  const b = cells.get(key) ?? { revisions: [] };
  cells.set(key, b);
  switch (e.kind) {
    case 'received': {
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
      return;
    }
    case 'accepted':
      b.accepted = decision(e);
      return;
    case 'rejected':
      b.rejected = decision(e);
      return;
    case 'approved':
      b.approved = decision(e);
      return;
    case 'locked':
      b.locked = decision(e);
      return;
    case 'unlocked':
      b.locked = undefined;
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

function stateOf(b: Builder, latest: Revision | undefined): CellState {
  if (!latest) return 'not-received';
  const accepted = b.accepted;
  const approvedCurrent = b.approved !== undefined && b.approved.revision === accepted?.revision;
  if (approvedCurrent) return 'approved';
  if (accepted && accepted.revision === latest.revision) return 'accepted';
  if (b.rejected && b.rejected.revision === latest.revision) return 'rejected';
  return 'received';
}

function finish(city: string, period: string, b: Builder | undefined): Cell {
  const revisions = b?.revisions ?? [];
  const latest = revisions[revisions.length - 1];
  const builder = b ?? { revisions };
  // A city's approval names the revision it approved; the zone's approval names none.
  const approved =
    builder.approved &&
    (builder.approved.revision === null || builder.approved.revision === builder.accepted?.revision)
      ? builder.approved
      : undefined;
  return {
    city,
    period,
    state: stateOf(builder, latest),
    revisions,
    latest,
    accepted: builder.accepted,
    rejected:
      builder.rejected && builder.rejected.revision === latest?.revision ? builder.rejected : undefined,
    approved,
    locked: builder.locked,
  };
}

/**
 * Folds events (in ledger order) into the cells of `period` for the given units. Pure: status,
 * aggregation inputs and the checks before each decision all read the same fold.
 */
export function cellsOf(events: readonly LedgerEvent[], period: string, units: readonly string[]): Cell[] {
  const builders = new Map<string, Builder>();
  for (const e of events) if (e.period === period) apply(builders, e);
  return units.map((u) => finish(u, period, builders.get(`${period}\u0000${u}`)));
}

/** Every period that appears in the events, sorted. */
export function periodsOf(events: readonly LedgerEvent[]): string[] {
  return [...new Set(events.map((e) => e.period).filter((p): p is string => p !== null))].sort();
}
