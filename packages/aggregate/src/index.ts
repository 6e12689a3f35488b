/**
 * @sunan/aggregate — the centre's zone roll-up: exact totals by each indicator's rule, completeness and
 * revisions, reconciliation with control totals, cross-city checks, growth, target progress, and the
 * JSON, xlsx and HTML reports.
 */
export { type AggregateOptions, aggregate } from './aggregate.js';
export { type CompositeResult, compositeScores, ranks, type UnitScore } from './composite.js';
export { type ControlTotal, readControls, reconcile } from './controls.js';
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
  growthPercent,
  medianOf,
  OUTLIER_MIN_POINTS,
  ROBUST_Z_THRESHOLD,
  robustZ,
  SMALL_COUNT,
} from './growth.js';
export { indexHtml, indexWorkbook } from './index-report.js';
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
export { reportHtml } from './report-html.js';
export { formatSummary, type Lang } from './report-text.js';
export { reportWorkbook } from './report-xlsx.js';
export {
  AggregateResult,
  aggregateResultJsonSchema,
  CityValue,
  IndicatorResult,
  ReconciliationRow,
  SourceEntry,
  TargetProgress,
  ValueStatus,
  ZoneValue,
} from './result.js';
export { type Rolled, rollUp, rollUpIndicator } from './roll-up.js';
export { fingerprint, type SubmissionInput } from './source.js';
