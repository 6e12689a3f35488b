import {
  type Aggregation,
  aggregationInputs,
  findIndicator,
  isAdditive,
  sunanCatalogue,
} from '@sunan/schema';
import { describe, expect, expectTypeOf, it } from 'vitest';

describe('aggregation rules', () => {
  const catalogue = sunanCatalogue();

  it('points every ratio at an existing, additive numerator and denominator', () => {
    const ratios = catalogue.indicators.filter((i) => i.aggregation.kind === 'ratio');
    expect(ratios.length).toBeGreaterThanOrEqual(10);
    for (const r of ratios) {
      if (r.aggregation.kind !== 'ratio') continue;
      const num = findIndicator(catalogue, r.aggregation.numerator);
      const den = findIndicator(catalogue, r.aggregation.denominator);
      expect(num, `${r.code} numerator`).toBeDefined();
      expect(den, `${r.code} denominator`).toBeDefined();
      expect(isAdditive(num?.aggregation ?? { kind: 'reported' })).toBe(true);
      expect(isAdditive(den?.aggregation ?? { kind: 'reported' })).toBe(true);
      expect(r.code).not.toBe(r.aggregation.numerator);
    }
  });

  it('defines R&D share as Σ R&D expenditure / Σ GDP × 100, and patents per 10k as Σ patents / Σ population', () => {
    expect(findIndicator(catalogue, 'RD_INTENSITY')?.aggregation).toEqual({
      kind: 'ratio',
      numerator: 'RD_EXP',
      denominator: 'GDP',
      scale: '100',
    });
    expect(findIndicator(catalogue, 'PATENTS_PER_10K')?.aggregation).toEqual({
      kind: 'ratio',
      numerator: 'PATENTS_INVENTION',
      denominator: 'POP_RESIDENT',
      scale: '1',
    });
  });

  it('keeps reported indicators out of any sum', () => {
    const reported = catalogue.indicators.filter((i) => i.aggregation.kind === 'reported').map((i) => i.code);
    expect(reported).toContain('ST_PROGRESS_CONTRIB');
    for (const code of reported) {
      expect(isAdditive(findIndicator(catalogue, code)?.aggregation ?? { kind: 'sum' })).toBe(false);
      // No parks ≤ city rule may add up a reported indicator.
      expect(
        catalogue.rules.filter((r) => r.left.kind === 'children-sum' && r.left.indicator === code),
      ).toEqual([]);
    }
    // At the type level, a reported aggregation carries nothing to compute with.
    expectTypeOf<Extract<Aggregation, { kind: 'reported' }>>().toEqualTypeOf<{ kind: 'reported' }>();
    expect(aggregationInputs({ kind: 'reported' })).toEqual([]);
  });

  it('covers the 25 indicators of the seed-004 evaluation system and the 2022 target table', () => {
    const needed = [
      'RD_EXP',
      'RD_INTENSITY',
      'IUR_COOP_RD_EXP',
      'AVG_WAGE',
      'HTE_COUNT',
      'HTE_INCREASE',
      'UNICORNS',
      'GAZELLES',
      'LISTED_COMPANIES',
      'VC_INVESTMENT',
      'NAT_INCUBATORS',
      'EMPLOYMENT_GROWTH',
      'REG_ENTERPRISE_GROWTH',
      'RD_PERSONNEL_SHARE',
      'LABOUR_PRODUCTIVITY',
      'OVERSEAS_RD_INSTITUTES',
      'FOREIGN_IP_PER_10K',
      'RETURNEE_FOREIGN_SHARE',
      'PCT_APPLICATIONS',
      'HT_REVENUE_SHARE',
      'IP_PER_10B_VALUE_ADDED',
      'TECH_CONTRACT',
      'NET_PROFIT_MARGIN',
      'TAX_GROWTH',
      'REVENUE_PER_KM2',
    ];
    expect(needed).toHaveLength(25);
    for (const code of needed) expect(findIndicator(catalogue, code), code).toBeDefined();
  });

  it('gives money indicators exact input-unit factors', () => {
    expect(findIndicator(catalogue, 'TECH_CONTRACT')?.inputUnits).toEqual([
      { unit: '元', factor: '0.00000001' },
      { unit: '万元', factor: '0.0001' },
      { unit: '亿元', factor: '1' },
    ]);
    expect(findIndicator(catalogue, 'AVG_WAGE')?.inputUnits).toContainEqual({ unit: '元', factor: '0.0001' });
  });
});
