import type { Indicator, LocalizedText, Severity } from '@sunan/schema/core';
import type { Decimal } from 'decimal.js';
import { approx, boundsInWords, withUnit } from './messages.js';

/** Documentation of one finding code: its default severity and what it means, for the tables. */
export interface FindingCodeDoc {
  readonly severity: Severity;
  readonly zh: string;
  readonly en: string;
}

/**
 * One code of {@link FINDING_CODES}: its documentation and its message, made from the typed facts
 * `P` the check that finds the problem knows.
 */
export interface CodeEntry<P> extends FindingCodeDoc {
  readonly message: (p: P) => LocalizedText;
  /** The package whose README documents the code, when it is not this one (which emits it there). */
  readonly by?: 'aggregate';
}

/** The facts of a code whose message needs none. */
export type NoParams = Readonly<Record<string, never>>;

/** Something with a name in both languages: a unit, an indicator. */
interface Named {
  readonly name: LocalizedText;
}

const entry = <P = NoParams>(
  severity: Severity,
  zh: string,
  en: string,
  message: (p: P) => LocalizedText,
): CodeEntry<P> => ({ severity, zh, en, message });

/** A message that needs no facts. */
const fixed = (severity: Severity, zh: string, en: string, text: LocalizedText): CodeEntry<NoParams> =>
  entry(severity, zh, en, () => text);

/**
 * A code whose message is written where the problem is found (reading a file, rolling up): the
 * code and its severity are checked by the compiler, the sentence is the finder's.
 */
const said = (severity: Severity, zh: string, en: string): CodeEntry<LocalizedText> =>
  entry(severity, zh, en, (text: LocalizedText) => text);

/** {@link said}, for a code of `@sunan/aggregate` (documented in its README). */
const aggregate = (severity: Severity, zh: string, en: string): CodeEntry<LocalizedText> => ({
  ...said(severity, zh, en),
  by: 'aggregate',
});

/** A value left blank (or whose row was deleted) at a unit: the first half of each blank's message. */
export interface BlankParams {
  readonly unit: Named;
  readonly indicator: Named;
  /** The row itself is gone, not only its value. */
  readonly deleted: boolean;
}

function blank(p: BlankParams): LocalizedText {
  return p.deleted
    ? {
        zh: `缺少${p.unit.name.zh}的${p.indicator.name.zh}（该行已被删除）`,
        en: `No row for ${p.indicator.name.en} of ${p.unit.name.en} (the row was deleted)`,
      }
    : {
        zh: `${p.unit.name.zh}的${p.indicator.name.zh}未填写`,
        en: `${p.indicator.name.en} of ${p.unit.name.en} is blank`,
      };
}

/** A park's blank optional values said once: how many, and on which rows. */
export interface ParkBlanks {
  readonly park: Named;
  readonly count: number;
  readonly rows: readonly string[];
}

/** A value beyond its plausibility bound: the unit, the value and its ratio to its scale, the bound in words. */
export interface PlausibilityParams {
  readonly unit: Named;
  readonly indicator: Indicator;
  readonly value: Decimal;
  /** The indicator the bound is relative to, and the value's ratio to it. */
  readonly scale?: { readonly name: LocalizedText; readonly ratio: Decimal };
  readonly bound: LocalizedText;
}

function plausibleHead(p: PlausibilityParams): LocalizedText {
  const zhRatio = p.scale ? `，与${p.scale.name.zh}之比 ${approx(p.scale.ratio)}` : '';
  const enRatio = p.scale ? `, ${approx(p.scale.ratio)} × ${p.scale.name.en}` : '';
  return {
    zh: `${p.unit.name.zh}${p.indicator.name.zh}填报 ${withUnit(p.indicator, p.value)}${zhRatio}`,
    en: `${p.indicator.name.en} of ${p.unit.name.en} is ${withUnit(p.indicator, p.value)}${enRatio}`,
  };
}

/** The facts of a list count that disagrees with the reported number of high-tech enterprises. */
export interface CountParams {
  readonly unit: Named;
  readonly reported: string;
  readonly listed: number;
  /** How many invalid rows were left out, and where they are. */
  readonly invalid: number;
  readonly where: string;
}

/** A cell a catalogue rule points at as the likeliest wrong one, and the value that would mend it. */
export interface SuspectParams {
  readonly unit: Named;
  readonly indicator: Indicator;
  readonly value: Decimal;
  readonly suggested: Decimal;
  /** How many failed rules the cell takes part in. */
  readonly rules: number;
  /** The unit slip that explains the value, when one does. */
  readonly slipCause: string | undefined;
}

/** A year-on-year comparison: the value, last period's and the indicator. */
export interface YearOnYearParams {
  readonly unit: Named;
  readonly indicator: Indicator;
  readonly value: Decimal;
  readonly previous: Decimal;
}

