import {
  type Catalogue,
  checkCatalogue,
  IndicatorInput,
  PlausibilityBound,
  Rule,
  sunanCatalogue,
  sunanCatalogueDocument,
} from '@sunan/schema';
import { checkRuleSet, type RowSource, type RuleCheckFinding } from '@sunan/schema/check';
import { completeIndicator, evaluateRule } from '@sunan/schema/core';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

type Doc = ReturnType<typeof sunanCatalogueDocument> & { rules: unknown[]; bounds: unknown[] };
const builtinDoc = () => structuredClone(sunanCatalogueDocument()) as Doc;

/** The built-in document with one change, checked into a catalogue (shape only). */
function catalogueOf(doc: unknown): Catalogue {
  const r = checkCatalogue(doc, { ruleSet: false });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.catalogue;
}

const ids = (sources: readonly RowSource[]) =>
  sources
    .map((s) =>
      s.kind === 'rule'
        ? s.id
        : s.kind === 'bound'
          ? `bound:${s.indicator}${s.per ? `/${s.per}` : ''}`
          : `${s.kind}`,
    )
    .sort();
const ofCode = (findings: readonly RuleCheckFinding[], code: string) =>
  findings.filter((f) => f.code === code);
const serious = (findings: readonly RuleCheckFinding[]) => findings.filter((f) => f.severity !== 'info');

const ref = (indicator: string) => ({ kind: 'ref', indicator });
const num = (value: string) => ({ kind: 'const', value });
const rule = (id: string, left: unknown, op: string, right: unknown, levels = ['city']) => ({
  id,
  left,
  op,
  right,
  severity: 'error',
  levels,
  message: { zh: id, en: id },
});

/** A small catalogue of count indicators A, B, C… (exact: no tolerance), with the given rules. */
function small(codes: string[], rules: unknown[], levels = ['zone', 'city', 'park']): Catalogue {
  const doc = builtinDoc();
  return catalogueOf({
    ...doc,
    indicators: codes.map((code) => ({
      code,
      name: { zh: code, en: code },
      group: 'base',
      unit: '家',
      valueType: 'count',
      decimals: 0,
      levels,
      aggregation: { kind: 'sum' },
    })),
    targets: [],
    rules,
    bounds: [],
  });
}

