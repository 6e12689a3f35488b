import type { Catalogue, LocalizedText } from '@sunan/schema';
import { sunanCatalogue } from '@sunan/schema';
import { CL_CONF_STATUS, CL_DECIMALS, CL_OBS_STATUS, CL_UNIT_MULT, SDMX_UNITS } from './codelists.js';
import type { Observation } from './observations.js';
import {
  AGENCY,
  ATTRIBUTES,
  DATAFLOW,
  DIMENSIONS,
  DSD,
  frequencyOf,
  publishedValue,
  sdmxTimePeriod,
} from './sdmx-csv.js';

/** A coded value (id and names), or an uncoded one (a free text such as a comment). */
type Value =
  | { readonly id: string; readonly name: string; readonly names: LocalizedText }
  | { readonly value: string };

/** One component and the values it takes in the message, each used by its index. */
class Component {
  readonly values: Value[] = [];
  private readonly index = new Map<string, number>();
  constructor(
    readonly id: string,
    private readonly label: ((id: string) => LocalizedText) | 'uncoded',
  ) {}
  /** The index of `id` among the component's values, adding it on first use. */
  indexOf(id: string): number {
    const known = this.index.get(id);
    if (known !== undefined) return known;
    if (this.label === 'uncoded') this.values.push({ value: id });
    else {
      const names = this.label(id);
      this.values.push({ id, name: names.en, names });
    }
    this.index.set(id, this.values.length - 1);
    return this.values.length - 1;
  }
}

const NAMES: Readonly<Record<string, LocalizedText>> = {
  FREQ: { zh: '频率', en: 'Frequency' },
  REF_AREA: { zh: '地区或单位', en: 'Reference area' },
  INDICATOR: { zh: '指标', en: 'Indicator' },
  TIME_PERIOD: { zh: '报告期', en: 'Time period' },
  UNIT_MEASURE: { zh: '计量单位', en: 'Unit of measure' },
  UNIT_MULT: { zh: '单位乘数', en: 'Unit multiplier' },
  DECIMALS: { zh: '小数位数', en: 'Decimals' },
  OBS_STATUS: { zh: '观测值状态', en: 'Observation status' },
  CONF_STATUS: { zh: '保密状态', en: 'Confidentiality status' },
  COMMENT_OBS: { zh: '审核说明', en: 'Observation comment' },
};

function labels(catalogue: Catalogue): Record<string, ((id: string) => LocalizedText) | 'uncoded'> {
  const same = (id: string) => ({ zh: id, en: id });
  const from = (codes: ReadonlyArray<{ id: string; name: LocalizedText }>) => (id: string) =>
    codes.find((c) => c.id === id)?.name ?? same(id);
  const units = Object.values(SDMX_UNITS).map((u) => ({ id: u.code, name: u.name }));
  return {
    FREQ: (id) => (id === 'Q' ? { zh: '季', en: 'Quarterly' } : { zh: '年', en: 'Annual' }),
    REF_AREA: from(catalogue.orgUnits.map((u) => ({ id: u.code, name: u.name }))),
    INDICATOR: from(catalogue.indicators.map((i) => ({ id: i.code, name: i.name }))),
    TIME_PERIOD: same,
    UNIT_MEASURE: from(units),
    UNIT_MULT: from(CL_UNIT_MULT.codes),
    DECIMALS: from(CL_DECIMALS.codes),
    OBS_STATUS: from(CL_OBS_STATUS.codes),
    CONF_STATUS: from(CL_CONF_STATUS.codes),
    COMMENT_OBS: 'uncoded',
  };
}

function described(c: Component, extra: Record<string, unknown>) {
  const names = NAMES[c.id] ?? { zh: c.id, en: c.id };
  return { id: c.id, name: names.en, names, ...extra, values: c.values };
}

/** Options of {@link sdmxJson}. */
export interface SdmxJsonOptions {
  /** The `prepared` time (ISO 8601). Default: now. */
  readonly prepared?: string;
  readonly catalogue?: Catalogue;
}

