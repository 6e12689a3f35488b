import type { Finding } from '@sunan/schema';
import { finding } from '@sunan/validate';

const NON_FINITE = /Infinity|NaN/;

/** A copy of `value` with every non-finite number or numeric text replaced by null, and where they were. */
function scrub(value: unknown, path: string, found: string[]): unknown {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    found.push(path);
    return null;
  }
  if (typeof value === 'string') {
    if (!NON_FINITE.test(value)) return value;
    found.push(path);
    return null;
  }
  if (Array.isArray(value)) return value.map((v, i) => scrub(v, `${path}[${i}]`, found));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrub(v, `${path}.${k}`, found);
    return out;
  }
  return value;
}

/**
 * The last line of defence of the roll-up's computed figures: no `Infinity` or `NaN` ever reaches
 * an output (a reader would take the word for data). A figure that is not finite — a division by a
 * zero total, a value that overflowed — becomes null, and each becomes an error finding at its path.
 */
export function guardFinite<T extends object>(section: T, path: string): { value: T; findings: Finding[] } {
  const found: string[] = [];
  const value = scrub(section, path, found) as T;
  return {
    value,
    findings: found.map((p) =>
      finding(
        'AGG_NOT_FINITE',
        'error',
        {
          zh: '计算结果不是有限数（如除以零），已置为空',
          en: 'A computed figure is not a finite number (e.g. a division by zero); it is left empty',
        },
        { path: p, expected: '有限数 / a finite number' },
      ),
    ),
  };
}
