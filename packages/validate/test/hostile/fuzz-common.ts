/** Shared pieces of the fuzz suites: counts from the environment, the integrity property. */
import { readFileSync } from 'node:fs';
import { type ValidationReport, validateSubmission } from '@sunan/validate';
import { expect } from 'vitest';

/**
 * Case counts: the CI numbers times HOSTILE_FUZZ_SCALE (default 1; 0.1 for a quick local
 * run). Each count can also be set on its own (HOSTILE_FUZZ_BYTES, …).
 */
export function fuzzCount(name: 'BYTES' | 'XML' | 'NUMBERS' | 'JSON' | 'BITS', ciDefault: number): number {
  const own = process.env[`HOSTILE_FUZZ_${name}`];
  if (own !== undefined) return Number(own);
  return Math.max(1, Math.round(ciDefault * Number(process.env.HOSTILE_FUZZ_SCALE ?? 1)));
}

/** Seed of a run: HOSTILE_SEED to replay one, else fixed so CI is reproducible. */
export const SEED = Number(process.env.HOSTILE_SEED ?? 14);

export const example = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../../examples/data/2022/${name}`, import.meta.url)));

/** No Infinity or NaN in what the file was read as. */
export function finiteValues(r: ValidationReport): void {
  for (const v of r.submission?.values ?? [])
    if (v.value !== null)
      expect(String(v.value), `${v.orgUnit} ${v.indicator}`).toMatch(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/);
}

/** A damaged copy of `clean` gives the same numbers or an error, never other numbers with ok. */
export function sameOrError(clean: ValidationReport, bytes: Uint8Array): void {
  const r = validateSubmission(bytes);
  finiteValues(r);
  if (r.ok) expect(r.submission).toEqual(clean.submission);
  else expect(r.findings.some((f) => f.severity === 'error')).toBe(true);
}

/** Runs a timed block and prints how long it took (the figures the issue asks for). */
export function timed<T>(label: string, count: number, run: () => T): T {
  const t = performance.now();
  const out = run();
  console.log(`${label}: ${count} cases in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}
