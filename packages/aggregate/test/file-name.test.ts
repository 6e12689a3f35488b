import { nameMismatch, placeInName } from '@sunan/aggregate';
import { sunanCatalogue } from '@sunan/schema';
import { describe, expect, it } from 'vitest';

const catalogue = sunanCatalogue();

describe('placeInName', () => {
  it('reads the city and period a file name gives', () => {
    expect(placeInName('321100-镇江市-2022-更正.xlsx', catalogue)).toEqual({
      city: '321100',
      period: '2022',
    });
    expect(placeInName('321100-镇江市-2022-第1版.xlsx', catalogue)).toEqual({
      city: '321100',
      period: '2022',
    });
    expect(placeInName('苏州 copy.ods', catalogue)).toEqual({ city: '320500', period: undefined });
    expect(placeInName('wuxi_2022Q3.csv', catalogue)).toEqual({ city: '320200', period: '2022Q3' });
    expect(placeInName('南京2023年第2季度.xlsx', catalogue)).toEqual({ city: '320100', period: '2023Q2' });
    expect(placeInName('320600-南通市-2022.xlsx', catalogue)).toEqual({ city: '320600', period: '2022' });
  });

  it('says nothing about a part the name gives twice, or not at all', () => {
    expect(placeInName('南京-无锡-2022.xlsx', catalogue)).toEqual({ city: undefined, period: '2022' });
    expect(placeInName('320500-2021-2022.xlsx', catalogue)).toEqual({ city: '320500', period: undefined });
    expect(placeInName('report.xlsx', catalogue)).toEqual({ city: undefined, period: undefined });
  });
});

describe('nameMismatch', () => {
  it('names what disagrees', () => {
    const m = nameMismatch(placeInName('苏州 copy.ods', catalogue), '321100', '2022', catalogue);
    expect(m?.zh).toBe('文件名与内容不符：文件名是苏州市，内容是镇江市（321100）');
    const y = nameMismatch(placeInName('320500-苏州市-2022.xlsx', catalogue), '320500', '2021', catalogue);
    expect(y?.en).toContain('the name says 2022, the content 2021');
  });

  it('agrees when the name gives the year of a quarter, or nothing', () => {
    expect(
      nameMismatch(placeInName('320500-2022.xlsx', catalogue), '320500', '2022Q3', catalogue),
    ).toBeUndefined();
    expect(nameMismatch(placeInName('data.xlsx', catalogue), '320500', '2022', catalogue)).toBeUndefined();
  });
});
