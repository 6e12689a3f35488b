import {
  type Catalogue,
  childrenOf,
  type Expr,
  evaluateRule,
  type Finding,
  findIndicator,
  type Interval,
  type LocalizedText,
  type OrgUnit,
  type Period,
  type ReportedValue,
  type Rule,
  type RuleContext,
} from '@sunan/schema/core';
import { buildFinding } from '../findings/build.js';
import { approx, shown, withUnit } from '../findings/messages.js';
import { type CheckedValue, valueKey } from './check-values.js';
import { localiseErrors } from './localise.js';

function show(i: Interval): string {
  return i.lo.eq(i.hi)
    ? i.lo.toString()
    : `[${i.lo.toSignificantDigits(10).toString()}, ${i.hi.toSignificantDigits(10).toString()}]`;
}

/** A rule context over checked values: counts are exact, other values carry their declared precision. */
export function ruleContext(
  values: ReadonlyMap<string, CheckedValue>,
  orgUnits: readonly OrgUnit[],
  period: Period,
): RuleContext {
  const kids = new Map<string, string[]>();
  return {
    value(orgUnit, indicator): ReportedValue | undefined {
      const v = values.get(valueKey(orgUnit, indicator));
      if (!v) return undefined;
      return { value: v.value, decimals: v.indicator.valueType === 'count' ? 'exact' : v.indicator.decimals };
    },
    children(orgUnit) {
      let list = kids.get(orgUnit);
      if (!list) {
        list = childrenOf(orgUnits, orgUnit, period).map((u) => u.code);
        kids.set(orgUnit, list);
      }
      return list;
    },
  };
}

const OP_ZH: Record<Rule['op'], string> = {
  '=': '应等于',
  '<=': '不应超过',
  '<': '应小于',
  '>=': '不应少于',
  '>': '应大于',
};

/** How an expression reads in a message, with reported values at their declared decimals. */
function reading(
  expr: Expr,
  unit: OrgUnit,
  values: ReadonlyMap<string, CheckedValue>,
  catalogue: Catalogue,
  interval: Interval,
): { zh: string; en: string; figure: string } {
  const name = (code: string) => findIndicator(catalogue, code)?.name ?? { zh: code, en: code };
  const cell = (code: string) => {
    const v = values.get(valueKey(unit.code, code));
    return v ? shown(v.indicator, v.value) : '?';
  };
  switch (expr.kind) {
    case 'ref':
      return { ...name(expr.indicator), figure: cell(expr.indicator) };
    case 'children-sum': {
      const ind = findIndicator(catalogue, expr.indicator);
      const total = ind
        ? interval.lo
            .plus(interval.hi)
            .div(2)
            .toFixed(ind.valueType === 'count' ? 0 : ind.decimals)
        : approx(interval.lo);
      return {
        zh: `各园区${name(expr.indicator).zh}之和`,
        en: `the parks’ total of ${name(expr.indicator).en}`,
        figure: total,
      };
    }
    case 'ratio':
      if (expr.numerator.kind === 'ref' && expr.denominator.kind === 'ref') {
        const scale = expr.scale === '1' ? '' : ` × ${expr.scale}`;
        const text = `${cell(expr.numerator.indicator)} ÷ ${cell(expr.denominator.indicator)}${scale}`;
        return { zh: text, en: text, figure: approx(interval.lo.plus(interval.hi).div(2), 6) };
      }
      return { zh: '比率', en: 'ratio', figure: show(interval) };
    case 'const':
    case 'sum':
      return { zh: show(interval), en: show(interval), figure: show(interval) };
  }
}

/**
 * The message of a failed rule as a statistics office reads it: the figure reported, the figures it
 * is checked against, and what it should be — “全社会研发投入占地区生产总值比重填报 3.05%，按
 * 132.95 ÷ 5017.00 × 100 应为 2.65%”. The intervals stay in the finding's `value` and `expected`.
 */
function violationMessage(
  rule: Rule,
  unit: OrgUnit,
  outcome: { left: Interval; right: Interval },
  values: ReadonlyMap<string, CheckedValue>,
  catalogue: Catalogue,
): LocalizedText {
  const left = reading(rule.left, unit, values, catalogue, outcome.left);
  const right = reading(rule.right, unit, values, catalogue, outcome.right);
  const leftInd = rule.left.kind === 'ref' ? findIndicator(catalogue, rule.left.indicator) : undefined;
  if (rule.op === '=' && rule.right.kind === 'ratio' && leftInd) {
    const mid = outcome.right.lo.plus(outcome.right.hi).div(2);
    const should = withUnit(leftInd, mid);
    const v = values.get(valueKey(unit.code, leftInd.code));
    const got = v ? withUnit(leftInd, v.value) : left.figure;
    return {
      zh: `${unit.name.zh}${leftInd.name.zh}填报 ${got}，按 ${right.zh} 应为 ${should}（${rule.message.zh}）`,
      en: `${leftInd.name.en} of ${unit.name.en} is reported as ${got}, but ${right.en} gives ${should} (${rule.message.en})`,
    };
  }
  return {
    zh: `${unit.name.zh}：${left.zh}（${left.figure}）${OP_ZH[rule.op]}${right.zh}（${right.figure}）——${rule.message.zh}`,
    en: `${unit.name.en}: ${left.en} (${left.figure}) ${rule.op} ${right.en} (${right.figure}) fails — ${rule.message.en}`,
  };
}

/**
 * Checks the catalogue's rules (ratio agrees with components, parts ≤ whole, parks ≤ city) at the
 * city and each of its parks, with the declared-precision tolerance of the schema.
 */
export function checkRules(
  values: ReadonlyMap<string, CheckedValue>,
  catalogue: Catalogue,
  city: OrgUnit,
  period: Period,
  flagged: ReadonlySet<string> = new Set(),
): Finding[] {
  const ctx = ruleContext(values, catalogue.orgUnits, period);
  const units = [city, ...childrenOf(catalogue.orgUnits, city.code, period)];
  const findings: Finding[] = [];
  for (const rule of catalogue.rules)
    for (const unit of units) {
      if (!rule.levels.includes(unit.level)) continue;
      const outcome = evaluateRule(rule, unit.code, ctx);
      if (outcome.status !== 'violated') continue;
      const leftRef =
        rule.left.kind === 'ref' ? values.get(valueKey(unit.code, rule.left.indicator)) : undefined;
      const rightRef =
        rule.right.kind === 'ref' ? values.get(valueKey(unit.code, rule.right.indicator)) : undefined;
      const anchor = leftRef ?? rightRef;
      findings.push(
        buildFinding('RULE_VIOLATED', anchor?.at, violationMessage(rule, unit, outcome, values, catalogue), {
          severity: rule.severity,
          orgUnit: unit.code,
          indicator:
            rule.left.kind === 'ref' || rule.left.kind === 'children-sum' ? rule.left.indicator : undefined,
          rule: rule.id,
          value: show(outcome.left),
          expected: `${rule.op} ${show(outcome.right)}`,
        }),
      );
    }
  // A suspect that is the failed rule's own cell says what the violation says: one mistake, one
  // finding (the violation, which names the cell, the rule and the value that satisfies it).
  const violated = new Set(findings.map((f) => `${f.rule}\u0000${f.sheet}\u0000${f.cell ?? f.path}`));
  for (const f of localiseErrors(values, catalogue, units, ctx, flagged))
    if (!violated.has(`${f.rule}\u0000${f.sheet}\u0000${f.cell ?? f.path}`)) findings.push(f);
  return findings;
}
