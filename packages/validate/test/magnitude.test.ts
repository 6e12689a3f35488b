import { type Indicator, type Submission, slipsOf, UNITS } from '@sunan/schema';
import { validateSubmission } from '@sunan/validate';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CITIES, catalogue, filledWorkbook, mutate, setValue, synthetic } from './helpers.js';

const SLIP_CODES = ['YOY_UNIT_SLIP', 'PLAUS_UNIT_SLIP', 'PLAUS_IMPLAUSIBLE'];
const family = (i: Indicator) => UNITS[i.unit].family;
const isMoney = (i: Indicator) => family(i) === 'money';
const isCount = (i: Indicator) =>
  i.valueType === 'count' || family(i) === 'persons' || family(i) === 'person-years';
/** Every money and count indicator a city reports: new ones are covered without touching this test. */
const targets = catalogue.indicators.filter((i) => i.levels.includes('city') && (isMoney(i) || isCount(i)));

const bytesOf = (s: Submission) => new TextEncoder().encode(JSON.stringify(s));
function withValue(s: Submission, city: string, code: string, f: (v: Decimal) => Decimal): Submission {
  return {
    ...s,
    values: s.values.map((v) =>
      v.orgUnit === city && v.indicator === code && v.value !== null
        ? { ...v, value: f(new Decimal(String(v.value))).toString() }
        : v,
    ),
  };
}
const pathOf = (s: Submission, city: string, code: string) =>
  `$.values[${s.values.findIndex((v) => v.orgUnit === city && v.indicator === code)}].value`;

describe('magnitude checks over the whole catalogue', () => {
  it('covers every money and count indicator at city level, each with a 10⁴ slip (10⁸ for 亿元)', () => {
    expect(targets.length).toBeGreaterThan(40);
    for (const i of targets) {
      const m = slipsOf(i).map((s) => s.multiplier.toString());
      expect(m, i.code).toContain('10000');
      if (i.unit === '亿元') expect(m, i.code).toContain('100000000');
    }
  });

  for (const city of ['320500', '321100'])
    describe(`city ${city}`, () => {
      const now = synthetic(city);
      const before = synthetic(city, '2021', 0.93);
      it('the clean synthetic file has no magnitude finding, with or without last year', () => {
        for (const previous of [undefined, before]) {
          const r = validateSubmission(bytesOf(now), previous ? { previous } : {});
          expect(r.findings.filter((f) => f.code.startsWith('PLAUS_') || f.code === 'YOY_UNIT_SLIP')).toEqual(
            [],
          );
          expect(r.ok).toBe(true);
        }
      });
      for (const i of targets) {
        const factors = isMoney(i) ? ['10000', '100000000'] : ['10000'];
        it(`${i.code}: ×${factors.join(', ×')} is an error at its own cell with and without last year; ×1.3 is no slip`, () => {
          const value = now.values.find((v) => v.orgUnit === city && v.indicator === i.code)?.value;
          // A zero cannot slip: every indicator must have a non-zero figure to plant the slip in.
          expect(value !== undefined && value !== null && !new Decimal(String(value)).isZero(), i.code).toBe(
            true,
          );
          const where = pathOf(now, city, i.code);
          for (const factor of factors)
            for (const previous of [undefined, before]) {
              const slipped = withValue(now, city, i.code, (v) => v.times(factor));
              const r = validateSubmission(bytesOf(slipped), previous ? { previous } : {});
              const here = r.findings.filter((f) => f.path === where && SLIP_CODES.includes(f.code));
              expect(
                here.map((f) => f.severity),
                `${i.code} ×${factor} prev=${!!previous}`,
              ).toContain('error');
              expect(r.ok).toBe(false);
            }
          for (const previous of [undefined, before]) {
            const up = withValue(now, city, i.code, (v) =>
              v.times('1.3').toDecimalPlaces(i.valueType === 'count' ? 0 : i.decimals),
            );
            const r = validateSubmission(bytesOf(up), previous ? { previous } : {});
            expect(
              r.findings.filter((f) => SLIP_CODES.includes(f.code)),
              `${i.code} ×1.3`,
            ).toEqual([]);
          }
        });
      }
    });

  it('names the likely value: 万元 typed for 亿元 reads “疑似单位错误…应为约 … 亿元？” in a workbook, at the cell', async () => {
    const city = '320100';
    const clean = await filledWorkbook(city);
    const tc = synthetic(city).values.find(
      (v) => v.orgUnit === city && v.indicator === 'TECH_CONTRACT',
    )?.value;
    let cell = '';
    const bytes = mutate(clean, (wb) => {
      cell = setValue(wb, city, 'TECH_CONTRACT', { t: 'n', v: Number(tc) * 10_000 });
    });
    const r = validateSubmission(bytes);
    const f = r.findings.find((x) => x.code === 'PLAUS_UNIT_SLIP');
    expect(f).toMatchObject({ severity: 'error', cell, indicator: 'TECH_CONTRACT' });
    expect(f?.message.zh).toContain(`应为约 ${Number(tc).toFixed(2)} 亿元？`);
    expect(f?.message.zh).toContain('万元');
  });

  it('a ×10⁸ money slip is named as 元, not 万元', () => {
    const city = CITIES[0] ?? '320100';
    const s = withValue(synthetic(city), city, 'RD_EXP', (v) => v.times(1e8));
    const f = validateSubmission(bytesOf(s)).findings.find((x) => x.code === 'PLAUS_UNIT_SLIP');
    expect(f?.message.zh).toContain('按元填写');
  });
});
