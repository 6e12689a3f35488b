/**
 * Exact decimal text, never through binary floats: the figures leave the project as the same digits
 * the roll-up computed.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Digits after the point in a decimal string ("12.50" → 2, "7" → 0). */
export function fractionDigits(value: string): number {
  return DECIMAL.exec(value)?.[3]?.length ?? 0;
}

/**
 * The value written with at least `decimals` digits after the point: shorter fractions are padded
 * with zeros; longer ones are kept as they are, since rounding would change a reported figure.
 * Returns the text and the number of decimals it carries.
 */
export function atDecimals(value: string, decimals: number): { text: string; decimals: number } {
  const m = DECIMAL.exec(value);
  if (!m) return { text: value, decimals: fractionDigits(value) };
  const [, sign = '', whole = '0', fraction = ''] = m;
  const places = Math.max(decimals, fraction.length);
  const text = places === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction.padEnd(places, '0')}`;
  return { text, decimals: places };
}

/**
 * The value times 10^places, moved on the digits ("1350.25", 2 → "135025"; "0.5", 2 → "50"), so a
 * figure in 亿元 becomes millions of yuan with no rounding. Trailing fraction digits are kept.
 */
export function shiftPoint(value: string, places: number): string {
  const m = DECIMAL.exec(value);
  if (!m || places === 0) return value;
  const [, sign = '', whole = '0', fraction = ''] = m;
  const padded = fraction.padEnd(places, '0');
  const intPart = `${whole}${padded.slice(0, places)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(places);
  const text = rest === '' ? intPart : `${intPart}.${rest}`;
  return /^0(\.0*)?$/.test(text) ? text : `${sign}${text}`;
}
