import { beijingIso, beijingTime, type Catalogue, findOrgUnit } from '@sunan/schema';
import { type Cell, cell, esc, mutedCode, table } from './html.js';

// The ledger's period × city matrix, as plain data: the report draws it without depending on the
// ledger (the CLI passes `ledger.status(period)` in; its cells have this shape).

/** Where a (city, period) stands in the intake ledger, most advanced first. */
export type IntakeState = 'not-received' | 'received' | 'accepted' | 'rejected' | 'approved';

/** A decision on a cell (accept, reject, approve, lock): which revision, when, by whom, why. */
export interface IntakeDecision {
  readonly revision: number | null;
  /** ISO 8601 time the ledger recorded it. */
  readonly at: string;
  readonly by: string;
  readonly reason: string | null;
  /**
   * True for an acceptance of a revision with errors, forced with `accept --force --reason`: the
   * report's stamp and the matrix name it. The ledger's cell carries it when it records one.
   */
  readonly forced?: boolean;
}

/** One received revision of a city's file. */
export interface IntakeRevision {
  readonly revision: number;
  readonly sha256: string;
  readonly fileName: string;
  /** ISO 8601 time the ledger received it. */
  readonly receivedAt: string;
  readonly by: string;
  readonly errors: number;
  readonly warnings: number;
}

/** One city's (or the zone's) cell of the matrix. */
export interface IntakeCell {
  readonly city: string;
  readonly state: IntakeState;
  readonly latest: IntakeRevision | undefined;
  readonly accepted: IntakeDecision | undefined;
  readonly rejected: IntakeDecision | undefined;
  readonly approved: IntakeDecision | undefined;
  readonly locked: IntakeDecision | undefined;
}

/** A period's intake matrix (the shape of `@sunan/ledger`'s `PeriodStatus`), plus files nobody could place. */
export interface IntakeStatus {
  readonly period: string;
  readonly cities: readonly IntakeCell[];
  readonly zone: IntakeCell;
  /** True when every city is approved and the zone's approval is recorded. */
  readonly zoneApproved: boolean;
  /** How many received files could not be placed in any (city, period). */
  readonly unassigned?: number;
}

/** Each state's words, Chinese first, and its colour class. */
export const INTAKE_STATE_LABEL: Readonly<Record<IntakeState, { zh: string; en: string; cls: string }>> = {
  'not-received': { zh: '未报送', en: 'not received', cls: 'err' },
  received: { zh: '已收到，待受理', en: 'received, awaiting a decision', cls: 'warn' },
  accepted: { zh: '已受理', en: 'accepted', cls: 'ok' },
  rejected: { zh: '已退回', en: 'rejected', cls: 'err' },
  approved: { zh: '已审核', en: 'approved', cls: 'ok' },
};

/** A ledger time in a table cell: Beijing time marked UTC+8 (the section says 北京时间), the exact instant in a tooltip. */
const when = (iso: string): string =>
  `<time datetime="${esc(beijingIso(iso))}" title="${esc(beijingIso(iso))}">${esc(beijingTime(iso, 'zh', 'short'))}</time>`;

/** "受理 第 2 版 · 2023-03-20 09:00 · 张三 · 理由" with the English verb below. */
function decisionLine(verb: { zh: string; en: string }, d: IntakeDecision): string {
  const rev = d.revision === null ? '' : ` 第 ${d.revision} 版`;
  const reason = d.reason ? ` · ${esc(d.reason)}` : '';
  return `<div>${esc(verb.zh)}${rev} · ${when(d.at)} · ${esc(d.by)}${reason} <span class="en">${esc(verb.en)}${d.revision === null ? '' : ` rev ${d.revision}`}</span></div>`;
}

function stateCell(c: IntakeCell): Cell {
  const label = INTAKE_STATE_LABEL[c.state];
  const lock = c.locked ? '<div class="lock">已锁定 <span class="en">locked</span></div>' : '';
  return {
    html: `<b class="${label.cls}">${esc(label.zh)}</b><div class="en">${esc(label.en)}</div>${lock}`,
    cls: 's',
  };
}