const FILE_CODES = {
  FILE_EMPTY: said('error', '文件为空', 'empty file'),
  FILE_TOO_LARGE: said('error', '文件超过大小上限', 'file larger than the limit'),
  FILE_NOT_SPREADSHEET: said('error', '不是可识别的表格文件', 'not a spreadsheet, CSV or JSON'),
  FILE_CORRUPT: said(
    'error',
    '文件损坏、截断或 JSON 语法错误',
    'damaged or truncated file, or JSON syntax error',
  ),
  FILE_ZIP_BOMB: said(
    'error',
    '解压后体积超过上限（疑似压缩炸弹）',
    'decompressed size over the limit (zip bomb)',
  ),
  FILE_ENCRYPTED: said('error', '文件加密或设有密码', 'encrypted or password-protected workbook'),
  ZIP_ENTRY_CRC: said(
    'error',
    '压缩包条目 CRC-32 校验不符（文件损坏，数字不可信）',
    'zip entry fails its CRC-32 check (damaged file, numbers untrusted)',
  ),
  ZIP_ENTRY_SIZE: said(
    'error',
    '压缩包条目解压后大小与声明不符',
    'zip entry inflates to a size other than declared',
  ),
  ZIP_ENTRY_CORRUPT: said('error', '压缩包条目的压缩数据损坏', 'zip entry has a damaged compressed stream'),
  ZIP_ENTRY_OVERLAP: said(
    'error',
    '压缩包条目相互重叠（压缩炸弹或伪造）',
    'zip entries overlap (zip bomb or forgery)',
  ),
  ZIP_ENTRY_HEADER: said('error', '压缩包条目头信息前后矛盾', 'zip entry headers contradict each other'),
  FILE_NOT_FOUND: said('error', '找不到文件', 'file not found'),
  FILE_UNREADABLE: said('error', '无法读取文件', 'file cannot be read'),
  FILE_TOO_MANY_ROWS: said('error', '工作表行数超过上限', 'sheet has more rows than the limit'),
  SHEET_ROW_TOO_LONG: said(
    'error',
    '工作表中一行（或行外的一段内容）超过长度上限',
    'a row of a sheet (or its XML around the rows) longer than the limit',
  ),
  FILE_TOO_MANY_COLUMNS: said('error', '工作表列数超过上限', 'sheet has more columns than the limit'),
  FINDINGS_TRUNCATED: entry(
    'warning',
    '问题过多，其余按代码计数',
    'too many findings; the rest are counted per code',
    (p: { max: number; dropped: number; said: LocalizedText }) => ({
      zh: `问题过多：仅列出前 ${p.max} 条，另有 ${p.dropped} 条未逐条列出（${p.said.zh}）`,
      en: `Too many findings: the first ${p.max} are listed and ${p.dropped} more are not (${p.said.en})`,
    }),
  ),
  CSV_ENCODING_GBK: said('info', 'CSV 按 GBK 编码读取', 'CSV read as GBK'),
  JSON_SCHEMA: said('error', 'JSON 不符合填报 JSON Schema', 'JSON does not match the submission JSON Schema'),
  JSON_DUPLICATE_KEY: said('error', 'JSON 对象中有重复的键', 'duplicate key in a JSON object'),
  SHEET_MISSING: said('error', '缺少指标工作表', 'indicator sheet missing'),
  HEADER_MISSING: said('error', '缺少必需的表头', 'required column header missing'),
  CELL_MERGED: said('error', '数值列有合并单元格', 'merged cell over the value column'),
};

const META_CODES = {
  META_MISSING: fixed('warning', '没有模板元数据', 'no template metadata', {
    zh: '文件中没有模板元数据（可能不是用本系统模板填写的）',
    en: 'The file has no template metadata (it may not come from this tool’s template)',
  }),
  META_TEMPLATE_VERSION: entry(
    'error',
    '模板版本未知或过旧',
    'unknown or outdated template version',
    (p: { version: string | undefined }) => ({
      zh: `模板版本 ${p.version ?? '（空）'} 无法识别，请使用最新模板`,
      en: `Unknown template version ${p.version ?? '(blank)'}; use the current template`,
    }),
  ),
  META_CATALOGUE_VERSION: entry(
    'warning',
    '模板的指标目录版本与当前不同',
    'template made from another catalogue version',
    (p: { file: string; current: string }) => ({
      zh: `模板的指标目录版本 ${p.file} 与当前目录 ${p.current} 不同`,
      en: `Template catalogue version ${p.file} differs from the current ${p.current}`,
    }),
  ),
  META_UNKNOWN_CITY: entry(
    'error',
    '文件中的城市代码未知',
    'unknown city in the file',
    (p: { text: string }) => ({
      zh: `文件中的城市代码无法识别：${p.text}`,
      en: `The file names an unknown city: ${p.text}`,
    }),
  ),
  META_CITY_MISMATCH: entry(
    'error',
    '文件城市与预期不符',
    'city differs from the expected one',
    (p: { file: Named; expected: Named }) => ({
      zh: `文件是${p.file.name.zh}的报表，而不是${p.expected.name.zh}的`,
      en: `The file is ${p.file.name.en}'s, not ${p.expected.name.en}'s`,
    }),
  ),
  META_CITY_MISSING: fixed('error', '无法确定城市', 'city cannot be determined', {
    zh: '无法确定填报城市：请使用模板，或在校验时注明本单位',
    en: 'The reporting city cannot be determined; use the template or pass the expected city',
  }),
  META_BAD_PERIOD: entry(
    'error',
    '文件中的报告期格式错误',
    'malformed period in the file',
    (p: { text: string }) => ({
      zh: `文件中的报告期格式错误：${p.text}`,
      en: `The file's period is malformed: ${p.text}`,
    }),
  ),
  META_PERIOD_MISMATCH: entry(
    'error',
    '报告期与预期不符',
    'period differs from the expected one',
    (p: { file: string; expected: string }) => ({
      zh: `文件的报告期是 ${p.file}，应为 ${p.expected}`,
      en: `The file is for ${p.file}, expected ${p.expected}`,
    }),
  ),
  META_PERIOD_MISSING: fixed('error', '无法确定报告期', 'period cannot be determined', {
    zh: '无法确定报告期：文件未注明（如 CSV），请使用模板，或在校验、汇总时注明报告期',
    en: 'The period cannot be determined: the file names none (e.g. a CSV); use the template, or give the period when checking or rolling up',
  }),
  EXPECT_UNKNOWN_CITY: entry(
    'error',
    '调用方指定的城市未知',
    'unknown expected city',
    (p: { text: string }) => ({
      zh: `指定的城市无法识别：${p.text}`,
      en: `Unknown expected city: ${p.text}`,
    }),
  ),
  EXPECT_BAD_PERIOD: entry(
    'error',
    '调用方指定的报告期格式错误',
    'malformed expected period',
    (p: { text: string }) => ({
      zh: `指定的报告期格式错误：${p.text}`,
      en: `Malformed expected period: ${p.text}`,
    }),
  ),
};

