import { findIndicator, sunanCatalogue } from '@sunan/schema';
import { describe, expect, it } from 'vitest';

// The 2022 zone target table of shared/domain.md (from seed 000), copied row by row.
// Units are the table's, mapped to the catalogue's canonical unit where the table writes the
// count noun only (65 件 per 10,000 residents is 件/万人).
const DOMAIN_2022: Array<[indicator: string, value: string, unit: string, approximate: boolean]> = [
  ['RD_INTENSITY', '3.2', '%', false],
  ['PATENTS_PER_10K', '65', '件/万人', false],
  ['ST_PROGRESS_CONTRIB', '66', '%', false],
  ['NAT_KEY_LABS', '38', '家', true],
  ['TECH_CONTRACT', '1350', '亿元', false],
  ['CORE_TECH_PROJECTS', '180', '项', true],
  ['MAJOR_RESULTS_TRANSFERRED', '120', '项', false],
  ['MAJOR_INNOVATION_PRODUCTS', '100', '个', false],
  ['TOP_CATEGORY_PARKS', '11', '家', false],
  ['HTE_COUNT', '21000', '家', false],
  ['UNICORNS', '10', '家', false],
  ['GAZELLES', '360', '家', false],
  ['PROV_LITTLE_GIANTS', '500', '家', false],
  ['NAT_LITTLE_GIANTS_CHAMPIONS', '50', '家', false],
  ['NAT_CLUSTER_PILOTS', '10', '家', true],
  ['CROSS_BORDER_RD_PROJECTS', '150', '项', false],
  ['NAT_INCUBATORS', '340', '家', true],
  ['HIGH_LEVEL_TALENT', '10000', '人', false],
];

// Province figures of domain.md (seed 003): 2016–2020 targets and results, and 2025 targets.
const PROVINCE_2020: Array<[string, string, string]> = [
  ['RD_INTENSITY', '2.8', '2.85'],
  ['ST_PROGRESS_CONTRIB', '65', '65.1'],
  ['RD_PERSONNEL_PER_10K_EMPLOYED', '140', '140'],
  ['PATENTS_PER_10K', '20', '36.1'],
  ['HTE_COUNT', '15000', '32000'],
  ['HT_INDUSTRY_OUTPUT_SHARE', '45', '46.5'],
  ['ST_SERVICES_REVENUE', '10000', '10000'],
  ['TECH_CONTRACT', '1000', '2335'],
];
const PROVINCE_2025: Array<[string, string, boolean]> = [
  ['RD_INTENSITY', '3.2', false],
  ['RD_EXP_GROWTH', '6.5', true],
  ['ST_PROGRESS_CONTRIB', '70', false],
  ['HT_INDUSTRY_OUTPUT_SHARE', '50', true],
  ['HTE_PROFIT_SHARE', '55', false],
  ['TECH_CONTRACT', '3500', false],
  ['RD_PERSONNEL_PER_10K_LABOUR', '200', false],
  ['HV_PATENTS_PER_10K', '17', false],
  ['ENTERPRISE_RD_EXP_SHARE', '85', true],
  ['ENTERPRISE_RD_PERSONNEL_SHARE', '85', true],
  ['ABOVE_SCALE_RD_INTENSITY', '2.3', true],
  ['TECH_SMES', '60000', false],
  ['VC_UNDER_MANAGEMENT', '3000', false],
];

describe('targets data', () => {
  const catalogue = sunanCatalogue();
  const find = (org: string, period: string, indicator: string) =>
    catalogue.targets.filter((t) => t.orgUnit === org && t.period === period && t.indicator === indicator);

  it.each(DOMAIN_2022)(
    'zone 2022 target %s = %s %s (approximate: %s)',
    (indicator, value, unit, approximate) => {
      const [t, ...rest] = find('SUNAN', '2022', indicator);
      expect(rest).toEqual([]);
      expect(t).toMatchObject({ value, unit, approximate });
      expect(findIndicator(catalogue, indicator)?.unit).toBe(unit);
    },
  );

  it('marks the plan-period targets as cumulative over 2020–2022', () => {
    const cumulative = catalogue.targets
      .filter((t) => t.cumulative)
      .map((t) => t.indicator)
      .sort();
    expect(cumulative).toEqual(
      [
        'CORE_TECH_PROJECTS',
        'CROSS_BORDER_RD_PROJECTS',
        'HIGH_LEVEL_TALENT',
        'MAJOR_INNOVATION_PRODUCTS',
        'MAJOR_RESULTS_TRANSFERRED',
      ].sort(),
    );
    for (const t of catalogue.targets.filter((x) => x.cumulative)) {
      expect(t.cumulative).toEqual({ from: '2020', to: '2022' });
      expect(findIndicator(catalogue, t.indicator)?.aggregation.kind).toBe('cumulative-sum');
    }
  });

  it.each(PROVINCE_2020)('province 2016–2020 target %s = %s, achieved %s', (indicator, value, outcome) => {
    const [t] = find('320000', '2020', indicator);
    expect(t?.value).toBe(value);
    expect(t?.outcome?.value).toBe(outcome);
  });

  it('records "超过" (more than) results as a qualifier, not a rounded number', () => {
    expect(find('320000', '2020', 'HTE_COUNT')[0]?.outcome?.qualifier).toBe('more-than');
    expect(find('320000', '2020', 'TECH_CONTRACT')[0]?.outcome?.qualifier).toBe('exactly');
  });

  it.each(PROVINCE_2025)(
    'province 2025 target %s = %s (approximate: %s)',
    (indicator, value, approximate) => {
      const [t] = find('320000', '2025', indicator);
      expect(t).toMatchObject({ value, approximate });
    },
  );

  it('gives 2025 targets the 2020 result as baseline where the seed has one', () => {
    expect(find('320000', '2025', 'RD_INTENSITY')[0]?.baseline).toEqual({ period: '2020', value: '2.85' });
    expect(find('320000', '2025', 'TECH_CONTRACT')[0]?.baseline).toEqual({ period: '2020', value: '2335' });
  });
});
