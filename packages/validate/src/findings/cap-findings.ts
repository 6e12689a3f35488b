import type { Finding, Severity } from '@sunan/schema/core';
import { SHEET } from '../read/layout.js';
import type { Overflow } from './bounded-findings.js';
import { buildFinding } from './build.js';
import { codeDoc } from './codes.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Keeps at most `max` findings — those outside the enterprise list first (a long list's rows never
 * push the 指标 sheet's findings out), then errors, warnings, infos — and replaces the rest
 * with one `FINDINGS_TRUNCATED` finding that counts them per code, so that a file with 10⁶ problems
 * gives a report of bounded size and nothing is dropped without a word. The counts in the report's
 * stats are taken before capping. `overflow` counts findings that checks counted without keeping
 * (see boundedFindings); they are never listed.
 */
export function capFindings(
  findings: readonly Finding[],
  max: number,
  overflow: readonly Overflow[] = [],
): Finding[] {
  if (findings.length <= max && overflow.length === 0) return [...findings];
  const ranked = findings.map((f, i) => ({ f, i }));
  const list = (f: Finding) => (f.sheet === SHEET.enterprises ? 1 : 0);
  ranked.sort((a, b) => list(a.f) - list(b.f) || RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i);
  const kept: Finding[] = [];
  const rest = new Map<string, number>();
  let worst: Severity = 'info';
  for (const [n, { f }] of ranked.entries()) {
    if (n < max) {
      kept.push(f);
      continue;
    }
    rest.set(f.code, (rest.get(f.code) ?? 0) + 1);
    if (RANK[f.severity] < RANK[worst]) worst = f.severity;
  }
  let dropped = Math.max(0, findings.length - max);
  for (const o of overflow) {
    rest.set(o.code, (rest.get(o.code) ?? 0) + o.count);
    if (RANK[o.severity] < RANK[worst]) worst = o.severity;
    dropped += o.count;
  }
  const counts = [...rest].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const perCode = counts.map(([code, count]) => `${code} ×${count}`).join(', ');
  // The sentence names what the codes mean; the codes stay in `value`.
  const said = (lang: 'zh' | 'en') =>
    counts
      .map(([code, count]) => `${codeDoc(code)?.[lang] ?? code} ×${count}`)
      .join(lang === 'zh' ? '，' : ', ');
  kept.push(
    buildFinding(
      'FINDINGS_TRUNCATED',
      undefined,
      { max, dropped, said: { zh: said('zh'), en: said('en') } },
      { severity: worst, value: perCode, expected: `≤ ${max}` },
    ),
  );
  return kept;
}

/** Appends a list without spreading it into call arguments (which overflows the stack past ~10⁵ items). */
export function append<T>(target: T[], items: Iterable<T>): void {
  for (const x of items) target.push(x);
}
