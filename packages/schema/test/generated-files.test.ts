import { readFileSync } from 'node:fs';
import {
  catalogueMarkdown,
  checkCatalogue,
  Submission,
  submissionJsonSchema,
  sunanCatalogue,
  sunanCatalogueDocument,
} from '@sunan/schema';
import { checkRuleSet, ruleSetMarkdown } from '@sunan/schema/check';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const file = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
const HINT = 'run `pnpm --filter @sunan/schema generate` and commit the result';

describe('generated files', () => {
  it(`ships a submission JSON Schema in sync with the zod schema (${HINT})`, () => {
    expect(JSON.parse(file('submission.schema.json'))).toEqual(submissionJsonSchema());
  });

  it(`ships the built-in catalogue pre-checked, as checkCatalogue returns it (${HINT})`, () => {
    const fresh = checkCatalogue(sunanCatalogueDocument());
    expect(fresh.problems).toEqual([]);
    // As text, so that key order too is what the zod check gives: a catalogue printed or hashed
    // from the shipped data is the one a fresh check would print.
    expect(JSON.stringify(sunanCatalogue())).toBe(JSON.stringify(fresh.catalogue));
    expect(JSON.parse(file('data/sunan-catalogue.checked.json'))).toEqual(fresh.catalogue);
  });

  it(`ships CATALOGUE.md in sync with the catalogue data (${HINT})`, () => {
    const catalogue = sunanCatalogue();
    const ruleSet = ruleSetMarkdown(catalogue, checkRuleSet(catalogue));
    expect(file('CATALOGUE.md')).toBe(`${catalogueMarkdown(catalogue)}\n${ruleSet}`);
  });

  it('compiles the JSON Schema with ajv and validates a sample submission, rejecting a bad one', () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile(JSON.parse(file('submission.schema.json')));
    const sample = {
      templateVersion: '1',
      catalogueVersion: '2022.1',
      city: '320500',
      period: '2022',
      values: [
        { orgUnit: '320500', indicator: 'RD_EXP', value: '1016.21' },
        { orgUnit: '320500P01', indicator: 'HTE_COUNT', value: 2450 },
        { orgUnit: '320500', indicator: 'GAZELLES', value: null },
      ],
      enterprises: [{ creditCode: '91320594MA1N6Y8F4C', name: '示例科技有限公司', park: '320500P01' }],
    };
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    expect(Submission.safeParse(sample).success).toBe(true);
    expect(validate({ ...sample, period: '22' })).toBe(false);
    expect(validate({ ...sample, values: [{ orgUnit: 'x', indicator: 'y', value: '1,234' }] })).toBe(false);
    expect(validate({ ...sample, extra: 1 })).toBe(false);
  });
});
