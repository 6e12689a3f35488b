import { type Bilingual, kindName, type Ledger, type LedgerEvent, subjectOf } from '@sunan/ledger';
import { beijingIso } from '@sunan/schema';
import type { Lang } from '../lang.js';
import { safeLine } from '../terminal-text.js';

/**
 * A ledger time (ISO 8601, UTC) in Beijing time to the second: "2026-12-04 10:05:03", from the one
 * shared clock of `@sunan/schema` (the machine's own zone never shows through).
 */
export function beijingSeconds(at: string): string {
  const iso = beijingIso(at);
  return iso === at ? at : iso.slice(0, 19).replace('T', ' ');
}

/** A ledger time as ISO 8601 with the +08:00 offset, for JSON readers (the shared `beijingIso`). */
export const beijingOffsetIso: (at: string) => string = beijingIso;

/** One line of `sunan ledger log`, as JSON. */
export interface LogEntry {
  readonly seq: number;
  /** ISO 8601 with offset, Beijing time. */
  readonly at: string;
  /** As stored (UTC). */
  readonly atUtc: string;
  readonly by: string;
  readonly kind: string;
  readonly what: Bilingual;
  readonly city: string | null;
  readonly cityName: Bilingual | null;
  readonly period: string | null;
  readonly revision: number | null;
  /** What the event is about: "常州市 2021 第 1 版". */
  readonly subject: Bilingual;
  /** Why: the reason given, or the refusal, or for a file its name and counts. */
  readonly why: Bilingual | null;
  readonly fileName: string | null;
  readonly sha256: string | null;
  readonly hash: string;
}

function whyOf(e: LedgerEvent): Bilingual | null {
  const d = e.data as Record<string, unknown>;
  if (e.kind === 'refused' && typeof d.message === 'object' && d.message !== null) {
    const m = d.message as Bilingual;
    return { zh: `${String(d.code)}：${m.zh}`, en: `${String(d.code)}: ${m.en}` };
  }
  if (e.reason) return { zh: e.reason, en: e.reason };
  if (e.kind === 'duplicate' && typeof d.firstSeq === 'number')
    return { zh: `与第 ${d.firstSeq} 号事件的文件完全相同`, en: `the same bytes as event ${d.firstSeq}` };
  if (typeof d.errors === 'number' && typeof d.warnings === 'number')
    return { zh: `错误 ${d.errors}，警告 ${d.warnings}`, en: `${d.errors} errors, ${d.warnings} warnings` };
  return null;
}

/** The events as log entries. */
export function logEntries(ledger: Ledger, events: readonly LedgerEvent[]): LogEntry[] {
  const name = (c: string) => ledger.nameOf(c);
  return events.map((e) => ({
    seq: e.seq,
    at: beijingOffsetIso(e.at),
    atUtc: e.at,
    by: e.actor,
    kind: e.kind,
    what: kindName(e.kind),
    city: e.city,
    cityName: e.city === null ? null : name(e.city),
    period: e.period,
    revision: e.revision,
    subject: subjectOf(e, name),
    why: whyOf(e),
    fileName: typeof e.data.fileName === 'string' ? e.data.fileName : null,
    sha256: e.sha256,
    hash: e.hash,
  }));
}

/** The log as text: one line per event, times in Beijing time (the header says so). */
export function logText(entries: readonly LogEntry[], lang: Lang): string {
  const zh = lang === 'zh';
  const say = (m: Bilingual) => (zh ? m.zh : m.en);
  const head = zh
    ? `台账记录 ${entries.length} 条（时间为北京时间 UTC+8）`
    : `${entries.length} ledger events (times in Beijing time, UTC+8)`;
  const lines = entries.map((e) => {
    const file = e.fileName && e.kind !== 'refused' ? `  ${zh ? '文件' : 'file'} ${e.fileName}` : '';
    const why = e.why ? `  ${zh ? '说明' : 'why'}: ${say(e.why)}` : '';
    return safeLine(
      `#${e.seq}  ${beijingSeconds(e.atUtc)} UTC+8  ${e.by}  ${say(e.what)}  ${say(e.subject)}${file}${why}`,
    );
  });
  return `${[head, ...lines].join('\n')}\n`;
}
