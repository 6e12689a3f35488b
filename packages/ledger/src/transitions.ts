import type { LedgerCode } from './codes.js';

/**
 * The decision state machine: every rule about what a decision does, or why it is refused, is one
 * row of the tables below. `state.ts` folds recorded events through them and `decide` checks a new
 * decision through them, so what status shows and what a decision may do cannot drift apart.
 *
 * A city's submission for a period has a phase (what is accepted and approved); locks are a second,
 * independent machine per city (its own lock, the zone's lock, and an exception that reopens one
 * city under the zone's lock); the zone has its own approval.
 */

/** Where a city's submission stands in the decision machine (what the roll-up may use). */
export type Phase = 'not-received' | 'received' | 'accepted' | 'approved';

/**
 * What a decision does to a city's submission, classified by the revision it names:
 * - `accept`: a revision other than the accepted one, without error findings (or forced);
 * - `accept-errors`: the same, but the revision has error findings and no `--force --reason`;
 * - `accept-again`: the revision already accepted;
 * - `reject-accepted`: the accepted revision (withdraws the acceptance, and any approval);
 * - `reject`: any other revision (recorded; what is accepted stays).
 */
export type Move =
  | 'receive'
  | 'accept'
  | 'accept-errors'
  | 'accept-again'
  | 'reject-accepted'
  | 'reject'
  | 'approve'
  | 'unapprove';

/** Every move, for exhaustive checks and the README's table. */
export const MOVES: readonly Move[] = [
  'receive',
  'accept',
  'accept-errors',
  'accept-again',
  'reject-accepted',
  'reject',
  'approve',
  'unapprove',
];

/** What a move leads to: a new phase (with what it withdraws, said to the user), or a refusal. */
export type Outcome =
  | { readonly to: Phase; readonly withdraws?: 'acceptance' | 'approval' | 'acceptance-and-approval' }
  | { readonly refuse: LedgerCode };

const R = (refuse: LedgerCode): Outcome => ({ refuse });

/**
 * Phase × move → phase or refusal. Moves that cannot arise in a phase (rejecting the accepted
 * revision when none is accepted) are refused like their nearest real cause.
 */
export const PHASE_TABLE: Readonly<Record<Phase, Readonly<Record<Move, Outcome>>>> = {
  'not-received': {
    receive: { to: 'received' },
    accept: R('LEDGER_NOT_RECEIVED'),
    'accept-errors': R('LEDGER_NOT_RECEIVED'),
    'accept-again': R('LEDGER_NOT_RECEIVED'),
    'reject-accepted': R('LEDGER_NOT_RECEIVED'),
    reject: R('LEDGER_NOT_RECEIVED'),
    approve: R('LEDGER_NOT_ACCEPTED'),
    unapprove: R('LEDGER_NOT_APPROVED'),
  },
  received: {
    receive: { to: 'received' },
    accept: { to: 'accepted' },
    'accept-errors': R('LEDGER_HAS_ERRORS'),
    'accept-again': R('LEDGER_ALREADY_ACCEPTED'),
    'reject-accepted': { to: 'received' },
    reject: { to: 'received' },
    approve: R('LEDGER_NOT_ACCEPTED'),
    unapprove: R('LEDGER_NOT_APPROVED'),
  },
  accepted: {
    // A newer revision waits for a decision; the accepted one stays in use until then.
    receive: { to: 'accepted' },
    accept: { to: 'accepted' },
    'accept-errors': R('LEDGER_HAS_ERRORS'),
    'accept-again': R('LEDGER_ALREADY_ACCEPTED'),
    'reject-accepted': { to: 'received', withdraws: 'acceptance' },
    reject: { to: 'accepted' },
    approve: { to: 'approved' },
    unapprove: R('LEDGER_NOT_APPROVED'),
  },
  approved: {
    receive: { to: 'approved' },
    accept: { to: 'accepted', withdraws: 'approval' },
    'accept-errors': R('LEDGER_HAS_ERRORS'),
    'accept-again': R('LEDGER_ALREADY_ACCEPTED'),
    'reject-accepted': { to: 'received', withdraws: 'acceptance-and-approval' },
    reject: { to: 'approved' },
    approve: R('LEDGER_ALREADY_APPROVED'),
    unapprove: { to: 'accepted', withdraws: 'approval' },
  },
};

