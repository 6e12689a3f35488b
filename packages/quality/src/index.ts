/**
 * @sunan/quality — the centre's data-quality report over the ledger's history: what changed between
 * a city's revisions, vintages and revisions (ESS A6 mean and mean absolute revision, a revision
 * triangle, the zone recomputed per vintage), punctuality against the 报送截止日期, and completeness
 * (ESS R1). Pure functions over the ledger's events and the reports stored at intake.
 */
export {
  type BlankWithReason,
  type Completeness,
  completenessOf,
  type MissingCell,
  zoneCompleteness,
} from './completeness.js';
export { MEAN_DECIMALS, PERCENT_DECIMALS } from './decimal.js';
export {
  type Bilingual,
  type DiffFinding,
  type DiffRefusal,
  type DiffSide,
  diffPair,
  diffRevisions,
  findingChanges,
  type ListRow,
  listChanges,
  type RevisionDiff,
  type ValueChange,
  valueChanges,
} from './diff.js';
export {
  cellNumber,
  changeLine,
  DIFF_COLUMNS,
  diffRows,
  diffSheet,
  diffText,
  type TableRow,
  valueLine,
} from './diff-text.js';
export {
  type Acceptance,
  acceptanceInForce,
  acceptedAt,
  acceptedSequence,
  type CellHistory,
  type HistoryEvent,
  historiesOf,
  historyOf,
  type QualityInput,
  type ReceivedRevision,
  revisionNo,
} from './history.js';
export {
  deadlineOf,
  type OnTimeRate,
  onTimeRates,
  type PunctualityRow,
  punctualityOf,
} from './punctuality.js';
export { QUALITY_FORMAT, type QualityOptions, type QualityReport, qualityReport } from './quality-report.js';
export { qualitySummary } from './summary.js';
export { daysBetween, shanghaiDate } from './time.js';
export { ValueReader } from './values.js';
export {
  cityIndicators,
  type RevisionSummary,
  revisionSummaries,
  summarise,
  type VintagePoint,
  type VintageRow,
  vintagesOf,
} from './vintages.js';
export {
  type RevisionTriangle,
  revisionTriangle,
  type ZoneRevision,
  type ZoneVintage,
  zoneAt,
  zoneRevision,
} from './zone.js';
