import { aggregate, robustZ, rollUpIndicator } from '@sunan/aggregate';
import { findIndicator } from '@sunan/schema';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CITIES, catalogue, handInput } from './helpers.js';

// Five hand-made city returns; every expected number below was worked out by hand, not by this code.
const HAND: Record<string, Record<string, string>> = {
  '320100': {
    RD_EXP: '590.12',
    GDP: '16907.34',
    TECH_CONTRACT: '0.1',
    HTE_COUNT: '8100',
    AVG_WAGE: '12.5',
    EMPLOYED: '569.4',
  },
  '320200': {
    RD_EXP: '470.5',
    GDP: '14850.1',
    TECH_CONTRACT: '0.2',
    HTE_COUNT: '5200',
    AVG_WAGE: '11',
    EMPLOYED: '449.4',
  },
  '320400': {
    RD_EXP: '300.33',
    GDP: '9550.25',
    TECH_CONTRACT: '100.05',
    HTE_COUNT: '4100',
    AVG_WAGE: '10.5',
    EMPLOYED: '321.6',
  },
  '320500': {
    RD_EXP: '915.2',
    GDP: '23958.6',
    TECH_CONTRACT: '200.15',
    HTE_COUNT: '13400',
    AVG_WAGE: '13',
    EMPLOYED: '774.6',
  },
  '321100': {
    RD_EXP: '130.01',
    GDP: '5017.71',
    TECH_CONTRACT: '0.3',
    HTE_COUNT: '1450',
    AVG_WAGE: '9.8',
    EMPLOYED: '193.2',
  },
};

describe('a five-city roll-up checked by hand', () => {
  const result = aggregate({ submissions: CITIES.map((c) => handInput(c, HAND[c] ?? {})), period: '2022' });
  const zone = (code: string) => result.indicators.find((i) => i.code === code)?.zone;

  it('adds money exactly: 0.1 + 0.2 + 100.05 + 200.15 + 0.3 = 300.8, with no float noise', () => {
    expect(zone('TECH_CONTRACT')).toMatchObject({ value: '300.80', status: 'complete' });
    expect(zone('RD_EXP')?.value).toBe('2406.16');
    expect(zone('GDP')?.value).toBe('70284.00');
    expect(zone('HTE_COUNT')?.value).toBe('32250');
  });

  it('computes R&D share as Σ R&D / Σ GDP × 100 = 3.42, not the mean of city ratios (3.24)', () => {
    expect(zone('RD_INTENSITY')?.value).toBe('3.42');
  });

  it('weights the average wage by persons employed: 27400.86 / 2308.2 = 11.87', () => {
    expect(zone('AVG_WAGE')?.value).toBe('11.87');
  });

  it('gives each city its share of additive totals: Suzhou 13400 / 32250 = 41.55 %', () => {
    expect(result.indicators.find((i) => i.code === 'HTE_COUNT')?.cities['320500']?.share).toBe('41.55');
  });

  it('never sums a reported indicator: without the zone’s own figure it is "not-reported"', () => {
    expect(zone('ST_PROGRESS_CONTRIB')).toMatchObject({ value: null, status: 'not-reported' });
    const withZone = aggregate({
      submissions: CITIES.map((c) => handInput(c, { ...HAND[c], ST_PROGRESS_CONTRIB: '60' })),
      period: '2022',
      zoneReported: { ST_PROGRESS_CONTRIB: '66.2' },
    });
    expect(withZone.indicators.find((i) => i.code === 'ST_PROGRESS_CONTRIB')?.zone.value).toBe('66.2');
  });
});

const decimalText = fc
  .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 2 }))
  .map(([n, d]) => new Decimal(n).div(10 ** d).toString());

