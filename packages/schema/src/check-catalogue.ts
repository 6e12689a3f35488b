import type { z } from 'zod';
import { aggregationInputs, isAdditive } from './aggregation.js';
import { type Catalogue, completeIndicator } from './catalogue.js';
import type { RuleCheckFinding } from './check/analyse.js';
import { checkRuleSet } from './check/rule-set.js';
import { exprIndicators } from './rule.js';
import { UNITS } from './units.js';
import { CatalogueHeader } from './zod/catalogue.js';
import type { Forms } from './zod/form.js';
import { IndicatorInput } from './zod/indicator.js';
import type { OrgLevel } from './zod/org-level.js';
import { OrgUnit } from './zod/org-unit.js';
import { PlausibilityBound } from './zod/plausibility.js';
import { ReviewGroup } from './zod/review.js';
import { Rule } from './zod/rule.js';
import { Target } from './zod/target.js';
import type { LocalizedText } from './zod/text.js';

/** One thing wrong with a catalogue document, with where it is (a JSON path such as `$.rules[3].left`). */
export interface CatalogueProblem {
  readonly code:
    | 'CAT_SCHEMA'
    | 'CAT_DUPLICATE_CODE'
    | 'CAT_UNKNOWN_INDICATOR'
    | 'CAT_SELF_REFERENCE'
    | 'CAT_RATIO_NOT_ADDITIVE'
    | 'CAT_UNKNOWN_PARENT'
    | 'CAT_PARENT_LEVEL'
    | 'CAT_VALIDITY'
    | 'CAT_UNKNOWN_ORG_UNIT'
    | 'CAT_UNIT_MISMATCH'
    | 'CAT_UNKNOWN_REVIEW_GROUP'
    | 'CAT_REVIEW_CLASS'
    | 'CAT_RULES_INFEASIBLE'
    | 'CAT_RULES_CONFLICT';
  readonly path: string;
  readonly message: LocalizedText;
}

/**
 * The outcome of checking a catalogue: the catalogue, or every problem at once. `warnings` are what
 * the check of the rule set found that does not stop the catalogue from being used (a bound end no
 * value can reach, a forced value, a rule that never fires); rules no values can satisfy are problems.
 */
export type CatalogueResult =
  | { ok: true; catalogue: Catalogue; problems: []; warnings: CatalogueProblem[] }
  | { ok: false; catalogue: undefined; problems: CatalogueProblem[]; warnings: CatalogueProblem[] };

const LEVEL_RANK: Record<OrgLevel, number> = { province: 0, zone: 1, city: 2, park: 3 };

function jsonPath(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), base);
}

/**
 * Parses each item of a section on its own, so one bad indicator does not hide the problems of the
 * others, and collects every schema issue with its path.
 */
function parseSection<T extends z.ZodType>(
  raw: unknown,
  section: string,
  schema: T,
  problems: CatalogueProblem[],
): Array<{ index: number; item: z.infer<T> }> {
  if (!Array.isArray(raw)) {
    problems.push({
      code: 'CAT_SCHEMA',
      path: `$.${section}`,
      message: { zh: `缺少数组 ${section}`, en: `${section} must be an array` },
    });
    return [];
  }
  const out: Array<{ index: number; item: z.infer<T> }> = [];
  raw.forEach((entry, index) => {
    const parsed = schema.safeParse(entry);
    if (parsed.success) out.push({ index, item: parsed.data });
    else
      for (const issue of parsed.error.issues)
        problems.push({
          code: 'CAT_SCHEMA',
          path: jsonPath(`$.${section}[${index}]`, issue.path),
          message: { zh: `格式不符：${issue.message}`, en: `Invalid: ${issue.message}` },
        });
  });
  return out;
}

function duplicates<T>(
  items: ReadonlyArray<{ index: number; item: T }>,
  key: (t: T) => string,
  section: string,
  field: string,
  problems: CatalogueProblem[],
): void {
  const seen = new Map<string, number>();
  for (const { index, item } of items) {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, index);
    else
      problems.push({
        code: 'CAT_DUPLICATE_CODE',
        path: `$.${section}[${index}].${field}`,
        message: {
          zh: `代码 ${k} 重复（首次出现在 $.${section}[${first}]）`,
          en: `Duplicate ${field} ${k} (first at $.${section}[${first}])`,
        },
      });
  }
}

