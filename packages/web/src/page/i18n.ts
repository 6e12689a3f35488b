/** The page's words, Chinese first (office staff), English beside them on request. */
export type Lang = 'zh' | 'en';

export const TEXT = {
  title: { zh: '苏南自创区 统计填报工具', en: 'Sunan zone statistics: reporting tool' },
  subtitle: {
    zh: '生成模板 · 校验报表 · 下载标注副本。本页面完全在本机运行：数据不离开本机，不联网。',
    en: 'Make the template · check the filled workbook · download a marked-up copy. Runs entirely on this computer: nothing is sent, no network.',
  },
  offline: { zh: '🔒 数据不离开本机', en: '🔒 Nothing leaves this computer' },
  switchLang: { zh: 'English', en: '中文' },
  switchLangLabel: { zh: 'Switch to English', en: '切换为中文' },
  templateHeading: { zh: '1. 下载填报模板', en: '1. Download the template' },
  city: { zh: '城市', en: 'City' },
  period: { zh: '报告期（如 2022 或 2022Q3）', en: 'Period (e.g. 2022 or 2022Q3)' },
  downloadTemplate: { zh: '下载模板', en: 'Download template' },
  validateHeading: { zh: '2. 校验填好的报表', en: '2. Check the filled workbook' },
  fileLabel: {
    zh: '选择报表文件（xlsx、xls、ods、csv、json）',
    en: 'Choose the workbook (xlsx, xls, ods, csv, json)',
  },
  dropHint: { zh: '或把文件拖到这里', en: 'or drop the file here' },
  previousLabel: {
    zh: '上年报表（可选，用于同比核对）',
    en: "Last year's file (optional, for year-on-year checks)",
  },
  runValidate: { zh: '开始校验', en: 'Check' },
  progress: { zh: '校验进度', en: 'Progress' },
  stage_received: { zh: '已读取文件', en: 'File read' },
  stage_reading: { zh: '正在读取工作簿…', en: 'Reading the workbook…' },
  stage_checking: { zh: '正在校验…', en: 'Checking…' },
  stage_grid: { zh: '正在准备表格视图…', en: 'Preparing the grid…' },
  stage_done: { zh: '校验完成', en: 'Done' },
  resultHeading: { zh: '3. 校验结果', en: '3. Result' },
  passed: { zh: '✔ 通过', en: '✔ Passed' },
  failed: { zh: '✖ 未通过', en: '✖ Not passed' },
  counts: { zh: '错误 {e} 个，警告 {w} 个，提示 {i} 个', en: '{e} errors, {w} warnings, {i} notes' },
  downloadAnnotated: { zh: '下载标注副本（.xlsx）', en: 'Download annotated copy (.xlsx)' },
  downloadFindings: { zh: '下载问题清单（.xlsx）', en: 'Download findings (.xlsx)' },
  downloadJson: { zh: '下载问题清单（JSON）', en: 'Download findings (JSON)' },
  findingsHeading: { zh: '问题清单（按工作表）', en: 'Findings by sheet' },
  noFindings: { zh: '没有发现问题。', en: 'No findings.' },
  noSheet: { zh: '（文件整体）', en: '(whole file)' },
  gridHeading: {
    zh: '“指标”表预览（有问题的单元格已标出）',
    en: 'The 指标 sheet (cells with findings marked)',
  },
  gridNone: { zh: '此文件没有“指标”表视图。', en: 'No 指标 sheet to show for this file.' },
  cellFindings: { zh: '单元格 {c} 的问题', en: 'Findings at {c}' },
  cellNone: { zh: '单元格 {c} 没有问题。', en: 'No findings at {c}.' },
  error: { zh: '错误', en: 'Error' },
  warning: { zh: '警告', en: 'Warning' },
  info: { zh: '提示', en: 'Note' },
  value: { zh: '所见值', en: 'Value' },
  expected: { zh: '期望', en: 'Expected' },
  failedMsg: { zh: '出错了：', en: 'Something went wrong: ' },
  templateReady: { zh: '模板已生成：', en: 'Template ready: ' },
  fileReady: { zh: '已下载：', en: 'Downloaded: ' },
  footer: {
    zh: '也可以使用命令行：sunan template / sunan validate。',
    en: 'The same from the command line: sunan template / sunan validate.',
  },
} as const;

export type Key = keyof typeof TEXT;

/** The text for a key in a language, with `{x}` placeholders filled. */
export function tr(key: Key, lang: Lang, vars: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
