import { compositeScores, entropyWeights } from '@sunan/index';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const round = (xs: readonly number[], d: number) => xs.map((x) => Number(x.toFixed(d)));
const weightsOf = (m: number[][], options: Parameters<typeof entropyWeights>[1]) => {
  const r = entropyWeights(m, options);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.weights;
};

describe('entropy weights against published worked examples (proportion family: p = x / Σx)', () => {
  it('Xu, X. (2004). A note on the subjective and objective integrated approach to determine attribute weights. EJOR 156(2), 530–532 — weights 0.4630, 0.3992, 0.1378, 0.0000 (as reproduced in the test suite of pyrepo-mcda)', () => {
    const m = [
      [30, 30, 38, 29],
      [19, 54, 86, 29],
      [19, 15, 85, 28.9],
      [68, 70, 60, 29],
    ];
    expect(round(weightsOf(m, { normalization: { kind: 'proportion' } }), 4)).toEqual([
      0.463, 0.3992, 0.1378, 0,
    ]);
  });

  it('Zavadskas, E. K., & Podvezko, V. (2016). Integrated determination of objective criteria weights in MCDM. IJITDM 15(02), 267–283 — weights 0.1146, 0.1981, 0.4185, 0.2689 (pyrepo-mcda test suite)', () => {
    const m = [
      [3.0, 100, 10, 7],
      [2.5, 80, 8, 5],
      [1.8, 50, 20, 11],
      [2.2, 70, 12, 9],
    ];
    // Two of the four criteria are costs; the entropy of raw proportions does not depend on direction.
    expect(
      round(
        weightsOf(m, {
          normalization: { kind: 'proportion' },
          polarity: ['negative', 'positive', 'negative', 'positive'],
        }),
        4,
      ),
    ).toEqual([0.1146, 0.1981, 0.4185, 0.2689]);
  });

  it('Elsayed, E. A., Dawood, A. S., & Karthikeyan, R. (2017). Evaluating alternatives through the application of TOPSIS method with entropy weight. IJETT 46(2), 60–66 — weights 0.104991, 0.069124, 0.071373, 0.449937, 0.304575 (pymcdm test suite)', () => {
    const m = [
      [7, 312, 1891, 6613, 163],
      [72, 88, 728, 941804, 1078],
      [10, 252, 2594, 3466, 117471],
      [10, 145, 980, 2371, 86329],
      [65, 54, 350, 501, 29897],
      [29, 48, 380, 912, 34051],
      [7, 476, 3300, 78470, 2212],
      [70, 87, 650, 733, 819000],
      [4, 86, 591, 3015, 103],
      [12, 79, 579, 3240, 96098],
      [21, 45, 261, 1253, 453],
      [1, 72, 530, 4333, 0.1048],
    ];
    expect(round(weightsOf(m, { normalization: { kind: 'proportion' } }), 6)).toEqual([
      0.104991, 0.069124, 0.071373, 0.449937, 0.304575,
    ]);
  });
});

describe('entropy weights against published worked examples (min-max family)', () => {
  it('R package mathmodels (zhjx19), entropy_weight() help example — min-max into [ε, 1 − ε] with ε = 0.002, x2 a cost indicator: weights 0.5452618, 0.4547382 and scores 56.35354, 47.88215, 30.39461, 54.50808 (as printed in the package check output ..Rcheck/mathmodels-Ex.Rout)', () => {
    const m = [
      [3, 10],
      [5, 20],
      [2, 15],
      [7, 25],
    ];
    const options = {
      normalization: { kind: 'min-max-epsilon', epsilon: 0.002 },
      polarity: ['positive', 'negative'],
    } as const;
    expect(round(weightsOf(m, options), 7)).toEqual([0.5452618, 0.4547382]);
    // The package scores 100 · Σ w·z on the same [ε, 1 − ε] matrix, as compositeScores does.
    const r = compositeScores(['1', '2', '3', '4'], m, ['all', 'all'], options);
    expect(
      r.ok &&
        round(
          r.scores.map((s) => s.score),
          5,
        ),
    ).toEqual([56.35354, 47.88215, 30.39461, 54.50808]);
  });

  it('plain min-max differs from the ε variant in the fourth decimal — the options are not interchangeable', () => {
    const m = [
      [3, 10],
      [5, 20],
      [2, 15],
      [7, 25],
    ];
    const plain = weightsOf(m, { normalization: { kind: 'min-max' }, polarity: ['positive', 'negative'] });
    expect(round(plain, 4)).not.toEqual([0.5453, 0.4547]);
  });
});

