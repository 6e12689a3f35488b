import type { ValidationReport } from '@sunan/validate';
import { decimalOf, type Q } from './decimal.js';

/**
 * Reads figures out of stored reports, indexing each report's values once: the vintage table asks
 * for every indicator of every revision.
 */
export class ValueReader {
  private readonly index = new Map<string, Map<string, Q>>();

  constructor(private readonly reports: ReadonlyMap<string, ValidationReport>) {}

  /** A unit's figures (indicator → value) in the report stored for a file; empty when none is stored. */
  figures(sha256: string, orgUnit: string): ReadonlyMap<string, Q> {
    const k = `${sha256}\u0000${orgUnit}`;
    const hit = this.index.get(k);
    if (hit) return hit;
    const out = new Map<string, Q>();
    for (const v of this.reports.get(sha256)?.submission?.values ?? []) {
      if (v.orgUnit !== orgUnit) continue;
      const d = decimalOf(v.value);
      if (d) out.set(v.indicator, d);
    }
    this.index.set(k, out);
    return out;
  }

  /** One figure, or undefined when blank or the report is not stored. */
  value(sha256: string, orgUnit: string, indicator: string): Q | undefined {
    return this.figures(sha256, orgUnit).get(indicator);
  }

  /** The stored report of a file. */
  report(sha256: string): ValidationReport | undefined {
    return this.reports.get(sha256);
  }
}
