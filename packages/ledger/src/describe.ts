import type { Bilingual } from './codes.js';
import type { EventKind, LedgerEvent } from './events.js';

/** Each event kind as people say it, Chinese and English. */
export const EVENT_KIND_NAMES: Readonly<Record<EventKind, Bilingual>> = {
  received: { zh: '收到', en: 'received' },
  duplicate: { zh: '重复收到', en: 'duplicate' },
  unassigned: { zh: '收到（未归属）', en: 'received, unassigned' },
  accepted: { zh: '受理', en: 'accepted' },
  rejected: { zh: '退回', en: 'rejected' },
  approved: { zh: '审核', en: 'approved' },
  locked: { zh: '锁定', en: 'locked' },
  unlocked: { zh: '解锁', en: 'unlocked' },
  unapproved: { zh: '撤销审核', en: 'unapproved' },
  refused: { zh: '拒收', en: 'refused' },
};

/** An event kind's name; a kind this version does not know is shown as stored. */
export function kindName(kind: string): Bilingual {
  return (EVENT_KIND_NAMES as Readonly<Record<string, Bilingual>>)[kind] ?? { zh: kind, en: kind };
}

/**
 * What an event is about, as an office names it: "常州市 2021 第 1 版", "全区 2022", "未归属文件 x.xlsx".
 * `nameOf` gives a unit's name (the zone's code names the whole zone).
 */
export function subjectOf(e: LedgerEvent, nameOf: (code: string) => Bilingual): Bilingual {
  const fileName = typeof e.data.fileName === 'string' ? e.data.fileName : undefined;
  if (e.city === null || e.period === null) {
    const f = fileName ?? e.sha256?.slice(0, 12) ?? '';
    return { zh: `未归属文件 ${f}`, en: `unassigned file ${f}` };
  }
  const n = nameOf(e.city);
  const rev = e.revision === null ? undefined : e.revision;
  const zh = `${n.zh} ${e.period}${rev === undefined ? '' : ` 第 ${rev} 版`}`;
  const en = `${n.en} ${e.period}${rev === undefined ? '' : ` revision ${rev}`}`;
  if (e.kind === 'refused' && fileName)
    return { zh: `${zh}（拒收的 ${fileName}）`, en: `${en} (refused ${fileName})` };
  return { zh, en };
}
