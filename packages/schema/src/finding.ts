import type { Finding } from './zod/finding.js';
import type { Severity } from './zod/rule.js';
import type { LocalizedText } from './zod/text.js';

export type { Finding };

/** Builds a finding; a small helper so every check fills the same fields in the same order. */
export function finding(
  code: string,
  severity: Severity,
  message: LocalizedText,
  details: Omit<Finding, 'code' | 'severity' | 'message'> = {},
): Finding {
  return { code, severity, ...details, message };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Splits an A1 reference into column letters and row number for sorting ("AB12" → ["AB", 12]). */
function cellKey(cell: string | undefined): [number, number] {
  const m = cell ? /^([A-Z]+)(\d+)$/.exec(cell) : null;
  if (!m) return [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  const col = [...(m[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [Number(m[2]), col];
}

/** Orders findings by file, sheet, row, column, then severity and code — a stable, readable order. */
export function compareFindings(a: Finding, b: Finding): number {
  const [ar, ac] = cellKey(a.cell);
  const [br, bc] = cellKey(b.cell);
  return (
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
    (a.row ?? ar) - (b.row ?? br) ||
    ac - bc ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.code.localeCompare(b.code) ||
    (a.indicator ?? '').localeCompare(b.indicator ?? '')
  );
}
