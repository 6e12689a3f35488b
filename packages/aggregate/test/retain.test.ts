import { aggregate, retainedInput, type SubmissionInput } from '@sunan/aggregate';
import { enterpriseLocation } from '@sunan/validate';
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
  it('hold each listed enterprise as a line number and name each cell exactly', () => {
    for (const input of inputs) {
      const locations = input.report.enterpriseLocations;
      expect(locations.kind).toBe('lines');
      const n = input.report.submission?.enterprises.length ?? 0;
      expect(n).toBeGreaterThan(10);
      const kept = retain(input);
      expect(kept.report.submission?.enterprises).toEqual([]);
      expect(kept.listed?.length).toBe(n);
      for (let i = 0; i < n; i++) {
        const cell = enterpriseLocation(kept.report.enterpriseLocations, i)?.cell;
        // The credit-code column, on the enterprise's own line of the list sheet.
        expect(cell).toMatch(/^A\d+$/);
        expect(kept.listed?.creditCode(i)).toBe(input.report.submission?.enterprises[i]?.creditCode);
      }
      expect(enterpriseLocation(kept.report.enterpriseLocations, n)).toBeUndefined();
    }
  });

  it('give the same roll-up, cross-city findings and their cells included', () => {
    const full = aggregate({ submissions: inputs, period: '2022' });
    const compact = aggregate({ submissions: inputs.map(retain), period: '2022' });
    expect(compact).toEqual(full);
    const dup = full.findings.filter((f) => f.code === 'XCITY_DUPLICATE_ENTERPRISE');
    expect(dup).toHaveLength(1);
    // Changzhou (320400) comes first; the finding is at Zhenjiang's fourth enterprise: the header
    // is line 1, so line 5 of its list.
    expect(dup[0]?.cell).toBe('A5');
    expect(dup[0]?.orgUnit).toBe('321100');
  });

  it('read locations stored by earlier versions as a plain array', () => {
    const report = reportOf(synthetic('320500'));
    const places = report.enterpriseLocations.kind === 'places' ? report.enterpriseLocations.places : [];
    expect(enterpriseLocation(places, 2)).toEqual({ path: '$.enterprises[2]' });
    expect(enterpriseLocation(report.enterpriseLocations, 2)).toEqual({ path: '$.enterprises[2]' });
  });
});