/** Two forms of one 表号 could not be told apart by the validator. */
function formProblems(forms: Forms, problems: CatalogueProblem[]): void {
  if (forms.values.formNo === forms.enterprises.formNo)
    problems.push({
      code: 'CAT_DUPLICATE_CODE',
      path: '$.forms.enterprises.formNo',
      message: {
        zh: `两张表的表号相同：${forms.values.formNo}`,
        en: `Both forms have the same form number ${forms.values.formNo}`,
      },
    });
}

/** What {@link checkCatalogue} checks beyond the document's shape. */
export interface CheckCatalogueOptions {
  /**
   * Whether to check the rule set itself (`@sunan/schema/check`'s `checkRuleSet`): default true.
   * A caller that runs that check for its own report turns this off so it is not done twice.
   */
  readonly ruleSet?: boolean;
}

type Parsed<T> = ReadonlyArray<{ index: number; item: T }>;
type IndicatorItem = z.infer<typeof IndicatorInput>;
type OrgUnitItem = z.infer<typeof OrgUnit>;

/** The document's header (id, version, name, calendar, forms), its schema issues added to `problems`. */
function parseHeader(root: Record<string, unknown>, problems: CatalogueProblem[]) {
  const header = CatalogueHeader.safeParse({
    id: root.id,
    version: root.version,
    name: root.name,
    calendar: root.calendar,
    forms: root.forms,
  });
  if (!header.success)
    for (const issue of header.error.issues)
      problems.push({
        code: 'CAT_SCHEMA',
        path: jsonPath('$', issue.path),
        message: { zh: `格式不符：${issue.message}`, en: `Invalid: ${issue.message}` },
      });
  return header;
}

/** Ratios and weighted means that reference themselves, a missing indicator, or (ratios) a non-additive one. */
function aggregationProblems(
  indicators: Parsed<IndicatorItem>,
  byCode: ReadonlyMap<string, IndicatorItem>,
  problems: CatalogueProblem[],
): void {
  for (const { index, item } of indicators) {
    const agg = item.aggregation;
    const role = agg.kind === 'ratio' ? ['numerator', 'denominator'] : ['weight'];
    aggregationInputs(agg).forEach((ref, k) => {
      const path = `$.indicators[${index}].aggregation.${role[k]}`;
      const target = byCode.get(ref);
      if (ref === item.code)
        problems.push({
          code: 'CAT_SELF_REFERENCE',
          path,
          message: { zh: `指标 ${item.code} 引用了自身`, en: `Indicator ${item.code} refers to itself` },
        });
      else if (!target)
        problems.push({
          code: 'CAT_UNKNOWN_INDICATOR',
          path,
          message: { zh: `引用的指标 ${ref} 不存在`, en: `Referenced indicator ${ref} does not exist` },
        });
      else if (agg.kind === 'ratio' && !isAdditive(target.aggregation))
        problems.push({
          code: 'CAT_RATIO_NOT_ADDITIVE',
          path,
          message: {
            zh: `比率的分子分母必须是可加总指标，${ref} 的汇总方式是 ${target.aggregation.kind}`,
            en: `A ratio's numerator and denominator must be additive; ${ref} aggregates by ${target.aggregation.kind}`,
          },
        });
    });
  }
}

/** Org units valid for a negative span, lacking a parent, or under a parent that is missing or of the wrong level. */
function orgUnitProblems(
  orgUnits: Parsed<OrgUnitItem>,
  unitCodes: ReadonlyMap<string, OrgUnitItem>,
  problems: CatalogueProblem[],
): void {
  for (const { index, item } of orgUnits) {
    if (item.validTo !== undefined && item.validTo < item.validFrom)
      problems.push({
        code: 'CAT_VALIDITY',
        path: `$.orgUnits[${index}].validTo`,
        message: { zh: '失效日期早于生效日期', en: 'validTo is before validFrom' },
      });
    const path = `$.orgUnits[${index}].parent`;
    if (item.parent === undefined) {
      if (item.level !== 'province' && item.level !== 'zone')
        problems.push({
          code: 'CAT_UNKNOWN_PARENT',
          path,
          message: { zh: `${item.code} 缺少上级单位`, en: `${item.code} has no parent` },
        });
      continue;
    }
    const parent = unitCodes.get(item.parent);
    if (!parent)
      problems.push({
        code: 'CAT_UNKNOWN_PARENT',
        path,
        message: { zh: `上级单位 ${item.parent} 不存在`, en: `Parent ${item.parent} does not exist` },
      });
    else if (LEVEL_RANK[parent.level] !== LEVEL_RANK[item.level] - 1)
      problems.push({
        code: 'CAT_PARENT_LEVEL',
        path,
        message: {
          zh: `${item.level} 的上级不能是 ${parent.level}`,
          en: `A ${item.level} cannot have a ${parent.level} as parent`,
        },
      });
  }
}

