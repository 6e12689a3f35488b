/**
 * @sunan/index — the entropy-weighted innovation index (熵值法创新指数): entropy weights under four
 * normalisations, composite and dimension scores, and the index over periods with ranks. Pure maths
 * over the zone result of `@sunan/aggregate`; the reports that show it live in `@sunan/report`.
 */
export { type CompositeResult, compositeScores, ranks, type UnitScore } from './composite.js';
export {
  type ConstantColumn,
  type EntropyFailure,
  type EntropyOptions,
  type EntropyResult,
  entropyWeights,
  type IndexProblem,
  type Normalization,
  type ZeroHandling,
} from './entropy.js';
export {
  type IndexMatrix,
  type IndexPeriod,
  type InnovationIndexFailure,
  type InnovationIndexOptions,
  type InnovationIndexResult,
  indexIndicators,
  innovationIndex,
  matrixFromAggregate,
} from './innovation-index.js';
