/**
 * @sunan/aggregate — the centre's zone roll-up: exact totals by each indicator's rule, completeness and
 * revisions, reconciliation with control totals, cross-city checks, growth and target progress. Pure:
 * reports are written by `@sunan/report`, the innovation index is `@sunan/index`.
 */
export { type AggregateOptions, aggregate } from './aggregate.js';
export { type ControlTotal, readControls, reconcile } from './controls.js';
export { JIANGSU_CITIES, type NamedPlace, nameMismatch, placeInName } from './file-name.js';
export {
  growthPercent,
  medianOf,
  OUTLIER_MIN_POINTS,
  ROBUST_Z_THRESHOLD,
  robustZ,
  SMALL_COUNT,
} from './growth.js';
export {
  AggregateResult,
  aggregateResultJsonSchema,
  CityValue,
  IndicatorResult,
  ParkFigures,
  ReconciliationRow,
  SourceEntry,
  TargetProgress,
  TargetStatus,
  TargetTrajectory,
  ValueStatus,
  ZoneValue,
} from './result.js';
export { retainedInput } from './retain.js';
export { type Rolled, rollUp, rollUpIndicator } from './roll-up.js';
export { fingerprint, type ListedEnterprises, type SubmissionInput } from './source.js';
