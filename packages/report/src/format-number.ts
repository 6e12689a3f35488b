/**
 * Numbers as a reader sees them: rounded half-up to a declared precision from the exact decimal
 * text (never through a binary float), with thousands separators, so a column of one indicator
 * always shows the same number of decimals.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Rounds exact decimal text half-up to `decimals` places; undefined when the text is not a decimal. */
export function roundText(value: string, decimals: number): string | undefined {
  const m = DECIMAL.exec(value.trim());
  if (!m) return undefined;
  const [, sign = '', int = '0', frac = ''] = m;
  const padded = frac.padEnd(decimals + 1, '0');
  const digits = BigInt(int + padded.slice(0, decimals));
  const up = Number(padded.charAt(decimals)) >= 5 ? 1n : 0n;
  const scaled = (digits + up).toString().padStart(decimals + 1, '0');
  const whole = scaled.slice(0, scaled.length - decimals) || '0';
  const part = decimals > 0 ? `.${scaled.slice(scaled.length - decimals)}` : '';
  const isZero = /^0*$/.test(whole + part.slice(1));
  return `${sign && !isZero ? '-' : ''}${whole}${part}`;
}

/** Adds thousands separators to the integer part of plain decimal text. */
export function groupThousands(text: string): string {
  const [int = '', frac] = text.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/**
 * A figure for reading: `decimals` places, thousands separated ("1,350.00"); `—` for no value.
 * Text that is not a decimal is returned as it is.
 */
export function formatNumber(value: string | number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'number' ? String(value) : value;
  const rounded = roundText(text, decimals);
  return rounded === undefined ? text : groupThousands(rounded);
}

/** A percentage share or rate for reading: one decimal, with the sign when asked ("+12.3%"). */
export function formatPercent(value: string | null | undefined, signed = false): string {
  if (value === null || value === undefined) return '—';
  const f = formatNumber(value, 1);
  return `${signed && !f.startsWith('-') && f !== '0.0' ? '+' : ''}${f.replace(/^-/, '−')}%`;
}

/** Excel's number format for `decimals` places with thousands separators. */
export function excelFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}