const urn = (kind: string, id: string, version: string) =>
  `urn:sdmx:org.sdmx.infomodel.datastructure.${kind}=${AGENCY}:${id}(${version})`;

function meta(prepared: string) {
  return {
    schema:
      'https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/2.0.0/sdmx-json-data-schema.json',
    id: `${DATAFLOW.id}_DATA`,
    prepared,
    test: false,
    contentLanguages: ['zh', 'en'],
    sender: {
      id: AGENCY,
      name: 'Sunan zone management service centre',
      names: { zh: '苏南自创区管理服务中心', en: 'Sunan zone management service centre' },
    },
  };
}

function structure(dims: readonly Component[], attrs: readonly Component[]) {
  return {
    links: [
      { urn: urn('Dataflow', DATAFLOW.id, DATAFLOW.version), rel: 'dataflow' },
      { urn: urn('DataStructure', DSD.id, DSD.version), rel: 'datastructure' },
    ],
    dataSets: [0],
    dimensions: {
      dataSet: [],
      series: [],
      observation: dims.map((d, i) =>
        described(d, { keyPosition: i, ...(d.id === 'TIME_PERIOD' ? { roles: ['TIME_PERIOD'] } : {}) }),
      ),
    },
    measures: {
      observation: [
        { id: 'OBS_VALUE', name: 'Observation value', names: { zh: '数值', en: 'Observation value' } },
      ],
    },
    attributes: {
      dataSet: [],
      series: [],
      observation: attrs.map((a) => described(a, { relationship: { observation: {} } })),
    },
  };
}

/**
 * The figures as an SDMX-JSON 2.0.0 data message, for web charts: one data set, every dimension at
 * observation level, observations keyed by dimension value indices (`"0:3:1:0"`), each holding
 * OBS_VALUE (a number, or null when there is none) then the indices of its attribute values
 * (null for none; an attribute no observation has, such as COMMENT_OBS today, is not listed).
 * Values and units as in the SDMX-CSV (亿元 in millions of yuan).
 */
export function sdmxJson(observations: readonly Observation[], options: SdmxJsonOptions = {}): string {
  const label = labels(options.catalogue ?? sunanCatalogue());
  const dims = DIMENSIONS.map((id) => new Component(id, label[id] ?? 'uncoded'));
  const attrs = ATTRIBUTES.map((id) => new Component(id, label[id] ?? 'uncoded'));
  const entries = observations.map((o): [string, Array<number | null>] => {
    const p = publishedValue(o);
    const key = [frequencyOf(o.period), o.area, o.indicator, sdmxTimePeriod(o.period)];
    const attrValues = [p.unit, p.unitMult, String(p.decimals), o.status, 'F', o.comment];
    const value = p.value === '' ? null : Number(p.value);
    return [
      key.map((k, i) => dims[i]?.indexOf(k)).join(':'),
      [value, ...attrValues.map((v, i) => (v === '' ? null : (attrs[i]?.indexOf(v) ?? null)))],
    ];
  });
  // An attribute no observation has a value for (today COMMENT_OBS) is left out: the schema wants
  // at least one value per listed attribute.
  const used = attrs.map((a) => a.values.length > 0);
  const kept = entries.map(([k, [v, ...a]]): [string, Array<number | null>] => [
    k,
    [v ?? null, ...a.filter((_, i) => used[i])],
  ]);
  const message = {
    meta: meta(options.prepared ?? new Date().toISOString()),
    data: {
      structures: [
        structure(
          dims,
          attrs.filter((_, i) => used[i]),
        ),
      ],
      dataSets: [
        {
          structure: 0,
          links: [{ urn: urn('Dataflow', DATAFLOW.id, DATAFLOW.version), rel: 'dataflow' }],
          action: 'Information',
          observations: Object.fromEntries(kept),
        },
      ],
    },
  };
  return `${JSON.stringify(message, null, 1)}\n`;
}
