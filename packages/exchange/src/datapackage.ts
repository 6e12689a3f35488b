import type { AggregateResult } from '@sunan/aggregate';
import { type Catalogue, type Finding, sunanCatalogue } from '@sunan/schema';
import { csvText } from './csv.js';
import { type ExchangeInput, type Observation, observationsOf } from './observations.js';

/** A Table Schema field (Data Package v2). */
export interface TableField {
  readonly name: string;
  readonly type: 'string' | 'number' | 'integer' | 'date';
  readonly title: string;
  readonly description?: string;
  readonly constraints?: {
    readonly required?: boolean;
    readonly enum?: readonly string[];
    readonly pattern?: string;
    readonly minimum?: number;
  };
}

/** A Table Schema (Data Package v2): fields, primary key, foreign keys, missing values. */
export interface TableSchema {
  readonly $schema: string;
  readonly fields: readonly TableField[];
  readonly primaryKey?: readonly string[];
  readonly foreignKeys?: ReadonlyArray<{
    readonly fields: readonly string[];
    /** Without `resource`, the key refers to the same table. */
    readonly reference: { readonly resource?: string; readonly fields: readonly string[] };
  }>;
  readonly missingValues: readonly string[];
}

const TABLE_SCHEMA = 'https://datapackage.org/profiles/2.0/tableschema.json';
const PACKAGE_SCHEMA = 'https://datapackage.org/profiles/2.0/datapackage.json';

const req = { required: true } as const;
const text = (name: string, title: string, extra: Partial<TableField> = {}): TableField => ({
  name,
  type: 'string',
  title,
  ...extra,
});

/** The Table Schemas of the package's four tables. */
export const TABLE_SCHEMAS: Readonly<
  Record<'values' | 'indicators' | 'org_units' | 'findings', TableSchema>
> = {
  values: {
    $schema: TABLE_SCHEMA,
    fields: [
      text('org_unit', '单位代码 Org unit', { constraints: req }),
      text('indicator', '指标代码 Indicator', { constraints: req }),
      text('period', '报告期 Period', { constraints: { required: true, pattern: '^\\d{4}(Q[1-4])?$' } }),
      {
        name: 'value',
        type: 'number',
        title: '数值 Value',
        description:
          'Exact decimal in the indicator unit, at (at least) the declared decimals; empty when there is no figure.',
      },
      text('unit', '计量单位 Unit', { constraints: req }),
      {
        name: 'decimals',
        type: 'integer',
        title: '小数位数 Decimals',
        constraints: { required: true, minimum: 0 },
      },
      text('status', '状态 Status', {
        description:
          'SDMX CL_OBS_STATUS 2.0: A normal, P provisional, L missing (not reported), O missing value.',
        constraints: { required: true, enum: ['A', 'P', 'L', 'O'] },
      }),
      text('missing_cities', '缺报城市 Missing cities', {
        description: 'For a zone figure: the cities it lacks, separated by spaces.',
      }),
      text('comment', '审核说明 Explanation', {
        description: 'The explanation given at review; always empty until the project records them.',
      }),
    ],
    primaryKey: ['org_unit', 'indicator', 'period'],
    foreignKeys: [
      { fields: ['org_unit'], reference: { resource: 'org_units', fields: ['code'] } },
      { fields: ['indicator'], reference: { resource: 'indicators', fields: ['code'] } },
    ],
    missingValues: [''],
  },
  indicators: {
    $schema: TABLE_SCHEMA,
    fields: [
      text('code', '指标代码 Code', { constraints: req }),
      text('name_zh', '指标名称 Name (zh)', { constraints: req }),
      text('name_en', 'Name (en)', { constraints: req }),
      text('unit', '计量单位 Unit', { constraints: req }),
      {
        name: 'decimals',
        type: 'integer',
        title: '小数位数 Decimals',
        constraints: { required: true, minimum: 0 },
      },
      text('group', '维度 Group', { constraints: req }),
      text('aggregation', '汇总方式 Aggregation', {
        constraints: {
          required: true,
          enum: ['sum', 'ratio', 'weighted-mean', 'reported', 'cumulative-sum'],
        },
      }),
    ],
    primaryKey: ['code'],
    missingValues: [''],
  },
  org_units: {
    $schema: TABLE_SCHEMA,
    fields: [
      text('code', '单位代码 Code', { constraints: req }),
      text('level', '层级 Level', {
        constraints: { required: true, enum: ['province', 'zone', 'city', 'park'] },
      }),
      text('parent', '上级 Parent'),
      text('name_zh', '名称 Name (zh)', { constraints: req }),
      text('name_en', 'Name (en)', { constraints: req }),
      { name: 'valid_from', type: 'date', title: '启用日期 Valid from', constraints: req },
      { name: 'valid_to', type: 'date', title: '停用日期 Valid to' },
    ],
    primaryKey: ['code'],
    foreignKeys: [{ fields: ['parent'], reference: { fields: ['code'] } }],
    missingValues: [''],
  },
  findings: {
    $schema: TABLE_SCHEMA,
    fields: [
      text('period', '报告期 Period', { constraints: req }),
      {
        name: 'seq',
        type: 'integer',
        title: '序号 Number in the period',
        constraints: { required: true, minimum: 1 },
      },
      text('code', '代码 Code', { constraints: req }),
      text('severity', '级别 Severity', {
        constraints: { required: true, enum: ['error', 'warning', 'info'] },
      }),
      text('file', '文件 File'),
      text('sheet', '工作表 Sheet'),
      text('cell', '单元格 Cell'),
      { name: 'row', type: 'integer', title: '行 Row' },
      text('org_unit', '单位 Org unit', {
        description: 'As the file says; may be a code outside the registry.',
      }),
      text('indicator', '指标 Indicator'),
      text('rule', '规则 Rule'),
      text('value', '所见值 Value seen'),
      text('expected', '应为 Expected'),
      text('message_zh', '说明 Message (zh)', { constraints: req }),
      text('message_en', 'Message (en)', { constraints: req }),
    ],
    primaryKey: ['period', 'seq'],
    missingValues: [''],
  },
};

