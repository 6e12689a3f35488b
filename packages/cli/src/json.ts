import { beijingIso } from '@sunan/schema';

/** An instant as the ledger and the file system give it: ISO 8601 in UTC. */
const UTC_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z$/;

/**
 * A command's JSON output, indented, with every UTC instant in it written in Beijing time with
 * its offset ("2026-12-04T10:02:05.123+08:00"): the same instant a machine reads, the clock the
 * offices read. Ledger archives keep the stored UTC text (their hash chain covers it); they do
 * not go through here.
 */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'string' && UTC_INSTANT.test(v) ? beijingIso(v) : v),
    2,
  )}\n`;
}
