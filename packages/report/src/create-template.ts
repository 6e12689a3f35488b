import {
  type Catalogue,
  catalogueForms,
  type Finding,
  formatPeriod,
  type Indicator,
  type OrgUnit,
  parsePeriod,
  REQUIREMENT_LABELS,
  type Requirement,
  requirementAt,
  requirementLines,
  resolveOrgUnit,
  ruleLines,
  type Submission,
  type SubmissionValue,
  submissionDeadline,
  sunanCatalogue,
} from '@sunan/schema';
import {
  ENTERPRISE_HEADERS,
  FORM_VALUE_HEADER,
  finding,
  META_KEYS,
  periodsReported,
  SHEET,
  TEMPLATE_VERSION,
  type TemplateRow,
  templateRows,
  VALUE_HEADERS,
} from '@sunan/validate';
import ExcelJS from 'exceljs';
import { fitColumnWidths, printAsForm, wrapTextSheet } from './print-setup.js';
import {
  addDefinitionSheet,
  definitionText,
  formCodeOf,
  formHeaderFooter,
  writeFormBlock,
} from './template-form.js';
import { compactValidations } from './validation-ranges.js';

/**
 * How to type a value, with examples. Every example is a plain number: the value cells' data
 * validation accepts numbers only (Excel and WPS refuse text there), so the instructions never ask
 * for a unit typed after the figure. A test applies each 填 example to the rule read back from the file.
 */
export const INPUT_INSTRUCTIONS: readonly string[] = [
  `2. 数值按“${VALUE_HEADERS.unit}”列的单位填写，单元格只接受数字，不要在数字后加单位。金额单位为亿元的指标如手头是万元数，请先换算（1 亿元 = 10000 万元），如 12300 万元填 1.23。`,
  '3. 比率类指标（%）填写百分数本身，如 3.2% 填 3.2；请同时填写其分子、分母指标，系统将核对一致性。',
];

/** Who offices contact about the template (shown on the instructions sheet). */
export interface Contact {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
}

/** Options of {@link createTemplate}. */
export interface TemplateOptions {
  /** City code, Chinese name or pinyin: 320500, 苏州, suzhou. */
  readonly city: string;
  /** Period id: 2022 or 2022Q3. */
  readonly period: string;
  readonly catalogue?: Catalogue;
  readonly contact?: Contact;
  /** Values and enterprise rows to write in (examples, test data, last period's figures). */
  readonly fill?: Pick<Submission, 'values' | 'enterprises'>;
}

/** The template's bytes, or findings saying why it could not be made. */
export type TemplateResult =
  | { ok: true; bytes: Uint8Array; fileName: string }
  | { ok: false; findings: Finding[] };

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
/** Value and note cells are shaded by requirement, as 填报说明 explains: yellow required, green blank-with-reason, grey optional. */
const REQUIREMENT_FILL: Record<Requirement, ExcelJS.Fill> = {
  required: INPUT_FILL,
  'blank-with-reason': { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } },
  optional: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const DEFAULT_CONTACT: Contact = { name: '苏南自创区管理服务中心 统计联络员' };

function numberFormat(indicator: Indicator): string {
  return indicator.decimals === 0 ? '0' : `0.${'0'.repeat(indicator.decimals)}`;
}

function validationFor(indicator: Indicator): ExcelJS.DataValidation {
  const whole = indicator.valueType === 'count';
  const { min, max } = indicator.range;
  const base = {
    type: whole ? ('whole' as const) : ('decimal' as const),
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    errorTitle: '数值不符合要求',
  };
  if (min !== undefined && max !== undefined)
    return {
      ...base,
      operator: 'between',
      formulae: [min, max],
      error: `请填写 ${min} 至 ${max} 之间的${whole ? '整数' : '数字'}`,
    };
  if (min !== undefined)
    return {
      ...base,
      operator: 'greaterThanOrEqual',
      formulae: [min],
      error: `请填写不小于 ${min} 的${whole ? '整数' : '数字'}`,
    };
  return { ...base, operator: 'between', formulae: [-1e15, 1e15], error: `请填写${whole ? '整数' : '数字'}` };
}

/** What {@link addValueSheet} writes. */
interface ValueSheetInput {
  readonly catalogue: Catalogue;
  readonly city: OrgUnit;
  readonly periodId: string;
  readonly rows: readonly TemplateRow[];
  readonly filled: ReadonlyMap<string, SubmissionValue>;
}

/** Column of the form block (legal marks, 填报单位, signature) right of the value table. */
const FORM_BLOCK_COLUMN = 11;

/**
 * The 指标 form. The columns the validator reads keep their headers and letters (A 填报单位代码 and
 * C 指标代码 hidden, F 本期 read as 数值), so templates before the form read the same; 代码 and 序号
 * follow the table, the legal marks and signature block stand to its right.
 */
