import { beijingTime } from '@sunan/schema';
import { type Bilingual, type LedgerCode, type Refusal, refuse } from './codes.js';
import type { LedgerEvent } from './events.js';
import { cityLocked, foldPeriod, lockPhaseOf, moveOf, type PeriodFold, type Revision } from './state.js';
import {
  type LockMove,
  moveLock,
  movePhase,
  type Phase,
  withdrawsApproval,
  ZONE_TABLE,
} from './transitions.js';

/** A decision's event kind. */
export type DecisionKind = 'accepted' | 'rejected' | 'approved' | 'unapproved' | 'locked' | 'unlocked';

/** A decision on a (city, period): accept, reject, approve, unapprove, lock or unlock. */
export interface DecisionInput {
  /** A city code, or the zone's code (approve, unapprove, lock and unlock the whole period). */
  readonly city: string;
  readonly period: string;
  /** accept / reject: which revision (default the latest). */
  readonly revision?: number;
  readonly by: string;
  readonly reason?: string;
  /** accept: take a revision that has error findings (needs `reason`); marked in status and reports. */
  readonly force?: boolean;
}

/** A recorded decision (with what else it did or what to know, said to the user), or why it was refused. */
export type DecisionOutcome =
  | { readonly ok: true; readonly event: LedgerEvent; readonly notes: readonly Bilingual[] }
  | Refusal;

/** What a check needs: the period's events read under the append lock, and names for messages. */
export interface DecisionContext {
  readonly period: string;
  readonly cities: readonly string[];
  readonly isZone: boolean;
  readonly events: readonly LedgerEvent[];
  readonly zone: string;
  readonly name: (code: string) => Bilingual;
}

/** A decision that may be recorded: the revision it names, extra event data and notes for the user. */
export type Checked =
  | {
      readonly ok: true;
      readonly revision: number | null;
      readonly sha256: string | null;
      readonly data: Readonly<Record<string, unknown>>;
      readonly notes: readonly Bilingual[];
    }
  | Refusal;

const PHASE_ZH: Record<Phase, string> = {
  'not-received': '未报送',
  received: '已收到未受理',
  accepted: '已受理未审核',
  approved: '已审核',
};

/**
 * The rules before a decision is recorded (pure): locks through the lock table, the rest through
 * the phase and zone tables of `transitions.ts`, with a message in Chinese and English for each
 * refusal and a note for each withdrawal.
 */
export function checkDecision(kind: DecisionKind, d: DecisionInput, ctx: DecisionContext): Checked {
  const fold = foldPeriod(ctx.events, ctx.period, ctx.zone);
  switch (kind) {
    case 'locked':
    case 'unlocked':
      return checkLock(kind, d, ctx, fold);
    case 'approved':
    case 'unapproved':
      if (ctx.isZone) return checkZone(kind, ctx, fold);
      return checkCity(kind, d, ctx, fold);
    case 'accepted':
    case 'rejected':
      if (ctx.isZone)
        return refuse(
          'LEDGER_UNKNOWN_UNIT',
          '受理或退回针对城市，不针对全区',
          'Accept and reject apply to a city, not the zone',
        );
      return checkCity(kind, d, ctx, fold);
    default: {
      const never: never = kind;
      throw new Error(`unknown decision ${String(never)}`);
    }
  }
}

