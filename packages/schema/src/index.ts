/**
 * @sunan/schema — the shared, data-driven schema of the Sunan zone's reporting: indicator catalogue,
 * org units, periods, targets, validation rules, the submission document and findings.
 */
export {
  Aggregation,
  type AggregationKind,
  aggregationInputs,
  assertNever,
  isAdditive,
} from './aggregation.js';
export { SUNAN_CATALOGUE_VERSION, sunanCatalogue, sunanCatalogueDocument } from './builtin.js';
export { type Catalogue, CatalogueHeader, completeIndicator, findIndicator } from './catalogue.js';
export { type CatalogueProblem, type CatalogueResult, checkCatalogue } from './check-catalogue.js';
export { DecimalString } from './decimal-string.js';
export { catalogueMarkdown } from './docs.js';
export { evaluateRule, type ReportedValue, type RuleContext, type RuleOutcome } from './evaluate-rule.js';
export { compareFindings, Finding, finding } from './finding.js';
export {
  checkIndexDefinition,
  IndexDefinition,
  type IndexDefinitionResult,
  sunanIndexDefinition,
} from './index-definition.js';
export {
  type Indicator,
  IndicatorCode,
  IndicatorGroup,
  IndicatorInput,
  Periodicity,
  Requirement,
  Requirements,
  requirementAt,
  ValueRange,
  ValueType,
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
export { OrgLevel } from './org-level.js';
export { childrenOf, isActiveIn, OrgUnit, resolveOrgUnit, unitsAt } from './org-unit.js';
export {
  formatPeriod,
  type Period,
  PeriodId,
  parsePeriod,
  periodEnd,
  periodStart,
  previousPeriod,
  SubmissionCalendar,
  samePeriodLastYear,
  submissionDeadline,
} from './period.js';
export {
  BOUND_ERROR_FACTOR,
  type BoundJudgement,
  judgeBound,
  PlausibilityBound,
  SLIP_BAND,
  type Slip,
  slipForRatio,
  slipsOf,
} from './plausibility.js';
export { REQUIREMENT_LABELS, requirementLines, ruleLines } from './requirement-text.js';
export { Expr, exprIndicators, MissingValueStrategy, Rule, RuleOp, Severity, Tolerance } from './rule.js';
export { EnterpriseRow, Submission, SubmissionValue, submissionJsonSchema } from './submission.js';
export { Target } from './target.js';
export { LocalizedText } from './text.js';
export { InputUnit, inputUnitsFor, UNIT_NAMES_EN, UNITS, UnitCode } from './units.js';
