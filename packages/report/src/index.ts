/**
 * @sunan/report — every file a person opens: the fillable template (可填报模板), the annotated copy of
 * a validated workbook (标注副本), the clean file to send (报送文件), the zone report as xlsx, HTML and text, and the index report.
 * The only package that depends on ExcelJS; file-system helpers live in `@sunan/report/node`.
 */
export { ANNOTATION_FILL, annotate, findingsWorkbook, removeMarks, worstSeverity } from './annotate.js';
export {
  type Contact,
  createTemplate,
  INPUT_INSTRUCTIONS,
  type TemplateOptions,
  type TemplateResult,
} from './create-template.js';
export { formatNumber, formatPercent } from './format-number.js';
export { CITY_COLORS, unitColor } from './html.js';
export { INDEX_SOURCE, indexHtml, indexWorkbook, RELATIVE_SCORES } from './index-report.js';
export {
  INTAKE_STATE_LABEL,
  type IntakeCell,
  type IntakeDecision,
  type IntakeRevision,
  type IntakeState,
  type IntakeStatus,
} from './intake-status.js';
export { type KeyMessage, keyMessages } from './key-messages.js';
export { qualityHtml } from './quality-html.js';
export { qualityWorkbook } from './quality-xlsx.js';
export { type ReportHtmlOptions, reportHtml } from './report-html.js';
export { formatSummary, type Lang, type SummaryOptions } from './report-text.js';
export { type ReportWorkbookOptions, reportWorkbook } from './report-xlsx.js';
export {
  type ForcedAcceptance,
  ledgerStamp,
  type ReportStamp,
  STAMP_LABEL,
  type StampState,
  stampLines,
} from './stamp.js';
export { ANNOTATED_COPY, annotatedCopyName, submissionFile } from './submission-file.js';
export { type TableColumn, type TableSheet, tableWorkbook } from './table-xlsx.js';
export { PATH_RULE } from './target-text.js';
export {
  aggregationText,
  DEFINITION_SHEET,
  definitionText,
  formCodeOf,
  legalMarks,
  periodText,
  SIGNATURE_LABELS,
} from './template-form.js';
export { type Trend, trendsOf } from './trends.js';