const ROW_CODES = {
  ROW_NO_CODE: fixed('error', '行缺少单位代码或指标代码', 'row lacks a unit or indicator code', {
    zh: '该行缺少填报单位代码或指标代码，无法识别',
    en: 'The row lacks a unit code or an indicator code',
  }),
  ROW_CODE_AS_NUMBER: fixed('warning', '代码列存为数字', 'code stored as a number', {
    zh: '单位代码被存为数字，应为文本（已按文本读取）',
    en: 'The unit code is stored as a number; it should be text (read as text)',
  }),
  ROW_UNKNOWN_ORG_UNIT: entry('error', '未知填报单位', 'unknown reporting unit', (p: { text: string }) => ({
    zh: `未知的填报单位：${p.text}`,
    en: `Unknown reporting unit: ${p.text}`,
  })),
  ROW_UNIT_NOT_IN_CITY: entry(
    'error',
    '填报单位不属于该市',
    'unit not part of the city',
    (p: { unit: Named; city: Named }) => ({
      zh: `${p.unit.name.zh}不属于${p.city.name.zh}（或该报告期不存在）`,
      en: `${p.unit.name.en} is not part of ${p.city.name.en} in this period`,
    }),
  ),
  ROW_UNKNOWN_INDICATOR: entry('error', '未知指标代码', 'unknown indicator code', (p: { text: string }) => ({
    zh: `未知的指标代码：${p.text}`,
    en: `Unknown indicator code: ${p.text}`,
  })),
  ROW_LEVEL_NOT_REPORTED: entry(
    'warning',
    '指标不在该层级填报',
    'indicator not reported at this level',
    (p: { indicator: Named; unit: Named & { readonly level: string } }) => ({
      zh: `${p.indicator.name.zh}不在${p.unit.name.zh}这一层级填报，该值未使用`,
      en: `${p.indicator.name.en} is not reported at the ${p.unit.level} level; the value is not used`,
    }),
  ),
  ROW_DUPLICATE: entry('error', '重复指标行', 'duplicate indicator row', (p: { first: string }) => ({
    zh: `重复的指标行（首次出现在 ${p.first}），该行未使用`,
    en: `Duplicate indicator row (first at ${p.first}); this row is not used`,
  })),
  ROW_HIDDEN: fixed('warning', '隐藏行中有数值', 'hidden row holds a value', {
    zh: '该行被隐藏但有数值（数值已读取，请确认）',
    en: 'The row is hidden but holds a value (the value is read; please confirm)',
  }),
};

