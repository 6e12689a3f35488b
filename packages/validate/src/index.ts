/**
 * @sunan/validate — bytes in, findings out: reading a city's submission (xlsx, xls, ods, CSV, JSON)
 * and every check on it. Byte-based and browser-safe; file-system helpers live in `@sunan/validate/node`.
 * The fillable template and the annotated copy are written by `@sunan/report`.
 */
export { type CheckedValue, valueKey } from './checks/check-values.js';
export { type CreditCodeCheck, checkCreditCode, creditCodeCheckChar } from './checks/credit-code.js';
export {
  periodsReported,
  type ValidateOptions,
  type ValidationReport,
  type ValidationStats,
  validateSubmission,
} from './checks/validate-submission.js';
export { type BuildDetails, buildFinding, type FindingDetails, finding } from './findings/build.js';
export {
  type CodeEntry,
  codeDoc,
  FINDING_CODES,
  type FindingCode,
  type FindingCodeDoc,
  type FindingParams,
  isFindingCode,
} from './findings/codes.js';
export { type EnterpriseList, enterpriseList } from './list/enterprise-list.js';
export {
  type EnterpriseLocations,
  enterpriseLocation,
  NO_ENTERPRISE_LOCATIONS,
} from './list/enterprise-locations.js';
export type { TextList } from './list/packed-texts.js';
export {
  canonicalHeader,
  ENTERPRISE_HEADERS,
  EXPLANATION_HEADERS,
  FORM_VALUE_HEADER,
  KNOWN_TEMPLATE_VERSIONS,
  META_KEYS,
  SHEET,
  TEMPLATE_VERSION,
  VALUE_HEADERS,
} from './read/layout.js';
export { DEFAULT_LIMITS, type Limits } from './read/limits.js';
export { type Normalization, parseTypedNumber, type TypedNumber } from './read/parse-number.js';
export type { Location } from './read/parsed-file.js';
export { decodeText } from './read/sniff.js';
export { type TemplateRow, templateRows } from './read/template-rows.js';
export type { Inflater } from './read/zip/inflate-bounded.js';
