import type { Catalogue, LocalizedText, OrgUnit } from '@sunan/schema';
import { sunanCatalogue } from '@sunan/schema';
import { type CodeEntry, SDMX_UNITS, STANDARD_CODELISTS, type StandardCodelist } from './codelists.js';
import { AGENCY, ATTRIBUTES, DATAFLOW, DSD } from './sdmx-csv.js';
import { element } from './xml.js';

const NS = 'http://www.sdmx.org/resources/sdmxml/schemas/v3_0';
const VERSION = '1.0';
const CONCEPT_SCHEME = 'CS_INNOV';

/** The zone's own codelists: areas, indicators and units. */
export const OWN_CODELISTS = { area: 'CL_AREA', indicator: 'CL_INDICATOR', unit: 'CL_UNIT' } as const;

const codelistUrn = (agency: string, id: string, version: string) =>
  `urn:sdmx:org.sdmx.infomodel.codelist.Codelist=${agency}:${id}(${version})`;
const conceptUrn = (id: string) =>
  `urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=${AGENCY}:${CONCEPT_SCHEME}(${VERSION}).${id}`;

function names(depth: number, name: LocalizedText, tag = 'com:Name'): string[] {
  return [
    element(depth, tag, { 'xml:lang': 'zh' }, name.zh),
    element(depth, tag, { 'xml:lang': 'en' }, name.en),
  ];
}

function annotations(depth: number, pairs: ReadonlyArray<readonly [string, string | undefined]>): string[] {
  const present = pairs.filter((p): p is readonly [string, string] => p[1] !== undefined);
  if (present.length === 0) return [];
  const items = present.map(([type, title]) =>
    element(depth + 1, 'com:Annotation', {}, [
      element(depth + 2, 'com:AnnotationTitle', {}, title),
      element(depth + 2, 'com:AnnotationType', {}, type),
    ]),
  );
  return [element(depth, 'com:Annotations', {}, items)];
}

interface OwnCode extends CodeEntry {
  readonly parent?: string | undefined;
  readonly annotations?: ReadonlyArray<readonly [string, string | undefined]>;
}

function codelist(
  id: string,
  agency: string,
  version: string,
  name: LocalizedText,
  codes: readonly OwnCode[],
): string {
  const items = codes.map((c) =>
    element(4, 'str:Code', { id: c.id }, [
      ...annotations(5, c.annotations ?? []),
      ...names(5, c.name),
      ...(c.parent ? [element(5, 'str:Parent', {}, c.parent)] : []),
    ]),
  );
  const urn = codelistUrn(agency, id, version);
  return element(3, 'str:Codelist', { id, urn, agencyID: agency, version }, [...names(4, name), ...items]);
}

function areaCodes(units: readonly OrgUnit[]): OwnCode[] {
  return units.map((u) => ({
    id: u.code,
    name: u.name,
    parent: u.parent,
    annotations: [
      ['LEVEL', u.level],
      ['VALID_FROM', u.validFrom],
      ['VALID_TO', u.validTo],
    ],
  }));
}

function indicatorCodes(catalogue: Catalogue): OwnCode[] {
  return catalogue.indicators.map((i) => ({
    id: i.code,
    name: i.name,
    annotations: [
      ['UNIT', i.unit],
      ['UNIT_MEASURE', SDMX_UNITS[i.unit].code],
      ['UNIT_MULT', SDMX_UNITS[i.unit].unitMult],
      ['DECIMALS', String(i.decimals)],
      ['AGGREGATION', i.aggregation.kind],
    ],
  }));
}

function unitCodes(): OwnCode[] {
  const seen = new Map<string, OwnCode>();
  for (const u of Object.values(SDMX_UNITS))
    if (!seen.has(u.code)) seen.set(u.code, { id: u.code, name: u.name });
  return [...seen.values()];
}

