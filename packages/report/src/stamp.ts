import { beijingTime, type Catalogue, orgUnitName } from '@sunan/schema';
import { esc } from './html.js';
import type { IntakeStatus } from './intake-status.js';

// A report says what it is before anything else: a draft from unapproved figures must not pass for
// the final one, and the ledger's head hash lets a reader check later that the record it came from
// was not rewritten (`sunan ledger verify --expect-head`).

/** Where a report's figures stand: from the ledger, not yet approved / approved / approved and locked; or not through the ledger. */
export type StampState = 'draft' | 'approved' | 'locked' | 'not-ledger';

/** A revision accepted although it had errors (`accept --force --reason`), named on the stamp. */
export interface ForcedAcceptance {
  readonly city: string;
  readonly revision: number | null;
  readonly reason: string | null;
}

/** What a report is, for its first screen and the first sheet's top. */
export interface ReportStamp {
  readonly state: StampState;
  /** ISO 8601 instant the report was generated; shown in Beijing time. */
  readonly generatedAt?: string;
  /** The ledger chain's head hash when the figures were read (ledger reports only). */
  readonly head?: string;
  /** Accepted revisions that had errors, each with its reason. */
  readonly forced?: readonly ForcedAcceptance[];
}

/** Each state's words, Chinese first. */
export const STAMP_LABEL: Readonly<Record<StampState, { zh: string; en: string }>> = {
  draft: { zh: '草稿（未审核）', en: 'Draft (not approved)' },
  approved: { zh: '已审核', en: 'Approved' },
  locked: { zh: '已审核·已锁定', en: 'Approved and locked' },
  'not-ledger': { zh: '未经台账', en: 'Not through the ledger' },
};

/**
 * The stamp of a report rolled up from the ledger: 已审核·已锁定 when the zone's approval holds and
 * the zone is locked, 已审核 when approved, otherwise 草稿（未审核）; with every acceptance the ledger
 * marks as forced.
 */
export function ledgerStamp(intake: IntakeStatus, head: string, generatedAt: string): ReportStamp {
  const state: StampState = intake.zoneApproved ? (intake.zone.locked ? 'locked' : 'approved') : 'draft';
  const forced = intake.cities.flatMap((c) => {
    const a = c.accepted;
    return a?.forced === true ? [{ city: c.city, revision: a.revision, reason: a.reason }] : [];
  });
  return { state, generatedAt, head, ...(forced.length > 0 ? { forced } : {}) };
}

const cityName = (code: string, catalogue: Catalogue) => orgUnitName(catalogue, code).zh;

/** The stamp as lines of text, Chinese then English: state, generation time, head hash, forced acceptances. */
export function stampLines(stamp: ReportStamp, catalogue: Catalogue): { zh: string[]; en: string[] } {
  const label = STAMP_LABEL[stamp.state];
  const zh = [label.zh];
  const en = [label.en];
  if (stamp.generatedAt) {
    zh.push(`生成于 ${beijingTime(stamp.generatedAt)}`);
    en.push(`generated ${beijingTime(stamp.generatedAt, 'en')}`);
  }
  if (stamp.head) {
    zh.push(`台账链头 ${stamp.head}`);
    en.push(`ledger head ${stamp.head}`);
  }
  for (const f of stamp.forced ?? []) {
    const rev = f.revision === null ? '' : ` 第 ${f.revision} 版`;
    zh.push(
      `强制受理：${cityName(f.city, catalogue)}${rev}（含错误${f.reason ? `；理由：${f.reason}` : ''}）`,
    );
    en.push(`forced acceptance: ${f.city}${f.revision === null ? '' : ` rev ${f.revision}`} (has errors)`);
  }
  return { zh, en };
}

/** The stamp at the top of report.html: the state large, then time, head hash and forced acceptances. */
export function stampHtml(stamp: ReportStamp, catalogue: Catalogue): string {
  const { zh, en } = stampLines(stamp, catalogue);
  const [state, ...rest] = zh;
  // The hash once, not again in the English words beside it.
  const details = rest.map((l, k) => {
    const words = stamp.head ? (en[k + 1] ?? '').replace(` ${stamp.head}`, '') : (en[k + 1] ?? '');
    return `<div>${esc(l)}<span class="en"> ${esc(words)}</span></div>`;
  });
  return `<div id="stamp" class="stamp stamp-${stamp.state}" role="note"><b class="stamp-state">${esc(state ?? '')}</b> <span class="en">${esc(en[0] ?? '')}</span>${details.join('')}</div>`;
}

/** The stamp's CSS: a draft in red, approved in green, locked in dark green, not-ledger in grey. */
export const STAMP_CSS = `.stamp{border:3px solid;border-radius:6px;padding:.5rem .9rem;margin:.6rem 0;font-size:.95rem}.stamp .stamp-state{font-size:1.5rem;letter-spacing:.05em}
.stamp div{font-size:.85rem;overflow-wrap:anywhere}.stamp-draft{border-color:#c00000;color:#8b0000;background:#fff0f0}.stamp-approved{border-color:#2e7d32;color:#1e6b2a;background:#eef8ee}
.stamp-locked{border-color:#1b4d1f;color:#123d16;background:#e2f0d9}.stamp-not-ledger{border-color:#777;color:#333;background:#f3f3f3}
@media print{.stamp{padding:.2rem .5rem;margin:.2rem 0}.stamp .stamp-state{font-size:12pt}.stamp div{font-size:7pt}}`;