/** Which lock holds a city (or the zone), said so. */
export function lockHolds(ctx: DecisionContext, fold: PeriodFold, city: string): Refusal | undefined {
  const isZone = city === ctx.zone;
  const own = isZone ? fold.zoneLocked : fold.cities.get(city)?.locked;
  const zoneLock = fold.zoneLocked;
  if (isZone ? !zoneLock : !cityLocked(fold, city)) return undefined;
  const n = ctx.name(city);
  const lock = own ?? zoneLock;
  if (!lock) return undefined;
  const byZone = !own || isZone;
  const hint =
    byZone && !isZone
      ? {
          zh: `全区 ${ctx.period} 已锁定（全区锁定，${lock.by}，${beijingTime(lock.at)}）；如需单独重新开放本市：sunan unlock --city ${city} --period ${ctx.period} --reason …`,
          en: `the whole period ${ctx.period} is locked (zone lock, ${lock.by}, ${beijingTime(lock.at, 'en')}); to reopen this city alone: sunan unlock --city ${city} --period ${ctx.period} --reason …`,
        }
      : isZone
        ? {
            zh: `全区 ${ctx.period} 已锁定（全区锁定，${lock.by}，${beijingTime(lock.at)}）；请先解锁：sunan unlock --period ${ctx.period} --reason …`,
            en: `the whole period ${ctx.period} is locked (zone lock, ${lock.by}, ${beijingTime(lock.at, 'en')}); unlock first: sunan unlock --period ${ctx.period} --reason …`,
          }
        : {
            zh: `本市锁定（${lock.by}，${beijingTime(lock.at)}）；请先解锁：sunan unlock --city ${city} --period ${ctx.period} --reason …`,
            en: `locked for this city (${lock.by}, ${beijingTime(lock.at, 'en')}); unlock first: sunan unlock --city ${city} --period ${ctx.period} --reason …`,
          };
  return refuse(
    'LEDGER_LOCKED',
    `${n.zh} ${ctx.period} 已锁定，拒绝报送或变更：${hint.zh}`,
    `${n.en} ${ctx.period} is locked; intake and changes are refused: ${hint.en}`,
  );
}

function pickRevision(
  d: DecisionInput,
  ctx: DecisionContext,
  revisions: readonly Revision[],
): Revision | Refusal | undefined {
  if (d.revision === undefined) return revisions[revisions.length - 1];
  const rev = revisions.find((r) => r.revision === d.revision);
  if (rev) return rev;
  const n = ctx.name(d.city);
  return refuse(
    'LEDGER_NO_SUCH_REVISION',
    `${n.zh} ${ctx.period} 没有第 ${d.revision} 版（共 ${revisions.length} 版）`,
    `${n.en} ${ctx.period} has no revision ${d.revision} (${revisions.length} received)`,
  );
}

function checkCity(
  kind: 'accepted' | 'rejected' | 'approved' | 'unapproved',
  d: DecisionInput,
  ctx: DecisionContext,
  fold: PeriodFold,
): Checked {
  const held = lockHolds(ctx, fold, d.city);
  if (held) return held;
  const b = fold.cities.get(d.city);
  const phase: Phase = b?.phase ?? 'not-received';
  const picked =
    kind === 'accepted' || kind === 'rejected' ? pickRevision(d, ctx, b?.revisions ?? []) : undefined;
  if (picked && 'ok' in picked) return picked;
  const forced = kind === 'accepted' && d.force === true;
  if (forced && !d.reason?.trim())
    return refuse(
      'LEDGER_REASON_REQUIRED',
      '强制受理含错误的版本需要说明原因（--force --reason …）',
      'Accepting a revision with errors needs a reason (--force --reason …)',
    );
  const revision = picked?.revision ?? b?.accepted?.revision ?? null;
  const move = moveOf(kind, b, revision, { forced, lenient: false });
  const outcome = movePhase(phase, move);
  if ('refuse' in outcome)
    return refuseMove(outcome.refuse, d, ctx, { phase, picked, accepted: b?.accepted?.revision });
  const notes: Bilingual[] = [];
  const n = ctx.name(d.city);
  if (outcome.withdraws === 'acceptance' || outcome.withdraws === 'acceptance-and-approval')
    notes.push({
      zh: `已撤销对${n.zh} ${ctx.period} 第 ${revision} 版的受理${outcome.withdraws === 'acceptance-and-approval' ? '和审核' : ''}；汇总不再使用该版本`,
      en: `The acceptance${outcome.withdraws === 'acceptance-and-approval' ? ' and approval' : ''} of ${n.en} ${ctx.period} revision ${revision} is withdrawn; the roll-up no longer uses it`,
    });
  if (outcome.withdraws === 'approval' && kind !== 'unapproved')
    notes.push({
      zh: `${n.zh} ${ctx.period} 原审核（第 ${b?.approved?.revision ?? '?'} 版）已撤销，需重新审核`,
      en: `The approval of ${n.en} ${ctx.period} (revision ${b?.approved?.revision ?? '?'}) is withdrawn; approve again`,
    });
  if (withdrawsApproval(phase, outcome) && fold.zoneApproved)
    notes.push({
      zh: `全区 ${ctx.period} 的审核随之撤销`,
      en: `The zone's approval of ${ctx.period} is withdrawn with it`,
    });
  if (kind === 'accepted' && picked) notes.push(...acceptNotes(d, ctx, b?.revisions ?? [], picked, forced));
  const rev = b?.revisions.find((r) => r.revision === revision);
  const data = forced && picked && picked.errors > 0 ? { forced: true, errors: picked.errors } : {};
  return { ok: true, revision, sha256: rev?.sha256 ?? null, data, notes };
}

