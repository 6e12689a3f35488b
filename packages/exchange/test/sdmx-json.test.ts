import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { observationsOf, sdmxCsv, sdmxJson } from '../src/index.js';
import { rollUps } from './helpers.js';

// The official SDMX-JSON 2.0.0 data-message schema (see fixtures/README.md). Its patterns use
// escapes that are not valid in Unicode mode, hence unicodeRegExp: false.
const schema = JSON.parse(
  readFileSync(new URL('./fixtures/sdmx-json-data-schema-2.0.0.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const { $schema: _draft, id: _id, ...body } = schema;
const validate = new Ajv({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(body);

type Message = {
  data: {
    structures: Array<{
      dimensions: { observation: Array<{ id: string; values: Array<{ id: string }> }> };
      attributes: { observation: Array<{ id: string; values: Array<{ id?: string; value?: string }> }> };
    }>;
    dataSets: Array<{ observations: Record<string, Array<number | null>> }>;
  };
};

describe('the SDMX-JSON 2.0.0 data message', () => {
  const observations = observationsOf({ results: rollUps() });
  const text = sdmxJson(observations, { prepared: '2026-01-01T00:00:00Z' });
  const message = JSON.parse(text) as Message;

  it('validates against the SDMX-JSON 2.0.0 data schema, which refuses a broken one', () => {
    expect(validate(message), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(message);
    const ds = broken.data.dataSets[0];
    if (ds) ds.observations = { 'x:y': [1] };
    expect(validate(broken)).toBe(false);
  });

  it('decodes, observation for observation, to the SDMX-CSV rows', () => {
    const [header = [], ...rows] = parse(sdmxCsv(observations)) as string[][];
    const col = (name: string) => header.indexOf(name);
    const structure = message.data.structures[0];
    const dims = structure?.dimensions.observation ?? [];
    const attrs = structure?.attributes.observation ?? [];
    const obs = message.data.dataSets[0]?.observations ?? {};
    expect(Object.keys(obs)).toHaveLength(rows.length);
    for (const row of rows) {
      const key = dims.map((d) => d.values.findIndex((v) => v.id === row[col(d.id)])).join(':');
      const o = obs[key];
      expect(o, key).toBeDefined();
      const csvValue = row[col('OBS_VALUE')] ?? '';
      expect(o?.[0], key).toBe(csvValue === '' ? null : Number(csvValue));
      attrs.forEach((a, i) => {
        const index = o?.[i + 1];
        const v =
          index === null || index === undefined ? '' : (a.values[index]?.id ?? a.values[index]?.value ?? '');
        expect(v, `${key} ${a.id}`).toBe(row[col(a.id)]);
      });
    }
    // Every attribute of the CSV but the (empty) comment is in the message.
    expect(attrs.map((a) => a.id)).toEqual([
      'UNIT_MEASURE',
      'UNIT_MULT',
      'DECIMALS',
      'OBS_STATUS',
      'CONF_STATUS',
    ]);
  });
});
