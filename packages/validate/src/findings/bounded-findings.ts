import type { Finding, Severity } from '@sunan/schema/core';
import type { Location } from '../read/parsed-file.js';
import { buildFinding, type FindingDetails } from './build.js';
import { FINDING_CODES, type FindingCode, type FindingParams } from './codes.js';

/** A finding's place and the facts of its message, asked for only when the finding is kept. */
export interface FindingParts<C extends FindingCode> {
  readonly at?: Location | undefined;
  readonly params: FindingParams<C>;
  readonly details?: FindingDetails;
}

/** How many findings of one code and severity were counted but not kept. */
export interface Overflow {
  readonly code: string;
  readonly severity: Severity;
  count: number;
}

/** A list of findings that keeps at most `perKind` of each code and severity, and counts the rest. */
export interface BoundedFindings {
  push(f: Finding): void;
  /**
   * Counts a finding of `code` and `severity`, and makes it (calls `make`) only when it is kept: a
   * check that finds a problem on each of 200,000 rows then builds 1,000 findings, not 200,000
   * (building and dropping them cost a 200,000-row CSV ~80 MB of peak memory).
   */
  add(code: FindingCode, severity: Severity, make: () => Finding): void;
  /** {@link add} for a finding of the code's own severity, made of its parts by `buildFinding`. */
  report<C extends FindingCode>(code: C, parts: () => FindingParts<C>): void;
  /** The findings kept, in the order they came. */
  readonly kept: Finding[];
  /** What was counted beyond `perKind`, per code and severity. */
  overflow(): Overflow[];
}

/**
 * A per-row check on a 250,000-row sheet can find a problem on every row. The report lists at most
 * `maxFindings` findings, errors first, and counts the rest (see capFindings); a finding that is the
 * (perKind + 1)-th of its code and severity can never be listed, since the earlier ones of its kind
 * rank before it. So it is counted here instead of kept: memory stays bounded while the counts in
 * the report stay exact and the listed findings stay the same.
 */
export function boundedFindings(perKind: number): BoundedFindings {
  const kept: Finding[] = [];
  const perKey = new Map<string, Overflow>();
  // Any finding may be pushed (its code was checked where it was built); `add` takes table codes.
  const add = (code: string, severity: Severity, make: () => Finding) => {
    const key = `${code}\u0000${severity}`;
    let o = perKey.get(key);
    if (!o) {
      o = { code, severity, count: 0 };
      perKey.set(key, o);
    }
    // `count` first counts the kept ones, then the overflow: the two are told apart at the end.
    o.count++;
    if (o.count <= perKind) kept.push(make());
  };
  return {
    kept,
    add,
    report: (code, parts) =>
      add(code, FINDING_CODES[code].severity, () => {
        const p = parts();
        return buildFinding(code, p.at, p.params, p.details);
      }),
    push: (f) => add(f.code, f.severity, () => f),
    overflow: () =>
      [...perKey.values()]
        .filter((o) => o.count > perKind)
        .map((o) => ({ code: o.code, severity: o.severity, count: o.count - perKind })),
  };
}
