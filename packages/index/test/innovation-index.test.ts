import { aggregate } from '@sunan/aggregate';
import { innovationIndex, matrixFromAggregate } from '@sunan/index';
import { checkIndexDefinition, sunanIndexDefinition } from '@sunan/schema';
import { describe, expect, it } from 'vitest';
import { CITIES, catalogue, handInput } from './helpers.js';

const definition = sunanIndexDefinition();

describe('the seed-004 index definition', () => {
  it('holds 25 indicators in five dimensions with the paper’s weights, each year summing to 100', () => {
    expect(definition.dimensions.map((d) => d.indicators.length)).toEqual([4, 5, 6, 4, 6]);
    for (const ref of definition.referenceWeights) {
      const total = Object.values(ref.percent).reduce((a, v) => a + Number(v), 0);
      expect(total).toBeCloseTo(100, 6);
    }
    expect(definition.referenceWeights.find((w) => w.period === '2020')?.percent.RD_EXP).toBe('4.20');
  });

  it('checks a user’s definition like a catalogue: every problem at once, with paths', () => {
    const bad = structuredClone(definition) as unknown as {
      dimensions: Array<{ id: string; indicators: Array<{ code: string }> }>;
    };
    bad.dimensions[1] = {
      ...(bad.dimensions[1] as { id: string; indicators: Array<{ code: string }> }),
      id: 'input',
    };
    bad.dimensions[0]?.indicators.push({ code: 'NOT_AN_INDICATOR' }, { code: 'RD_EXP' });
    const r = checkIndexDefinition(bad, catalogue);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.code, p.path])).toEqual(
      expect.arrayContaining([
        ['CAT_DUPLICATE_CODE', '$.dimensions[1].id'],
        ['CAT_UNKNOWN_INDICATOR', '$.dimensions[0].indicators[4].code'],
        ['CAT_DUPLICATE_CODE', '$.dimensions[0].indicators[5].code'],
      ]),
    );
  });
});

describe('index over periods', () => {
  // Five cities, two years, all 25 indicators: city k's value is (k + 1) · (indicator + 1) · year factor,
  // except that in 2022 the last city overtakes the first on every indicator.
  const codes = definition.dimensions.flatMap((d) => d.indicators.map((i) => i.code));
  const year = (period: string, f: (k: number, j: number) => number) =>
    aggregate({
      submissions: CITIES.map((c, k) =>
        handInput(c, Object.fromEntries(codes.map((code, j) => [code, String(f(k, j))])), period),
      ),
      period,
    });
  const y2021 = matrixFromAggregate(
    year('2021', (k, j) => (k + 1) * (j + 1)),
    definition,
  );
  const y2022 = matrixFromAggregate(
    year('2022', (k, j) => (k === 0 ? 6 : k + 1) * (j + 1)),
    definition,
  );

  it('ranks the cities each year and reports rank changes', () => {
    const r = innovationIndex(definition, [y2022, y2021]);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.periods.map((p) => p.period)).toEqual(['2021', '2022']);
    const rank = (p: number, city: string) => r.periods[p]?.scores.find((s) => s.unit === city);
    expect(rank(0, '321100')).toMatchObject({ rank: 1, rankChange: null });
    expect(rank(0, '320100')?.rank).toBe(5);
    expect(rank(1, '320100')).toMatchObject({ rank: 1, rankChange: 4 });
    expect(rank(1, '321100')).toMatchObject({ rank: 2, rankChange: -1 });
    expect(rank(1, '320100')?.score).toBeCloseTo(100, 9);
  });

  it('fixes the weights from a base year when asked', () => {
    const r = innovationIndex(definition, [y2021, y2022], { weighting: { kind: 'base', period: '2021' } });
    if (!r.ok) throw new Error('index failed');
    expect(r.periods[1]?.weights).toEqual(r.periods[0]?.weights);
    expect(r.periods[1]?.weightsFrom).toBe('2021');
  });

  it('names the period, city and indicator of a missing value', () => {
    const holes = {
      ...y2022,
      values: y2022.values.map((row, i) => (i === 2 ? row.map((v, j) => (j === 3 ? null : v)) : row)),
    };
    const r = innovationIndex(definition, [holes]);
    expect(r).toMatchObject({
      ok: false,
      problems: [{ code: 'IDX_MISSING_VALUE', period: '2022', unitName: '320400', indicatorCode: codes[3] }],
    });
  });
});
