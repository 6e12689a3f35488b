import { compositeScores, entropyWeights } from '@sunan/aggregate';
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
