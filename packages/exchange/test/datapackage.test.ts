import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { dataPackage } from '../src/index.js';
import { CITIES, catalogue, rollUps } from './helpers.js';
import { readTable, type SchemaLike, unresolved } from './table-reader.js';

const profile = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/frictionless/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

// The profiles carry keywords of their own (propertyOrder, context…) and formats such as
// "textarea": the validator checks structure, not those annotations.
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });

const results = rollUps();
const files = dataPackage({ results, approvals: { '2021': { cities: [...CITIES], zone: true } } });
const descriptor = JSON.parse(files['datapackage.json'] ?? '{}') as {
  name: string;
  resources: Array<{ name: string; path: string; schema: SchemaLike }>;
};

describe('the Frictionless Data Package', () => {
  it('datapackage.json validates against the Data Package v2 profile', () => {
    const validate = ajv.compile(profile('datapackage.json'));
    const ok = validate(descriptor);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(descriptor.name).toBe('sunan-innovation-2021-2022');
  });

  it('the profile refuses a broken descriptor (the check can fail)', () => {
    const validate = ajv.compile(profile('datapackage.json'));
    expect(validate({ ...descriptor, resources: [] })).toBe(false);
    expect(validate({ ...descriptor, resources: [{ name: 'values' }] })).toBe(false);
  });

  it('each table schema validates against the Table Schema v2 profile', () => {
    const validate = ajv.compile(profile('tableschema.json'));
    for (const r of descriptor.resources) {
      expect(validate(r.schema), `${r.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('every CSV matches its Table Schema: header, types, constraints, unique primary key, foreign keys', () => {
    const tables: Record<string, Record<string, string>[]> = {};
    for (const r of descriptor.resources) {
      const text = files[r.path];
      expect(text, r.path).toBeDefined();
      const { rows, problems } = readTable(text ?? '', r.schema);
      expect(problems.slice(0, 5), r.path).toEqual([]);
      tables[r.name] = rows;
    }
    for (const r of descriptor.resources)
      expect(unresolved(tables[r.name] ?? [], r.schema, tables, r.name), r.name).toEqual([]);
    expect(tables['values']?.length).toBeGreaterThan(1000);
    expect(tables['org_units']?.length).toBe(catalogue.orgUnits.length);
  });

  it('the reader catches a repeated key, a bad number and a dangling foreign key', () => {
    const values = descriptor.resources.find((r) => r.name === 'values');
    const text = files['values.csv'] ?? '';
    const lines = text.split('\r\n');
    const broken = [
      lines[0],
      lines[1],
      lines[1],
      (lines[2] ?? '').replace(/,(\d+\.\d+),/, ',1.2.3,'),
      '',
    ].join('\r\n');
    const { rows, problems } = readTable(broken, values?.schema ?? { fields: [] });
    expect(problems.some((p) => p.startsWith('primary key repeated'))).toBe(true);
    expect(problems.some((p) => p.includes('not a number'))).toBe(true);
    expect(
      unresolved(rows, values?.schema ?? { fields: [] }, { org_units: [], indicators: [] }, 'values').length,
    ).toBeGreaterThan(0);
  });

  it('values.csv holds the figures of aggregate.json exactly, in the catalogue units', () => {
    const values = descriptor.resources.find((r) => r.name === 'values');
    const { rows } = readTable(files['values.csv'] ?? '', values?.schema ?? { fields: [] });
    const byKey = new Map(rows.map((r) => [`${r['org_unit']}|${r['indicator']}|${r['period']}`, r]));
    let compared = 0;
    for (const result of results)
      for (const ind of result.indicators) {
        const decimals = catalogue.indicators.find((i) => i.code === ind.code)?.decimals ?? 0;
        for (const [area, value] of [
          ['SUNAN', ind.zone.value],
          ...CITIES.map((c) => [c, ind.cities[c]?.value ?? null]),
        ]) {
          const row = byKey.get(`${area}|${ind.code}|${result.period}`);
          expect(row, `${area} ${ind.code}`).toBeDefined();
          const [whole = '', frac = ''] = (value ?? '').split('.');
          const exact =
            value === null ? '' : decimals === 0 ? whole : `${whole}.${frac.padEnd(decimals, '0')}`;
          expect(row?.['value'], `${area} ${ind.code} ${result.period}`).toBe(exact);
          expect(row?.['unit']).toBe(ind.unit);
          compared++;
        }
      }
    expect(compared).toBe(results.reduce((n, r) => n + r.indicators.length * 6, 0));
  });
});
