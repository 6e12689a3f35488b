import { checkCatalogue, sunanCatalogue, sunanCatalogueDocument } from '@sunan/schema';
import { describe, expect, it } from 'vitest';

describe('checkCatalogue', () => {
  it('accepts the built-in Sunan catalogue through the same check as a user catalogue', () => {
    const result = checkCatalogue(sunanCatalogueDocument());
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(sunanCatalogue().indicators.length).toBeGreaterThanOrEqual(60);
  });

  it('reports every planted problem at once, each with its JSON path', () => {
    const doc = structuredClone(sunanCatalogueDocument()) as {
      indicators: Array<Record<string, unknown>>;
      orgUnits: Array<Record<string, unknown>>;
      targets: Array<Record<string, unknown>>;
      rules: Array<Record<string, unknown>>;
    };
    const gdp = doc.indicators[0] as Record<string, unknown>;
    // 1. duplicate indicator code
    doc.indicators.push({ ...gdp });
    // 2. ratio referencing a missing indicator
    doc.indicators.push({
      ...gdp,
      code: 'BAD_RATIO',
      aggregation: { kind: 'ratio', numerator: 'NOPE', denominator: 'GDP', scale: '100' },
    });
    // 3. ratio referencing itself
    doc.indicators.push({
      ...gdp,
      code: 'SELF_RATIO',
      aggregation: { kind: 'ratio', numerator: 'SELF_RATIO', denominator: 'GDP', scale: '1' },
    });
    // 4. rule naming an unknown indicator
    doc.rules.push({
      ...(doc.rules[0] as object),
      id: 'RULE_GHOST',
      left: { kind: 'ref', indicator: 'GHOST' },
    });
    // 5. park whose parent city does not exist
    doc.orgUnits.push({
      code: '329900P01',
      level: 'park',
      parent: '329900',
      name: { zh: '不存在园区', en: 'Ghost park' },
      validFrom: '2020-01-01',
    });
    // 6. target for an unknown indicator
    doc.targets.push({ ...(doc.targets[0] as object), id: 'T_GHOST', indicator: 'GHOST_TARGET' });
    // 7. a schema error: a unit nobody knows
    doc.indicators.push({ ...gdp, code: 'ODD_UNIT', unit: '斤' });
    // 8. ratio over a non-additive indicator
    doc.indicators.push({
      ...gdp,
      code: 'RATIO_OF_RATIO',
      aggregation: { kind: 'ratio', numerator: 'RD_INTENSITY', denominator: 'GDP', scale: '1' },
    });

    const result = checkCatalogue(doc);
    expect(result.ok).toBe(false);
    const n = doc.indicators.length;
    const got = result.problems.map((p) => [p.code, p.path]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['CAT_DUPLICATE_CODE', `$.indicators[${n - 5}].code`],
        ['CAT_UNKNOWN_INDICATOR', `$.indicators[${n - 4}].aggregation.numerator`],
        ['CAT_SELF_REFERENCE', `$.indicators[${n - 3}].aggregation.numerator`],
        ['CAT_SCHEMA', `$.indicators[${n - 2}].unit`],
        ['CAT_RATIO_NOT_ADDITIVE', `$.indicators[${n - 1}].aggregation.numerator`],
        ['CAT_UNKNOWN_INDICATOR', `$.rules[${doc.rules.length - 1}].left`],
        ['CAT_UNKNOWN_PARENT', `$.orgUnits[${doc.orgUnits.length - 1}].parent`],
        ['CAT_UNKNOWN_INDICATOR', `$.targets[${doc.targets.length - 1}].indicator`],
      ]),
    );
    for (const p of result.problems) {
      expect(p.message.zh.length).toBeGreaterThan(0);
      expect(p.message.en.length).toBeGreaterThan(0);
    }
  });

  it('never throws on input that is not a catalogue at all', () => {
    for (const junk of [null, 42, 'text', [], { indicators: 'no' }]) {
      const r = checkCatalogue(junk);
      expect(r.ok).toBe(false);
      expect(r.problems.length).toBeGreaterThan(0);
    }
  });

  it('rejects a park placed directly under the zone and a validity that ends before it starts', () => {
    const doc = structuredClone(sunanCatalogueDocument()) as { orgUnits: Array<Record<string, unknown>> };
    doc.orgUnits.push({
      code: 'X1',
      level: 'park',
      parent: 'SUNAN',
      name: { zh: '甲', en: 'A' },
      validFrom: '2020-01-01',
      validTo: '2019-01-01',
    });
    const codes = checkCatalogue(doc).problems.map((p) => p.code);
    expect(codes).toContain('CAT_PARENT_LEVEL');
    expect(codes).toContain('CAT_VALIDITY');
  });
});
