// One clock for people: the offices and the centre all work on Beijing time, whatever zone the
// machine that prints is set to. The ledger keeps instants as ISO 8601 UTC; these functions only
// present them. China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact
// for every instant the ledger can hold, and no time-zone database is needed (the browser bundle
// and a Node without full ICU give the same answer).

const OFFSET_MS = 8 * 3600_000;

/** The zone's mark after a time for a reader, Chinese and English. */
export const BEIJING_ZONE = { zh: '北京时间 UTC+8', en: 'Beijing time, UTC+8' } as const;

function shifted(at: string | Date): Date | undefined {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return Number.isNaN(t) ? undefined : new Date(t + OFFSET_MS);
}

/** How much of the zone mark {@link beijingTime} writes: all of it, "UTC+8" alone, or none (a column says it). */
export type ZoneMark = 'full' | 'short' | 'none';

/**
 * An instant for a reader, in Beijing time to the minute with the zone marked:
 * "2026-12-04 10:02（北京时间 UTC+8）", or in English "2026-12-04 10:02 (Beijing time, UTC+8)".
 * Text that is not a time comes back as it is (a report never fails on a bad date).
 */
export function beijingTime(at: string | Date, lang: 'zh' | 'en' = 'zh', mark: ZoneMark = 'full'): string {
  const d = shifted(at);
  if (!d) return typeof at === 'string' ? at : '';
  const text = d.toISOString().slice(0, 16).replace('T', ' ');
  switch (mark) {
    case 'none':
      return text;
    case 'short':
      return `${text} UTC+8`;
    case 'full':
      return lang === 'zh' ? `${text}（${BEIJING_ZONE.zh}）` : `${text} (${BEIJING_ZONE.en})`;
  }
}

/**
 * An instant for a machine reader (JSON outputs): ISO 8601 in Beijing time with its offset,
 * "2026-12-04T10:02:05.123+08:00" — the same instant as the ledger's UTC text, read as people see it.
 * Text that is not a time comes back as it is.
 */
export function beijingIso(at: string | Date): string {
  const d = shifted(at);
  if (!d) return typeof at === 'string' ? at : '';
  return `${d.toISOString().slice(0, 23)}+08:00`;
}
