import { type EntropyOptions, entropyWeights, type IndexProblem } from './entropy.js';

/** A unit's composite score (0–100) and its score in each dimension. */
export interface UnitScore {
  readonly unit: string;
  readonly score: number;
  readonly dimensions: Readonly<Record<string, number | null>>;
  readonly rank: number;
}

/** Scores of the units with the weights that made them. */
export interface CompositeResult {
  readonly ok: true;
  readonly weights: number[];
  readonly entropies: number[];
  readonly scores: UnitScore[];
}

/**
 * Standard competition ranks ("1224"): higher score, better rank; equal scores share a rank.
 */
export function ranks(scores: readonly number[]): number[] {
  return scores.map((s) => 1 + scores.filter((t) => t > s + 1e-12).length);
}

/**
 * Composite scores on a 0–100 scale: S_i = 100 · Σ_j w_j · x′_ij, with x′ the min-max normalised value
 * (seed 004). A dimension's score is 100 · Σ_{j∈D} w_j x′_ij / Σ_{j∈D} w_j, so each dimension is on the
 * same 0–100 scale (null when its weights are all zero). Under `proportion` weights the scores still
 * use min-max values, since raw proportions are not on a common scale.
 */
export function compositeScores(
  units: readonly string[],
  matrix: ReadonlyArray<ReadonlyArray<number | null>>,
  dimensionOf: readonly string[],
  options: EntropyOptions & { weights?: readonly number[] } = {},
): CompositeResult | { ok: false; problems: IndexProblem[] } {
  const w = entropyWeights(matrix, options);
  if (!w.ok) return w;
  const weights = options.weights ? [...options.weights] : w.weights;
  const normalized =
    options.normalization?.kind === 'proportion'
      ? (() => {
          const mm = entropyWeights(matrix, { ...options, normalization: { kind: 'min-max' } });
          return mm.ok ? mm.normalized : w.normalized;
        })()
      : w.normalized;
  const dims = [...new Set(dimensionOf)];
  const raw = normalized.map((row) => 100 * row.reduce((a, x, j) => a + (weights[j] ?? 0) * x, 0));
  const r = ranks(raw);
  const scores = units.map((unit, i) => {
    const row = normalized[i] ?? [];
    const dimensions: Record<string, number | null> = {};
    for (const d of dims) {
      let num = 0;
      let den = 0;
      row.forEach((x, j) => {
        if (dimensionOf[j] === d) {
          num += (weights[j] ?? 0) * x;
          den += weights[j] ?? 0;
        }
      });
      dimensions[d] = den === 0 ? null : (100 * num) / den;
    }
    return { unit, score: raw[i] ?? 0, dimensions, rank: r[i] ?? 0 };
  });
  return { ok: true, weights, entropies: w.entropies, scores };
}