describe('roll-up properties', () => {
  const tech = findIndicator(catalogue, 'TECH_CONTRACT');
  const rd = findIndicator(catalogue, 'RD_INTENSITY');
  const cities = catalogue.orgUnits.filter((u) => u.level === 'city');
  if (!tech || !rd) throw new Error('setup');
  const figuresOf = (rows: Array<Record<string, string>>, order: number[]) =>
    new Map(
      order.map((k) => [
        cities[k]?.code ?? '',
        new Map(Object.entries(rows[k] ?? {}).map(([c, v]) => [c, new Decimal(v)])),
      ]),
    );

  it('a sum equals the sum of its parts whatever the order of cities', () => {
    fc.assert(
      fc.property(
        fc.array(decimalText, { minLength: 5, maxLength: 5 }),
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
        (values, order) => {
          const rows = values.map((v) => ({ TECH_CONTRACT: v }));
          const ordered = order.map((k) => cities[k]).filter((c) => c !== undefined);
          const r = rollUpIndicator(tech, ordered, figuresOf(rows, order), new Map());
          const expected = values.reduce((a, v) => a.plus(v), new Decimal(0));
          expect(r.zone?.eq(expected)).toBe(true);
          expect(r.status).toBe('complete');
        },
      ),
    );
  });

  it('a ratio equals Σ numerator / Σ denominator, not the mean of the city ratios', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(decimalText, fc.integer({ min: 1, max: 10_000_000 })), {
          minLength: 5,
          maxLength: 5,
        }),
        (pairs) => {
          const rows = pairs.map(([n, d]) => ({ RD_EXP: n, GDP: String(d) }));
          const r = rollUpIndicator(rd, cities, figuresOf(rows, [0, 1, 2, 3, 4]), new Map());
          const num = pairs.reduce((a, [n]) => a.plus(n), new Decimal(0));
          const den = pairs.reduce((a, [, d]) => a.plus(d), new Decimal(0));
          expect(r.zone?.toSignificantDigits(20).eq(num.div(den).times(100).toSignificantDigits(20))).toBe(
            true,
          );
        },
      ),
    );
    // And a concrete case where the mean of ratios differs: 1/1 and 1/3 → Σ = 2/4 = 50 %, mean = 66.7 %.
    const r = rollUpIndicator(
      rd,
      cities.slice(0, 2),
      figuresOf(
        [
          { RD_EXP: '1', GDP: '1' },
          { RD_EXP: '1', GDP: '3' },
        ],
        [0, 1],
      ),
      new Map(),
    );
    expect(r.zone?.toString()).toBe('50');
  });

  it('adding a city with zeros changes no ratio and no sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(decimalText, fc.integer({ min: 1, max: 10_000_000 })), {
          minLength: 4,
          maxLength: 4,
        }),
        (pairs) => {
          const rows = pairs.map(([n, d]) => ({ RD_EXP: n, GDP: String(d) }));
          const four = rollUpIndicator(rd, cities.slice(0, 4), figuresOf(rows, [0, 1, 2, 3]), new Map());
          const five = rollUpIndicator(
            rd,
            cities,
            figuresOf([...rows, { RD_EXP: '0', GDP: '0' }], [0, 1, 2, 3, 4]),
            new Map(),
          );
          expect(five.zone?.eq(four.zone ?? -1)).toBe(true);
        },
      ),
    );
  });

  it('removing a city makes the result partial and names the city', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), (gone) => {
        const inputs = CITIES.filter((_, k) => k !== gone).map((c) => handInput(c, HAND[c] ?? {}));
        const result = aggregate({ submissions: inputs, period: '2022' });
        expect(result.complete).toBe(false);
        expect(result.missing.map((m) => m.code)).toEqual([CITIES[gone]]);
        for (const code of ['TECH_CONTRACT', 'RD_INTENSITY', 'AVG_WAGE']) {
          const z = result.indicators.find((i) => i.code === code)?.zone;
          expect(z?.status).toBe('partial');
          expect(z?.missingCities).toEqual([CITIES[gone]]);
        }
        expect(result.notices[0]?.zh).toContain('缺报');
      }),
      { numRuns: 10 },
    );
  });
});

describe('robust z-scores', () => {
  it('flags the one city far from the rest (modified z by median and MAD)', () => {
    // Growths 5, 6, 7, 8, 60: median 7; |dev| sorted 0,1,1,2,53 → MAD 1; z(60) = 0.6745·53/1 = 35.7485.
    const z = robustZ(
      new Map(['a', 'b', 'c', 'd', 'e'].map((k, i) => [k, new Decimal([5, 6, 7, 8, 60][i] ?? 0)])),
    );
    expect(z.get('e')?.toDecimalPlaces(2).toString()).toBe('35.75');
    expect(z.get('c')?.toString()).toBe('0');
  });
});
