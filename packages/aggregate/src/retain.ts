import type { EnterpriseRow } from '@sunan/schema';
import type { Location, ValidationReport } from '@sunan/validate';
import type { ListedEnterprises, SubmissionInput } from './source.js';

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

/** Texts joined into one string, each found again by its end offset. */
function joined(texts: readonly string[]): (i: number) => string {
  const ends = new Int32Array(texts.length);
  let at = 0;
  texts.forEach((t, i) => {
    at += t.length;
    ends[i] = at;
  });
  const all = texts.join('');
  return (i) => all.slice(i === 0 ? 0 : (ends[i - 1] as number), ends[i]);
}

/**
 * The listed enterprises' codes and names in two strings: 100,000 enterprises kept by the roll-up
 * cost ~4 MB instead of ~12 MB of objects while the other files are read.
 */
function packedListing(enterprises: readonly EnterpriseRow[]): ListedEnterprises {
  const creditCode = joined(enterprises.map((e) => e.creditCode));
  const name = joined(enterprises.map((e) => e.name));
  return { length: enterprises.length, creditCode, name };
}

/**
 * A validated file as the roll-up keeps it while it reads the others: the report without its
 * per-row location objects (one per listed enterprise — 100,000 in a large city's list), which are
 * packed into row numbers and rebuilt only for the rows a cross-city finding names, and without its
 * enterprise objects, whose codes and names (all the cross-city check reads) are packed into two
 * strings; park, certificate and year stay in the file and the validation's own report.
 */
export function retainedInput(
  report: ValidationReport,
  file: string,
  sha256: string,
  submittedAt?: string,
): SubmissionInput {
  const at = packed(report.enterpriseLocations);
  const submission = report.submission;
  const listing =
    submission && submission.enterprises.length > 0
      ? {
          submission: { ...submission, enterprises: [] },
          listed: packedListing(submission.enterprises),
        }
      : undefined;
  const base = {
    file,
    sha256,
    ...(submittedAt ? { submittedAt } : {}),
    ...(listing ? { listed: listing.listed } : {}),
  };
  const compact = listing ? { ...report, submission: listing.submission } : report;
  return at
    ? { ...base, report: { ...compact, enterpriseLocations: [] }, enterpriseAt: at }
    : { ...base, report: compact };
}
