import type { Submission } from '@sunan/schema';
import { catalogue, city, period as periodOf, syntheticSubmission } from '@sunan/testkit';

const cache = new Map<string, Submission>();

/** A small synthetic submission (few enterprises: the ledger, not the validator, is under test). */
export function small(code: string, period: string): Submission {
  const key = `${code}/${period}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const s = syntheticSubmission({ catalogue, city: city(code), period: periodOf(period), enterprises: 300 });
  cache.set(key, s);
  return s;
}

/**
 * A city's submission as JSON bytes (fast to make; the validator reads JSON like a workbook).
 * `tweak` changes one value so each call can give different bytes (a new revision).
 */
export function jsonSubmission(code: string, period: string, tweak = 0): Uint8Array {
  const s = small(code, period);
  const values = s.values.map((v, i) =>
    i === 0 && tweak !== 0 ? { ...v, value: String(Number(v.value) + tweak) } : v,
  );
  return new TextEncoder().encode(JSON.stringify({ ...s, values }, null, 2));
}