async function addValueSheet(wb: ExcelJS.Workbook, input: ValueSheetInput): Promise<void> {
  const { catalogue, city, periodId, rows, filled } = input;
  const form = catalogueForms(catalogue).values;
  const ws = wb.addWorksheet(SHEET.values, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: VALUE_HEADERS.orgUnitCode, width: 14, hidden: true },
    { header: VALUE_HEADERS.orgUnitName, width: 18 },
    { header: VALUE_HEADERS.indicatorCode, width: 34, hidden: true },
    { header: VALUE_HEADERS.indicatorName, width: 48 },
    { header: VALUE_HEADERS.unit, width: 9 },
    { header: FORM_VALUE_HEADER, width: 14 },
    { header: VALUE_HEADERS.note, width: 20 },
    { header: '代码', width: 6 },
    { header: '序号', width: 6 },
    { header: '', width: 2 },
  ];
  ws.getRow(1).font = { bold: true };
  for (let c = 1; c <= 9; c++) ws.getRow(1).getCell(c).fill = HEADER_FILL;
  rows.forEach(({ orgUnit, indicator }, i) => {
    const fill = filled.get(`${orgUnit.code}\u0000${indicator.code}`);
    const value = fill?.value === null || fill?.value === undefined ? null : Number(fill.value);
    const requirement = requirementAt(indicator, orgUnit.level === 'park' ? 'park' : 'city');
    const mark = REQUIREMENT_LABELS[requirement].mark;
    const cumulative =
      indicator.aggregation.kind === 'cumulative-sum' ? `（累计，${indicator.aggregation.from} 年起）` : '';
    const row = ws.addRow([
      orgUnit.code,
      orgUnit.name.zh,
      indicator.code,
      `${mark ? `${mark} ` : ''}${indicator.name.zh}${cumulative}`,
      indicator.unit,
      value,
      fill?.note ?? null,
      formCodeOf(catalogue, indicator),
      i + 1,
    ]);
    const valueCell = row.getCell(6);
    valueCell.numFmt = numberFormat(indicator);
    valueCell.dataValidation = { ...validationFor(indicator), ...inputMessage(indicator) };
    for (const c of [valueCell, row.getCell(7)]) {
      c.protection = { locked: false };
      c.fill = REQUIREMENT_FILL[requirement];
    }
  });
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    deleteRows: true,
    sort: true,
    autoFilter: true,
  });
  fitColumnWidths(ws);
  writeFormBlock(ws, FORM_BLOCK_COLUMN, form, city, periodId);
  printAsForm(ws, '1:1');
  formHeaderFooter(ws, form, city.name.zh, periodId);
  compactValidations(ws);
}

/** The indicator's definition as the value cell's input message (Excel keeps at most 255 characters). */
function inputMessage(
  indicator: Indicator,
): Pick<ExcelJS.DataValidation, 'showInputMessage' | 'promptTitle' | 'prompt'> {
  const { text } = definitionText(indicator);
  const prompt = `${text}（${indicator.unit}）`;
  return {
    showInputMessage: true,
    promptTitle: indicator.name.zh.slice(0, 32),
    prompt: prompt.length > 250 ? `${prompt.slice(0, 249)}…` : prompt,
  };
}

/**
 * Writes the fillable .xlsx template for a city and period: 填报说明 (instructions), 指标 (one row per
 * reporting unit and indicator; only the value and note cells unlocked and shaded, every value cell
 * with data validation), 高新技术企业名单 (the enterprise list), and a hidden metadata sheet that
 * survives re-saving by other spreadsheet programs. Written with ExcelJS, which (unlike SheetJS CE)
 * writes styles, protection and data validation.
 */
