/** China's offset from UTC: Asia/Shanghai keeps no daylight saving, so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The calendar day (`yyyy-MM-dd`) an instant falls on in China. Computed from the instant alone,
 * so the machine's own time zone never moves a receipt across midnight.
 */
export function shanghaiDate(iso: string): string {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from day `a` to day `b` (`yyyy-MM-dd`): positive when `b` is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
