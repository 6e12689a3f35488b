import { aggregate } from '@sunan/aggregate';
import { describe, expect, it } from 'vitest';
import { CITIES, handInput } from './helpers.js';

const year = (period: string, projects: number[]) =>
  CITIES.map((c, k) =>
    handInput(c, { CORE_TECH_PROJECTS: String(projects[k] ?? 0), TECH_CONTRACT: String(200 + k) }, period),
  );

describe('targets', () => {
  it('tracks a cumulative target as the running sum over the plan’s periods', () => {
    // 2020: 10+10+10+10+10 = 50; 2021: 12·5 = 60; 2022: 14·5 = 70 → 180 of ≈180 = 100 %.
    const result = aggregate({
      submissions: year('2022', [14, 14, 14, 14, 14]),
      previous: year('2021', [12, 12, 12, 12, 12]),
      history: [{ period: '2020', submissions: year('2020', [10, 10, 10, 10, 10]) }],
      period: '2022',
    });
    const t = result.targets.find((x) => x.id === 'SUNAN-2022-CORE_TECH_PROJECTS');
    expect(t).toMatchObject({
      value: '180',
      target: '180',
      approximate: true,
      achievedPercent: '100.00',
      gap: '0',
      status: 'met',
      valueStatus: 'complete',
    });
    expect(t?.cumulative).toEqual({ from: '2020', to: '2022', periods: ['2020', '2021', '2022'] });
    expect(result.indicators.find((i) => i.code === 'CORE_TECH_PROJECTS')?.zone.cumulative).toEqual({
      value: '180',
      from: '2020',
      to: '2022',
      missingPeriods: [],
    });
  });

  it('marks a cumulative figure partial when a plan year is missing', () => {
    const result = aggregate({
      submissions: year('2022', [14, 14, 14, 14, 14]),
      previous: year('2021', [12, 12, 12, 12, 12]),
      period: '2022',
    });
    const t = result.targets.find((x) => x.id === 'SUNAN-2022-CORE_TECH_PROJECTS');
    expect(t).toMatchObject({ value: '130', valueStatus: 'partial', status: 'not-met', gap: '50' });
    expect(
      result.indicators.find((i) => i.code === 'CORE_TECH_PROJECTS')?.zone.cumulative?.missingPeriods,
    ).toEqual(['2020']);
  });

  it('gives value, target, percent achieved and gap: 200+201+202+203+204 = 1010 of 1350 亿元', () => {
    const result = aggregate({ submissions: year('2022', [1, 1, 1, 1, 1]), period: '2022' });
    expect(result.targets.find((x) => x.id === 'SUNAN-2022-TECH_CONTRACT')).toMatchObject({
      value: '1010',
      target: '1350',
      achievedPercent: '74.81',
      gap: '340',
      status: 'not-met',
      reference: false,
    });
    // Province 2025 targets appear only as references for intensive indicators, never for sums.
    expect(result.targets.some((x) => x.id === 'JS-2025-TECH_CONTRACT')).toBe(false);
    expect(result.targets.find((x) => x.id === 'JS-2025-RD_INTENSITY')?.reference).toBe(true);
  });
});

describe('growth', () => {
  it('gives year-on-year growth per city and zone, and flags a city far from the others', () => {
    const now = CITIES.map((c, k) => handInput(c, { TECH_CONTRACT: String([110, 106, 108, 300, 107][k]) }));
    const before = CITIES.map((c) => handInput(c, { TECH_CONTRACT: '100' }, '2021'));
    const result = aggregate({ submissions: now, previous: before, period: '2022' });
    const ind = result.indicators.find((i) => i.code === 'TECH_CONTRACT');
    expect(ind?.cities['320500']?.growth).toBe('200.00');
    expect(ind?.zoneGrowth).toBe('46.20'); // 731 / 500 − 1
    const outliers = result.findings.filter((f) => f.code === 'AGG_GROWTH_OUTLIER');
    expect(outliers.map((f) => f.orgUnit)).toEqual(['320500']);
  });
});