describe('entropy weights against a further proportion-family example', () => {
  it('Ulutaş, A. (2019). Entropi ve MABAC Yöntemleri ile Personel Seçimi. OPUS 13(19), 1552–1573 — weights as in the test suite of JMcDM (Julia)', () => {
    const cols = [
      [2, 4, 3, 5, 4, 3],
      [1, 1, 2, 1, 2, 2],
      [4, 5, 6, 5, 5, 6],
      [7, 6, 6, 7, 6, 6],
      [6, 7, 5, 6, 7, 6],
      [6, 7, 6, 7, 7, 6],
      [7, 6, 8, 7, 6, 6],
      [3000, 3500, 4000, 3000, 3000, 3500],
    ];
    const m = (cols[0] ?? []).map((_, i) => cols.map((c) => c[i] ?? Number.NaN));
    expect(round(weightsOf(m, { normalization: { kind: 'proportion' } }), 4)).toEqual([
      0.2997, 0.4414, 0.0701, 0.0212, 0.049, 0.0231, 0.0478, 0.0478,
    ]);
  });
});

const matrixArb = (m: number, n: number) =>
  fc.array(
    fc.array(
      fc.integer({ min: 0, max: 1_000_000 }).map((x) => x / 100),
      { minLength: n, maxLength: n },
    ),
    { minLength: m, maxLength: m },
  );