export async function createTemplate(options: TemplateOptions): Promise<TemplateResult> {
  const catalogue = options.catalogue ?? sunanCatalogue();
  const city = resolveOrgUnit(catalogue.orgUnits, options.city);
  const period = parsePeriod(options.period);
  const findings: Finding[] = [];
  if (city?.level !== 'city')
    findings.push(
      finding(
        'TEMPLATE_UNKNOWN_CITY',
        'error',
        { zh: `未知城市：${options.city}`, en: `Unknown city: ${options.city}` },
        {
          value: options.city,
          expected: catalogue.orgUnits
            .filter((u) => u.level === 'city')
            .map((u) => `${u.code} ${u.name.zh}`)
            .join(', '),
        },
      ),
    );
  if (!period)
    findings.push(
      finding(
        'TEMPLATE_BAD_PERIOD',
        'error',
        { zh: `报告期格式错误：${options.period}`, en: `Not a period: ${options.period}` },
        { value: options.period, expected: '2022 或 2022Q3' },
      ),
    );
  if (city?.level !== 'city' || !period) return { ok: false, findings };

  const periodId = formatPeriod(period);
  const rows = templateRows(catalogue, city, period);
  // A template with no rows would validate clean and say nothing: refuse it, saying why.
  if (rows.length === 0)
    return {
      ok: false,
      findings: [
        finding(
          'PERIOD_NOT_REPORTED',
          'error',
          {
            zh: `目录中没有按${period.kind === 'quarter' ? '季度' : '年度'}填报的指标，不能生成 ${periodId} 的模板；请使用年度报告期，如 ${period.year}`,
            en: `No indicator is reported ${period.kind === 'quarter' ? 'quarterly' : 'annually'}; there is no template for ${periodId} (use an annual period such as ${period.year})`,
          },
          { value: periodId, expected: periodsReported(catalogue) },
        ),
      ],
    };
  const contact = options.contact ?? DEFAULT_CONTACT;
  const filled = new Map((options.fill?.values ?? []).map((v) => [`${v.orgUnit}\u0000${v.indicator}`, v]));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'sunan-stats';
  const form = catalogueForms(catalogue).values;

  const info = wb.addWorksheet(SHEET.instructions);
  info.columns = [{ width: 110 }];
  const lines = [
    `${catalogue.name.zh} — ${city.name.zh} ${periodId} 年度创新指标填报表`,
    '',
    `填报单位：${city.name.zh}（代码 ${city.code}）及所辖国家高新区`,
    `报告期：${periodId}　　报送截止日期：${submissionDeadline(period, catalogue.calendar)}`,
    '',
    '填报要求：',
    `1. 在“${SHEET.values}”工作表的黄色单元格（“${FORM_VALUE_HEADER}”列）填写数值，其他单元格已锁定。`,
    ...INPUT_INSTRUCTIONS,
    '4. 计数类指标（家、项、件、个、人）填写整数；没有的填 0。哪些必须填写见下文“必填规则”。',
    `5. 在“${SHEET.enterprises}”工作表逐行列出有效高新技术企业，统一社会信用代码须为 18 位；所在园区填园区代码或名称，不在园区的留空。`,
    '6. 请勿修改表头、指标代码和单位代码；可以增删行或调整列顺序，系统按代码和表头识别。',
    '7. 报送前请在本机校验：首选用浏览器打开中心下发的网页工具 sunan-web.html（无需安装，数据不离开本机），选择本文件即可一次列出全部问题并下载标注副本；也可用命令 `sunan validate`。',
    '',
    '必填规则（按指标、按城市/园区层级，见“指标”工作表的标记和底纹）：',
    ...requirementLines(),
    '',
    '系统核对的勾稽关系：',
    ...ruleLines(catalogue),
    '',
    `联系人：${contact.name}${contact.phone ? `　电话：${contact.phone}` : ''}${contact.email ? `　邮箱：${contact.email}` : ''}`,
    '',
    `Template for ${city.name.en}, period ${periodId}. Fill the shaded cells of sheet ${SHEET.values}; due ${submissionDeadline(period, catalogue.calendar)}.`,
  ];
  for (const line of lines) info.addRow([line]);
  info.getCell('A1').font = { bold: true, size: 14 };
  wrapTextSheet(info, 100);
  printAsForm(info);
  formHeaderFooter(info, form, city.name.zh, periodId);

  await addValueSheet(wb, { catalogue, city, periodId, rows, filled });
  const definitions = addDefinitionSheet(wb, catalogue, [...new Set(rows.map((r) => r.indicator))]);
  printAsForm(definitions, '1:1');
  formHeaderFooter(definitions, form, city.name.zh, periodId);

  const ent = wb.addWorksheet(SHEET.enterprises, { views: [{ state: 'frozen', ySplit: 1 }] });
  ent.columns = [
    { header: ENTERPRISE_HEADERS.creditCode, width: 24 },
    { header: ENTERPRISE_HEADERS.name, width: 40 },
    { header: ENTERPRISE_HEADERS.park, width: 16 },
    { header: ENTERPRISE_HEADERS.certificateNo, width: 20 },
    { header: ENTERPRISE_HEADERS.certifiedYear, width: 10 },
  ];
  ent.getRow(1).font = { bold: true };
  ent.getRow(1).eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  // Credit codes and certificate numbers are text: a numeric format would turn leading zeros or
  // long digit runs into numbers.
  ent.getColumn(1).numFmt = '@';
  ent.getColumn(4).numFmt = '@';
  for (const e of options.fill?.enterprises ?? [])
    ent.addRow([e.creditCode, e.name, e.park ?? null, e.certificateNo ?? null, e.certifiedYear ?? null]);
  fitColumnWidths(ent);
  printAsForm(ent, '1:1');
  formHeaderFooter(ent, catalogueForms(catalogue).enterprises, city.name.zh, periodId);

  const meta = wb.addWorksheet(SHEET.meta, { state: 'hidden' });
  meta.addRows([
    [META_KEYS.templateVersion, TEMPLATE_VERSION],
    [META_KEYS.catalogueId, catalogue.id],
    [META_KEYS.catalogueVersion, catalogue.version],
    [META_KEYS.city, city.code],
    [META_KEYS.period, periodId],
  ]);

  const buffer = await wb.xlsx.writeBuffer();
  return {
    ok: true,
    bytes: new Uint8Array(buffer as ArrayBuffer),
    fileName: `${city.code}-${city.name.zh}-${periodId}.xlsx`,
  };
}
