import { readFileSync } from 'node:fs';
import { submissionJsonSchema } from '@sunan/schema';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS, submissionValidatorCode } from '../scripts/submission-validator-code.mjs';
import shipped from '../src/generated/submission-validator.js';

// The JSON submission check runs ajv's standalone code, generated at build time. It must be the code
// ajv generates for today's schema, and it must judge every document as ajv compiling at run time does.
const HINT = 'run `pnpm --filter @sunan/validate generate` and commit the result';
const file = new URL('../src/generated/submission-validator.js', import.meta.url);

const sample = {
  templateVersion: '1',
  catalogueVersion: '2022.1',
  city: '320500',
  period: '2022',
  values: [
    { orgUnit: '320500', indicator: 'RD_EXP', value: '1016.21' },
    { orgUnit: '320500P01', indicator: 'HTE_COUNT', value: 2450 },
    { orgUnit: '320500', indicator: 'GAZELLES', value: null, note: '不掌握' },
  ],
  enterprises: [{ creditCode: '91320594MA1N6Y8F4C', name: '示例科技有限公司', park: '320500P01' }],
};

/** Submission-like documents: mostly the right shape, with wrong types, extra keys and bad strings. */
const scalar = fc.oneof(
  fc.string(),
  fc.constantFrom('', '2022', '2022Q3', '22', '1,234', '-0.5', '𠀀', '\ud800'),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const valueRow = fc.record(
  { orgUnit: scalar, indicator: scalar, value: scalar, note: scalar, extra: scalar },
  { requiredKeys: [] },
);
const enterpriseRow = fc.record(
  { creditCode: scalar, name: scalar, park: scalar, certificateNo: scalar, certifiedYear: scalar },
  { requiredKeys: [] },
);
const doc = fc.oneof(
  fc.record(
    {
      templateVersion: scalar,
      catalogueVersion: scalar,
      city: scalar,
      period: scalar,
      values: fc.oneof(fc.array(valueRow, { maxLength: 4 }), scalar),
      enterprises: fc.oneof(fc.array(enterpriseRow, { maxLength: 3 }), scalar),
      other: scalar,
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

describe('the precompiled submission validator', () => {
  it(`is ajv's standalone code for the shipped schema (${HINT})`, () => {
    expect(readFileSync(file, 'utf8')).toBe(submissionValidatorCode(submissionJsonSchema()));
  });

  it('accepts a good submission and names each violation of a bad one', () => {
    expect(shipped(sample)).toBe(true);
    expect(shipped({ ...sample, period: '22', extra: 1 })).toBe(false);
    expect(shipped.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([
      ['', 'additionalProperties'],
      ['/period', 'pattern'],
    ]);
  });

  it('gives the same verdict and errors as ajv compiling the schema at run time', () => {
    const runtime = new Ajv2020(AJV_OPTIONS).compile(submissionJsonSchema());
    fc.assert(
      fc.property(doc, (d) => {
        const expected = runtime(d);
        expect(shipped(d)).toBe(expected);
        expect(shipped.errors ?? null).toEqual(runtime.errors ?? null);
      }),
      { numRuns: 2000 },
    );
  });
});
