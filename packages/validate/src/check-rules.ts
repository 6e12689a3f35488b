import {
  type Catalogue,
  childrenOf,
  evaluateRule,
  type Finding,
  type Interval,
  type OrgUnit,
  type Period,
  type ReportedValue,
  type RuleContext,
} from '@sunan/schema';
import { type CheckedValue, valueKey } from './check-values.js';
import { at } from './messages.js';

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

/**
 * Checks the catalogue's rules (ratio agrees with components, parts ≤ whole, parks ≤ city) at the
 * city and each of its parks, with the declared-precision tolerance of the schema.
 */
export function checkRules(
  values: ReadonlyMap<string, CheckedValue>,
  catalogue: Catalogue,
  city: OrgUnit,
  period: Period,
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
        at(
          'RULE_VIOLATED',
          rule.severity,
          anchor?.at,
          {
            zh: `${unit.name.zh}：${rule.message.zh}（左边 ${show(outcome.left)}，右边 ${show(outcome.right)}）`,
            en: `${unit.name.en}: ${rule.message.en} (left ${show(outcome.left)}, right ${show(outcome.right)})`,
          },
          {
            orgUnit: unit.code,
            indicator:
              rule.left.kind === 'ref' || rule.left.kind === 'children-sum' ? rule.left.indicator : undefined,
            rule: rule.id,
            value: show(outcome.left),
            expected: `${rule.op} ${show(outcome.right)}`,
          },
        ),
      );
    }
  return findings;
}