describe('the check of the built-in rule set', () => {
  it('is clean: nothing infeasible, no conflicting bound, no forced value, no rule that never fires', () => {
    const report = checkRuleSet(sunanCatalogue());
    expect(serious(report.findings)).toEqual([]);
    expect(report.clean).toBe(true);
    // Information only: PART_RD_EXP_LE_GDP follows, at city level, from the bound on R&D intensity.
    expect(ofCode(report.findings, 'CHK_REDUNDANT').map((f) => f.subject)).toEqual([
      expect.objectContaining({ kind: 'rule', id: 'PART_RD_EXP_LE_GDP' }),
    ]);
    const rd = report.implied.find((b) => b.level === 'city' && b.indicator === 'RD_INTENSITY');
    expect(rd).toMatchObject({ min: '0.2', max: '8', forced: false });
    expect(report.figures.linearPrograms).toBeGreaterThan(100);
  });

  it('checkCatalogue of the built-in document has neither problems nor warnings', () => {
    const r = checkCatalogue(sunanCatalogueDocument());
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('is not clean once a rule or a bound is changed into a conflict', () => {
    const bound = (indicator: string, per?: string) =>
      builtinDoc().bounds.findIndex(
        (b) =>
          (b as { indicator: string; per?: string }).indicator === indicator &&
          (b as { per?: string }).per === per,
      );
    const changes: Array<[string, (d: Doc) => void]> = [
      [
        'CHK_BOUND_CONFLICT',
        (d) => Object.assign(d.bounds[bound('RD_INTENSITY')] as object, { min: '0.1', max: '10' }),
      ],
      ['CHK_INFEASIBLE', (d) => Object.assign(d.bounds[bound('GDP')] as object, { min: '70000' })],
      [
        'CHK_INFEASIBLE',
        (d) => Object.assign(d.bounds[bound('ENTERPRISE_RD_EXP', 'GDP')] as object, { min: '0.09' }),
      ],
      [
        'CHK_BOUND_CONFLICT',
        (d) => Object.assign(d.bounds[bound('ENTERPRISE_RD_EXP', 'GDP')] as object, { max: '0.09' }),
      ],
      ['CHK_INFEASIBLE', (d) => d.rules.push(rule('PLANTED_LE', ref('UNICORNS'), '>', ref('HTE_COUNT')))],
      ['CHK_NEVER_FIRES', (d) => Object.assign(d.rules[0] as object, { levels: ['zone', 'city', 'park'] })],
      ['CHK_FORCED', (d) => Object.assign(d.bounds[bound('AVG_WAGE')] as object, { min: '12', max: '12' })],
    ];
    for (const [code, change] of changes) {
      const doc = builtinDoc();
      change(doc);
      const report = checkRuleSet(catalogueOf(doc));
      expect(report.clean).toBe(false);
      expect(serious(report.findings).map((f) => f.code)).toContain(code);
    }
  });
});

describe('planted defects, each with its minimal set and words', () => {
  it('two contradicting rules: infeasible, the two rules named and nothing else', () => {
    const doc = builtinDoc();
    doc.rules.push(rule('PLANTED_MIN', ref('HTE_COUNT'), '>=', num('100')));
    doc.rules.push(rule('PLANTED_MAX', ref('HTE_COUNT'), '<=', num('50')));
    const found = ofCode(checkRuleSet(catalogueOf(doc)).findings, 'CHK_INFEASIBLE');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', level: 'city' });
    expect(ids(found[0]?.involved ?? [])).toEqual(['PLANTED_MAX', 'PLANTED_MIN']);
    expect(found[0]?.message.zh).toBe(
      '市级：没有任何一组数值能同时满足：规则 PLANTED_MIN；规则 PLANTED_MAX。按此目录，每份如实填报的报表都会出错。',
    );
    expect(found[0]?.message.en).toContain(
      'At city level: no values can satisfy all of: rule PLANTED_MIN; rule PLANTED_MAX.',
    );
    const r = checkCatalogue(doc);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['CAT_RULES_INFEASIBLE', `$.rules[${doc.rules.length - 2}]`],
    ]);
  });

  it('a bound that conflicts through a ratio identity (the RD_INTENSITY case restored)', () => {
    const doc = builtinDoc();
    const i = doc.bounds.findIndex((b) => (b as { indicator: string }).indicator === 'RD_INTENSITY');
    Object.assign(doc.bounds[i] as object, { min: '0.1', max: '10' });
    const found = ofCode(checkRuleSet(catalogueOf(doc)).findings, 'CHK_BOUND_CONFLICT');
    expect(found.map((f) => f.subject)).toEqual([
      expect.objectContaining({ kind: 'bound', indicator: 'RD_INTENSITY' }),
      expect.objectContaining({ kind: 'bound', indicator: 'RD_INTENSITY' }),
    ]);
    for (const f of found) expect(ids(f.involved)).toEqual(['RATIO_RD_INTENSITY', 'bound:RD_EXP/GDP']);
    // The interval the others imply, widened by the identity's tolerance (½·10⁻² on a 2-decimal %).
    expect(found[0]?.implied).toEqual({ lo: '0.195', hi: '8.005' });
    expect(found[0]?.message.en).toBe(
      'At city level: the lower end 0.1 of bound RD_INTENSITY in [0.1, 10] cannot be reached: the other rules and bounds allow only [0.195, 8.005] (bound RD_EXP per GDP in [0.002, 0.08]; rule RATIO_RD_INTENSITY). A value between 0.1 and 0.195 passes this bound but always trips one of them.',
    );
    expect(found[1]?.message.zh).toContain('界限 RD_INTENSITY ∈ [0.1, 10] 的上限 10 达不到');
    const r = checkCatalogue(doc);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([
      ['CAT_RULES_CONFLICT', `$.bounds[${i}]`],
      ['CAT_RULES_CONFLICT', `$.bounds[${i}]`],
    ]);
  });

  it('a redundant rule: implied by the two it follows from (information)', () => {
    const cat = small(
      ['A', 'B', 'C'],
      [
        rule('A_LE_B', ref('A'), '<=', ref('B')),
        rule('B_LE_C', ref('B'), '<=', ref('C')),
        rule('A_LE_C', ref('A'), '<=', ref('C')),
      ],
    );
    const report = checkRuleSet(cat);
    const found = ofCode(report.findings, 'CHK_REDUNDANT');
    expect(found.map((f) => (f.subject as { id: string }).id)).toEqual(['A_LE_C']);
    expect(ids(found[0]?.involved ?? [])).toEqual(['A_LE_B', 'B_LE_C']);
    expect(found[0]?.message.en).toBe(
      'At city level: rule A_LE_C is implied by rule A_LE_B; rule B_LE_C (it can never fail on its own: redundant).',
    );
    expect(found[0]?.severity).toBe('info');
    expect(report.clean).toBe(true);
  });

  it('declared precision keeps a chain of rounded sums from making the shortcut redundant', () => {
    // A ≤ B and B ≤ C each hold within ±0.005 + 0.005 on 2-decimal amounts, so A ≤ C within 0.01 is
    // tighter than the chain (0.02): it can fail when they hold, and is not redundant.
    const doc = builtinDoc();
    const amount = (code: string) => ({
      code,
      name: { zh: code, en: code },
      group: 'base',
      unit: '亿元',
      valueType: 'amount',
      decimals: 2,
      aggregation: { kind: 'sum' },
    });
    const cat = catalogueOf({
      ...doc,
      indicators: ['A', 'B', 'C'].map(amount),
      targets: [],
      bounds: [],
      rules: [
        rule('A_LE_B', ref('A'), '<=', ref('B')),
        rule('B_LE_C', ref('B'), '<=', ref('C')),
        rule('A_LE_C', ref('A'), '<=', ref('C')),
      ],
    });
    const report = checkRuleSet(cat);
    expect(ofCode(report.findings, 'CHK_REDUNDANT')).toEqual([]);
    expect(report.tolerances.filter((t) => t.level === 'city')).toContainEqual({
      rule: 'A_LE_C',
      amount: '0.01',
      basis: 'declared-precision',
      level: 'city',
    });
  });

  it('a forced value: named with the rules that pin it', () => {
    const cat = small(
      ['A', 'B'],
      [
        rule('A_MIN', ref('A'), '>=', num('5')),
        rule('A_LE_B', ref('A'), '<=', ref('B')),
        rule('B_MAX', ref('B'), '<=', num('5')),
      ],
    );
    const report = checkRuleSet(cat);
    const found = ofCode(report.findings, 'CHK_FORCED');
    expect(found.map((f) => f.subject)).toEqual([
      { kind: 'indicator', indicator: 'A' },
      { kind: 'indicator', indicator: 'B' },
    ]);
    for (const f of found) expect(ids(f.involved)).toEqual(['A_LE_B', 'A_MIN', 'B_MAX']);
    expect(found[0]?.message.en).toBe(
      'At city level: A is forced to 5 by rule A_MIN; rule A_LE_B; rule B_MAX (any other value fails).',
    );
    expect(found[0]?.message.zh).toContain('市级：A 被迫等于 5');
    expect(report.implied.find((b) => b.level === 'city' && b.indicator === 'A')).toMatchObject({
      min: '5',
      max: '5',
      forced: true,
    });
    expect(report.clean).toBe(false);
  });

  it('a rule that never fires: a level where an indicator it reads is not reported', () => {
    const cat = small(
      ['A', 'B'],
      [rule('A_LE_B', ref('A'), '<=', ref('B'), ['city', 'park'])],
      ['zone', 'city'],
    );
    const found = ofCode(checkRuleSet(cat).findings, 'CHK_NEVER_FIRES');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', level: 'park' });
    expect(found[0]?.message.en).toBe(
      'At park level: rule A_LE_B never fires: A, B are not reported at this level.',
    );
    expect(found[0]?.message.zh).toBe('园区级：规则 A_LE_B 从不生效：A、B 不在该层级填报。');
  });
});