const CONCEPTS: ReadonlyArray<readonly [string, LocalizedText]> = [
  ['FREQ', { zh: '频率', en: 'Frequency' }],
  ['REF_AREA', { zh: '地区或单位', en: 'Reference area (zone, city or park)' }],
  ['INDICATOR', { zh: '指标', en: 'Indicator' }],
  ['TIME_PERIOD', { zh: '报告期', en: 'Time period' }],
  ['OBS_VALUE', { zh: '数值', en: 'Observation value' }],
  ['UNIT_MEASURE', { zh: '计量单位', en: 'Unit of measure' }],
  ['UNIT_MULT', { zh: '单位乘数', en: 'Unit multiplier' }],
  ['DECIMALS', { zh: '小数位数', en: 'Decimals' }],
  ['OBS_STATUS', { zh: '观测值状态', en: 'Observation status' }],
  ['CONF_STATUS', { zh: '保密状态', en: 'Confidentiality status' }],
  ['COMMENT_OBS', { zh: '审核说明', en: 'Observation comment (the explanation given at review)' }],
];

function conceptScheme(): string {
  const items = CONCEPTS.map(([id, name]) => element(4, 'str:Concept', { id }, names(5, name)));
  const urn = `urn:sdmx:org.sdmx.infomodel.conceptscheme.ConceptScheme=${AGENCY}:${CONCEPT_SCHEME}(${VERSION})`;
  return element(3, 'str:ConceptScheme', { id: CONCEPT_SCHEME, urn, agencyID: AGENCY, version: VERSION }, [
    ...names(4, { zh: '苏南自创区创新指标概念', en: 'Concepts of the Sunan zone innovation indicators' }),
    ...items,
  ]);
}

/** Where each component's values come from: a codelist URN, or a text format. */
export const REPRESENTATION: Readonly<Record<string, { codelist: string } | { textType: string }>> = {
  FREQ: { codelist: codelistUrn('SDMX', 'CL_FREQ', '2.0') },
  REF_AREA: { codelist: codelistUrn(AGENCY, OWN_CODELISTS.area, VERSION) },
  INDICATOR: { codelist: codelistUrn(AGENCY, OWN_CODELISTS.indicator, VERSION) },
  TIME_PERIOD: { textType: 'ObservationalTimePeriod' },
  OBS_VALUE: { textType: 'Decimal' },
  UNIT_MEASURE: { codelist: codelistUrn(AGENCY, OWN_CODELISTS.unit, VERSION) },
  UNIT_MULT: { codelist: codelistUrn('SDMX', 'CL_UNIT_MULT', '1.0') },
  DECIMALS: { codelist: codelistUrn('SDMX', 'CL_DECIMALS', '1.0') },
  OBS_STATUS: { codelist: codelistUrn('SDMX', 'CL_OBS_STATUS', '2.0') },
  CONF_STATUS: { codelist: codelistUrn('SDMX', 'CL_CONF_STATUS', '1.0') },
  COMMENT_OBS: { textType: 'String' },
};

function component(
  depth: number,
  tag: string,
  id: string,
  attrs: Record<string, string>,
  extra: string[] = [],
) {
  const rep = REPRESENTATION[id] ?? { textType: 'String' };
  const local =
    'codelist' in rep
      ? element(depth + 2, 'str:Enumeration', {}, rep.codelist)
      : element(depth + 2, 'str:TextFormat', { textType: rep.textType }, []);
  return element(depth, tag, { id, ...attrs }, [
    element(depth + 1, 'str:ConceptIdentity', {}, conceptUrn(id)),
    element(depth + 1, 'str:LocalRepresentation', {}, [local]),
    ...extra,
  ]);
}

