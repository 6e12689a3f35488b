import { type Submission, slipsOf } from '@sunan/schema';
import { validateSubmission } from '@sunan/validate';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { catalogue, filledWorkbook, mutate, setValue, synthetic } from './helpers.js';

const CITY = '320500';
const bytesOf = (s: Submission) => new TextEncoder().encode(JSON.stringify(s));
const indexOf = (s: Submission, code: string) =>
  s.values.findIndex((v) => v.orgUnit === CITY && v.indicator === code);

/** Every (rule, component) pair of the catalogue's city-level ratio rules. */
const components = catalogue.rules.flatMap((rule) =>
  rule.levels.includes('city') && rule.right.kind === 'ratio'
    ? [rule.right.numerator, rule.right.denominator].flatMap((e) =>
        e.kind === 'ref' ? [{ rule: rule.id, indicator: e.indicator }] : [],
      )
    : [],
);

describe('error localisation (Fellegi–Holt)', () => {
  it('finds ratio rules to test', () => expect(components.length).toBeGreaterThan(20));

  for (const { rule, indicator } of components)
    it(`a slip in ${indicator} (component of ${rule}) is named at ${indicator}'s own cell`, () => {
      const s = synthetic(CITY);
      const i = indexOf(s, indicator);
      const ind = catalogue.indicators.find((x) => x.code === indicator);
      const slip = ind && slipsOf(ind).find((x) => x.multiplier.gt(1));
      expect(slip, indicator).toBeDefined();
      const values = s.values.map((v, k) =>
        k === i ? { ...v, value: new Decimal(String(v.value)).times(slip?.multiplier ?? 1).toString() } : v,
      );
      const r = validateSubmission(bytesOf({ ...s, values }));
      const rules = r.findings.filter((f) => f.code === 'RULE_VIOLATED' && f.rule === rule);
      expect(rules.length, `${rule} fails`).toBe(1);
      const suspects = r.findings.filter((f) => f.code === 'RULE_SUSPECT_CELL');
      const here = suspects.filter((f) => f.path === `$.values[${i}].value`);
      expect(here.length, JSON.stringify(suspects.map((f) => f.message.zh))).toBe(1);
      expect(here[0]?.rule?.split(',')).toContain(rule);
      expect(here[0]?.message.zh).toContain(
        `应为约 ${new Decimal(String(s.values[i]?.value)).toFixed(ind?.valueType === 'count' ? 0 : (ind?.decimals ?? 0))}`,
      );
      // Only the slipped cell is suspected: the ratio cells it broke are not blamed.
      expect(suspects.map((f) => f.indicator)).toEqual([indicator]);
    });

  it('a wrong ratio is blamed on the ratio, with the figure that satisfies the rule, in office terms', async () => {
    const s = synthetic(CITY);
    const get = (code: string) => String(s.values[indexOf(s, code)]?.value);
    let cell = '';
    const bytes = mutate(await filledWorkbook(CITY), (wb) => {
      cell = setValue(wb, CITY, 'RD_INTENSITY', { t: 'n', v: Number(get('RD_INTENSITY')) + 0.4 });
    });
    const r = validateSubmission(bytes);
    const rule = r.findings.find((f) => f.code === 'RULE_VIOLATED');
    const want = new Decimal(get('RD_EXP')).div(get('GDP')).times(100).toFixed(2);
    expect(rule?.message.zh).toContain(
      `填报 ${(Number(get('RD_INTENSITY')) + 0.4).toFixed(2)}%，按 ${new Decimal(get('RD_EXP')).toFixed(2)} ÷ ${new Decimal(get('GDP')).toFixed(2)} × 100 应为 ${want}%`,
    );
    expect(rule?.expected).toMatch(/^= \[/); // the interval stays in the machine field
    // One mistake, one error: the violation at the ratio's own cell; no second finding there.
    expect(rule).toMatchObject({ cell, indicator: 'RD_INTENSITY', rule: 'RATIO_RD_INTENSITY' });
    expect(r.findings.filter((f) => f.code === 'RULE_SUSPECT_CELL')).toEqual([]);
    expect(r.stats.errors).toBe(1);
  });
});