const CELL_CODES = {
  VAL_FORMULA_NO_VALUE: fixed('error', '公式没有计算结果', 'formula without a cached value', {
    zh: '公式没有计算结果（请在 Excel 中重新计算后保存，或直接填写数值）',
    en: 'Formula without a cached result (recalculate and save, or type the value)',
  }),
  VAL_FORMULA_ERROR: entry('error', '单元格为错误值', 'cell holds an error value', (p: { text: string }) => ({
    zh: `单元格是错误值 ${p.text}`,
    en: `The cell holds the error ${p.text}`,
  })),
  VAL_NOT_NUMBER: entry(
    'error',
    '不是数字',
    'not a number',
    /** `text` is the cell's text; without it the cell held TRUE or FALSE. */
    (p: { text?: string }) =>
      p.text === undefined
        ? { zh: '应填写数字，而不是逻辑值', en: 'A number is expected, not TRUE/FALSE' }
        : { zh: `“${p.text}”不是数字`, en: `"${p.text}" is not a number` },
  ),
  VAL_NOT_FINITE: fixed(
    'error',
    '数值不是有限数（无穷大或非数字）',
    'value is not finite (Infinity or NaN)',
    {
      zh: '数值不是有限数（溢出为无穷大或非数字），无法使用',
      en: 'The value is not a finite number (it overflowed to infinity or is not a number)',
    },
  ),
  VAL_BEYOND_PRECISION: fixed(
    'error',
    '数值位数超出精确计算范围',
    'more digits than exact arithmetic keeps',
    {
      zh: '数值位数超出精确计算的范围，不能四舍五入后使用',
      en: 'The value has more digits than exact arithmetic keeps; it is not rounded silently',
    },
  ),
  FORMULA_EXTERNAL: fixed(
    'error',
    '公式调用外部程序或外部文件（DDE、外部链接）',
    'formula calls an outside program or file (DDE, external link)',
    {
      zh: '单元格含有调用外部程序或外部文件的公式（动态数据交换、外部链接），不能提交；请改为数值',
      en: 'The cell holds a formula that calls an outside program or file (DDE, external link); replace it with its value',
    },
  ),
  FORMULA_LINK: fixed('warning', '链接类公式（如 HYPERLINK）', 'link formula (such as HYPERLINK)', {
    zh: '单元格含有链接类公式（如超链接），请确认后改为数值',
    en: 'The cell holds a link formula (such as HYPERLINK); check it and replace it with its value',
  }),
  VAL_DATE: fixed('error', '应为数字却是日期', 'a date where a number belongs', {
    zh: '应填写数字，单元格却是日期（请将单元格格式改为“数值”）',
    en: 'A number is expected but the cell holds a date (format the cell as a number)',
  }),
  VAL_UNIT_UNKNOWN: entry(
    'error',
    '数值后的单位无法识别',
    'unknown unit after the number',
    (p: { unit: string }) => ({
      zh: `无法识别的单位“${p.unit}”`,
      en: `Unknown unit "${p.unit}"`,
    }),
  ),
  VAL_UNIT_MISMATCH: entry(
    'error',
    '单位不适用于该指标',
    'unit does not apply to the indicator',
    /** `unit` is the unit written; without it the cell was formatted as a percentage. */
    (p: { indicator: Indicator; unit?: string }) =>
      p.unit === undefined
        ? {
            zh: `单元格是百分比格式，但${p.indicator.name.zh}的单位是${p.indicator.unit}`,
            en: `The cell is formatted as a percentage but the unit is ${p.indicator.unit}`,
          }
        : {
            zh: `单位“${p.unit}”不能用于${p.indicator.name.zh}（应为${p.indicator.unit}）`,
            en: `Unit "${p.unit}" does not apply to ${p.indicator.name.en} (expected ${p.indicator.unit})`,
          },
  ),
  VAL_UNIT_CONVERTED: entry(
    'info',
    '非标准单位已精确换算',
    'non-canonical unit converted exactly',
    (p: { before: string; unit: string; value: string; to: string }) => ({
      zh: `${p.before}${p.unit} 已换算为 ${p.value}${p.to}`,
      en: `${p.before} ${p.unit} converted to ${p.value} ${p.to}`,
    }),
  ),
  VAL_TEXT_NUMBER: fixed('info', '文本形式的数字已按数字读取', 'number stored as text read as a number', {
    zh: '数值以文本形式存储，已按数字读取',
    en: 'Number stored as text; read as a number',
  }),
  VAL_FULL_WIDTH: fixed('info', '全角字符已转半角', 'full-width characters converted', {
    zh: '全角字符已转换为半角',
    en: 'Full-width characters converted to ASCII',
  }),
  VAL_THOUSANDS_SEPARATOR: fixed('info', '已去除千位分隔符', 'thousands separators removed', {
    zh: '已去除千位分隔符',
    en: 'Thousands separators removed',
  }),
  VAL_PARENTHESISED_NEGATIVE: fixed('info', '括号负数已读取', 'negative in parentheses read', {
    zh: '括号表示的负数已按负数读取',
    en: 'Negative in parentheses read as a negative number',
  }),
  VAL_TRAILING_UNIT: fixed('info', '已识别数值后的单位', 'unit after the number recognised', {
    zh: '数值后的单位已识别',
    en: 'Unit after the number recognised',
  }),
  VAL_PERCENT_SIGN: fixed('info', '已去除百分号', 'percent sign removed', {
    zh: '已去除百分号',
    en: 'Percent sign removed',
  }),
  VAL_PERCENT_FORMAT: entry(
    'info',
    '百分比格式单元格已换算为百分数',
    'percentage-formatted cell read as percent',
    (p: { seen: string | undefined; value: string }) => ({
      zh: `百分比格式单元格 ${p.seen} 已按 ${p.value}（%）读取`,
      en: `Percentage-formatted cell ${p.seen} read as ${p.value} (%)`,
    }),
  ),
  VAL_NOT_INTEGER: entry(
    'error',
    '计数指标不是整数',
    'count is not a whole number',
    (p: { indicator: Named }) => ({
      zh: `${p.indicator.name.zh}是计数指标，应为整数`,
      en: `${p.indicator.name.en} is a count and must be a whole number`,
    }),
  ),
  VAL_OUT_OF_RANGE: entry(
    'error',
    '超出允许范围',
    'outside the allowed range',
    (p: { value: string; min: number | undefined; max: number | undefined }) => {
      const range = boundsInWords(p.min, p.max);
      return {
        zh: `数值 ${p.value} 超出允许范围：${range.zh}`,
        en: `Value ${p.value} is outside the allowed range: ${range.en}`,
      };
    },
  ),
  VAL_TOO_MANY_DECIMALS: entry(
    'warning',
    '小数位数超过规定',
    'more decimals than declared',
    (p: { decimals: number }) => ({
      zh: `小数位数超过规定的 ${p.decimals} 位`,
      en: `More decimals than the declared ${p.decimals}`,
    }),
  ),
  VAL_SHOWN_DECIMALS: entry(
    'info',
    '按单元格显示的小数位数读取（公式或多位小数的值）',
    'read at the decimals the cell shows (a formula or a longer value)',
    (p: { decimals: number; shown: string }) => ({
      zh: `按单元格显示的 ${p.decimals} 位小数读作 ${p.shown}（单元格内的值有更多位小数）`,
      en: `Read as shown, at ${p.decimals} decimals: ${p.shown} (the cell holds more digits)`,
    }),
  ),
};