function dataStructure(): string {
  const dims = ['FREQ', 'REF_AREA', 'INDICATOR'].map((id, i) =>
    component(6, 'str:Dimension', id, { position: String(i + 1) }),
  );
  const time = component(6, 'str:TimeDimension', 'TIME_PERIOD', {});
  const attrs = ATTRIBUTES.map((id) =>
    component(6, 'str:Attribute', id, { usage: id === 'COMMENT_OBS' ? 'optional' : 'mandatory' }, [
      element(7, 'str:AttributeRelationship', {}, [element(8, 'str:Observation', {}, [])]),
    ]),
  );
  const measure = component(6, 'str:Measure', 'OBS_VALUE', {});
  const urn = `urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=${AGENCY}:${DSD.id}(${DSD.version})`;
  return element(3, 'str:DataStructure', { id: DSD.id, urn, agencyID: AGENCY, version: DSD.version }, [
    ...names(4, { zh: '苏南自创区创新指标', en: 'Sunan zone innovation indicators' }),
    element(4, 'str:DataStructureComponents', {}, [
      element(5, 'str:DimensionList', { id: 'DimensionDescriptor' }, [...dims, time]),
      element(5, 'str:AttributeList', { id: 'AttributeDescriptor' }, attrs),
      element(5, 'str:MeasureList', { id: 'MeasureDescriptor' }, [measure]),
    ]),
  ]);
}

function dataflow(): string {
  const urn = `urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=${AGENCY}:${DATAFLOW.id}(${DATAFLOW.version})`;
  const dsd = `urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=${AGENCY}:${DSD.id}(${DSD.version})`;
  return element(3, 'str:Dataflow', { id: DATAFLOW.id, urn, agencyID: AGENCY, version: DATAFLOW.version }, [
    ...names(4, { zh: '苏南自创区创新指标数据', en: 'Sunan zone innovation indicator data' }),
    element(4, 'str:Structure', {}, dsd),
  ]);
}

function standard(c: StandardCodelist): string {
  return codelist(c.id, c.agency, c.version, c.name, c.codes);
}

/** Options of {@link sdmxStructure}. */
export interface StructureOptions {
  /** The header's `Prepared` time (ISO 8601). Default: now. Fix it to get byte-identical files. */
  readonly prepared?: string;
}

/**
 * The SDMX-ML 3.0 structure message for the zone's data: the dataflow `SUNAN:DF_INNOV(1.0)`, its
 * data structure definition `SUNAN:DSD_INNOV(1.0)`, the concept scheme, the codelists of areas
 * (zone, cities and parks, each with its parent, level and validity as annotations), indicators
 * (zh and en names, unit and decimals as annotations) and units, and copies of the SDMX codelists
 * the attributes use, so the message resolves every code on its own.
 */
export function sdmxStructure(
  catalogue: Catalogue = sunanCatalogue(),
  options: StructureOptions = {},
): string {
  const prepared = options.prepared ?? new Date().toISOString();
  const own = [
    codelist(
      OWN_CODELISTS.area,
      AGENCY,
      VERSION,
      { zh: '地区和单位', en: 'Areas and units' },
      areaCodes(catalogue.orgUnits),
    ),
    codelist(OWN_CODELISTS.indicator, AGENCY, VERSION, catalogue.name, indicatorCodes(catalogue)),
    codelist(OWN_CODELISTS.unit, AGENCY, VERSION, { zh: '计量单位', en: 'Units of measure' }, unitCodes()),
  ];
  const header = element(1, 'mes:Header', {}, [
    element(2, 'mes:ID', {}, `${DATAFLOW.id}_STRUCTURE`),
    element(2, 'mes:Test', {}, 'false'),
    element(2, 'mes:Prepared', {}, prepared),
    element(
      2,
      'mes:Sender',
      { id: AGENCY },
      names(3, { zh: '苏南自创区管理服务中心', en: 'Sunan zone management service centre' }),
    ),
  ]);
  const body = element(1, 'mes:Structures', {}, [
    element(2, 'str:Codelists', {}, [...own, ...STANDARD_CODELISTS.map(standard)]),
    element(2, 'str:ConceptSchemes', {}, [conceptScheme()]),
    element(2, 'str:Dataflows', {}, [dataflow()]),
    element(2, 'str:DataStructures', {}, [dataStructure()]),
  ]);
  const root = element(
    0,
    'mes:Structure',
    {
      'xmlns:mes': `${NS}/message`,
      'xmlns:str': `${NS}/structure`,
      'xmlns:com': `${NS}/common`,
    },
    [header, body],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