/** Targets naming an unknown indicator or org unit, or in a unit that does not convert to the indicator's. */
function targetProblems(
  targets: Parsed<z.infer<typeof Target>>,
  byCode: ReadonlyMap<string, IndicatorItem>,
  unitCodes: ReadonlyMap<string, OrgUnitItem>,
  problems: CatalogueProblem[],
): void {
  for (const { index, item } of targets) {
    const ind = byCode.get(item.indicator);
    if (!ind)
      problems.push({
        code: 'CAT_UNKNOWN_INDICATOR',
        path: `$.targets[${index}].indicator`,
        message: {
          zh: `目标引用的指标 ${item.indicator} 不存在`,
          en: `Target names unknown indicator ${item.indicator}`,
        },
      });
    else if (UNITS[ind.unit].family !== UNITS[item.unit].family)
      problems.push({
        code: 'CAT_UNIT_MISMATCH',
        path: `$.targets[${index}].unit`,
        message: {
          zh: `目标单位 ${item.unit} 与指标单位 ${ind.unit} 不可换算`,
          en: `Target unit ${item.unit} does not convert to the indicator's ${ind.unit}`,
        },
      });
    if (!unitCodes.has(item.orgUnit))
      problems.push({
        code: 'CAT_UNKNOWN_ORG_UNIT',
        path: `$.targets[${index}].orgUnit`,
        message: {
          zh: `目标引用的单位 ${item.orgUnit} 不存在`,
          en: `Target names unknown org unit ${item.orgUnit}`,
        },
      });
  }
}

/** Rules and plausibility bounds naming an indicator the catalogue does not have. */
function referenceProblems(
  rules: Parsed<z.infer<typeof Rule>>,
  bounds: Parsed<z.infer<typeof PlausibilityBound>>,
  byCode: ReadonlyMap<string, IndicatorItem>,
  problems: CatalogueProblem[],
): void {
  for (const { index, item } of rules)
    for (const side of ['left', 'right'] as const)
      for (const code of exprIndicators(item[side]))
        if (!byCode.has(code))
          problems.push({
            code: 'CAT_UNKNOWN_INDICATOR',
            path: `$.rules[${index}].${side}`,
            message: { zh: `规则引用的指标 ${code} 不存在`, en: `Rule names unknown indicator ${code}` },
          });
  for (const { index, item } of bounds)
    for (const field of ['indicator', 'per'] as const) {
      const code = item[field];
      if (code !== undefined && !byCode.has(code))
        problems.push({
          code: 'CAT_UNKNOWN_INDICATOR',
          path: `$.bounds[${index}].${field}`,
          message: { zh: `合理性界限引用的指标 ${code} 不存在`, en: `Bound names unknown indicator ${code}` },
        });
    }
}

/**
 * Checks a catalogue document (JSON already parsed) as thoroughly as the built-in one is checked:
 * schema, duplicate codes, ratios that reference a missing or non-additive indicator or themselves,
 * rules and targets naming unknown indicators or units, parks whose parent does not exist; then the
 * rule set itself: rules and bounds no values can satisfy are problems, a bound end no value can
 * reach, a forced value or a rule that never fires are warnings. Never throws; reports every problem
 * at once.
 */
