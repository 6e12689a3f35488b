import { aggregate, retainedInput, type SubmissionInput } from '@sunan/aggregate';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportOf, synthetic, workbookInput } from './helpers.js';

// Two cities listing the same enterprise, so the roll-up names a row of each file.
let inputs: SubmissionInput[];
beforeAll(async () => {
  const zhenjiang = synthetic('321100');
  const changzhou = synthetic('320400');
  const first = zhenjiang.enterprises[3];
  const target = changzhou.enterprises[5];
  if (!first || !target) throw new Error('setup');
  changzhou.enterprises[5] = { ...target, creditCode: first.creditCode };
  inputs = [await workbookInput(changzhou), await workbookInput(zhenjiang)];
}, 120_000);

const retain = (i: SubmissionInput) => retainedInput(i.report, i.file, i.sha256, i.submittedAt);

describe('reports kept compact by the roll-up', () => {
  it('keep no location object per listed enterprise, and rebuild each one exactly', () => {
    for (const input of inputs) {
      const kept = retain(input);
      expect(kept.report.enterpriseLocations).toEqual([]);
      expect(input.report.enterpriseLocations.length).toBeGreaterThan(10);
      input.report.enterpriseLocations.forEach((loc, i) => {
        expect(kept.enterpriseAt?.(i)).toEqual(loc);
      });
      expect(kept.enterpriseAt?.(input.report.enterpriseLocations.length)).toBeUndefined();
    }
  });

  it('give the same roll-up, cross-city findings and their cells included', () => {
    const full = aggregate({ submissions: inputs, period: '2022' });
    const compact = aggregate({ submissions: inputs.map(retain), period: '2022' });
    expect(compact).toEqual(full);
    expect(full.findings.filter((f) => f.code === 'XCITY_DUPLICATE_ENTERPRISE')).toHaveLength(1);
  });

  it('leave reports whose locations are not one column of one sheet as they are', () => {
    const report = reportOf(synthetic('320500'));
    const kept = retainedInput(report, 'x.json', '');
    expect(kept.report.enterpriseLocations).toBe(report.enterpriseLocations);
    expect(kept.enterpriseAt).toBeUndefined();
  });
});