const BLANK_CODES = {
  VAL_REQUIRED_MISSING: entry('error', '必填值缺失', 'required value missing', (p: BlankParams) => {
    const what = blank(p);
    return { zh: `${what.zh}；此项必填`, en: `${what.en}; it is required` };
  }),
  VAL_BLANK_WITH_REASON: entry(
    'info',
    '按目录允许留空并在备注中说明了原因（原因转告汇总中心）',
    'left blank as permitted, with a reason (carried to the centre)',
    (p: BlankParams & { note: string }) => {
      const what = blank(p);
      return {
        zh: `${what.zh}，原因：${p.note}（已转告汇总中心）`,
        en: `${what.en}; reason given: ${p.note}`,
      };
    },
  ),
  VAL_BLANK_NO_REASON: entry(
    'error',
    '可留空的指标留空但备注中没有说明原因',
    'left blank without the reason the catalogue asks for',
    (p: BlankParams) => {
      const what = blank(p);
      return {
        zh: `${what.zh}；此项可以留空，但须在“备注”中说明原因`,
        en: `${what.en}; it may be left blank only with a reason in 备注 (note)`,
      };
    },
  ),
  VAL_OPTIONAL_BLANK: entry('info', '选填值留空', 'optional value left blank', blank),
  VAL_PARK_MISSING: entry(
    'info',
    '园区选填值缺失',
    'optional park value missing',
    (p: BlankParams | ParkBlanks) => {
      if (!('count' in p)) return blank(p);
      const { park, count, rows } = p;
      return {
        zh: `${park.name.zh}有 ${count} 项选填指标未填写${rows.length ? `（第 ${rows.join('、')} 行）` : ''}`,
        en: `${count} optional values of ${park.name.en} are blank${rows.length ? ` (rows ${rows.join(', ')})` : ''}`,
      };
    },
  ),
  VAL_NO_VALUES: fixed('error', '表中没有任何数值', 'the table holds no value at all', {
    zh: '表中没有任何数值，不能作为报表报送',
    en: 'The table holds no value at all; it cannot be submitted',
  }),
  PERIOD_NOT_REPORTED: entry(
    'error',
    '目录中没有该类报告期（如季度）填报的指标',
    'no indicator is reported for this kind of period (e.g. quarterly)',
    (p: { quarter: boolean; period: string; reported: string }) => ({
      zh: `目录中没有按${p.quarter ? '季度' : '年度'}填报的指标，${p.period} 不是填报期（填报期：${p.reported}）`,
      en: `No indicator of the catalogue is reported ${p.quarter ? 'quarterly' : 'annually'}; ${p.period} is not a reporting period`,
    }),
  ),
};

