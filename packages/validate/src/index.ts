/**
 * @sunan/validate — bytes in, findings out: reading a city's submission (xlsx, xls, ods, CSV, JSON)
 * and every check on it. Byte-based and browser-safe; file-system helpers live in `@sunan/validate/node`.
 * The fillable template and the annotated copy are written by `@sunan/report`.
 */
export { type CheckedValue, valueKey } from './check-values.js';
export { FINDING_CODES, type FindingCodeDoc } from './codes.js';
export { type CreditCodeCheck, checkCreditCode, creditCodeCheckChar } from './credit-code.js';
export { type EnterpriseList, enterpriseList } from './enterprise-list.js';
export {
  type EnterpriseLocations,
  enterpriseLocation,
  NO_ENTERPRISE_LOCATIONS,
} from './enterprise-locations.js';
export {
  canonicalHeader,
  ENTERPRISE_HEADERS,
  FORM_VALUE_HEADER,
  KNOWN_TEMPLATE_VERSIONS,
  META_KEYS,
  SHEET,
  TEMPLATE_VERSION,
  VALUE_HEADERS,
} from './layout.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export type { TextList } from './packed-texts.js';
export { type Normalization, parseTypedNumber, type TypedNumber } from './parse-number.js';
export type { Location } from './parsed-file.js';
export { decodeText } from './sniff.js';
export { type TemplateRow, templateRows } from './template-rows.js';
export {
  periodsReported,
  type ValidateOptions,
  type ValidationReport,
  type ValidationStats,
  validateSubmission,
} from './validate-submission.js';
export type { Inflater } from './zip/inflate-bounded.js';