function valueRows(observations: readonly Observation[]): string[][] {
  return observations.map((o) => [
    o.area,
    o.indicator,
    o.period,
    o.value ?? '',
    o.unit,
    String(o.decimals),
    o.status,
    o.missingCities.join(' '),
    o.comment,
  ]);
}

function indicatorRows(catalogue: Catalogue): string[][] {
  return catalogue.indicators.map((i) => [
    i.code,
    i.name.zh,
    i.name.en,
    i.unit,
    String(i.decimals),
    i.group,
    i.aggregation.kind,
  ]);
}

function orgUnitRows(catalogue: Catalogue): string[][] {
  return catalogue.orgUnits.map((u) => [
    u.code,
    u.level,
    u.parent ?? '',
    u.name.zh,
    u.name.en,
    u.validFrom,
    u.validTo ?? '',
  ]);
}

function findingRow(period: string, seq: number, f: Finding): string[] {
  const o = (s: string | undefined) => s ?? '';
  return [
    period,
    String(seq),
    f.code,
    f.severity,
    o(f.file),
    o(f.sheet),
    o(f.cell),
    f.row === undefined ? '' : String(f.row),
    o(f.orgUnit),
    o(f.indicator),
    o(f.rule),
    o(f.value),
    o(f.expected),
    f.message.zh,
    f.message.en,
  ];
}

function findingRows(results: readonly AggregateResult[]): string[][] {
  return results.flatMap((r) => r.findings.map((f, i) => findingRow(r.period, i + 1, f)));
}

function resource(name: keyof typeof TABLE_SCHEMAS, title: string, description: string) {
  return {
    name,
    path: `${name}.csv`,
    type: 'table',
    title,
    description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    schema: TABLE_SCHEMAS[name],
  };
}

/** The package's name: `sunan-innovation-2022`, or `sunan-innovation-2020-2022` over several periods. */
function packageName(results: readonly AggregateResult[]): string {
  const periods = results.map((r) => r.period.toLowerCase()).sort();
  const first = periods[0] ?? 'empty';
  const last = periods[periods.length - 1] ?? first;
  return first === last ? `sunan-innovation-${first}` : `sunan-innovation-${first}-${last}`;
}

/**
 * A Frictionless Data Package (v2) of the roll-ups: `datapackage.json` and four CSV tables, by file
 * name. `values.csv` holds every figure (as {@link observationsOf} gives them) in the catalogue's
 * units; `indicators.csv` and `org_units.csv` are the targets of its foreign keys; `findings.csv`
 * lists what the roll-ups found. Deterministic: the same roll-ups give the same bytes.
 */
export function dataPackage(input: ExchangeInput): Record<string, string> {
  const catalogue = input.catalogue ?? sunanCatalogue();
  const descriptor = {
    $schema: PACKAGE_SCHEMA,
    name: packageName(input.results),
    title: `${catalogue.name.zh} ${catalogue.name.en}`,
    description:
      'Zone, city and park figures of the Sunan National Innovation Demonstration Zone, from the centre roll-up (sunan aggregate). Values are exact decimals in each indicator unit; status follows SDMX CL_OBS_STATUS 2.0.',
    version: catalogue.version,
    keywords: ['Sunan', 'innovation', 'statistics', 'SDMX'],
    sources: [{ title: `${catalogue.id} ${catalogue.version}` }],
    resources: [
      resource('values', '指标数值 Values', 'One row per org unit, indicator and period.'),
      resource('indicators', '指标目录 Indicators', 'The indicator catalogue.'),
      resource('org_units', '单位 Org units', 'The zone, its cities and parks, with validity dates.'),
      resource('findings', '汇总发现的问题 Findings', 'What the roll-up found, per period.'),
    ],
  };
  const t = TABLE_SCHEMAS;
  const header = (name: keyof typeof TABLE_SCHEMAS) => t[name].fields.map((f) => f.name);
  return {
    'datapackage.json': `${JSON.stringify(descriptor, null, 2)}\n`,
    'values.csv': csvText(header('values'), valueRows(observationsOf(input))),
    'indicators.csv': csvText(header('indicators'), indicatorRows(catalogue)),
    'org_units.csv': csvText(header('org_units'), orgUnitRows(catalogue)),
    'findings.csv': csvText(header('findings'), findingRows(input.results)),
  };
}