const RULE_CODES = {
  RULE_VIOLATED: said(
    'error',
    '违反校验规则（比率与分项、部分不超过整体、园区不超过全市）；严重程度取自规则',
    'a catalogue rule fails (ratio vs components, part ≤ whole, parks ≤ city); severity from the rule',
  ),
  RULE_SUSPECT_CELL: entry(
    'error',
    '错误定位：最可能出错的单元格，列出牵涉的规则和能使规则成立的数值；严重程度取自规则',
    'error localisation: the likeliest wrong cell, with the rules it fails and a value that satisfies them',
    (p: SuspectParams) => {
      const ind = p.indicator;
      const how =
        p.slipCause !== undefined
          ? {
              zh: `疑似单位错误（${p.slipCause}）：应为约 ${withUnit(ind, p.suggested)}？`,
              en: `probably a unit slip: about ${withUnit(ind, p.suggested)}?`,
            }
          : {
              zh: `改为约 ${withUnit(ind, p.suggested)} 即可使上述规则成立`,
              en: `about ${withUnit(ind, p.suggested)} would satisfy them`,
            };
      return {
        // The rule ids stay in `rule` (and the JSON); the sentence says what they mean.
        zh: `${p.unit.name.zh}${ind.name.zh}（${withUnit(ind, p.value)}）最可能是出错的单元格：与它相关的${p.rules > 1 ? ` ${p.rules} 项` : ''}核对未通过；${how.zh}`,
        en: `${ind.name.en} of ${p.unit.name.en} (${withUnit(ind, p.value)}) is the likeliest wrong cell for the ${p.rules > 1 ? `${p.rules} failed checks` : 'failed check'} it takes part in; ${how.en}`,
      };
    },
  ),
  PLAUS_UNIT_SLIP: entry(
    'error',
    '超出合理性界限十倍以上，且按某一单位换算后落回界限内：疑似单位错误，给出应填数值',
    'tenfold beyond its plausibility bound and a unit slip explains it; the likely value is named',
    (p: PlausibilityParams & { excess: Decimal; cause: LocalizedText; corrected: Decimal }) => {
      const head = plausibleHead(p);
      return {
        zh: `${head.zh}，超出合理范围（${p.bound.zh}）约 ${approx(p.excess, 2)} 倍；疑似单位错误（${p.cause.zh}）：应为约 ${withUnit(p.indicator, p.corrected)}？`,
        en: `${head.en}, ${approx(p.excess, 2)} times beyond the plausible range (${p.bound.en}); probably a unit slip (${p.cause.en}): about ${withUnit(p.indicator, p.corrected)}?`,
      };
    },
  ),
  PLAUS_IMPLAUSIBLE: entry(
    'error',
    '超出合理性界限十倍以上，不可能是真实数',
    'tenfold beyond its plausibility bound; cannot be a real figure',
    (p: PlausibilityParams & { excess: Decimal }) => {
      const head = plausibleHead(p);
      return {
        zh: `${head.zh}，超出合理范围（${p.bound.zh}）约 ${approx(p.excess, 2)} 倍，不可能是真实数，请核实`,
        en: `${head.en}, ${approx(p.excess, 2)} times beyond the plausible range (${p.bound.en}): cannot be a real figure`,
      };
    },
  ),
  PLAUS_BEYOND_BOUND: entry(
    'warning',
    '超出合理性界限，请核实',
    'beyond its plausibility bound',
    (p: PlausibilityParams) => {
      const head = plausibleHead(p);
      // The bound's basis is the catalogue's reasoning (CATALOGUE.md), not the clerk's.
      return {
        zh: `${head.zh}，超出合理范围（${p.bound.zh}），请核实`,
        en: `${head.en}, beyond the plausible range (${p.bound.en}); please check`,
      };
    },
  ),
};

