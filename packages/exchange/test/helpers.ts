import { type AggregateResult, aggregate, type SubmissionInput } from '@sunan/aggregate';
import type { Submission } from '@sunan/schema';
import { CITIES, catalogue, reportOf, synthetic } from '@sunan/testkit';

export { CITIES, catalogue };

/** A synthetic city's return as a roll-up input (no workbook: the exchange reads roll-ups only). */
export function input(submission: Submission): SubmissionInput {
  return {
    report: reportOf(submission),
    file: `${submission.city}.json`,
    sha256: submission.city.padEnd(64, '0'),
  };
}

/**
 * Roll-ups of synthetic data: 2021 with all five cities, 2022 without Zhenjiang, so the export has
 * complete and partial zone figures, missing cities and park figures.
 */
export function rollUps(): AggregateResult[] {
  const y2021 = aggregate({ period: '2021', submissions: CITIES.map((c) => input(synthetic(c, '2021'))) });
  const y2022 = aggregate({
    period: '2022',
    submissions: CITIES.filter((c) => c !== '321100').map((c) => input(synthetic(c, '2022'))),
  });
  // Written to and read back from JSON, as `sunan export` reads an aggregate.json.
  return [y2021, y2022].map((r) => JSON.parse(JSON.stringify(r)) as AggregateResult);
}