describe('entropy weight properties', () => {
  const families: Array<Parameters<typeof entropyWeights>[1]> = [
    { normalization: { kind: 'min-max' } },
    { normalization: { kind: 'min-max-epsilon', epsilon: 0.0001 } },
    { normalization: { kind: 'min-max-shift', delta: 0.01 } },
    { normalization: { kind: 'proportion' } },
  ];

  it('weights are non-negative and sum to 1, for every normalisation', () => {
    fc.assert(
      fc.property(matrixArb(5, 4), fc.constantFrom(...families), (m, options) => {
        const r = entropyWeights(m, options);
        if (!r.ok) return r.problems.every((p) => p.code === 'IDX_NO_INFORMATION');
        expect(r.weights.every((w) => w >= 0)).toBe(true);
        expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        return true;
      }),
    );
  });

  it('scaling an indicator by a positive constant does not change min-max weights', () => {
    fc.assert(
      fc.property(
        matrixArb(5, 3),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 2 }),
        (m, factor, j) => {
          const a = entropyWeights(m);
          const b = entropyWeights(m.map((row) => row.map((x, k) => (k === j ? x * factor : x))));
          if (!a.ok || !b.ok) return a.ok === b.ok;
          for (const [k, w] of a.weights.entries()) expect(b.weights[k]).toBeCloseTo(w, 9);
          return true;
        },
      ),
    );
  });

  it('permuting the units permutes the scores', () => {
    fc.assert(
      fc.property(
        matrixArb(5, 4),
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
        (m, order) => {
          const units = ['A', 'B', 'C', 'D', 'E'];
          const dims = ['x', 'x', 'y', 'y'];
          const a = compositeScores(units, m, dims);
          const b = compositeScores(
            order.map((i) => units[i] ?? ''),
            order.map((i) => m[i] ?? []),
            dims,
          );
          if (!a.ok || !b.ok) return a.ok === b.ok;
          for (const s of b.scores)
            expect(s.score).toBeCloseTo(a.scores.find((x) => x.unit === s.unit)?.score ?? Number.NaN, 9);
          return true;
        },
      ),
    );
  });

  it('a constant column gets weight 0 — or, when asked, an error naming it; never NaN', () => {
    const m = [
      [1, 5, 3],
      [2, 5, 1],
      [4, 5, 2],
    ];
    for (const options of families) {
      const r = entropyWeights(m, options);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.weights[1]).toBe(0);
        expect(r.weights.some((w) => Number.isNaN(w))).toBe(false);
      }
    }
    const strict = entropyWeights(m, { constantColumn: 'error' });
    expect(strict).toMatchObject({ ok: false, problems: [{ code: 'IDX_CONSTANT_COLUMN', indicator: 1 }] });
  });

  it('fewer than two units, a missing value, a negative under proportions: errors naming the cell', () => {
    expect(entropyWeights([[1, 2]])).toMatchObject({ ok: false, problems: [{ code: 'IDX_TOO_FEW_UNITS' }] });
    expect(
      entropyWeights([
        [1, 2],
        [3, null],
      ]),
    ).toMatchObject({ ok: false, problems: [{ code: 'IDX_MISSING_VALUE', unit: 1, indicator: 1 }] });
    expect(
      entropyWeights(
        [
          [1, -2],
          [3, 4],
        ],
        { normalization: { kind: 'proportion' } },
      ),
    ).toMatchObject({ ok: false, problems: [{ code: 'IDX_NEGATIVE_VALUE', unit: 0, indicator: 1 }] });
  });

  it('a min-max rescale into [a, b] weighs as min-max-shift with δ = a/(b − a) (the README says so)', () => {
    fc.assert(
      fc.property(
        matrixArb(5, 3),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        (m, ai, span) => {
          const a = ai / 1000;
          const b = a + span / 100;
          const cols = [0, 1, 2].map((j) => m.map((row) => row[j] ?? 0));
          const rescaled = m.map((row) =>
            row.map((x, j) => {
              const c = cols[j] ?? [];
              const lo = Math.min(...c);
              const hi = Math.max(...c);
              return hi === lo ? 1 : a + ((b - a) * (x - lo)) / (hi - lo);
            }),
          );
          const viaRange = entropyWeights(rescaled, { normalization: { kind: 'proportion' } });
          const viaShift = entropyWeights(m, {
            normalization: { kind: 'min-max-shift', delta: a / (b - a) },
          });
          if (!viaRange.ok || !viaShift.ok) return viaRange.ok === viaShift.ok;
          for (const [k, w] of viaShift.weights.entries()) expect(viaRange.weights[k]).toBeCloseTo(w, 9);
          return true;
        },
      ),
    );
  });

  it('zero proportions: 0 · ln 0 = 0 by default; replaced by ε on request, converging to it as ε → 0', () => {
    const m = [
      [1, 10],
      [4, 30],
      [9, 20],
    ];
    const limit = weightsOf(m, {});
    const coarse = weightsOf(m, { zeroHandling: { kind: 'replace', epsilon: 1e-3 } });
    const fine = weightsOf(m, { zeroHandling: { kind: 'replace', epsilon: 1e-12 } });
    // min-max puts one zero in each column, so the replacement shows…
    expect(Math.abs((coarse[0] ?? 0) - (limit[0] ?? 0))).toBeGreaterThan(1e-4);
    // …and fades as ε shrinks.
    for (const [j, w] of limit.entries()) expect(fine[j]).toBeCloseTo(w, 9);
    // Under a shift there are no zeros: the option changes nothing.
    const shift = { kind: 'min-max-shift', delta: 0.01 } as const;
    expect(weightsOf(m, { normalization: shift, zeroHandling: { kind: 'replace', epsilon: 1e-3 } })).toEqual(
      weightsOf(m, { normalization: shift }),
    );
  });

  it('ε, δ and the zero replacement out of range are problems, not NaN', () => {
    const m = [
      [1, 2],
      [3, 4],
    ];
    for (const options of [
      { normalization: { kind: 'min-max-epsilon', epsilon: 0.5 } },
      { normalization: { kind: 'min-max-epsilon', epsilon: Number.NaN } },
      { normalization: { kind: 'min-max-shift', delta: -0.01 } },
      { normalization: { kind: 'min-max-shift', delta: 0 } },
      { zeroHandling: { kind: 'replace', epsilon: 0 } },
    ] as const)
      expect(entropyWeights(m, options)).toMatchObject({ ok: false, problems: [{ code: 'IDX_BAD_OPTION' }] });
  });

  it('reverses negative indicators under min-max: (max − x)/(max − min)', () => {
    const r = entropyWeights([[1], [3], [5]], { polarity: ['negative'] });
    expect(r.ok && r.normalized.map((row) => row[0])).toEqual([1, 0.5, 0]);
  });
});