function acceptNotes(
  d: DecisionInput,
  ctx: DecisionContext,
  revisions: readonly Revision[],
  picked: Revision,
  forced: boolean,
): Bilingual[] {
  const notes: Bilingual[] = [];
  const n = ctx.name(d.city);
  // The line that records the acceptance names the revision; with several, say it was the latest.
  if (d.revision === undefined && revisions.length > 1)
    notes.push({
      zh: `未指定 --revision，受理最新的第 ${picked.revision} 版（${picked.fileName}，共 ${revisions.length} 版）`,
      en: `No --revision given: accepting the latest, revision ${picked.revision} (${picked.fileName}, ${revisions.length} received)`,
    });
  const better = revisions.filter((r) => r.revision < picked.revision && r.errors < picked.errors);
  for (const r of better)
    notes.push({
      zh: `注意：较早的第 ${r.revision} 版（${r.fileName}）错误更少（${r.errors} 个，本版 ${picked.errors} 个）`,
      en: `Note: the earlier revision ${r.revision} (${r.fileName}) has fewer errors (${r.errors}, this one ${picked.errors})`,
    });
  if (forced && picked.errors > 0)
    notes.push({
      zh: `${n.zh} 第 ${picked.revision} 版含 ${picked.errors} 个错误，已强制受理（原因：${d.reason?.trim()}），状态与报告中标明`,
      en: `${n.en} revision ${picked.revision} has ${picked.errors} errors and is accepted by force (reason: ${d.reason?.trim()}), marked in status and reports`,
    });
  return notes;
}

function refuseMove(
  code: LedgerCode,
  d: DecisionInput,
  ctx: DecisionContext,
  at: { phase: Phase; picked: Revision | undefined; accepted: number | null | undefined },
): Refusal {
  const n = ctx.name(d.city);
  const p = ctx.period;
  const rev = at.picked?.revision ?? at.accepted;
  switch (code) {
    case 'LEDGER_NOT_RECEIVED':
      return refuse(code, `${n.zh} ${p} 尚未报送`, `Nothing received from ${n.en} for ${p}`);
    case 'LEDGER_NOT_ACCEPTED':
      return refuse(
        code,
        `${n.zh} ${p} 尚未受理任何版本，不能审核`,
        `${n.en} ${p} has no accepted revision to approve`,
      );
    case 'LEDGER_NOT_APPROVED':
      return refuse(
        code,
        `${n.zh} ${p} 未审核（${PHASE_ZH[at.phase]}），无从撤销审核`,
        `${n.en} ${p} is not approved (${at.phase}); nothing to unapprove`,
      );
    case 'LEDGER_ALREADY_APPROVED':
      return refuse(
        code,
        `${n.zh} ${p} 第 ${rev} 版已审核`,
        `${n.en} ${p} revision ${rev} is already approved`,
      );
    case 'LEDGER_ALREADY_ACCEPTED':
      return refuse(
        code,
        `${n.zh} ${p} 第 ${rev} 版已受理`,
        `${n.en} ${p} revision ${rev} is already accepted`,
      );
    case 'LEDGER_HAS_ERRORS':
      return refuse(
        code,
        `${n.zh} ${p} 第 ${rev} 版（${at.picked?.fileName}）有 ${at.picked?.errors} 个错误，不能受理；请退回（sunan reject），或确需受理时用 --force --reason …（将在状态与报告中标明）`,
        `${n.en} ${p} revision ${rev} (${at.picked?.fileName}) has ${at.picked?.errors} errors and is not accepted; reject it (sunan reject), or if it must be used, --force --reason … (marked in status and reports)`,
      );
    default:
      return refuse(code, `${n.zh} ${p}：不能执行（${code}）`, `${n.en} ${p}: refused (${code})`);
  }
}

