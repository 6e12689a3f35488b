import { aggregate } from '@sunan/aggregate';
import { sunanCatalogue } from '@sunan/schema';
import { CITIES, handInput } from '@sunan/testkit';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from '../src/format-number.js';
import { namesForCodes, namesForCodesHtml, unitColor } from '../src/html.js';
import { reportHtml } from '../src/report-html.js';

describe('numbers for reading', () => {
  it('agree with decimal.js half-up rounding, with thousands separators (differential)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        (digits, scale, decimals) => {
          const text = new Decimal(digits.toString()).div(10 ** scale).toFixed(scale);
          const expected = new Decimal(text)
            .toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP)
            .toFixed(decimals);
          const shown = formatNumber(text, decimals);
          // A value that rounds to zero is shown without a sign.
          expect(shown.replace(/,/g, '')).toBe(expected.replace(/^-(0(\.0+)?)$/, '$1'));
          expect(shown).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$/);
        },
      ),
    );
  });

  it('keep one number of decimals per indicator, and sign growth', () => {
    expect(formatNumber('1350', 2)).toBe('1,350.00');
    expect(formatNumber('3186.5', 2)).toBe('3,186.50');
    expect(formatNumber('0.125', 2)).toBe('0.13');
    expect(formatNumber(null, 2)).toBe('—');
    expect(formatPercent('12.345', true)).toBe('+12.3%');
    expect(formatPercent('-4.06', true)).toBe('−4.1%');
  });
});

describe('names for codes', () => {
  const catalogue = sunanCatalogue();
  it('replaces standalone indicator codes, keeps file names and bracketed codes', () => {
    expect(namesForCodes('SUNAN TECH_CONTRACT：计算值 3186.5', catalogue)).toBe(
      '全区 技术市场合同成交额：计算值 3186.5',
    );
    expect(namesForCodes('321100-镇江市-2022-第1版.xlsx（镇江市）', catalogue)).toBe(
      '321100-镇江市-2022-第1版.xlsx（镇江市）',
    );
    expect(namesForCodes('镇江市（321100）没有报表', catalogue)).toBe('镇江市（321100）没有报表');
    expect(namesForCodesHtml('GDP <b>', catalogue)).toBe(
      '地区生产总值<span class="code">GDP</span> &lt;b&gt;',
    );
  });

  it('gives each city one colour, fixed by its code', () => {
    expect(unitColor('320500')).toBe(unitColor('320500'));
    expect(new Set(['320100', '320200', '320400', '320500', '321100'].map(unitColor)).size).toBe(5);
  });
});

describe('cumulative targets in words', () => {
  it('say which plan years are counted, missing and still to come — not “city missing” when all reported', () => {
    const year = (period: string, n: number) =>
      CITIES.map((c) => handInput(c, { CORE_TECH_PROJECTS: String(n) }, period));
    const r2022 = aggregate({ submissions: year('2022', 14), previous: year('2021', 12), period: '2022' });
    const html2022 = reportHtml(r2022);
    expect(html2022).toContain('2020–2022 年累计，已计入 2021、2022 年；缺 2020 年数据');
    expect(html2022).not.toContain('有城市缺报');
    expect(r2022.targets.find((t) => t.indicator === 'CORE_TECH_PROJECTS')?.status).toBe('incomplete');
    const r2021 = aggregate({ submissions: year('2021', 12), previous: year('2020', 10), period: '2021' });
    expect(reportHtml(r2021)).toContain('2020–2022 年累计，已计入 2020、2021 年；尚有 2022 年待报');
  });
});