const LIST_CODES = {
  ENT_LIST_NOT_IN_FILE: fixed(
    'warning',
    'CSV 不含高新技术企业名单，名单核对未做',
    'a CSV carries no enterprise list; list checks were not made',
    {
      zh: 'CSV 文件不含高新技术企业名单：未核对信用代码、名单企业数与填报数是否一致、跨市重复；请另报名单或改用 xlsx 模板',
      en: 'A CSV file carries no enterprise list: credit codes, list length vs HTE_COUNT and cross-city duplicates were not checked',
    },
  ),
  META_PERIOD_ASSUMED: entry(
    'info',
    '文件未注明报告期，按调用方给定的报告期处理',
    'the file names no period; the caller’s period was used',
    (p: { period: string }) => ({
      zh: `文件未注明报告期，按调用方给定的 ${p.period} 处理`,
      en: `The file names no period; taken as ${p.period}, as the caller said`,
    }),
  ),
  ENT_LIST_MISSING: fixed('error', '缺少高新技术企业名单', 'enterprise list missing', {
    zh: '缺少高新技术企业名单工作表',
    en: 'The high-tech enterprise list is missing',
  }),
  ENT_CODE_MISSING: entry('error', '缺少统一社会信用代码', 'credit code missing', (p: { name: string }) => ({
    zh: `企业“${p.name}”缺少统一社会信用代码`,
    en: `Enterprise "${p.name}" has no unified social credit code`,
  })),
  ENT_CODE_FORMAT: fixed('error', '统一社会信用代码格式错误', 'malformed credit code', {
    zh: '统一社会信用代码格式错误（应为 18 位，不含 I、O、Z、S、V）',
    en: 'Malformed unified social credit code (18 characters, no I, O, Z, S, V)',
  }),
  ENT_CODE_CHECK: entry(
    'error',
    '统一社会信用代码校验位错误',
    'wrong credit-code check character',
    (p: { expected: string }) => ({
      zh: `统一社会信用代码校验位错误（应为 ${p.expected}）`,
      en: `Wrong check character in the unified social credit code (expected ${p.expected})`,
    }),
  ),
  ENT_CODE_NORMALIZED: fixed('info', '信用代码已去空格并转大写', 'credit code trimmed and upper-cased', {
    zh: '统一社会信用代码已去除空格并转为大写',
    en: 'Credit code trimmed and upper-cased',
  }),
  ENT_DUPLICATE: entry('error', '企业重复列出', 'enterprise listed twice', (p: { first: string }) => ({
    zh: `企业重复列出（首次出现在 ${p.first}）`,
    en: `Enterprise listed twice (first at ${p.first})`,
  })),
  ENT_PARK_OTHER_CITY: entry(
    'error',
    '园区属于其他城市',
    'park belongs to another city',
    (p: { park: string; city: Named }) => ({
      zh: `所在园区“${p.park}”不属于${p.city.name.zh}`,
      en: `Park "${p.park}" is not in ${p.city.name.en}`,
    }),
  ),
  ENT_PARK_UNKNOWN: entry('error', '未知园区', 'unknown park', (p: { park: string }) => ({
    zh: `无法识别的园区“${p.park}”`,
    en: `Unknown park "${p.park}"`,
  })),
  ENT_YEAR_INVALID: entry('warning', '认定年份无效', 'invalid certification year', (p: { text: string }) => ({
    zh: `认定年份“${p.text}”无效`,
    en: `Invalid certification year "${p.text}"`,
  })),
  ENT_COUNT_MISMATCH: entry(
    'error',
    '名单企业数与填报的高新技术企业数不符',
    'list length differs from the reported count',
    (p: CountParams) => {
      const note =
        p.invalid > 0
          ? {
              zh: `（另有 ${p.invalid} 行因错误未计入：${p.where}）`,
              en: ` (${p.invalid} invalid rows not counted)`,
            }
          : { zh: '', en: '' };
      return {
        zh: `${p.unit.name.zh}填报高新技术企业 ${p.reported} 家，名单中有效企业 ${p.listed} 家${note.zh}`,
        en: `${p.unit.name.en} reports ${p.reported} high-tech enterprises but the list has ${p.listed} valid rows${note.en}`,
      };
    },
  ),
  ENT_COUNT_INVALID_ROWS: entry(
    'info',
    '企业数之差正是名单中有错误而未计入的行（列出这些行，只报一次）',
    'the count differs by exactly the invalid list rows (named once)',
    (p: CountParams) => ({
      zh: `${p.unit.name.zh}填报高新技术企业 ${p.reported} 家，名单中有效企业 ${p.listed} 家：差的 ${p.invalid} 家是名单中有错误而未计入的行（${p.where}），改正这些行即可`,
      en: `${p.unit.name.en} reports ${p.reported} high-tech enterprises and the list has ${p.listed} valid rows: the ${p.invalid} missing are the invalid rows (${p.where}); correct them`,
    }),
  ),
};

const PREVIOUS_CODES = {
  YOY_UNIT_SLIP: entry(
    'error',
    '与上期之比接近某一单位换算倍数（3 倍以内），疑似单位错误，给出应填数值',
    'ratio to last period within 3× of a unit-slip factor; the likely value is named',
    (p: YearOnYearParams & { ratio: Decimal; cause: LocalizedText; corrected: Decimal }) => {
      const ind = p.indicator;
      return {
        zh: `${p.unit.name.zh}${ind.name.zh}填报 ${withUnit(ind, p.value)}，是上期（${withUnit(ind, p.previous)}）的 ${approx(p.ratio, 3)} 倍；疑似单位错误（${p.cause.zh}）：应为约 ${withUnit(ind, p.corrected)}？`,
        en: `${ind.name.en} of ${p.unit.name.en} is ${withUnit(ind, p.value)}, ${approx(p.ratio, 3)} times last period's ${withUnit(ind, p.previous)}; probably a unit slip (${p.cause.en}): about ${withUnit(ind, p.corrected)}?`,
      };
    },
  ),
  YOY_CHANGE: entry(
    'warning',
    '同比变化超过阈值',
    'year-on-year change beyond the threshold',
    (p: YearOnYearParams & { change: string }) => {
      const ind = p.indicator;
      return {
        zh: `${p.unit.name.zh}${ind.name.zh}比上期变化 ${p.change}%（上期 ${withUnit(ind, p.previous)}），超过 ±${ind.yoyThresholdPercent}%，请核实`,
        en: `${ind.name.en} of ${p.unit.name.en} changed ${p.change}% from last period's ${withUnit(ind, p.previous)}, beyond ±${ind.yoyThresholdPercent}%`,
      };
    },
  ),
  PREVIOUS_MISSING: fixed('info', '没有该市上期报表', 'no previous-period file for the city', {
    zh: '没有该市上期报表，未做同比核对',
    en: 'No previous-period file for this city; no year-on-year checks',
  }),
  PREVIOUS_UNREADABLE: fixed('warning', '上期报表无法读取', 'previous period unreadable', {
    zh: '上期报表无法读取，未做同比核对',
    en: 'The previous period’s file could not be read; no year-on-year checks were made',
  }),
  PREVIOUS_OTHER: entry(
    'warning',
    '上期报表是别的城市或别的报告期的',
    'previous-period file of another city or period',
    (p: { city: Named; period: string }) => ({
      zh: `上年报表是${p.city.name.zh} ${/Q/.test(p.period) ? p.period : `${p.period} 年`}的，未做同比核对`,
      en: `The previous-period file is ${p.city.name.en}'s for ${p.period}; no year-on-year checks were made`,
    }),
  ),
  TEMPLATE_UNKNOWN_CITY: said('error', '生成模板时城市未知', 'unknown city for a template'),
  TEMPLATE_BAD_PERIOD: said('error', '生成模板时报告期格式错误', 'malformed period for a template'),
};