function checkZone(kind: 'approved' | 'unapproved', ctx: DecisionContext, fold: PeriodFold): Checked {
  const held = lockHolds(ctx, fold, ctx.zone);
  if (held) return held;
  const outcome =
    ZONE_TABLE[fold.zoneApproved ? 'approved' : 'open'][
      kind === 'approved' ? 'approve-zone' : 'unapprove-zone'
    ];
  const p = ctx.period;
  if ('refuse' in outcome)
    return outcome.refuse === 'LEDGER_ALREADY_APPROVED'
      ? refuse(outcome.refuse, `全区 ${p} 已审核`, `The zone's ${p} is already approved`)
      : refuse(
          outcome.refuse,
          `全区 ${p} 未审核，无从撤销审核`,
          `The zone's ${p} is not approved; nothing to unapprove`,
        );
  if (kind === 'approved') {
    // Upward only, as in DHIS2: the zone after every one of its cities.
    const waiting = ctx.cities.filter((c) => fold.cities.get(c)?.phase !== 'approved');
    if (waiting.length > 0)
      return refuse(
        'LEDGER_CHILDREN_UNAPPROVED',
        `以下城市尚未审核，全区不能审核：${waiting.map((c) => `${ctx.name(c).zh}（${PHASE_ZH[fold.cities.get(c)?.phase ?? 'not-received']}）`).join('、')}`,
        `The zone cannot be approved before every city: not approved — ${waiting.map((c) => `${ctx.name(c).en} (${fold.cities.get(c)?.phase ?? 'not-received'})`).join(', ')}`,
      );
  }
  return { ok: true, revision: null, sha256: null, data: {}, notes: [] };
}

function checkLock(
  kind: 'locked' | 'unlocked',
  d: DecisionInput,
  ctx: DecisionContext,
  fold: PeriodFold,
): Checked {
  const move: LockMove = ctx.isZone
    ? kind === 'locked'
      ? 'lock-zone'
      : 'unlock-zone'
    : kind === 'locked'
      ? 'lock-city'
      : 'unlock-city';
  const zoneLocked = fold.zoneLocked !== undefined;
  const phase = ctx.isZone
    ? zoneLocked
      ? 'zone'
      : 'open'
    : lockPhaseOf(fold.cities.get(d.city), zoneLocked);
  const outcome = moveLock(phase, move);
  const n = ctx.isZone ? { zh: '全区', en: 'The zone' } : ctx.name(d.city);
  const p = ctx.period;
  if ('refuse' in outcome) {
    if (outcome.refuse === 'LEDGER_NOT_LOCKED')
      return refuse(
        outcome.refuse,
        `${n.zh} ${p} 未锁定${phase === 'reopened' ? '（全区锁定下已单独重新开放）' : ''}，无需解锁`,
        `${n.en} ${p} is not locked${phase === 'reopened' ? ' (reopened under the zone lock)' : ''}; nothing to unlock`,
      );
    const held = lockHolds(ctx, fold, ctx.isZone ? ctx.zone : d.city);
    return refuse(
      outcome.refuse,
      `${n.zh} ${p} 已锁定，无需再锁${held ? `：${held.message.zh}` : ''}`,
      `${n.en} ${p} is already locked${held ? `: ${held.message.en}` : ''}`,
    );
  }
  const notes: Bilingual[] = [];
  if (outcome.to === 'reopened')
    notes.push({
      zh: `全区 ${p} 仍锁定；${n.zh}作为例外重新开放，可报送和变更，完成后请重新锁定（sunan lock --city ${d.city} --period ${p}）`,
      en: `The zone's ${p} stays locked; ${n.en} is reopened as an exception for intake and changes — lock it again when done (sunan lock --city ${d.city} --period ${p})`,
    });
  if (ctx.isZone && move === 'unlock-zone') {
    const reopened = [...fold.cities.entries()].filter(([, b]) => b.reopened).map(([c]) => ctx.name(c));
    if (reopened.length > 0)
      notes.push({
        zh: `单独重新开放的例外随全区解锁结束：${reopened.map((r) => r.zh).join('、')}`,
        en: `Exceptions end with the zone unlock: ${reopened.map((r) => r.en).join(', ')}`,
      });
  }
  return { ok: true, revision: null, sha256: null, data: {}, notes };
}
