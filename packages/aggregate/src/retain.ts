import type { EnterpriseRow, Submission } from '@sunan/schema';
import type { Location, ValidationReport } from '@sunan/validate';
import type { SubmissionInput } from './source.js';

/** Where each listed enterprise sits, packed: one sheet and column, a row number per enterprise. */
function packed(locations: readonly Location[]): ((i: number) => Location | undefined) | undefined {
  const first = locations[0];
  const column = first?.cell?.match(/^[A-Z]+/)?.[0];
  if (!first || column === undefined || first.path !== undefined || first.row !== undefined) return undefined;
  const rows = new Int32Array(locations.length);
  for (const [i, loc] of locations.entries()) {
    const m = loc.cell?.match(/^([A-Z]+)(\d+)$/);
    if (!m || m[1] !== column || loc.sheet !== first.sheet || loc.path !== undefined || loc.row !== undefined)
      return undefined;
    rows[i] = Number(m[2]);
  }
  const sheet = first.sheet;
  return (i) => (i >= 0 && i < rows.length ? { sheet, cell: `${column}${rows[i]}` } : undefined);
}

/**
 * A validated file as the roll-up keeps it while it reads the others: the report without its
 * per-row location objects (one per listed enterprise — 100,000 in a large city's list), which are
 * packed into row numbers and rebuilt only for the rows a cross-city finding names, and each listed
 * enterprise cut to its code and name.
 */
export function retainedInput(
  report: ValidationReport,
  file: string,
  sha256: string,
  submittedAt?: string,
): SubmissionInput {
  const at = packed(report.enterpriseLocations);
  const base = { file, sha256, ...(submittedAt ? { submittedAt } : {}) };
  const compact = { ...report, submission: listed(report.submission) };
  return at
    ? { ...base, report: { ...compact, enterpriseLocations: [] }, enterpriseAt: at }
    : { ...base, report: compact };
}

/**
 * The submission with each listed enterprise cut to what the roll-up reads: its code and name (the
 * cross-city check); park, certificate and year stay in the file and the validation's own report.
 */
function listed(submission: Submission | undefined): Submission | undefined {
  if (!submission || submission.enterprises.length === 0) return submission;
  const enterprises: EnterpriseRow[] = new Array(submission.enterprises.length);
  submission.enterprises.forEach((e, i) => {
    enterprises[i] = { creditCode: e.creditCode, name: e.name };
  });
  return { ...submission, enterprises };
}