function revisionCell(c: IntakeCell): Cell {
  const r = c.latest;
  if (!r) return cell('—');
  const counts = `错误 ${r.errors}，警告 ${r.warnings}`;
  return {
    html: `第 ${r.revision} 版 <span class="en">rev ${r.revision}</span><div class="${r.errors > 0 ? 'err' : r.warnings > 0 ? 'warn' : ''}">${esc(counts)}</div><div class="en">${esc(r.fileName)}</div>`,
    cls: 's',
  };
}

function receivedCell(c: IntakeCell): Cell {
  const r = c.latest;
  return r ? { html: `${when(r.receivedAt)}<div class="en">${esc(r.by)}</div>`, cls: 's' } : cell('—');
}

function decisionsCell(c: IntakeCell): Cell {
  const lines = [
    c.accepted
      ? decisionLine(
          c.accepted.forced
            ? { zh: '强制受理（含错误）', en: 'forced acceptance (has errors)' }
            : { zh: '受理', en: 'accepted' },
          c.accepted,
        )
      : '',
    c.rejected ? decisionLine({ zh: '退回', en: 'rejected' }, c.rejected) : '',
    c.approved ? decisionLine({ zh: '审核', en: 'approved' }, c.approved) : '',
    c.locked ? decisionLine({ zh: '锁定', en: 'locked' }, c.locked) : '',
  ].join('');
  return { html: lines || '—', cls: 'note' };
}

function zoneRow(s: IntakeStatus): { cls: string; cells: Cell[] } {
  const z = s.zone;
  const state = s.zoneApproved
    ? '<b class="ok">已审核</b><div class="en">approved</div>'
    : `<b class="warn">未审核</b><div class="en">not approved${s.cities.every((c) => c.state === 'approved') ? '' : ' — cities still to approve'}</div>`;
  const cells: Cell[] = [
    { html: `全区${mutedCode(z.city)}<div class="en">zone</div>`, cls: 'name' },
    {
      html: `${state}${z.locked ? '<div class="lock">已锁定 <span class="en">locked</span></div>' : ''}`,
      cls: 's',
    },
    cell('—'),
    cell('—'),
    decisionsCell(z),
  ];
  return { cls: 'intake-zone', cells };
}

/**
 * The intake status section of the zone report: each city's state in the ledger (not received /
 * received with revision, errors and warnings / accepted / rejected / approved / locked) with the
 * times and who decided, then the zone's own approval. Chinese first, English below.
 */
export function intakeSection(s: IntakeStatus, catalogue: Catalogue): string {
  const name = (code: string) => findOrgUnit(catalogue, code)?.name;
  const rows = s.cities.map((c) => ({
    cls: `intake-${c.state}`,
    cells: [
      {
        html: `${esc(name(c.city)?.zh ?? c.city)}${mutedCode(c.city)}<div class="en">${esc(name(c.city)?.en ?? '')}</div>`,
        cls: 'name',
      },
      stateCell(c),
      revisionCell(c),
      receivedCell(c),
      decisionsCell(c),
    ],
  }));
  const counts = (Object.keys(INTAKE_STATE_LABEL) as IntakeState[])
    .map((k) => [k, s.cities.filter((c) => c.state === k).length] as const)
    .filter(([, n]) => n > 0);
  const summary = `${counts.map(([k, n]) => `${INTAKE_STATE_LABEL[k].zh} ${n}`).join('；')}。时间为北京时间（UTC+8）。<span class="en"> ${counts.map(([k, n]) => `${n} ${INTAKE_STATE_LABEL[k].en}`).join('; ')}. Times are Beijing time (UTC+8).</span>`;
  const unassigned =
    s.unassigned && s.unassigned > 0
      ? `<p class="warn">另有 ${s.unassigned} 个收到的文件无法确定城市或报告期，见 <code>sunan status</code>。<span class="en">${s.unassigned} received file(s) could not be placed in a city and period; see <code>sunan status</code>.</span></p>`
      : '';
  return `<section id="intake"><h2>收件状态 <span class="en">Intake status (ledger), period ${esc(s.period)}</span></h2><p>${summary}</p>${table(
    ['城市', '状态', '最新版本', '收到时间', '受理、审核与锁定'],
    [...rows, zoneRow(s)],
    { cls: 'intake' },
  )}${unassigned}</section>`;
}
