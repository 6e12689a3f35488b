// @time-zones: period starts, ends and deadlines
import {
  childrenOf,
  formatPeriod,
  parsePeriod,
  periodEnd,
  periodStart,
  previousPeriod,
  resolveOrgUnit,
  samePeriodLastYear,
  submissionDeadline,
  sunanCatalogue,
  unitsAt,
} from '@sunan/schema';
import { afterAll, describe, expect, it } from 'vitest';

const ZONES = ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'];
const original = process.env.TZ;
afterAll(() => {
  process.env.TZ = original;
});

const p = (s: string) => {
  const r = parsePeriod(s);
  if (!r) throw new Error(`test setup: ${s} did not parse`);
  return r;
};

describe.each(ZONES)('periods in time zone %s', (tz) => {
  it('parses, formats and steps periods the same everywhere', () => {
    process.env.TZ = tz;
    expect(formatPeriod(p('2022'))).toBe('2022');
    expect(formatPeriod(p('２０２２年'))).toBe('2022');
    expect(formatPeriod(p('2022年第3季度'))).toBe('2022Q3');
    expect(formatPeriod(p('2022-q3'))).toBe('2022Q3');
    expect(formatPeriod(previousPeriod(p('2022Q1')))).toBe('2021Q4');
    expect(formatPeriod(previousPeriod(p('2022Q3')))).toBe('2022Q2');
    expect(formatPeriod(previousPeriod(p('2022')))).toBe('2021');
    expect(formatPeriod(samePeriodLastYear(p('2022Q3')))).toBe('2021Q3');
    expect(periodStart(p('2024Q1'))).toBe('2024-01-01');
    expect(periodEnd(p('2024Q1'))).toBe('2024-03-31');
    expect(periodEnd(p('2022'))).toBe('2022-12-31');
    expect(submissionDeadline(p('2022'))).toBe('2023-03-31');
    expect(submissionDeadline(p('2022Q4'))).toBe('2023-01-20');
    expect(submissionDeadline(p('2022'), { annualDeadlineMonths: 2, quarterlyDeadlineDays: 20 })).toBe(
      '2023-02-28',
    );
  });

  it('rejects what is not a period', () => {
    process.env.TZ = tz;
    for (const bad of ['22', '2022Q5', 'Q3', '2022-13', '', '二〇二二'])
      expect(parsePeriod(bad)).toBeUndefined();
  });
});

describe('org-unit registry', () => {
  const { orgUnits } = sunanCatalogue();
  it('has the five cities with their GB/T 2260 codes', () => {
    expect(unitsAt(orgUnits, 'city', p('2022')).map((u) => [u.code, u.name.zh])).toEqual([
      ['320100', '南京市'],
      ['320200', '无锡市'],
      ['320400', '常州市'],
      ['320500', '苏州市'],
      ['321100', '镇江市'],
    ]);
  });
  it('lists the parks named in the seeds under their cities', () => {
    expect(unitsAt(orgUnits, 'park', p('2022'))).toHaveLength(11);
    expect(childrenOf(orgUnits, '320500', p('2022')).map((u) => u.name.zh)).toEqual([
      '苏州工业园区',
      '苏州高新区',
      '昆山高新区',
      '常熟高新区',
    ]);
  });
  it('follows validity dates: a park approved later is absent from earlier periods', () => {
    expect(childrenOf(orgUnits, '320500', p('2014')).map((u) => u.name.zh)).not.toContain('常熟高新区');
    expect(childrenOf(orgUnits, '320500', p('2015')).map((u) => u.name.zh)).toContain('常熟高新区');
  });
  it('resolves a city from its code, Chinese name or pinyin', () => {
    for (const text of ['320500', '苏州', '苏州市', 'suzhou', ' Suzhou '])
      expect(resolveOrgUnit(orgUnits, text)?.code).toBe('320500');
    expect(resolveOrgUnit(orgUnits, '上海')).toBeUndefined();
  });
});