/** A random rule set with a known solution: every rule and bound holds at `solution`. */
const feasibleSet = fc
  .record({
    solution: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 6 }),
    rules: fc.array(
      fc.record({
        left: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        right: fc.array(fc.nat(), { maxLength: 2 }),
        op: fc.constantFrom('=', '<=', '>=', '<', '>'),
        slack: fc.integer({ min: 0, max: 50 }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ solution, rules }) => {
    const codes = solution.map((_, i) => `X${i}`);
    const pick = (ks: number[]) => [...new Set(ks.map((k) => k % codes.length))];
    const made = rules.map((r, i) => {
      const left = pick(r.left);
      const right = pick(r.right).filter((k) => !left.includes(k));
      const diff =
        left.reduce((s, k) => s + (solution[k] ?? 0), 0) - right.reduce((s, k) => s + (solution[k] ?? 0), 0);
      // left − right − c op 0 at the solution: c = diff for '=', a slack the right way otherwise.
      const c =
        r.op === '='
          ? diff
          : r.op === '<=' || r.op === '<'
            ? diff + r.slack + (r.op === '<' ? 1 : 0)
            : diff - r.slack - (r.op === '>' ? 1 : 0);
      const terms = [...right.map((k) => ref(codes[k] ?? '')), num(String(c))];
      return rule(`R${i}`, { kind: 'sum', terms: left.map((k) => ref(codes[k] ?? '')) }, r.op, {
        kind: 'sum',
        terms,
      });
    });
    return { solution, codes, rules: made };
  });

/** The same catalogue built directly (zod defaults, no document checks), for speed. */
function direct(codes: string[], rules: unknown[]): Catalogue {
  const base = sunanCatalogue();
  return {
    ...base,
    indicators: codes.map((code) =>
      completeIndicator(
        IndicatorInput.parse({
          code,
          name: { zh: code, en: code },
          group: 'base',
          unit: '家',
          valueType: 'count',
          decimals: 0,
          levels: ['city'],
          aggregation: { kind: 'sum' },
        }),
      ),
    ),
    targets: [],
    rules: rules.map((r) => Rule.parse(r)),
    bounds: [],
  };
}

describe('property: rule sets built around a known solution', () => {
  it('are never reported infeasible', () => {
    fc.assert(
      fc.property(feasibleSet, ({ codes, rules }) => {
        const report = checkRuleSet(direct(codes, rules));
        expect(ofCode(report.findings, 'CHK_INFEASIBLE')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('a rule contradicting the solution on a forced variable is always found, and named', () => {
    fc.assert(
      fc.property(
        feasibleSet,
        fc.nat(),
        fc.boolean(),
        fc.integer({ min: 1, max: 20 }),
        ({ solution, codes, rules }, k, above, by) => {
          const i = k % codes.length;
          const code = codes[i] ?? '';
          const v = solution[i] ?? 0;
          const forced = [
            rule('PIN_LO', ref(code), '>=', num(String(v))),
            rule('PIN_HI', ref(code), '<=', num(String(v))),
          ];
          const contra = rule('CONTRA', ref(code), above ? '>=' : '<=', num(String(above ? v + by : v - by)));
          const report = checkRuleSet(direct(codes, [...rules, ...forced, contra]));
          const found = ofCode(report.findings, 'CHK_INFEASIBLE');
          expect(found).toHaveLength(1);
          expect(ids(found[0]?.involved ?? [])).toContain('CONTRA');
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('property: any catalogue that passed its shape check', () => {
  const codes = ['A', 'B', 'C', 'S'];
  const leaf = fc.oneof(
    fc.constantFrom(...codes).map((c) => ref(c)),
    fc.constantFrom(...codes).map((c) => ({ kind: 'children-sum', indicator: c })),
    fc.integer({ min: -1000, max: 100_000 }).map((v) => num(String(v))),
  );
  const { expr } = fc.letrec<{ expr: unknown }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('expr'), { minLength: 1, maxLength: 3 }).map((terms) => ({ kind: 'sum', terms })),
      fc
        .record({
          numerator: tie('expr'),
          denominator: tie('expr'),
          scale: fc.constantFrom('1', '100', '0.01'),
        })
        .map((r) => ({ kind: 'ratio', ...r })),
    ),
  }));
  const anyRule = fc.record({
    left: expr,
    op: fc.constantFrom('=', '<=', '>=', '<', '>'),
    right: expr,
    levels: fc.subarray(['zone', 'city', 'park'], { minLength: 1 }),
    tolerance: fc.constantFrom(
      { kind: 'declared-precision' },
      { kind: 'exact' },
      { kind: 'absolute', amount: '0.5' },
    ),
    missing: fc.constantFrom('skip-if-any', 'skip-if-all', 'treat-as-zero'),
  });
  const anyBound = fc.record({
    indicator: fc.constantFrom(...codes),
    per: fc.option(fc.constantFrom(...codes), { nil: undefined }),
    levels: fc.subarray(['zone', 'city', 'park'], { minLength: 1 }),
    min: fc.option(fc.integer({ min: -10, max: 1000 }).map(String), { nil: undefined }),
    max: fc.option(fc.integer({ min: -10, max: 100_000 }).map(String), { nil: undefined }),
  });

  it('is checked without throwing, and every finding names what it is about', () => {
    fc.assert(
      fc.property(
        fc.array(anyRule, { maxLength: 6 }),
        fc.array(anyBound, { maxLength: 4 }),
        (rules, bounds) => {
          const base = direct(['A', 'B', 'C'], []);
          const share = completeIndicator(
            IndicatorInput.parse({
              code: 'S',
              name: { zh: 'S', en: 'S' },
              group: 'base',
              unit: '%',
              valueType: 'percent',
              decimals: 2,
              range: { min: 0, max: 100 },
              aggregation: { kind: 'ratio', numerator: 'A', denominator: 'B', scale: '100' },
            }),
          );
          const catalogue: Catalogue = {
            ...base,
            indicators: [...base.indicators, share],
            rules: [
              Rule.parse(
                rule('IDENTITY', ref('S'), '=', {
                  kind: 'ratio',
                  numerator: ref('A'),
                  denominator: ref('B'),
                  scale: '100',
                }),
              ),
              ...rules.map((r, i) =>
                Rule.parse({
                  ...rule(`R${i}`, r.left, r.op, r.right, r.levels),
                  tolerance: r.tolerance,
                  missing: r.missing,
                }),
              ),
            ],
            bounds: bounds.map((b) => PlausibilityBound.parse({ ...b, basis: { zh: 'x', en: 'x' } })),
          };
          const report = checkRuleSet(catalogue);
          for (const f of report.findings) {
            expect(f.message.zh.length).toBeGreaterThan(0);
            expect(f.message.en.length).toBeGreaterThan(0);
            if (f.code === 'CHK_INFEASIBLE') expect(f.involved.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('property: the model agrees with the validator', () => {
  /** Rules over 2-decimal amounts at a known solution; only those the validator itself passes are kept. */
  const heldSet = fc
    .record({
      solution: fc.array(fc.integer({ min: 100, max: 1_000_000 }), { minLength: 2, maxLength: 5 }),
      rules: fc.array(
        fc.record({
          left: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
          right: fc.array(fc.nat(), { maxLength: 2 }),
          ratio: fc.boolean(),
          op: fc.constantFrom('=', '<=', '>=', '<', '>'),
          c: fc.integer({ min: -50, max: 50 }),
          tolerance: fc.constantFrom(
            { kind: 'declared-precision' },
            { kind: 'exact' },
            { kind: 'absolute', amount: '0.05' },
          ),
        }),
        { maxLength: 10 },
      ),
    })
    .map(({ solution, rules }) => {
      const codes = solution.map((_, i) => `V${i}`);
      const value = (k: number) => new Decimal(solution[k % solution.length] ?? 0).div(100);
      const sum = (ks: number[]) => ({
        kind: 'sum',
        terms: ks.map((k) => ref(codes[k % codes.length] ?? '')),
      });
      const made = rules.map((r, i) => {
        const lhsValue = r.left.reduce((s, k) => s.plus(value(k)), new Decimal(0));
        const rhsValue = r.right.reduce((s, k) => s.plus(value(k)), new Decimal(0));
        // A ratio of the two sides against a constant near its value, or the sides with a constant near their gap.
        const left = r.ratio
          ? {
              kind: 'ratio',
              numerator: sum(r.left),
              denominator: sum([...r.right, r.left[0] ?? 0]),
              scale: '100',
            }
          : sum(r.left);
        const near = r.ratio
          ? lhsValue
              .div(rhsValue.plus(value(r.left[0] ?? 0)))
              .times(100)
              .toDecimalPlaces(2)
          : lhsValue.minus(rhsValue);
        const c = num(near.plus(new Decimal(r.c).div(100)).toString());
        const right = r.ratio ? c : { kind: 'sum', terms: [...sum(r.right).terms, c] };
        return { ...rule(`R${i}`, left, r.op, right), tolerance: r.tolerance };
      });
      return { codes, values: codes.map((_, k) => value(k)), rules: made };
    });

  it('rules the validator passes at a solution are never reported infeasible together', () => {
    fc.assert(
      fc.property(heldSet, ({ codes, values, rules }) => {
        const ctx = {
          value: (_: string, code: string) => ({
            value: values[codes.indexOf(code)] ?? new Decimal(0),
            decimals: 2,
          }),
          children: () => [],
        };
        const held = rules
          .map((r) => Rule.parse(r))
          .filter((r) => evaluateRule(r, 'C', ctx).status === 'holds');
        const amount = direct(codes, []).indicators.map((i) => ({
          ...i,
          unit: '亿元' as const,
          valueType: 'amount' as const,
          decimals: 2,
        }));
        const report = checkRuleSet({ ...direct(codes, []), indicators: amount, rules: held });
        expect(ofCode(report.findings, 'CHK_INFEASIBLE')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
