/** The page's words, Chinese first (office staff), English beside them on request. */
export type Lang = 'zh' | 'en';

export const TEXT = {
  title: { zh: '苏南自创区 统计填报工具', en: 'Sunan zone statistics: reporting tool' },
  subtitle: {
    zh: '选择本单位和报告期 · 下载模板 · 校验报表 · 下载报送文件。本页面完全在本机运行：数据不离开本机，不联网。',
    en: 'Choose your city and period · download the template · check the filled workbook · download the file to send. Runs entirely on this computer: nothing is sent, no network.',
  },
  offline: { zh: '🔒 数据不离开本机', en: '🔒 Nothing leaves this computer' },
  switchLang: { zh: 'English', en: '中文' },
  switchLangLabel: { zh: 'Switch to English', en: '切换为中文' },
  templateHeading: { zh: '1. 本单位和报告期', en: '1. Your city and period' },
  city: { zh: '本单位', en: 'Your city' },
  period: { zh: '报告期（如 2022）', en: 'Period (e.g. 2022)' },
  remember: {
    zh: '只需选择一次：本浏览器会记住。每次校验都核对文件是否是本单位、本报告期的。',
    en: 'Chosen once: this browser remembers. Every check makes sure the file is this city’s, for this period.',
  },
  downloadTemplate: { zh: '下载填报模板', en: 'Download the template' },
  validateHeading: { zh: '2. 校验填好的报表', en: '2. Check the filled workbook' },
  fileLabel: {
    zh: '选择报表文件（xlsx、xls、ods、csv 或 json）',
    en: 'Choose the workbook (xlsx, xls, ods, csv or json)',
  },
  dropHint: { zh: '或把文件拖到这里', en: 'or drop the file here' },
  chosen: { zh: '已选择：{f}', en: 'Chosen: {f}' },
  previousLabel: {
    zh: '上年报表（可选，用于同比核对）',
    en: "Last year's file (optional, for year-on-year checks)",
  },
  runValidate: { zh: '开始校验', en: 'Check' },
  progress: { zh: '校验进度', en: 'Progress' },
  stage_received: { zh: '已读取文件', en: 'File read' },
  stage_reading: { zh: '正在读取工作簿…', en: 'Reading the workbook…' },
  stage_checking: { zh: '正在校验…', en: 'Checking…' },
  stage_grid: { zh: '正在准备表格预览…', en: 'Preparing the preview…' },
  stage_done: { zh: '校验完成', en: 'Done' },
  unreadable: {
    zh: '文件已被修改或移动，请重新选择文件',
    en: 'The file was changed or moved since it was chosen: please choose it again',
  },
  unreadablePrevious: {
    zh: '上年报表已被修改或移动，请重新选择上年报表',
    en: "Last year's file was changed or moved since it was chosen: please choose it again",
  },
  noChoice: {
    zh: '请先在第 1 步选择本单位和报告期',
    en: 'First choose your city and period in step 1',
  },
  manyFiles: {
    zh: '一次校验一个文件：已校验“{f}”；未校验：{rest}。请逐个拖入或选择。',
    en: 'One file at a time: “{f}” was checked; not checked: {rest}. Drop or choose them one by one.',
  },
  resultHeading: { zh: '校验结果', en: 'Result' },
  passed: { zh: '✔ 通过', en: '✔ Passed' },
  failed: { zh: '✖ 未通过', en: '✖ Not passed' },
  periodAnnual: { zh: '{y} 年', en: '{y}' },
  periodQuarter: { zh: '{y} 年第 {q} 季度', en: '{y} Q{q}' },
  counts: { zh: '错误 {e} 个，警告 {w} 个，提示 {i} 个', en: '{e} errors, {w} warnings, {i} notes' },
  downloadAnnotated: { zh: '下载标注副本（.xlsx）', en: 'Download the annotated copy (.xlsx)' },
  annotatedHint: {
    zh: '标注副本：有问题的单元格已涂色并附批注，供本单位修改时对照。',
    en: 'The annotated copy shades each cell with a finding and notes why, for your corrections.',
  },
  annotatedListOnly: {
    zh: '此文件不是 xlsx 工作簿，标注副本只含问题清单；请改用模板（xlsx）填报以便标注到单元格。',
    en: 'This file is not an xlsx workbook: the annotated copy holds the list of findings only. Fill in the template (xlsx) to have cells marked.',
  },
  building: { zh: '正在生成，请稍候…', en: 'Building the file, please wait…' },
  downloadFindings: { zh: '下载问题清单（.xlsx）', en: 'Download the findings (.xlsx)' },
  downloadJson: { zh: '下载问题清单（JSON）', en: 'Download the findings (JSON)' },
  findingsHeading: { zh: '问题清单（按工作表）', en: 'Findings by sheet' },
  noFindings: { zh: '没有发现问题。', en: 'No findings.' },
  noSheet: { zh: '文件整体', en: 'The whole file' },
  sheet_指标: { zh: '指标', en: 'Indicators' },
  sheet_高新技术企业名单: { zh: '高新技术企业名单', en: 'High-tech enterprise list' },
  sheet_填报说明: { zh: '填报说明', en: 'Instructions' },
  sheet__meta: { zh: '文件信息', en: 'File information' },
  sheet_校验结果: { zh: '校验结果', en: 'Findings sheet' },
  gridHeading: { zh: '表格预览（有问题的单元格已标出）', en: 'Preview (cells with findings marked)' },
  gridNone: { zh: '此文件没有可预览的工作表。', en: 'This file has no sheet to preview.' },
  gridOmitted: {
    zh: '名单较长：预览显示前面的行和有问题的行，另有 {n} 行未显示。',
    en: 'A long list: the preview shows its first rows and the rows with findings; {n} more rows are not shown.',
  },
  cellFindings: { zh: '单元格 {c} 的问题', en: 'Findings at {c}' },
  cellNone: { zh: '单元格 {c} 没有问题。', en: 'No findings at {c}.' },
  rowRef: { zh: '第 {r} 行', en: 'row {r}' },
  error: { zh: '错误', en: 'Error' },
  warning: { zh: '警告', en: 'Warning' },
  info: { zh: '提示', en: 'Note' },
  value: { zh: '所见值', en: 'In the file' },
  expected: { zh: '应为', en: 'Expected' },
  failedMsg: { zh: '出错了：', en: 'Something went wrong: ' },
  templateReady: { zh: '模板已生成：', en: 'Template ready: ' },
  fileReady: { zh: '已下载：', en: 'Downloaded: ' },
  submitHeading: { zh: '3. 报送', en: '3. Send' },
  downloadSubmission: { zh: '下载报送文件（.xlsx）', en: 'Download the file to send (.xlsx)' },
  sendNone: {
    zh: '先在第 2 步校验报表；通过后在这里下载报送文件。',
    en: 'Check the workbook in step 2 first; once it passes, download the file to send here.',
  },
  sendBlocked: {
    zh: '文件还有错误，不能报送：请改正后重新校验，通过后才能下载报送文件。',
    en: 'The file still has errors and cannot be sent: correct them and check again; once it passes the file to send can be downloaded.',
  },
  sendLine: {
    zh: '请把报送文件“{f}”发送给苏南自创区管理服务中心；标注副本和问题清单只供本单位修改参考，不要报送。',
    en: 'Send the file “{f}” to the Sunan zone management service centre; the annotated copy and the findings are for your own corrections: do not send them.',
  },
  sendWarnings: {
    zh: '还有 {w} 个警告未解释：请逐条确认数据无误（必要时在备注列说明原因）后再报送。',
    en: '{w} warnings are not explained: check each (and give the reason in the note column where needed) before sending.',
  },
  footer: {
    zh: '中心的命令行工具给出与本页相同的校验结果。',
    en: 'The centre’s command-line tool gives the same findings as this page.',
  },
} as const;

