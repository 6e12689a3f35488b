/**
 * @sunan/schema/core — the zod-free part of the schema: the types, the built-in catalogue (shipped
 * pre-checked), and the pure functions over them. It is what a browser bundle needs to validate a
 * submission (see @sunan/validate), without zod at run time. The zod schemas themselves, and the
 * checks of catalogue and index documents built on them, are in the main entry `@sunan/schema`,
 * which also re-exports everything here.
 */
export {
  type Aggregation,
  type AggregationKind,
  aggregationInputs,
  assertNever,
  isAdditive,
} from './aggregation.js';
export { SUNAN_CATALOGUE_VERSION, sunanCatalogue, sunanCatalogueDocument } from './builtin.js';
export {
  type Catalogue,
  catalogueForms,
  completeIndicator,
  findIndicator,
  findOrgUnit,
  orgUnitName,
  PENDING,
} from './catalogue.js';
export type { CatalogueProblem, CatalogueResult } from './check-catalogue.js';
export { BEIJING_ZONE, beijingIso, beijingTime, type ZoneMark } from './clock.js';
export { catalogueMarkdown } from './docs.js';
export { evaluateRule, type ReportedValue, type RuleContext, type RuleOutcome } from './evaluate-rule.js';
export { compareFindings, type Finding, finding } from './finding.js';
export type { IndexDefinition, IndexDefinitionResult } from './index-definition.js';
export {
  type Indicator,
  type IndicatorGroup,
  type IndicatorInput,
  type Periodicity,
  type Requirement,
  type Requirements,
  requirementAt,
  type ValueRange,
  type ValueType,
} from './indicator.js';
export {
  addIntervals,
  comparisonCanHold,
  divideIntervals,
  type Interval,
  intervalsIntersect,
  pointInterval,
  reportedInterval,
  widen,
} from './interval.js';
export { childrenOf, isActiveIn, type OrgUnit, resolveOrgUnit, unitsAt } from './org-unit.js';
export {
  DEFAULT_CALENDAR,
  formatPeriod,
  type Period,
  type PeriodId,
  parsePeriod,
  periodEnd,
  periodStart,
  previousPeriod,
  type SubmissionCalendar,
  samePeriodLastYear,
  submissionDeadline,
} from './period.js';
export {
  BOUND_ERROR_FACTOR,
  type BoundJudgement,
  judgeBound,
  type PlausibilityBound,
  SLIP_BAND,
  type Slip,
  slipForRatio,
  slipsOf,
} from './plausibility.js';
export { REQUIREMENT_LABELS, requirementLines, ruleLines } from './requirement-text.js';
export { CATALOGUE_CHECK_CLASSES, type CatalogueCheckClass } from './review-checks.js';
export {
  REVIEW_CLASSES,
  type ReviewClass,
  type ReviewClassId,
  type ReviewCounts,
  reviewClass,
  reviewVerdict,
} from './review-class.js';
export {
  type Expr,
  exprIndicators,
  type MissingValueStrategy,
  type Rule,
  type RuleOp,
  type Severity,
  type Tolerance,
} from './rule.js';
export { type InputUnit, inputUnitsFor, UNIT_NAMES_EN, UNITS, type UnitCode } from './units.js';
export type { DecimalString } from './zod/decimal-string.js';
export type { FormMeta, Forms } from './zod/form.js';
export type { IndicatorDefinition } from './zod/indicator.js';
export type { OrgLevel } from './zod/org-level.js';
export type { FindingExplanation, ReviewGroup } from './zod/review.js';
export type { EnterpriseRow, Submission, SubmissionValue } from './zod/submission.js';
export type { Target } from './zod/target.js';
export type { LocalizedText } from './zod/text.js';
