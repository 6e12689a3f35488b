/**
 * @sunan/exchange — the zone's figures in the formats statistics offices and analysts load as they
 * are: SDMX-CSV 2.0 data, an SDMX-ML 3.0 structure message (dataflow, data structure definition,
 * codelists), and a Frictionless Data Package (v2). Pure: text in memory, no file system.
 */
export {
  CL_CONF_STATUS,
  CL_DECIMALS,
  CL_FREQ,
  CL_OBS_STATUS,
  CL_UNIT_MULT,
  type CodeEntry,
  SDMX_UNITS,
  type SdmxUnit,
  STANDARD_CODELISTS,
  type StandardCodelist,
  sdmxUnit,
} from './codelists.js';
export { csvField, csvRecord, csvText } from './csv.js';
export { dataPackage, TABLE_SCHEMAS, type TableField, type TableSchema } from './datapackage.js';
export { atDecimals, fractionDigits, shiftPoint } from './decimal-text.js';
export {
  type Approval,
  type ExchangeInput,
  type Observation,
  type ObsStatus,
  observationsOf,
} from './observations.js';
export {
  AGENCY,
  ATTRIBUTES,
  DATAFLOW,
  DIMENSIONS,
  DSD,
  frequencyOf,
  publishedValue,
  SDMX_CSV_HEADER,
  STRUCTURE_ID,
  sdmxCsv,
  sdmxCsvCells,
  sdmxTimePeriod,
} from './sdmx-csv.js';
export { type SdmxJsonOptions, sdmxJson } from './sdmx-json.js';
export { OWN_CODELISTS, REPRESENTATION, type StructureOptions, sdmxStructure } from './sdmx-structure.js';
