import { readFileSync } from 'node:fs';
import type { AggregateResult } from '@sunan/aggregate';
import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { csvText, observationsOf, SDMX_CSV_HEADER, sdmxCsv } from '../src/index.js';
import { CITIES, catalogue, rollUps } from './helpers.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/sdmx-csv/${name}`, import.meta.url), 'utf8');
const read = (text: string): string[][] => parse(text, { relax_column_count: false });

describe('the SDMX-CSV 2.0.0 field guide, cell for cell', () => {
  for (const name of ['example-1.csv', 'example-8.csv', 'example-15.csv'])
    it(`${name}: read by an independent parser and written again gives the same bytes`, () => {
      const text = fixture(name);
      const [header = [], ...rows] = read(text);
      expect(csvText(header, rows)).toBe(text);
    });

  it('example 1 written from its cells: a comma inside a value is quoted, nothing else is', () => {
    const row = (month: string, value: string, attr1: string) => [
      'dataflow',
      'ESTAT:NA_MAIN(1.6.0)',
      'I',
      'A',
      'B',
      month,
      value,
      'Y',
      'Normal, special and other values',
      attr1,
      '2021-01-22T13:15:41Z',
    ];
    const header =
      'STRUCTURE,STRUCTURE_ID,ACTION,DIM_1,DIM_2,DIM_3,OBS_VALUE,ATTR_2,ATTR_3,ATTR_1,UPDATED'.split(',');
    expect(csvText(header, [row('2014-01', '12.4', 'N'), row('2014-02', '10.8', 'Y')])).toBe(
      fixture('example-1.csv'),
    );
  });

  it('example 8: quotes inside a value are doubled and the value quoted', () => {
    const [, , second] = read(fixture('example-8.csv'));
    expect(second?.[7]).toBe('en:Value "X";fr:Valeur "X"');
    expect(fixture('example-8.csv')).toContain('"en:Value ""X"";fr:Valeur ""X"""');
  });
});

describe("the project's SDMX-CSV", () => {
  const results = rollUps();
  const approvals = { '2021': { cities: [...CITIES], zone: true } };
  const text = sdmxCsv(observationsOf({ results, approvals }));
  const [header = [], ...rows] = read(text);

  it('has the header rule of the guide: STRUCTURE, STRUCTURE_ID, ACTION, then components by id', () => {
    expect(header).toEqual([...SDMX_CSV_HEADER]);
    expect(header.slice(0, 3)).toEqual(['STRUCTURE', 'STRUCTURE_ID', 'ACTION']);
    // No multi-valued component, so no sub-field separator in the first header.
    expect(
      text.startsWith('STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,'),
    ).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([header.length]));
  });

  // The expected figures come from aggregate.json directly, not from the writer's observations.
  function expected(r: AggregateResult) {
    const out = new Map<string, { value: string | null; decimals: number; status: string; unit: string }>();
    const missing = new Set(r.missing.map((m) => m.code));
    const approved = r.period === '2021';
    for (const ind of r.indicators) {
      const decimals = catalogue.indicators.find((i) => i.code === ind.code)?.decimals ?? -1;
      const zoneStatus =
        ind.zone.value === null ? 'O' : ind.zone.status === 'complete' && approved ? 'A' : 'P';
      out.set(`SUNAN|${ind.code}|${r.period}`, {
        value: ind.zone.value,
        decimals,
        status: zoneStatus,
        unit: ind.unit,
      });
      for (const city of CITIES) {
        const value = ind.cities[city]?.value ?? null;
        const status = value === null ? (missing.has(city) ? 'L' : 'O') : approved ? 'A' : 'P';
        out.set(`${city}|${ind.code}|${r.period}`, { value, decimals, status, unit: ind.unit });
      }
      for (const park of r.parks ?? []) {
        const v = park.values[ind.code];
        if (v)
          out.set(`${park.code}|${ind.code}|${r.period}`, {
            value: v.value,
            decimals,
            status: approved ? 'A' : 'P',
            unit: ind.unit,
          });
      }
    }
    return out;
  }

  it('reads back, row for row, as every figure of aggregate.json: value, decimals and status exactly', () => {
    const want = new Map(results.flatMap((r) => [...expected(r)]));
    const col = (name: string) => header.indexOf(name);
    const seen = new Set<string>();
    const scale: Record<string, number> = { 亿元: 8, 万元: 4, 万人: 4, '万元/人': 4, '万元/平方公里': 4 };
    for (const row of rows) {
      const cell = (name: string) => row[col(name)] ?? '';
      const period = cell('TIME_PERIOD').replace('-Q', 'Q');
      const key = `${cell('REF_AREA')}|${cell('INDICATOR')}|${period}`;
      const w = want.get(key);
      expect(w, key).toBeDefined();
      if (!w) continue;
      expect(seen.has(key), `${key} twice`).toBe(false);
      seen.add(key);
      expect(cell('STRUCTURE_ID')).toBe('SUNAN:DF_INNOV(1.0)');
      expect(cell('OBS_STATUS'), key).toBe(w.status);
      const mult = Number(cell('UNIT_MULT'));
      if (w.value === null) {
        expect(cell('OBS_VALUE'), key).toBe('');
        continue;
      }
      // OBS_VALUE × 10^UNIT_MULT is the figure in base units, exactly.
      const base = new Decimal(w.value).mul(new Decimal(10).pow(scale[w.unit] ?? 0));
      expect(new Decimal(cell('OBS_VALUE')).mul(new Decimal(10).pow(mult)).eq(base), key).toBe(true);
      // Declared decimals, less the places the multiplier moved (亿元 → millions: two).
      const shift = (scale[w.unit] ?? 0) - mult;
      const decimals = Math.max(0, w.decimals - shift);
      expect(cell('DECIMALS'), key).toBe(String(decimals));
      expect(cell('OBS_VALUE').split('.')[1]?.length ?? 0, key).toBe(decimals);
    }
    expect(seen.size).toBe(want.size);
  });

  it('publishes 亿元 in millions of yuan (UNIT_MULT 6) and 万元 at multiplier 4, never 8', () => {
    const unitMult = new Set(rows.map((r) => r[header.indexOf('UNIT_MULT')]));
    expect(unitMult.has('8')).toBe(false);
    const gdp = rows.find((r) => r[4] === '320100' && r[5] === 'GDP' && r[6] === '2021');
    const agg = results[0]?.indicators.find((i) => i.code === 'GDP')?.cities['320100']?.value;
    expect(gdp?.slice(7, 11)).toEqual([new Decimal(agg ?? '0').mul(100).toFixed(0), 'CNY', '6', '0']);
  });

  it('marks the city that did not report L and partial zone totals P, never A', () => {
    const zj = rows.filter((r) => r[4] === '321100' && r[6] === '2022');
    expect(zj.length).toBeGreaterThan(0);
    expect(new Set(zj.map((r) => r[11]))).toEqual(new Set(['L']));
    const zone2022 = rows.filter((r) => r[4] === 'SUNAN' && r[6] === '2022' && r[7] !== '');
    expect(zone2022.some((r) => r[11] === 'A')).toBe(false);
    // COMMENT_OBS is there and empty: explanations are not recorded per figure yet.
    expect(new Set(rows.map((r) => r[13]))).toEqual(new Set(['']));
  });
});
