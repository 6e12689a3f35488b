/**
 * @sunan/schema — the shared, data-driven schema of the Sunan zone's reporting: indicator catalogue,
 * org units, periods, targets, validation rules, the submission document and findings.
 *
 * This entry is everything in `@sunan/schema/core` (types, the pre-checked built-in catalogue, pure
 * functions; no zod at run time) plus the zod schemas and the checks built on them: a catalogue
 * document, an index definition, the submission's JSON Schema.
 */

export {
  type CatalogueProblem,
  type CatalogueResult,
  type CheckCatalogueOptions,
  checkCatalogue,
} from './check-catalogue.js';
export * from './core.js';
export {
  checkIndexDefinition,
  IndexDefinition,
  type IndexDefinitionResult,
  sunanIndexDefinition,
} from './index-definition.js';
export { Aggregation } from './zod/aggregation.js';
export { CatalogueHeader } from './zod/catalogue.js';
export { DecimalString } from './zod/decimal-string.js';
export { Finding } from './zod/finding.js';
export { FormMeta, Forms } from './zod/form.js';
export {
  IndicatorCode,
  IndicatorGroup,
  IndicatorInput,
  Periodicity,
  Requirement,
  Requirements,
  ValueRange,
  ValueType,
} from './zod/indicator.js';
export { OrgLevel } from './zod/org-level.js';
export { OrgUnit } from './zod/org-unit.js';
export { PeriodId, SubmissionCalendar } from './zod/period.js';
export { PlausibilityBound } from './zod/plausibility.js';
export { FindingExplanation, ReviewGroup } from './zod/review.js';
export { Expr, MissingValueStrategy, Rule, RuleOp, Severity, Tolerance } from './zod/rule.js';
export { EnterpriseRow, Submission, SubmissionValue, submissionJsonSchema } from './zod/submission.js';
export { Target } from './zod/target.js';
export { LocalizedText } from './zod/text.js';
export { InputUnit, UnitCode } from './zod/units.js';
