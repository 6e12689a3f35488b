import type { Submission } from '@sunan/schema';
import { type EnterpriseList, enterpriseList, type ValidationReport } from '@sunan/validate';
import type { ListedEnterprises, SubmissionInput } from './source.js';

/**
 * The listed enterprises' codes and names as the roll-up keeps them: the codes as the checks left
 * them (strings whose hashes the duplicate check already computed, which the cross-city check's map
 * then reuses), the names as the list's own packed view (typed chunks, ~2 MB for 100,000 names,
 * read only for a finding). Read through {@link enterpriseList}, which for a fresh report never makes
 * the list's objects.
 */
function listing(list: EnterpriseList): ListedEnterprises {
  const codes: string[] = [];
  for (let i = 0; i < list.length; i++) codes.push(list.creditCode(i));
  const { names } = list;
  return { length: list.length, creditCode: (i) => codes[i] as string, name: (i) => names.at(i) };
}

/** The submission with an empty list, copied field by field: spreading it would make the list. */
function withoutEnterprises(s: Submission): Submission {
  const { templateVersion, catalogueVersion, city, period, values } = s;
  return { templateVersion, catalogueVersion, city, period, values, enterprises: [] };
}

/**
 * A validated file as the roll-up keeps it while it reads the others: the report without its list
 * of enterprises (100,000 in a large city's list), of which it keeps the codes and names (all the
 * cross-city check reads; see `listing`); park, certificate and year stay in the file and the
 * validation's own report. The enterprises' locations are already compact
 * (line numbers) in a report of an xlsx list.
 */
export function retainedInput(
  report: ValidationReport,
  file: string,
  sha256: string,
  submittedAt?: string,
): SubmissionInput {
  const submission = report.submission;
  const base = { file, sha256, ...(submittedAt ? { submittedAt } : {}) };
  const list = submission && enterpriseList(submission);
  if (!submission || !list || list.length === 0) return { ...base, report };
  return {
    ...base,
    report: { ...report, submission: withoutEnterprises(submission) },
    listed: listing(list),
  };
}
