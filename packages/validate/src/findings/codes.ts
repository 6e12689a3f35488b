import type { Severity } from '@sunan/schema/core';

/** Documentation of one finding code. */
export interface FindingCodeDoc {
  readonly severity: Severity;
  readonly zh: string;
  readonly en: string;
}

/**
 * Every finding code this package emits. Codes are stable: tools may match on them. The package
 * README's table is checked against this list by a test.
 */
export const FINDING_CODES: Readonly<Record<string, FindingCodeDoc>> = {
  FILE_EMPTY: { severity: 'error', zh: '文件为空', en: 'empty file' },
  FILE_TOO_LARGE: { severity: 'error', zh: '文件超过大小上限', en: 'file larger than the limit' },
  FILE_NOT_SPREADSHEET: {
    severity: 'error',
    zh: '不是可识别的表格文件',
    en: 'not a spreadsheet, CSV or JSON',
  },
  FILE_CORRUPT: {
    severity: 'error',
    zh: '文件损坏、截断或 JSON 语法错误',
    en: 'damaged or truncated file, or JSON syntax error',
  },
  FILE_ZIP_BOMB: {
    severity: 'error',
    zh: '解压后体积超过上限（疑似压缩炸弹）',
    en: 'decompressed size over the limit (zip bomb)',
  },
  FILE_ENCRYPTED: {
    severity: 'error',
    zh: '文件加密或设有密码',
    en: 'encrypted or password-protected workbook',
  },
  ZIP_ENTRY_CRC: {
    severity: 'error',
    zh: '压缩包条目 CRC-32 校验不符（文件损坏，数字不可信）',
    en: 'zip entry fails its CRC-32 check (damaged file, numbers untrusted)',
  },
  ZIP_ENTRY_SIZE: {
    severity: 'error',
    zh: '压缩包条目解压后大小与声明不符',
    en: 'zip entry inflates to a size other than declared',
  },
  ZIP_ENTRY_CORRUPT: {
    severity: 'error',
    zh: '压缩包条目的压缩数据损坏',
    en: 'zip entry has a damaged compressed stream',
  },
  ZIP_ENTRY_OVERLAP: {
    severity: 'error',
    zh: '压缩包条目相互重叠（压缩炸弹或伪造）',
    en: 'zip entries overlap (zip bomb or forgery)',
  },
  ZIP_ENTRY_HEADER: {
    severity: 'error',
    zh: '压缩包条目头信息前后矛盾',
    en: 'zip entry headers contradict each other',
  },
  FILE_NOT_FOUND: { severity: 'error', zh: '找不到文件', en: 'file not found' },
  FILE_UNREADABLE: { severity: 'error', zh: '无法读取文件', en: 'file cannot be read' },
  FILE_TOO_MANY_ROWS: {
    severity: 'error',
    zh: '工作表行数超过上限',
    en: 'sheet has more rows than the limit',
  },
  SHEET_ROW_TOO_LONG: {
    severity: 'error',
    zh: '工作表中一行（或行外的一段内容）超过长度上限',
    en: 'a row of a sheet (or its XML around the rows) longer than the limit',
  },
  FILE_TOO_MANY_COLUMNS: {
    severity: 'error',
    zh: '工作表列数超过上限',
    en: 'sheet has more columns than the limit',
  },
  FINDINGS_TRUNCATED: {
    severity: 'warning',
    zh: '问题过多，其余按代码计数',
    en: 'too many findings; the rest are counted per code',
  },
  CSV_ENCODING_GBK: { severity: 'info', zh: 'CSV 按 GBK 编码读取', en: 'CSV read as GBK' },
  JSON_SCHEMA: {
    severity: 'error',
    zh: 'JSON 不符合填报 JSON Schema',
    en: 'JSON does not match the submission JSON Schema',
  },
  JSON_DUPLICATE_KEY: {
    severity: 'error',
    zh: 'JSON 对象中有重复的键',
    en: 'duplicate key in a JSON object',
  },
  SHEET_MISSING: { severity: 'error', zh: '缺少指标工作表', en: 'indicator sheet missing' },
  HEADER_MISSING: { severity: 'error', zh: '缺少必需的表头', en: 'required column header missing' },
  CELL_MERGED: { severity: 'error', zh: '数值列有合并单元格', en: 'merged cell over the value column' },
  META_MISSING: { severity: 'warning', zh: '没有模板元数据', en: 'no template metadata' },
  META_TEMPLATE_VERSION: {
    severity: 'error',
    zh: '模板版本未知或过旧',
    en: 'unknown or outdated template version',
  },
  META_CATALOGUE_VERSION: {
    severity: 'warning',
    zh: '模板的指标目录版本与当前不同',
    en: 'template made from another catalogue version',
  },
  META_UNKNOWN_CITY: { severity: 'error', zh: '文件中的城市代码未知', en: 'unknown city in the file' },
  META_CITY_MISMATCH: {
    severity: 'error',
    zh: '文件城市与预期不符',
    en: 'city differs from the expected one',
  },
  META_CITY_MISSING: { severity: 'error', zh: '无法确定城市', en: 'city cannot be determined' },
  META_BAD_PERIOD: { severity: 'error', zh: '文件中的报告期格式错误', en: 'malformed period in the file' },
  META_PERIOD_MISMATCH: {
    severity: 'error',
    zh: '报告期与预期不符',
    en: 'period differs from the expected one',
  },
  META_PERIOD_MISSING: { severity: 'error', zh: '无法确定报告期', en: 'period cannot be determined' },
  EXPECT_UNKNOWN_CITY: { severity: 'error', zh: '调用方指定的城市未知', en: 'unknown expected city' },
  EXPECT_BAD_PERIOD: { severity: 'error', zh: '调用方指定的报告期格式错误', en: 'malformed expected period' },
  ROW_NO_CODE: {
    severity: 'error',
    zh: '行缺少单位代码或指标代码',
    en: 'row lacks a unit or indicator code',
  },
  ROW_CODE_AS_NUMBER: { severity: 'warning', zh: '代码列存为数字', en: 'code stored as a number' },
  ROW_UNKNOWN_ORG_UNIT: { severity: 'error', zh: '未知填报单位', en: 'unknown reporting unit' },
  ROW_UNIT_NOT_IN_CITY: { severity: 'error', zh: '填报单位不属于该市', en: 'unit not part of the city' },
  ROW_UNKNOWN_INDICATOR: { severity: 'error', zh: '未知指标代码', en: 'unknown indicator code' },
  ROW_LEVEL_NOT_REPORTED: {
    severity: 'warning',
    zh: '指标不在该层级填报',
    en: 'indicator not reported at this level',
  },
  ROW_DUPLICATE: { severity: 'error', zh: '重复指标行', en: 'duplicate indicator row' },
  ROW_HIDDEN: { severity: 'warning', zh: '隐藏行中有数值', en: 'hidden row holds a value' },
  VAL_FORMULA_NO_VALUE: { severity: 'error', zh: '公式没有计算结果', en: 'formula without a cached value' },
  VAL_FORMULA_ERROR: { severity: 'error', zh: '单元格为错误值', en: 'cell holds an error value' },
  VAL_NOT_NUMBER: { severity: 'error', zh: '不是数字', en: 'not a number' },
  VAL_NOT_FINITE: {
    severity: 'error',
    zh: '数值不是有限数（无穷大或非数字）',
    en: 'value is not finite (Infinity or NaN)',
  },
  VAL_BEYOND_PRECISION: {
    severity: 'error',
    zh: '数值位数超出精确计算范围',
    en: 'more digits than exact arithmetic keeps',
  },
  FORMULA_EXTERNAL: {
    severity: 'error',
    zh: '公式调用外部程序或外部文件（DDE、外部链接）',
    en: 'formula calls an outside program or file (DDE, external link)',
  },
  FORMULA_LINK: {
    severity: 'warning',
    zh: '链接类公式（如 HYPERLINK）',
    en: 'link formula (such as HYPERLINK)',
  },
  VAL_DATE: { severity: 'error', zh: '应为数字却是日期', en: 'a date where a number belongs' },
  VAL_UNIT_UNKNOWN: { severity: 'error', zh: '数值后的单位无法识别', en: 'unknown unit after the number' },
  VAL_UNIT_MISMATCH: {
    severity: 'error',
    zh: '单位不适用于该指标',
    en: 'unit does not apply to the indicator',
  },
  VAL_UNIT_CONVERTED: {
    severity: 'info',
    zh: '非标准单位已精确换算',
    en: 'non-canonical unit converted exactly',
  },
  VAL_TEXT_NUMBER: {
    severity: 'info',
    zh: '文本形式的数字已按数字读取',
    en: 'number stored as text read as a number',
  },
  VAL_FULL_WIDTH: { severity: 'info', zh: '全角字符已转半角', en: 'full-width characters converted' },
  VAL_THOUSANDS_SEPARATOR: { severity: 'info', zh: '已去除千位分隔符', en: 'thousands separators removed' },
  VAL_PARENTHESISED_NEGATIVE: { severity: 'info', zh: '括号负数已读取', en: 'negative in parentheses read' },
  VAL_TRAILING_UNIT: { severity: 'info', zh: '已识别数值后的单位', en: 'unit after the number recognised' },
  VAL_PERCENT_SIGN: { severity: 'info', zh: '已去除百分号', en: 'percent sign removed' },
  VAL_PERCENT_FORMAT: {
    severity: 'info',
    zh: '百分比格式单元格已换算为百分数',
    en: 'percentage-formatted cell read as percent',
  },
  VAL_NOT_INTEGER: { severity: 'error', zh: '计数指标不是整数', en: 'count is not a whole number' },
  VAL_OUT_OF_RANGE: { severity: 'error', zh: '超出允许范围', en: 'outside the allowed range' },
  VAL_TOO_MANY_DECIMALS: { severity: 'warning', zh: '小数位数超过规定', en: 'more decimals than declared' },
  VAL_SHOWN_DECIMALS: {
    severity: 'info',
    zh: '按单元格显示的小数位数读取（公式或多位小数的值）',
    en: 'read at the decimals the cell shows (a formula or a longer value)',
  },
  VAL_REQUIRED_MISSING: { severity: 'error', zh: '必填值缺失', en: 'required value missing' },
  VAL_BLANK_WITH_REASON: {
    severity: 'info',
    zh: '按目录允许留空并在备注中说明了原因（原因转告汇总中心）',
    en: 'left blank as permitted, with a reason (carried to the centre)',
  },
  VAL_BLANK_NO_REASON: {
    severity: 'error',
    zh: '可留空的指标留空但备注中没有说明原因',
    en: 'left blank without the reason the catalogue asks for',
  },
  VAL_OPTIONAL_BLANK: { severity: 'info', zh: '选填值留空', en: 'optional value left blank' },
  VAL_PARK_MISSING: { severity: 'info', zh: '园区选填值缺失', en: 'optional park value missing' },
  VAL_NO_VALUES: { severity: 'error', zh: '表中没有任何数值', en: 'the table holds no value at all' },
  PERIOD_NOT_REPORTED: {
    severity: 'error',
    zh: '目录中没有该类报告期（如季度）填报的指标',
    en: 'no indicator is reported for this kind of period (e.g. quarterly)',
  },
  RULE_VIOLATED: {
    severity: 'error',
    zh: '违反校验规则（比率与分项、部分不超过整体、园区不超过全市）；严重程度取自规则',
    en: 'a catalogue rule fails (ratio vs components, part ≤ whole, parks ≤ city); severity from the rule',
  },
  ENT_LIST_NOT_IN_FILE: {
    severity: 'warning',
    zh: 'CSV 不含高新技术企业名单，名单核对未做',
    en: 'a CSV carries no enterprise list; list checks were not made',
  },
  META_PERIOD_ASSUMED: {
    severity: 'info',
    zh: '文件未注明报告期，按调用方给定的报告期处理',
    en: 'the file names no period; the caller’s period was used',
  },
  ENT_LIST_MISSING: { severity: 'error', zh: '缺少高新技术企业名单', en: 'enterprise list missing' },
  ENT_CODE_MISSING: { severity: 'error', zh: '缺少统一社会信用代码', en: 'credit code missing' },
  ENT_CODE_FORMAT: { severity: 'error', zh: '统一社会信用代码格式错误', en: 'malformed credit code' },
  ENT_CODE_CHECK: {
    severity: 'error',
    zh: '统一社会信用代码校验位错误',
    en: 'wrong credit-code check character',
  },
  ENT_CODE_NORMALIZED: {
    severity: 'info',
    zh: '信用代码已去空格并转大写',
    en: 'credit code trimmed and upper-cased',
  },
  ENT_DUPLICATE: { severity: 'error', zh: '企业重复列出', en: 'enterprise listed twice' },
  ENT_PARK_OTHER_CITY: { severity: 'error', zh: '园区属于其他城市', en: 'park belongs to another city' },
  ENT_PARK_UNKNOWN: { severity: 'error', zh: '未知园区', en: 'unknown park' },
  ENT_YEAR_INVALID: { severity: 'warning', zh: '认定年份无效', en: 'invalid certification year' },
  ENT_COUNT_MISMATCH: {
    severity: 'error',
    zh: '名单企业数与填报的高新技术企业数不符',
    en: 'list length differs from the reported count',
  },
  RULE_SUSPECT_CELL: {
    severity: 'error',
    zh: '错误定位：最可能出错的单元格，列出牵涉的规则和能使规则成立的数值；严重程度取自规则',
    en: 'error localisation: the likeliest wrong cell, with the rules it fails and a value that satisfies them',
  },
  PLAUS_UNIT_SLIP: {
    severity: 'error',
    zh: '超出合理性界限十倍以上，且按某一单位换算后落回界限内：疑似单位错误，给出应填数值',
    en: 'tenfold beyond its plausibility bound and a unit slip explains it; the likely value is named',
  },
  PLAUS_IMPLAUSIBLE: {
    severity: 'error',
    zh: '超出合理性界限十倍以上，不可能是真实数',
    en: 'tenfold beyond its plausibility bound; cannot be a real figure',
  },
  PLAUS_BEYOND_BOUND: {
    severity: 'warning',
    zh: '超出合理性界限，请核实',
    en: 'beyond its plausibility bound',
  },
  ENT_COUNT_INVALID_ROWS: {
    severity: 'info',
    zh: '企业数之差正是名单中有错误而未计入的行（列出这些行，只报一次）',
    en: 'the count differs by exactly the invalid list rows (named once)',
  },
  YOY_UNIT_SLIP: {
    severity: 'error',
    zh: '与上期之比接近某一单位换算倍数（3 倍以内），疑似单位错误，给出应填数值',
    en: 'ratio to last period within 3× of a unit-slip factor; the likely value is named',
  },
  YOY_CHANGE: { severity: 'warning', zh: '同比变化超过阈值', en: 'year-on-year change beyond the threshold' },
  PREVIOUS_MISSING: { severity: 'info', zh: '没有该市上期报表', en: 'no previous-period file for the city' },
  PREVIOUS_UNREADABLE: { severity: 'warning', zh: '上期报表无法读取', en: 'previous period unreadable' },
  PREVIOUS_OTHER: {
    severity: 'warning',
    zh: '上期报表是别的城市或别的报告期的',
    en: 'previous-period file of another city or period',
  },
  TEMPLATE_UNKNOWN_CITY: { severity: 'error', zh: '生成模板时城市未知', en: 'unknown city for a template' },
  TEMPLATE_BAD_PERIOD: {
    severity: 'error',
    zh: '生成模板时报告期格式错误',
    en: 'malformed period for a template',
  },
};
