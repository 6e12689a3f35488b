/**
 * The template's layout: sheet names, column headers and metadata keys. The reader finds sheets by
 * name, columns by header and rows by code, so offices may reorder, insert or delete rows and columns.
 */
export const SHEET = {
  instructions: '填报说明',
  values: '指标',
  enterprises: '高新技术企业名单',
  meta: '_meta',
  findings: '校验结果',
  explanations: '审核说明',
} as const;

/** Column headers of the 指标 sheet. */
export const VALUE_HEADERS = {
  orgUnitCode: '填报单位代码',
  orgUnitName: '填报单位',
  indicatorCode: '指标代码',
  indicatorName: '指标名称',
  unit: '计量单位',
  value: '数值',
  note: '备注',
} as const;

/**
 * Other headers a column may carry: the form prints the value column as 本期 (this period), as
 * Chinese statistical forms do; templates before it say 数值. Both read as the value column.
 */
const HEADER_ALIASES: ReadonlyMap<string, string> = new Map([['本期', VALUE_HEADERS.value]]);

/** The value column's header on the printed form (read as {@link VALUE_HEADERS}.value). */
export const FORM_VALUE_HEADER = '本期';

/** The header a (whitespace-free, NFKC-normalised) header text stands for. */
export function canonicalHeader(text: string): string {
  return HEADER_ALIASES.get(text) ?? text;
}

/** Column headers of the enterprise list. */
export const ENTERPRISE_HEADERS = {
  creditCode: '统一社会信用代码',
  name: '企业名称',
  park: '所在园区',
  certificateNo: '证书编号',
  certifiedYear: '认定年份',
} as const;

/**
 * Column headers of the 审核说明 sheet, one explanation per row. 指标 / 单元格 names what is explained:
 * a cell of the 指标 sheet (`E12` or `指标!E12`), an indicator's code or its name; 查询编号 cites the
 * centre's 查询 the row answers, when it answers one. 问题 repeats the finding for the reader and is
 * not matched.
 */
export const EXPLANATION_HEADERS = {
  target: '指标 / 单元格',
  problem: '问题',
  text: '说明',
  by: '填写人',
  date: '日期',
  query: '查询编号',
} as const;

/** Keys of the metadata sheet (column A key, column B value). */
export const META_KEYS = {
  templateVersion: 'template_version',
  catalogueId: 'catalogue_id',
  catalogueVersion: 'catalogue_version',
  city: 'city',
  period: 'period',
} as const;

/** The template version this package writes. */
export const TEMPLATE_VERSION = '1.0';

/** Template versions this package can read. An older, still-readable version gives a warning. */
export const KNOWN_TEMPLATE_VERSIONS: readonly string[] = [TEMPLATE_VERSION];