export function checkCatalogue(doc: unknown, options: CheckCatalogueOptions = {}): CatalogueResult {
  const problems: CatalogueProblem[] = [];
  const root = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const header = parseHeader(root, problems);
  const indicators = parseSection(root.indicators, 'indicators', IndicatorInput, problems);
  const orgUnits = parseSection(root.orgUnits, 'orgUnits', OrgUnit, problems);
  const targets = parseSection(root.targets ?? [], 'targets', Target, problems);
  const rules = parseSection(root.rules ?? [], 'rules', Rule, problems);
  const bounds = parseSection(root.bounds ?? [], 'bounds', PlausibilityBound, problems);
  const reviewGroups = parseSection(root.reviewGroups ?? [], 'reviewGroups', ReviewGroup, problems);

  duplicates(indicators, (i) => i.code, 'indicators', 'code', problems);
  duplicates(orgUnits, (u) => u.code, 'orgUnits', 'code', problems);
  duplicates(targets, (t) => t.id, 'targets', 'id', problems);
  duplicates(rules, (r) => r.id, 'rules', 'id', problems);
  duplicates(reviewGroups, (g) => g.id, 'reviewGroups', 'id', problems);
  const checks = [
    ...rules.map(({ index, item }) => ({ path: `$.rules[${index}]`, item })),
    ...bounds.map(({ index, item }) => ({ path: `$.bounds[${index}]`, item })),
  ];
  reviewGroupProblems(
    reviewGroups.map(({ item }) => item),
    checks,
    problems,
  );
  const coded = indicators.filter(({ item }) => item.formCode !== undefined);
  duplicates(coded, (i) => i.formCode ?? '', 'indicators', 'formCode', problems);
  if (header.success && header.data.forms) formProblems(header.data.forms, problems);

  const byCode = new Map(indicators.map(({ item }) => [item.code, item]));
  const unitCodes = new Map(orgUnits.map(({ item }) => [item.code, item]));
  aggregationProblems(indicators, byCode, problems);
  orgUnitProblems(orgUnits, unitCodes, problems);
  targetProblems(targets, byCode, unitCodes, problems);
  referenceProblems(rules, bounds, byCode, problems);

  if (problems.length > 0 || !header.success)
    return { ok: false, catalogue: undefined, problems, warnings: [] };
  const catalogue: Catalogue = {
    ...header.data,
    indicators: indicators.map(({ item }) => completeIndicator(item)),
    orgUnits: orgUnits.map(({ item }) => item),
    targets: targets.map(({ item }) => item),
    rules: rules.map(({ item }) => item),
    bounds: bounds.map(({ item }) => item),
    ...(root.reviewGroups === undefined ? {} : { reviewGroups: reviewGroups.map(({ item }) => item) }),
  };
  if (options.ruleSet === false) return { ok: true, catalogue, problems: [], warnings: [] };
  const { errors, warnings } = ruleSetProblems(catalogue);
  if (errors.length > 0) return { ok: false, catalogue: undefined, problems: errors, warnings };
  return { ok: true, catalogue, problems: [], warnings };
}

/**
 * A rule or bound naming a review group that does not exist, or whose severity is not its group's:
 * a check's class is declared by its group, with the reason, and the two cannot drift apart.
 */
function reviewGroupProblems(
  groups: readonly ReviewGroup[],
  checks: ReadonlyArray<{ path: string; item: { severity: Rule['severity']; review?: string | undefined } }>,
  problems: CatalogueProblem[],
): void {
  const byId = new Map(groups.map((g) => [g.id, g]));
  for (const { path, item } of checks) {
    if (item.review === undefined) continue;
    const group = byId.get(item.review);
    if (!group)
      problems.push({
        code: 'CAT_UNKNOWN_REVIEW_GROUP',
        path: `${path}.review`,
        message: { zh: `审核分组 ${item.review} 不存在`, en: `Review group ${item.review} does not exist` },
      });
    else if (group.severity !== item.severity)
      problems.push({
        code: 'CAT_REVIEW_CLASS',
        path: `${path}.severity`,
        message: {
          zh: `严重程度 ${item.severity} 与审核分组 ${group.id}（${group.name.zh}）的 ${group.severity} 不符`,
          en: `Severity ${item.severity} differs from review group ${group.id}'s ${group.severity}`,
        },
      });
  }
}

/** Where in the document a finding of the rule-set check points. */
function findingPath(catalogue: Catalogue, f: RuleCheckFinding): string {
  const subject = f.subject ?? f.involved[0];
  switch (subject?.kind) {
    case 'rule':
      return `$.rules[${subject.index}]`;
    case 'bound':
      return `$.bounds[${subject.index}]`;
    case 'range':
    case 'indicator': {
      const code = subject.indicator;
      return `$.indicators[${catalogue.indicators.findIndex((i) => i.code === code)}]`;
    }
    case 'positive':
    case 'probe':
    case undefined:
      return '$.rules';
  }
}

/** The rule-set check as catalogue problems: infeasible sets are errors, conflicts warnings. */
function ruleSetProblems(catalogue: Catalogue): { errors: CatalogueProblem[]; warnings: CatalogueProblem[] } {
  const errors: CatalogueProblem[] = [];
  const warnings: CatalogueProblem[] = [];
  for (const f of checkRuleSet(catalogue).findings) {
    const problem = { path: findingPath(catalogue, f), message: f.message };
    if (f.severity === 'error') errors.push({ code: 'CAT_RULES_INFEASIBLE', ...problem });
    else if (f.severity === 'warning') warnings.push({ code: 'CAT_RULES_CONFLICT', ...problem });
  }
  return { errors, warnings };
}
