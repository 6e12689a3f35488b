/**
 * @sunan/schema/check — the check of a rule set itself, before any data: rules and bounds no values
 * can satisfy (with a minimal conflicting set), bound ends the other rules make unreachable, rules
 * implied by the others, values forced to one point, rules that never fire, and the bounds every
 * indicator is held to. Catalogue-time only: it brings a linear-programming solver (yalps), which a
 * browser bundle of `@sunan/schema/core` never loads.
 */
export type {
  ImpliedBound,
  RuleCheckCode,
  RuleCheckFinding,
} from './check/analyse.js';
export type { RowSource } from './check/linear.js';
export type { ToleranceUsed } from './check/model.js';
export { checkRuleSet, type RuleSetReport, ruleSetMarkdown } from './check/rule-set.js';
