import { parseArgs } from 'node:util';
import type { Cell, CellState, Ledger, LockPhase, PeriodStatus, UnassignedFile } from '@sunan/ledger';
import { BEIJING_ZONE, beijingTime } from '@sunan/schema';
import { HELP } from '../help.js';
import { EXIT, type Io, UsageError } from '../io.js';
import { jsonText } from '../json.js';
import { formatOf, type Lang, langOf } from '../lang.js';
import { LEDGER_OPTIONS, withLedger } from './ledger-common.js';
import { statusQuality, statusQualityText } from './status-quality.js';

const STATE: Record<CellState, { zh: string; en: string }> = {
  'not-received': { zh: '未报送', en: 'not received' },
  received: { zh: '已收到', en: 'received' },
  accepted: { zh: '已受理', en: 'accepted' },
  rejected: { zh: '已退回', en: 'rejected' },
  approved: { zh: '已审核', en: 'approved' },
};

/** Pads to a display width, counting CJK characters as two columns. */
function pad(text: string, width: number): string {
  const w = [...text].reduce((n, ch) => n + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, width - w));
}

const LOCK: Record<LockPhase, { zh: string; en: string }> = {
  open: { zh: '', en: '' },
  city: { zh: ' · 已锁定', en: ' · locked' },
  zone: { zh: ' · 全区锁定', en: ' · zone lock' },
  'city+zone': { zh: ' · 已锁定', en: ' · locked' },
  reopened: { zh: ' · 例外开放', en: ' · reopened' },
};

function cellLine(ledger: Ledger, cell: Cell, lang: Lang): string {
  const name = ledger.nameOf(cell.city);
  const forced = cell.accepted?.forced ? (lang === 'zh' ? ' · 强制受理' : ' · forced') : '';
  const state = STATE[cell.state][lang] + forced + LOCK[cell.lock][lang];
  const latest = cell.latest;
  const decided = cell.approved ?? cell.rejected ?? cell.accepted;
  const rev = latest
    ? `${latest.revision}${cell.accepted ? ` (${lang === 'zh' ? '受理' : 'acc.'} ${cell.accepted.revision})` : ''}`
    : '-';
  return [
    pad(`${cell.city} ${lang === 'zh' ? name.zh : name.en}`, 20),
    pad(state, 26),
    pad(rev, 14),
    pad(latest ? `${latest.errors}/${latest.warnings}` : '-', 8),
    pad(latest ? beijingTime(latest.receivedAt, lang, 'none') : '-', 18),
    pad(decided ? `${decided.by} ${beijingTime(decided.at, lang, 'none')}` : (latest?.by ?? '-'), 10),
  ].join('');
}

/** The period × city matrix as text. */
export function statusText(
  ledger: Ledger,
  s: PeriodStatus,
  unassigned: readonly UnassignedFile[],
  lang: Lang,
): string {
  const zh = lang === 'zh';
  const head = [
    pad(zh ? '城市' : 'city', 20),
    pad(zh ? '状态' : 'state', 26),
    pad(zh ? '版本' : 'revision', 14),
    pad(zh ? '错/警' : 'err/warn', 8),
    pad(zh ? '收到时间' : 'received at', 18),
    zh ? '最近处理' : 'last decision',
  ].join('');
  const zoneState = s.zoneApproved ? (zh ? '已审核' : 'approved') : zh ? '未审核' : 'not approved';
  const zoneLock = s.zone.locked
    ? zh
      ? ` · 已锁定（${s.zone.locked.by} ${beijingTime(s.zone.locked.at, lang, 'none')}）`
      : ` · locked (${s.zone.locked.by} ${beijingTime(s.zone.locked.at, lang, 'none')})`
    : '';
  const out = [
    zh
      ? `报告期 ${s.period} 收件状态（时间为${BEIJING_ZONE.zh}）`
      : `Intake status, period ${s.period} (times in ${BEIJING_ZONE.en})`,
    head,
    ...s.cities.map((c) => cellLine(ledger, c, lang)),
    `${pad(zh ? 'SUNAN 全区' : 'SUNAN zone', 20)}${zoneState}${zoneLock}`,
  ];
  if (unassigned.length > 0) {
    out.push('', zh ? `未归属文件 ${unassigned.length} 个：` : `Unassigned files: ${unassigned.length}`);
    for (const u of unassigned)
      out.push(
        `  #${u.seq} ${u.fileName} ${beijingTime(u.receivedAt, lang, 'none')} ${u.by} sha256 ${u.sha256.slice(0, 12)}…${u.why ? ` — ${zh ? u.why.message.zh : u.why.message.en}` : ''}`,
      );
  }
  return `${out.join('\n')}\n`;
}

/** `sunan status`: the period × city matrix. */
export async function statusCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { ...LEDGER_OPTIONS, period: { type: 'string' } },
  });
  if (values.help) {
    io.stdout.write(HELP.status ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const format = formatOf(values.format);
  if (!values.period) throw new UsageError('需要 --period', '--period is required');
  const period = values.period;
  return withLedger(values, io, async (ledger) => {
    if (!ledger.citiesIn(period))
      throw new UsageError(`报告期无效：${period}`, `Not a valid period: ${period}`);
    const status = await ledger.status(period);
    const unassigned = await ledger.unassigned();
    const quality = await statusQuality(ledger, status.period, new Date().toISOString());
    if (format === 'json') {
      const names = Object.fromEntries(
        [...status.cities, status.zone].map((c) => [c.city, ledger.nameOf(c.city)]),
      );
      io.stdout.write(jsonText({ ...status, names, unassigned, quality }));
    } else {
      io.stdout.write(
        statusText(ledger, status, unassigned, lang) + statusQualityText(ledger, quality, lang),
      );
    }
    return EXIT.ok;
  });
}
