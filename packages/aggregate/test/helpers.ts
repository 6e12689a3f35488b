import { fingerprint, type SubmissionInput } from '@sunan/aggregate';
import { parsePeriod, resolveOrgUnit, type Submission, sunanCatalogue } from '@sunan/schema';
import {
  createTemplate,
  syntheticSubmission,
  type ValidationReport,
  validateSubmission,
} from '@sunan/validate';

export const catalogue = sunanCatalogue();
export const CITIES = ['320100', '320200', '320400', '320500', '321100'];

export function synthetic(code: string, period = '2022', scale = 1): Submission {
  const city = resolveOrgUnit(catalogue.orgUnits, code);
  const p = parsePeriod(period);
  if (!city || !p) throw new Error('test setup');
  return syntheticSubmission({ catalogue, city, period: p, scale });
}

/** Writes the submission into a real template workbook, validates it, and wraps it for the roll-up. */
export async function workbookInput(
  submission: Submission,
  file?: string,
  submittedAt?: string,
): Promise<SubmissionInput> {
  const t = await createTemplate({ city: submission.city, period: submission.period, fill: submission });
  if (!t.ok) throw new Error('template');
  const report = validateSubmission(t.bytes, { fileName: file ?? t.fileName });
  return {
    report,
    file: file ?? t.fileName,
    sha256: await fingerprint(t.bytes),
    ...(submittedAt ? { submittedAt } : {}),
  };
}

/** A report for a hand-made submission (no workbook), for arithmetic checks on chosen numbers. */
export function reportOf(submission: Submission, ok = true): ValidationReport {
  return {
    ok,
    file: `${submission.city}.json`,
    format: 'json',
    city: submission.city,
    period: submission.period,
    submission,
    enterpriseLocations: submission.enterprises.map((_, i) => ({ path: `$.enterprises[${i}]` })),
    findings: ok ? [] : [{ code: 'VAL_NOT_NUMBER', severity: 'error', message: { zh: '测试', en: 'test' } }],
    stats: {
      valueRows: submission.values.length,
      values: submission.values.length,
      enterpriseRows: 0,
      enterprises: 0,
      errors: ok ? 0 : 1,
      warnings: 0,
      infos: 0,
    },
  };
}

export function handInput(city: string, values: Record<string, string>, period = '2022'): SubmissionInput {
  const submission: Submission = {
    templateVersion: '1.0',
    catalogueVersion: catalogue.version,
    city,
    period,
    values: Object.entries(values).map(([indicator, value]) => ({ orgUnit: city, indicator, value })),
    enterprises: [],
  };
  return { report: reportOf(submission), file: `${city}.json`, sha256: city.padEnd(64, '0') };
}
