import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { observationsOf, SDMX_CSV_HEADER, sdmxCsv, sdmxStructure } from '../src/index.js';
import { catalogue, rollUps } from './helpers.js';

type Node = Record<string, unknown>;
const list = (x: unknown): Node[] => (Array.isArray(x) ? (x as Node[]) : x === undefined ? [] : [x as Node]);
const text = (x: unknown): string =>
  typeof x === 'object' && x !== null ? String((x as Node)['#text'] ?? '') : String(x ?? '');

const xml = sdmxStructure(catalogue, { prepared: '2026-01-01T00:00:00Z' });
const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false }).parse(
  xml,
) as Node;
const structures = (doc['mes:Structure'] as Node)['mes:Structures'] as Node;

/** Every codelist of the message by its URN, with the set of its code ids. */
function codelists(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const cl of list((structures['str:Codelists'] as Node)['str:Codelist'])) {
    const urn = `urn:sdmx:org.sdmx.infomodel.codelist.Codelist=${cl['@agencyID']}:${cl['@id']}(${cl['@version']})`;
    expect(cl['@urn']).toBe(urn);
    out.set(urn, new Set(list(cl['str:Code']).map((c) => String(c['@id']))));
  }
  return out;
}

/** The data structure's components: id → codelist URN (or undefined for text formats). */
function components(): Map<string, string | undefined> {
  const dsd = (structures['str:DataStructures'] as Node)['str:DataStructure'] as Node;
  const comps = dsd['str:DataStructureComponents'] as Node;
  const all = [
    ...list((comps['str:DimensionList'] as Node)['str:Dimension']),
    ...list((comps['str:DimensionList'] as Node)['str:TimeDimension']),
    ...list((comps['str:AttributeList'] as Node)['str:Attribute']),
    ...list((comps['str:MeasureList'] as Node)['str:Measure']),
  ];
  return new Map(
    all.map((c) => {
      const rep = c['str:LocalRepresentation'] as Node;
      return [
        String(c['@id']),
        rep['str:Enumeration'] === undefined ? undefined : text(rep['str:Enumeration']),
      ];
    }),
  );
}

describe('the SDMX-ML 3.0 structure message', () => {
  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('holds the dataflow STRUCTURE_ID names, and it points at SUNAN:DSD_INNOV(1.0)', () => {
    const df = (structures['str:Dataflows'] as Node)['str:Dataflow'] as Node;
    expect(`${df['@agencyID']}:${df['@id']}(${df['@version']})`).toBe('SUNAN:DF_INNOV(1.0)');
    expect(text(df['str:Structure'])).toBe(
      'urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=SUNAN:DSD_INNOV(1.0)',
    );
    const dsd = (structures['str:DataStructures'] as Node)['str:DataStructure'] as Node;
    expect(`${dsd['@agencyID']}:${dsd['@id']}(${dsd['@version']})`).toBe('SUNAN:DSD_INNOV(1.0)');
  });

  it('defines every CSV column and every code the CSV uses, in the codelist its component names', () => {
    const lists = codelists();
    const comps = components();
    const csv = sdmxCsv(observationsOf({ results: rollUps() }));
    const [header = [], ...rows] = parse(csv) as string[][];
    for (const column of SDMX_CSV_HEADER.slice(3)) expect(comps.has(column), column).toBe(true);
    const unknown: string[] = [];
    let checked = 0;
    for (const [column, urn] of comps) {
      if (urn === undefined) continue;
      const codes = lists.get(urn);
      expect(codes, `${column}: ${urn} is in the message`).toBeDefined();
      const i = header.indexOf(column);
      for (const row of rows) {
        const v = row[i] ?? '';
        checked++;
        if (!codes?.has(v)) unknown.push(`${column}=${v}`);
      }
    }
    expect([...new Set(unknown)]).toEqual([]);
    expect(checked).toBeGreaterThan(rows.length * 5);
    // The standard codelists are SDMX's own, in the versions named.
    for (const id of [
      'CL_FREQ(2.0)',
      'CL_OBS_STATUS(2.0)',
      'CL_CONF_STATUS(1.0)',
      'CL_UNIT_MULT(1.0)',
      'CL_DECIMALS(1.0)',
    ])
      expect(lists.has(`urn:sdmx:org.sdmx.infomodel.codelist.Codelist=SDMX:${id}`), id).toBe(true);
    expect(lists.get('urn:sdmx:org.sdmx.infomodel.codelist.Codelist=SDMX:CL_UNIT_MULT(1.0)')?.has('8')).toBe(
      false,
    );
  });

  it('names indicators in Chinese and English and gives parks their city and validity', () => {
    const cls = list((structures['str:Codelists'] as Node)['str:Codelist']);
    const indicators = cls.find((c) => c['@id'] === 'CL_INDICATOR');
    const gdp = list(indicators?.['str:Code']).find((c) => c['@id'] === 'GDP');
    expect(list(gdp?.['com:Name']).map((n) => [n['@xml:lang'], text(n)])).toEqual([
      ['zh', '地区生产总值'],
      ['en', expect.any(String)],
    ]);
    const areas = cls.find((c) => c['@id'] === 'CL_AREA');
    expect(list(areas?.['str:Code']).length).toBe(catalogue.orgUnits.length);
    const changshu = list(areas?.['str:Code']).find((c) => c['@id'] === '320500P04');
    expect(text(changshu?.['str:Parent'])).toBe('320500');
    const notes = list((changshu?.['com:Annotations'] as Node | undefined)?.['com:Annotation']).map((a) => [
      text(a['com:AnnotationType']),
      text(a['com:AnnotationTitle']),
    ]);
    expect(notes).toContainEqual(['VALID_FROM', '2015-01-01']);
  });
});