/** Codes of `@sunan/aggregate`'s roll-up, documented in its README. */
const AGGREGATE_CODES = {
  AGG_CITY_MISSING: aggregate('error', '应报城市没有可用的报表', 'an expected city has no usable submission'),
  AGG_UNREADABLE: aggregate('error', '文件无法读取', 'a file could not be read'),
  AGG_UNIDENTIFIED: aggregate(
    'error',
    '无法确定文件的城市或报告期，未汇总',
    'the city or period of a file cannot be determined; not aggregated',
  ),
  AGG_NAME_MISMATCH: aggregate(
    'error',
    '文件名与内容的城市或报告期不符，未汇总',
    'the file name names another city or period than its content; not aggregated',
  ),
  AGG_WRONG_PERIOD: aggregate('warning', '文件属于别的报告期', 'a file is for another period'),
  AGG_EXCLUDED_INVALID: aggregate('warning', '有错误的文件未汇总', 'a file with errors was excluded'),
  AGG_INCLUDED_INVALID: aggregate(
    'warning',
    '有错误的文件按要求仍被汇总',
    'a file with errors was included, as asked',
  ),
  AGG_SUPERSEDED: aggregate('info', '较早的版本已被替换', 'an earlier revision was replaced'),
  AGG_BAD_PERIOD: aggregate('error', '汇总的报告期格式错误', 'the period asked for is malformed'),
  AGG_NOT_FINITE: aggregate(
    'error',
    '计算结果不是有限数，输出为空',
    'a computed figure was not finite; it is output as null',
  ),
  XCITY_DUPLICATE_ENTERPRISE: aggregate(
    'error',
    '同一统一社会信用代码出现在两个城市的名单中',
    'one credit code in two cities’ lists',
  ),
  RECON_INCONSISTENT: aggregate(
    'error',
    '控制总数与汇总结果不符（超出申报精度）',
    'a control total disagrees beyond declared precision',
  ),
  AGG_GROWTH_OUTLIER: aggregate('warning', '某市增速远离其他城市', 'a city’s growth is far from the others’'),
  AGG_INTENSITY_SLIP: aggregate(
    'error',
    '某市强度与其他城市中位数相差约一个单位换算倍数，全区数据标为不完整',
    'a city’s intensity is about a unit-slip factor from the other cities’ median; the zone figure is partial',
  ),
  AGG_BLANK_WITH_REASON: aggregate(
    'info',
    '某市按目录留空并说明了原因，全区数据不完整',
    'a city left the figure blank as permitted, with its reason; the zone figure is partial',
  ),
  AGG_ZONE_GROWTH: aggregate('warning', '全区增速超过阈值', 'zone growth beyond the indicator’s threshold'),
  CONTROL_UNREADABLE: aggregate('error', '控制总数文件无法使用', 'the control-totals file cannot be used'),
  CONTROL_BAD_ROW: aggregate(
    'error',
    '控制总数文件中一行无法使用',
    'a row of the control-totals file cannot be used',
  ),
};

/**
 * Every finding code the project's checks emit — reading, the checks of one file, the roll-up — each
 * with its default severity, a line for the code tables, and its message. Codes are stable: tools may
 * match on them. A code that is not a key here does not compile ({@link FindingCode}); the READMEs'
 * code tables are compared with this one by a test.
 */
export const FINDING_CODES = {
  ...FILE_CODES,
  ...META_CODES,
  ...ROW_CODES,
  ...CELL_CODES,
  ...BLANK_CODES,
  ...RULE_CODES,
  ...LIST_CODES,
  ...PREVIOUS_CODES,
  ...AGGREGATE_CODES,
};

/** One of {@link FINDING_CODES}. */
export type FindingCode = keyof typeof FINDING_CODES;

/** The facts a code's message is made of. */
export type FindingParams<C extends FindingCode> = Parameters<(typeof FINDING_CODES)[C]['message']>[0];

/** True when `code` is one of {@link FINDING_CODES}. */
export function isFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(FINDING_CODES, code);
}

/** The line of the code tables for any code string, when it is a known code. */
export function codeDoc(code: string): FindingCodeDoc | undefined {
  return isFindingCode(code) ? FINDING_CODES[code] : undefined;
}

/** The message of `code` made of its facts. */
export function messageOf<C extends FindingCode>(code: C, params: FindingParams<C>): LocalizedText {
  // Each entry's template takes its own code's facts; the table's union type cannot say so per key.
  const make = FINDING_CODES[code].message as (p: FindingParams<C>) => LocalizedText;
  return make(params);
}