export type Key = keyof typeof TEXT;

/** The text for a key in a language, with `{x}` placeholders filled. */
export function tr(key: Key, lang: Lang, vars: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** A sheet's name as the page shows it: hidden and internal sheets by what they hold. */
export function sheetLabel(sheet: string | undefined, lang: Lang): string {
  if (!sheet) return tr('noSheet', lang);
  const key = `sheet_${sheet}`;
  return key in TEXT ? tr(key as Key, lang) : sheet;
}

/** Column names of the enterprise list, in the template's order (A–E). */
export const LIST_COLUMNS: readonly { readonly zh: string; readonly en: string }[] = [
  { zh: '统一社会信用代码', en: 'Credit code' },
  { zh: '企业名称', en: 'Enterprise name' },
  { zh: '所在园区', en: 'Park' },
  { zh: '证书编号', en: 'Certificate number' },
  { zh: '认定年份', en: 'Year certified' },
];

/** Latin words a Chinese text may carry: file formats, encodings, official indicator names and units of size. */
const LATIN_ALLOWED = new Set([
  'xlsx',
  'xls',
  'ods',
  'csv',
  'json',
  'gbk',
  'utf',
  'excel',
  'wps',
  'gdp',
  'pct',
  'r&d',
  '&',
  'kib',
  'mib',
  'gib',
  'kb',
  'mb',
  'gb',
]);

/**
 * What a sentence quotes rather than says: placeholders, the file's own text in quotes, cell
 * references (A5, F12), paths inside a file (xl/worksheets/sheet2.xml), Excel error values (#DIV/0!),
 * single letters (a check character).
 */
function withoutQuoted(text: string): string {
  return text
    .replace(/\{\w+\}/g, ' ')
    .replace(/“[^”]*”|"[^"]*"|‘[^’]*’/g, ' ')
    .replace(/\b[A-Z]{1,3}\d+\b/g, ' ')
    .replace(/[^\s（）()]*\/[^\s（）()]*|[^\s（）()]*\.xml\b/g, ' ')
    .replace(/#[A-Z/0!?]+/g, ' ')
    .replace(/\b[A-Za-z]\b/g, ' ');
}

/**
 * Whether a text reads in the language without a manual: Chinese without English words, codes,
 * interval brackets or ∞; English without Chinese. What the page checks before showing a finding's
 * raw value or expectation, and what the tests check of every message and label.
 */
export function readableIn(text: string, lang: Lang): boolean {
  const said = withoutQuoted(text);
  if (lang === 'en') return !/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/.test(said);
  if (/∞|[[\]]|\(\s*-?[\d.]+\s*,|,\s*-?[\d.]+\s*\)/.test(said)) return false;
  if (/[A-Z_]{4,}/.test(said.replace(/\b(GDP|PCT|JSON|XLSX|CSV)\b/g, ''))) return false;
  return (said.match(/[A-Za-z&]+/g) ?? []).every((w) => LATIN_ALLOWED.has(w.toLowerCase()));
}
