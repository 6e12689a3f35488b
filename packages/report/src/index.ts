/**
 * @sunan/report — every file a person opens: the fillable template (可填报模板), the annotated copy of
 * a validated workbook (批注副本), the zone report as xlsx, HTML and text, and the index report.
 * The only package that depends on ExcelJS; file-system helpers live in `@sunan/report/node`.
 */
export { ANNOTATION_FILL, annotate, findingsWorkbook, worstSeverity } from './annotate.js';
export {
  type Contact,
  createTemplate,
  type TemplateOptions,
  type TemplateResult,
} from './create-template.js';
export { indexHtml, indexWorkbook } from './index-report.js';
export { reportHtml } from './report-html.js';
export { formatSummary, type Lang } from './report-text.js';
export { reportWorkbook } from './report-xlsx.js';
