import { sdmxUnit } from './codelists.js';
import { csvText } from './csv.js';
import { fractionDigits, shiftPoint } from './decimal-text.js';
import type { Observation } from './observations.js';

/** The agency that maintains the zone's structures. */
export const AGENCY = 'SUNAN';
/** The data structure definition's id and version: `SUNAN:DSD_INNOV(1.0)`. */
export const DSD = { id: 'DSD_INNOV', version: '1.0' } as const;
/** The dataflow's id and version; the SDMX-CSV rows name it in `STRUCTURE_ID`. */
export const DATAFLOW = { id: 'DF_INNOV', version: '1.0' } as const;
/** The value of `STRUCTURE_ID` in every row: `SUNAN:DF_INNOV(1.0)`. */
export const STRUCTURE_ID = `${AGENCY}:${DATAFLOW.id}(${DATAFLOW.version})`;

/** The dimensions, in the order of the data structure definition. */
export const DIMENSIONS = ['FREQ', 'REF_AREA', 'INDICATOR', 'TIME_PERIOD'] as const;
/** The attributes, in the order of the data structure definition. */
export const ATTRIBUTES = [
  'UNIT_MEASURE',
  'UNIT_MULT',
  'DECIMALS',
  'OBS_STATUS',
  'CONF_STATUS',
  'COMMENT_OBS',
] as const;
/** The header row of the project's SDMX-CSV 2.0 files. */
export const SDMX_CSV_HEADER: readonly string[] = [
  'STRUCTURE',
  'STRUCTURE_ID',
  'ACTION',
  ...DIMENSIONS,
  'OBS_VALUE',
  ...ATTRIBUTES,
];

/** SDMX's time period: `2022` for a year, `2022-Q3` for a quarter. */
export function sdmxTimePeriod(period: string): string {
  return period.replace(/^(\d{4})Q([1-4])$/, '$1-Q$2');
}

/** The frequency code of a period id. */
export function frequencyOf(period: string): 'A' | 'Q' {
  return /Q[1-4]$/.test(period) ? 'Q' : 'A';
}

/** OBS_VALUE, UNIT_MEASURE, UNIT_MULT and DECIMALS of a figure, as published. */
export function publishedValue(o: Observation): {
  value: string;
  unit: string;
  unitMult: string;
  decimals: number;
} {
  const u = sdmxUnit(o.unit);
  // A unit outside the project's list is published as it is, with multiplier 0.
  if (!u) return { value: o.value ?? '', unit: o.unit, unitMult: '0', decimals: o.decimals };
  const value = o.value === null ? '' : shiftPoint(o.value, u.shift);
  const decimals = o.value === null ? Math.max(0, o.decimals - u.shift) : fractionDigits(value);
  return { value, unit: u.code, unitMult: u.unitMult, decimals };
}

/** One observation as the cells of an SDMX-CSV row (in {@link SDMX_CSV_HEADER} order). */
export function sdmxCsvCells(o: Observation): string[] {
  const p = publishedValue(o);
  return [
    'dataflow',
    STRUCTURE_ID,
    // "I" (information) is SDMX-CSV 2.0.0's action for data being disseminated.
    'I',
    frequencyOf(o.period),
    o.area,
    o.indicator,
    sdmxTimePeriod(o.period),
    p.value,
    p.unit,
    p.unitMult,
    String(p.decimals),
    o.status,
    'F',
    o.comment,
  ];
}

/**
 * The figures as an SDMX-CSV 2.0.0 data message (`application/vnd.sdmx.data+csv; version=2.0.0`):
 * comma-separated, UTF-8, a header of component ids, one row per observation. A figure with no
 * value has an empty OBS_VALUE and says why in OBS_STATUS (SDMX-CSV 2.0.0 has no marker for an
 * intentionally missing value).
 */
export function sdmxCsv(observations: readonly Observation[]): string {
  return csvText(SDMX_CSV_HEADER, observations.map(sdmxCsvCells));
}