/** A move's outcome in a phase. */
export function movePhase(phase: Phase, move: Move): Outcome {
  return PHASE_TABLE[phase][move];
}

/** True when the outcome takes the city's approval away (so the zone's approval goes too). */
export function withdrawsApproval(from: Phase, outcome: Outcome): boolean {
  return from === 'approved' && 'to' in outcome && outcome.to !== 'approved';
}

/**
 * A city's lock state: `open`; `city` (its own lock); `zone` (held by the zone's lock);
 * `city+zone` (both); `reopened` (the zone is locked, but this city is an exception).
 */
export type LockPhase = 'open' | 'city' | 'zone' | 'city+zone' | 'reopened';

/** Lock decisions, on one city or on the whole period (the zone). */
export type LockMove = 'lock-city' | 'unlock-city' | 'lock-zone' | 'unlock-zone';

/** Every lock move. */
export const LOCK_MOVES: readonly LockMove[] = ['lock-city', 'unlock-city', 'lock-zone', 'unlock-zone'];

/** What a lock move leads to, for one city. */
export type LockOutcome = { readonly to: LockPhase } | { readonly refuse: LedgerCode };

const L = (refuse: LedgerCode): LockOutcome => ({ refuse });

/**
 * Lock phase × lock move → lock phase or refusal. Unlocking one city under the zone's lock opens an
 * exception for it (`reopened`); locking it again closes the exception; a new zone lock or a zone
 * unlock ends every exception.
 */
export const LOCK_TABLE: Readonly<Record<LockPhase, Readonly<Record<LockMove, LockOutcome>>>> = {
  open: {
    'lock-city': { to: 'city' },
    'unlock-city': L('LEDGER_NOT_LOCKED'),
    'lock-zone': { to: 'zone' },
    'unlock-zone': L('LEDGER_NOT_LOCKED'),
  },
  city: {
    'lock-city': L('LEDGER_ALREADY_LOCKED'),
    'unlock-city': { to: 'open' },
    'lock-zone': { to: 'city+zone' },
    'unlock-zone': L('LEDGER_NOT_LOCKED'),
  },
  zone: {
    'lock-city': L('LEDGER_ALREADY_LOCKED'),
    'unlock-city': { to: 'reopened' },
    'lock-zone': L('LEDGER_ALREADY_LOCKED'),
    'unlock-zone': { to: 'open' },
  },
  'city+zone': {
    'lock-city': L('LEDGER_ALREADY_LOCKED'),
    'unlock-city': { to: 'reopened' },
    'lock-zone': L('LEDGER_ALREADY_LOCKED'),
    'unlock-zone': { to: 'city' },
  },
  reopened: {
    'lock-city': { to: 'city+zone' },
    'unlock-city': L('LEDGER_NOT_LOCKED'),
    'lock-zone': L('LEDGER_ALREADY_LOCKED'),
    'unlock-zone': { to: 'open' },
  },
};

/** A lock move's outcome for a city in a lock phase. */
export function moveLock(phase: LockPhase, move: LockMove): LockOutcome {
  return LOCK_TABLE[phase][move];
}

/** True when intake and decisions on the city are refused in this lock phase. */
export function isLocked(phase: LockPhase): boolean {
  switch (phase) {
    case 'open':
    case 'reopened':
      return false;
    case 'city':
    case 'zone':
    case 'city+zone':
      return true;
    default: {
      const never: never = phase;
      throw new Error(`unknown lock phase ${String(never)}`);
    }
  }
}

/** The zone's approval of a period. */
export type ZonePhase = 'open' | 'approved';

/** Zone-level approval moves. */
export type ZoneMove = 'approve-zone' | 'unapprove-zone';

/**
 * Zone phase × move → zone phase or refusal. Approving the zone also needs every city approved
 * (`LEDGER_CHILDREN_UNAPPROVED`, checked beside this table); any city losing its approval ends the
 * zone's approval (see {@link withdrawsApproval}).
 */
export const ZONE_TABLE: Readonly<
  Record<ZonePhase, Readonly<Record<ZoneMove, { to: ZonePhase } | { refuse: LedgerCode }>>>
> = {
  open: { 'approve-zone': { to: 'approved' }, 'unapprove-zone': { refuse: 'LEDGER_NOT_APPROVED' } },
  approved: { 'approve-zone': { refuse: 'LEDGER_ALREADY_APPROVED' }, 'unapprove-zone': { to: 'open' } },
};
