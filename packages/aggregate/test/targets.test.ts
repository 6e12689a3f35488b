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
    expect(t?.cumulative).toEqual({
      from: '2020',
      to: '2022',
      periods: ['2020', '2021', '2022'],
      missingPeriods: [],
      remainingPeriods: [],
    });
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
    // 130 of 180 without 2020 is a partial sum: it cannot be called missed.
    expect(t).toMatchObject({ value: '130', valueStatus: 'partial', status: 'incomplete', gap: '50' });
    expect(t?.cumulative?.missingPeriods).toEqual(['2020']);
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

describe('targets for a later period: judged on their path, never missed early', () => {
  it('a cumulative target in its middle year is on or behind the straight line from 0', () => {
    // 2020–2022, ≈180 projects: in 2021 the path stands at 180 × 2/3 = 120.
    const on = aggregate({
      submissions: year('2021', [13, 13, 13, 13, 13]),
      previous: year('2020', [12, 12, 12, 12, 12]),
      period: '2021',
    });
    const t = on.targets.find((x) => x.id === 'SUNAN-2022-CORE_TECH_PROJECTS');
    expect(t).toMatchObject({ value: '125', status: 'on-track', valueStatus: 'complete' });
    expect(t?.trajectory).toMatchObject({ rule: 'linear', baselinePeriod: '2019', baselineSource: 'zero' });
    expect(t?.trajectory?.expected).toBe('120');
    expect(t?.cumulative?.remainingPeriods).toEqual(['2022']);
    const behind = aggregate({
      submissions: year('2021', [11, 11, 11, 11, 11]),
      previous: year('2020', [12, 12, 12, 12, 12]),
      period: '2021',
    });
    expect(behind.targets.find((x) => x.id === 'SUNAN-2022-CORE_TECH_PROJECTS')?.status).toBe('behind');
  });

  it('the province’s 2025 targets in 2022 run from the plan’s 2020 baseline: 2.85 → 3.2 stands at 2.99 in 2022', () => {
    // R&D 3 % of GDP in every city: 3.00 ≥ 2.85 + 0.35 × 2/5 = 2.99 → on track; 2.9 % → behind.
    const at = (share: number) =>
      aggregate({
        submissions: CITIES.map((c) => handInput(c, { RD_EXP: String(share), GDP: '100' })),
        period: '2022',
      }).targets.find((x) => x.id === 'JS-2025-RD_INTENSITY');
    expect(at(3)).toMatchObject({ status: 'on-track', reference: true });
    expect(at(3)?.trajectory).toEqual({
      rule: 'linear',
      baselinePeriod: '2020',
      baselineValue: '2.85',
      baselineSource: 'plan',
      expected: '2.99',
    });
    expect(at(2.9)?.status).toBe('behind');
    expect(at(3.3)?.status).toBe('on-track');
  });

  it('without a stated baseline the zone’s own earliest figure starts the path; without any, it cannot be judged', () => {
    const now = CITIES.map((c) => handInput(c, { HV_PATENTS: '1000', POP_RESIDENT: '100' })); // 10 per 10k
    const then = CITIES.map((c) => handInput(c, { HV_PATENTS: '500', POP_RESIDENT: '100' }, '2020')); // 5
    const withHistory = aggregate({
      submissions: now,
      period: '2022',
      history: [{ period: '2020', submissions: then }],
    }).targets.find((x) => x.id === 'JS-2025-HV_PATENTS_PER_10K');
    // 5 + (17 − 5) × 2/5 = 9.8 ≤ 10 → on track.
    expect(withHistory).toMatchObject({ status: 'on-track' });
    expect(withHistory?.trajectory).toMatchObject({
      baselinePeriod: '2020',
      baselineSource: 'zone',
      expected: '9.8',
    });
    const alone = aggregate({ submissions: now, period: '2022' }).targets.find(
      (x) => x.id === 'JS-2025-HV_PATENTS_PER_10K',
    );
    expect(alone).toMatchObject({ status: 'incomplete', trajectory: null });
  });
});
