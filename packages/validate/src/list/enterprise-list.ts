import type { EnterpriseRow, Submission } from '@sunan/schema/core';
import type { TextList } from './packed-texts.js';

/**
 * The enterprises of a submission, one at a time, in the order of `submission.enterprises`. For a
 * report's submission it reads them from what the reader kept, without making the list's objects.
 */
export interface EnterpriseList {
  readonly length: number;
  /** Enterprise `i` as in `submission.enterprises[i]` (a fresh object each call). */
  row(i: number): EnterpriseRow;
  /** Its credit code, as normalised by the checks. */
  creditCode(i: number): string;
  /** Its name ('' when the row had none). */
  name(i: number): string;
  /** The names alone, compact: what the roll-up keeps of a file without holding the rest of its report. */
  readonly names: TextList;
}

/** A list already made as objects (a submission from JSON, a test's, one read back from a ledger). */
function listOf(rows: readonly EnterpriseRow[]): EnterpriseList {
  return {
    length: rows.length,
    row: (i) => rows[i] as EnterpriseRow,
    creditCode: (i) => (rows[i] as EnterpriseRow).creditCode,
    name: (i) => (rows[i] as EnterpriseRow).name,
    names: { length: rows.length, at: (i) => (rows[i] as EnterpriseRow).name },
  };
}

/** A list of none. */
export const EMPTY_LIST: EnterpriseList = listOf([]);

/** Submissions whose `enterprises` are not made yet, and where they will be read from. */
const unmade = new WeakMap<Submission, EnterpriseList>();

/**
 * `fields` as a submission whose `enterprises` are made from `list` when first read (then kept):
 * reading, spreading, serialising or cloning the submission sees the same array as ever. A command
 * that only reports findings, and the roll-up (which reads codes and names through
 * {@link enterpriseList}), never make 100,000 objects and their strings — which, surviving V8's young
 * collections, also grew its young generation to its maximum (+35 MiB for a 100,000-row list).
 */
export function withEnterprisesWhenRead(
  fields: Omit<Submission, 'enterprises'>,
  list: EnterpriseList,
): Submission {
  const submission = { ...fields } as Submission;
  // Made or replaced, the array is the list from then on (a caller may change it).
  const settle = (enterprises: EnterpriseRow[]): EnterpriseRow[] => {
    Object.defineProperty(submission, 'enterprises', {
      value: enterprises,
      enumerable: true,
      configurable: true,
      writable: true,
    });
    unmade.delete(submission);
    return enterprises;
  };
  Object.defineProperty(submission, 'enterprises', {
    enumerable: true,
    configurable: true,
    get: () => settle(Array.from({ length: list.length }, (_, i) => list.row(i))),
    set: settle,
  });
  unmade.set(submission, list);
  return submission;
}

/**
 * The enterprises of `submission` one at a time; for a report's submission whose list was not read
 * yet, without making its objects (what the roll-up keeps of each file: codes and names).
 */
export function enterpriseList(submission: Submission): EnterpriseList {
  return unmade.get(submission) ?? listOf(submission.enterprises);
}
