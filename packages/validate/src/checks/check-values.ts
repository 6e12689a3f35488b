import {
  type Catalogue,
  type Finding,
  findIndicator,
  type Indicator,
  type OrgUnit,
  type Period,
  requirementAt,
  resolveOrgUnit,
  type Severity,
  UNITS,
  type UnitCode,
} from '@sunan/schema/core';
import type { Decimal } from 'decimal.js';
import { boundedFindings, type Overflow } from '../findings/bounded-findings.js';
import { at } from '../findings/messages.js';
import { DEFAULT_LIMITS } from '../read/limits.js';
import {
  beyondExactPrecision,
  decimalFromCellNumber,
  EXACT_DIGITS,
  type Normalization,
  parseTypedNumber,
} from '../read/parse-number.js';
import { cellText, type Location, type ParsedFile, type RawCell } from '../read/parsed-file.js';
import { templateRows } from '../read/template-rows.js';

/** A value that passed reading: exact, in the indicator's canonical unit. */
export interface CheckedValue {
  readonly orgUnit: OrgUnit;
  readonly indicator: Indicator;
  readonly value: Decimal;
  readonly at: Location;
  readonly note: string | undefined;
}

/** Key of a (unit, indicator) pair in value maps. */
export const valueKey = (orgUnit: string, indicator: string) => `${orgUnit}\u0000${indicator}`;

const NORMALIZATION_TEXT: Record<Normalization, { code: string; zh: string; en: string }> = {
  'text-number': {
    code: 'VAL_TEXT_NUMBER',
    zh: '数值以文本形式存储，已按数字读取',
    en: 'Number stored as text; read as a number',
  },
  'full-width': {
    code: 'VAL_FULL_WIDTH',
    zh: '全角字符已转换为半角',
    en: 'Full-width characters converted to ASCII',
  },
  'thousands-separator': {
    code: 'VAL_THOUSANDS_SEPARATOR',
    zh: '已去除千位分隔符',
    en: 'Thousands separators removed',
  },
  'parenthesised-negative': {
    code: 'VAL_PARENTHESISED_NEGATIVE',
    zh: '括号表示的负数已按负数读取',
    en: 'Negative in parentheses read as a negative number',
  },
  'trailing-unit': {
    code: 'VAL_TRAILING_UNIT',
    zh: '数值后的单位已识别',
    en: 'Unit after the number recognised',
  },
  'percent-sign': { code: 'VAL_PERCENT_SIGN', zh: '已去除百分号', en: 'Percent sign removed' },
};

type Interpreted =
  | { ok: true; value: Decimal; unit: UnitCode | undefined; notes: Normalization[]; percentFormat: boolean }
  | { ok: false; finding: Finding }
  | { ok: 'blank' };

function interpret(
  cell: RawCell,
  loc: Location,
  indicator: Indicator,
  unitHint: string | undefined,
): Interpreted {
  const fail = (
    code: string,
    zh: string,
    en: string,
    value?: string,
    expected = '数字 / a number',
  ): Interpreted => ({
    ok: false,
    finding: at(code, 'error', loc, { zh, en }, { indicator: indicator.code, value, expected }),
  });
  switch (cell.kind) {
    case 'blank':
      return { ok: 'blank' };
    case 'formula-no-value':
      return fail(
        'VAL_FORMULA_NO_VALUE',
        '公式没有计算结果（请在 Excel 中重新计算后保存，或直接填写数值）',
        'Formula without a cached result (recalculate and save, or type the value)',
        `=${cell.formula}`,
      );
    case 'error':
      return fail(
        'VAL_FORMULA_ERROR',
        `单元格是错误值 ${cell.text}`,
        `The cell holds the error ${cell.text}`,
        cell.text,
      );
    case 'bool':
      return fail(
        'VAL_NOT_NUMBER',
        '应填写数字，而不是逻辑值',
        'A number is expected, not TRUE/FALSE',
        String(cell.value),
      );
    case 'date':
      return fail(
        'VAL_DATE',
        '应填写数字，单元格却是日期（请将单元格格式改为“数值”）',
        'A number is expected but the cell holds a date (format the cell as a number)',
        cell.text,
      );
    case 'number':
      if (!Number.isFinite(cell.value))
        return fail(
          'VAL_NOT_FINITE',
          '数值不是有限数（溢出为无穷大或非数字），无法使用',
          'The value is not a finite number (it overflowed to infinity or is not a number)',
          // Never the words Infinity or NaN in any output: a reader could take them for data.
          Number.isNaN(cell.value) ? '非数字 / not a number' : cell.value > 0 ? '+∞' : '−∞',
        );
      return {
        ok: true,
        value: decimalFromCellNumber(cell.value),
        unit: unitHint as UnitCode | undefined,
        notes: [],
        percentFormat: cell.format?.includes('%') === true,
      };
    case 'text': {
      const t = parseTypedNumber(cell.text);
      if (!t.ok)
        return t.reason === 'unknown-unit'
          ? fail(
              'VAL_UNIT_UNKNOWN',
              `无法识别的单位“${t.unitText}”`,
              `Unknown unit "${t.unitText}"`,
              cell.text,
              indicator.inputUnits.map((u) => u.unit).join(' / '),
            )
          : fail('VAL_NOT_NUMBER', `“${cell.text}”不是数字`, `"${cell.text}" is not a number`, cell.text);
      return {
        ok: true,
        value: t.value,
        unit: t.unit ?? (unitHint as UnitCode | undefined),
        notes: t.normalizations,
        percentFormat: false,
      };
    }
  }
}

/** A value left blank, as the catalogue permits, with the reason the office gave in 备注. */
export interface BlankWithReason {
  readonly orgUnit: string;
  readonly indicator: string;
  readonly note: string;
}

/**
 * The finding for a value that is blank (or whose row was deleted), by the indicator's requirement
 * at the unit's level: required → error; blank-with-reason → a warning carrying the reason, or an
 * error when no reason is given; optional → a warning so the centre sees the gap.
 */
function missingFinding(
  orgUnit: OrgUnit,
  indicator: Indicator,
  loc: Location,
  rowPresent: boolean,
  note: string | undefined,
): Finding {
  const level = orgUnit.level === 'park' ? 'park' : 'city';
  const requirement = requirementAt(indicator, level);
  const details = { orgUnit: orgUnit.code, indicator: indicator.code };
  const what = rowPresent
    ? {
        zh: `${orgUnit.name.zh}的${indicator.name.zh}未填写`,
        en: `${indicator.name.en} of ${orgUnit.name.en} is blank`,
      }
    : {
        zh: `缺少${orgUnit.name.zh}的${indicator.name.zh}（该行已被删除）`,
        en: `No row for ${indicator.name.en} of ${orgUnit.name.en} (the row was deleted)`,
      };
  const expected = `数值 / a value (${indicator.unit})`;
  switch (requirement) {
    case 'required':
      return at(
        'VAL_REQUIRED_MISSING',
        'error',
        loc,
        { zh: `${what.zh}；此项必填`, en: `${what.en}; it is required` },
        { ...details, expected },
      );
    case 'blank-with-reason':
      return note !== undefined
        ? at(
            'VAL_BLANK_WITH_REASON',
            // 填报说明 promises a 提示 (info) for a blank with its reason.
            'info',
            loc,
            { zh: `${what.zh}，原因：${note}（已转告汇总中心）`, en: `${what.en}; reason given: ${note}` },
            { ...details, value: note, expected },
          )
        : at(
            'VAL_BLANK_NO_REASON',
            'error',
            loc,
            {
              zh: `${what.zh}；此项可以留空，但须在“备注”中说明原因`,
              en: `${what.en}; it may be left blank only with a reason in 备注 (note)`,
            },
            { ...details, expected: `${expected} 或备注说明 / or a reason in the note` },
          );
    case 'optional':
      // 填报说明: an optional blank “会提示汇总中心” — a 提示 (info).
      return at(level === 'park' ? 'VAL_PARK_MISSING' : 'VAL_OPTIONAL_BLANK', 'info', loc, what, {
        ...details,
        expected,
      });
  }
}

/**
 * Reads every line of the 指标 table into exact values in canonical units, and reports what is wrong
 * with each: unknown or foreign codes, duplicates, hidden rows, cells that are not numbers, units,
 * integer counts, range, precision — and every required value that is missing.
 */
export function checkValues(
  parsed: ParsedFile,
  catalogue: Catalogue,
  city: OrgUnit,
  period: Period,
  maxPerKind: number = DEFAULT_LIMITS.maxFindings,
): {
  values: Map<string, CheckedValue>;
  findings: Finding[];
  overflow: Overflow[];
  blanks: BlankWithReason[];
} {
  const blanks: BlankWithReason[] = [];
  const bounded = boundedFindings(maxPerKind);
  // Cells with an error, whether or not its finding is kept: a missing value there is not reported twice.
  const errorAt = new Set<string>();
  const findings = {
    push(f: Finding) {
      if (f.severity === 'error') errorAt.add(placeKey(f));
      bounded.push(f);
    },
    /** A finding at `loc`, made only if it will be listed (see BoundedFindings.add). */
    add(
      code: string,
      severity: Severity,
      loc: Location | undefined,
      make: (code: string, severity: Severity, loc: Location | undefined) => Finding,
    ) {
      if (severity === 'error') errorAt.add(placeKey(loc ?? {}));
      bounded.add(code, severity, () => make(code, severity, loc));
    },
  };
  const values = new Map<string, CheckedValue>();
  const seen = new Map<string, Location>();
  const blankNotes = new Map<string, string>();
  const expected = templateRows(catalogue, city, period);
  const allowedUnits = new Set([city.code, ...expected.map((r) => r.orgUnit.code)]);
  const isCsv = parsed.format === 'csv';

  for (const row of parsed.valueRows) {
    const unitText = cellText(row.orgUnitCode) ?? cellText(row.orgUnitName);
    const indText = cellText(row.indicatorCode);
    if (unitText === undefined && indText === undefined && row.value.kind === 'blank') continue;
    const loc = row.at;
    if (unitText === undefined || indText === undefined) {
      findings.add(
        'ROW_NO_CODE',
        'error',
        unitText === undefined ? row.codeAt : row.indicatorAt,
        (code, severity, loc) =>
          at(
            code,
            severity,
            loc,
            {
              zh: '该行缺少填报单位代码或指标代码，无法识别',
              en: 'The row lacks a unit code or an indicator code',
            },
            { value: cellText(row.value) },
          ),
      );
      continue;
    }
    if (row.orgUnitCode.kind === 'number')
      findings.add('ROW_CODE_AS_NUMBER', 'warning', row.codeAt, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: '单位代码被存为数字，应为文本（已按文本读取）',
            en: 'The unit code is stored as a number; it should be text (read as text)',
          },
          { value: unitText },
        ),
      );
    const unit = resolveOrgUnit(catalogue.orgUnits, unitText);
    if (!unit) {
      findings.add('ROW_UNKNOWN_ORG_UNIT', 'error', row.codeAt, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          { zh: `未知的填报单位：${unitText}`, en: `Unknown reporting unit: ${unitText}` },
          { value: unitText, expected: [...allowedUnits].join(', ') },
        ),
      );
      continue;
    }
    if (!allowedUnits.has(unit.code)) {
      findings.add('ROW_UNIT_NOT_IN_CITY', 'error', row.codeAt, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: `${unit.name.zh}不属于${city.name.zh}（或该报告期不存在）`,
            en: `${unit.name.en} is not part of ${city.name.en} in this period`,
          },
          {
            orgUnit: unit.code,
            value: unitText,
            expected: [...allowedUnits].join(', '),
          },
        ),
      );
      continue;
    }
    const indicator = findIndicator(catalogue, indText.normalize('NFKC').trim().toUpperCase());
    if (!indicator) {
      findings.add('ROW_UNKNOWN_INDICATOR', 'error', row.indicatorAt, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          { zh: `未知的指标代码：${indText}`, en: `Unknown indicator code: ${indText}` },
          { orgUnit: unit.code, value: indText },
        ),
      );
      continue;
    }
    const common = { orgUnit: unit.code, indicator: indicator.code };
    if (!indicator.levels.includes(unit.level)) {
      findings.add('ROW_LEVEL_NOT_REPORTED', 'warning', row.indicatorAt, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: `${indicator.name.zh}不在${unit.name.zh}这一层级填报，该值未使用`,
            en: `${indicator.name.en} is not reported at the ${unit.level} level; the value is not used`,
          },
          { ...common, value: cellText(row.value), expected: indicator.levels.join(', ') },
        ),
      );
      continue;
    }
    const key = valueKey(unit.code, indicator.code);
    const first = seen.get(key);
    if (first) {
      findings.add('ROW_DUPLICATE', 'error', row.indicatorAt, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: `重复的指标行（首次出现在 ${first.cell ?? first.path ?? ''}），该行未使用`,
            en: `Duplicate indicator row (first at ${first.cell ?? first.path ?? ''}); this row is not used`,
          },
          { ...common, value: cellText(row.value) },
        ),
      );
      continue;
    }
    seen.set(key, loc);
    if (row.hidden && row.value.kind !== 'blank')
      findings.add('ROW_HIDDEN', 'warning', loc, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: '该行被隐藏但有数值（数值已读取，请确认）',
            en: 'The row is hidden but holds a value (the value is read; please confirm)',
          },
          { ...common, value: cellText(row.value) },
        ),
      );

    const unitColumn = cellText(row.unit);
    const unitHint = unitColumn !== undefined && unitColumn !== indicator.unit ? unitColumn : undefined;
    const got = interpret(row.value, loc, indicator, unitHint);
    if (got.ok === 'blank') {
      if (row.note !== undefined && row.note.trim() !== '') blankNotes.set(key, row.note.trim());
      continue;
    }
    if (got.ok === false) {
      findings.push({ ...got.finding, orgUnit: unit.code });
      continue;
    }
    const seenText = cellText(row.value);
    for (const n of got.notes) {
      if (n === 'text-number' && isCsv) continue;
      const t = NORMALIZATION_TEXT[n];
      findings.add(t.code, 'info', loc, (code, severity, l) =>
        at(code, severity, l, { zh: t.zh, en: t.en }, { ...common, value: seenText }),
      );
    }
    let value = got.value;
    const shown = got.percentFormat ? undefined : shownDecimals(row.value, value, indicator.decimals);
    if (shown) {
      value = shown;
      findings.add('VAL_SHOWN_DECIMALS', 'info', loc, (code, severity, l) =>
        at(
          code,
          severity,
          l,
          {
            zh: `按单元格显示的 ${indicator.decimals} 位小数读作 ${shown.toFixed(indicator.decimals)}（单元格内的值有更多位小数）`,
            en: `Read as shown, at ${indicator.decimals} decimals: ${shown.toFixed(indicator.decimals)} (the cell holds more digits)`,
          },
          { ...common, value: seenText, expected: shown.toFixed(indicator.decimals) },
        ),
      );
    }
    if (got.percentFormat) {
      if (indicator.unit !== '%') {
        findings.add('VAL_UNIT_MISMATCH', 'error', loc, (code, severity, loc) =>
          at(
            code,
            severity,
            loc,
            {
              zh: `单元格是百分比格式，但${indicator.name.zh}的单位是${indicator.unit}`,
              en: `The cell is formatted as a percentage but the unit is ${indicator.unit}`,
            },
            { ...common, value: seenText, expected: indicator.unit },
          ),
        );
        continue;
      }
      value = value.times(100);
      findings.add('VAL_PERCENT_FORMAT', 'info', loc, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: `百分比格式单元格 ${seenText} 已按 ${value.toString()}（%）读取`,
            en: `Percentage-formatted cell ${seenText} read as ${value.toString()} (%)`,
          },
          { ...common, value: seenText },
        ),
      );
    }
    let converted = false;
    if (got.unit !== undefined && got.unit !== indicator.unit) {
      const input =
        (got.unit as string) in UNITS ? indicator.inputUnits.find((u) => u.unit === got.unit) : undefined;
      if (!input) {
        findings.add('VAL_UNIT_MISMATCH', 'error', loc, (code, severity, loc) =>
          at(
            code,
            severity,
            loc,
            {
              zh: `单位“${got.unit}”不能用于${indicator.name.zh}（应为${indicator.unit}）`,
              en: `Unit "${got.unit}" does not apply to ${indicator.name.en} (expected ${indicator.unit})`,
            },
            { ...common, value: seenText, expected: indicator.inputUnits.map((u) => u.unit).join(' / ') },
          ),
        );
        continue;
      }
      const before = value;
      value = value.times(input.factor);
      converted = true;
      findings.add('VAL_UNIT_CONVERTED', 'info', loc, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: `${before.toString()}${got.unit} 已换算为 ${value.toString()}${indicator.unit}`,
            en: `${before.toString()} ${got.unit} converted to ${value.toString()} ${indicator.unit}`,
          },
          { ...common, value: seenText, expected: indicator.unit },
        ),
      );
    }
    if (beyondExactPrecision(value)) {
      const limit = `≤ ${EXACT_DIGITS.integer} 位整数、${EXACT_DIGITS.decimals} 位小数 / ≤ ${EXACT_DIGITS.integer} integer digits, ${EXACT_DIGITS.decimals} decimals`;
      findings.add('VAL_BEYOND_PRECISION', 'error', loc, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: '数值位数超出精确计算的范围，不能四舍五入后使用',
            en: 'The value has more digits than exact arithmetic keeps; it is not rounded silently',
          },
          { ...common, value: seenText, expected: limit },
        ),
      );
      continue;
    }
    if (indicator.valueType === 'count' && !value.isInteger()) {
      findings.add('VAL_NOT_INTEGER', 'error', loc, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: `${indicator.name.zh}是计数指标，应为整数`,
            en: `${indicator.name.en} is a count and must be a whole number`,
          },
          { ...common, value: seenText, expected: '整数 / integer' },
        ),
      );
      continue;
    }
    const { min, max } = indicator.range;
    if ((min !== undefined && value.lt(min)) || (max !== undefined && value.gt(max))) {
      const range = boundsInWords(min, max);
      findings.add('VAL_OUT_OF_RANGE', 'error', loc, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: `数值 ${value.toString()} 超出允许范围：${range.zh}`,
            en: `Value ${value.toString()} is outside the allowed range: ${range.en}`,
          },
          { ...common, value: seenText, expected: `${min ?? '−∞'} ~ ${max ?? '+∞'}` },
        ),
      );
      continue;
    }
    if (!converted && !got.percentFormat && value.decimalPlaces() > indicator.decimals)
      findings.add('VAL_TOO_MANY_DECIMALS', 'warning', loc, (code, severity, loc) =>
        at(
          code,
          severity,
          loc,
          {
            zh: `小数位数超过规定的 ${indicator.decimals} 位`,
            en: `More decimals than the declared ${indicator.decimals}`,
          },
          { ...common, value: seenText, expected: `≤ ${indicator.decimals} 位小数 / decimals` },
        ),
      );
    values.set(key, { orgUnit: unit, indicator, value, at: loc, note: row.note });
  }

  // A park left blank is one finding listing its rows, not one per indicator.
  const parkBlanks = new Map<OrgUnit, Finding[]>();
  for (const { orgUnit, indicator } of expected) {
    const key = valueKey(orgUnit.code, indicator.code);
    if (values.has(key)) continue;
    const loc = seen.get(key);
    // A present but unreadable value already has its finding; only blanks and deleted rows remain.
    if (loc && errorAt.has(placeKey(loc))) continue;
    const note = blankNotes.get(key);
    const missing = missingFinding(
      orgUnit,
      indicator,
      loc ?? { sheet: parsed.valueSheet },
      loc !== undefined,
      note,
    );
    if (missing.code === 'VAL_PARK_MISSING')
      parkBlanks.set(orgUnit, [...(parkBlanks.get(orgUnit) ?? []), missing]);
    else findings.push(missing);
    if (missing.code === 'VAL_BLANK_WITH_REASON' && note !== undefined)
      blanks.push({ orgUnit: orgUnit.code, indicator: indicator.code, note });
  }
  for (const [park, list] of parkBlanks) findings.push(oneParkBlank(park, list));
  return { values, findings: bounded.kept, overflow: bounded.overflow(), blanks };
}

const placeKey = (at: { cell?: string; path?: string }) => `${at.cell ?? ''}\u0000${at.path ?? ''}`;

/**
 * A number whose cell format shows exactly the declared decimals (a ratio typed as a formula, shown
 * as 3.32) is read as shown: the office checked the figure it saw. Undefined when the format shows
 * some other precision, or none.
 */
function shownDecimals(cell: RawCell, value: Decimal, decimals: number): Decimal | undefined {
  if (cell.kind !== 'number' || !cell.format || value.decimalPlaces() <= decimals) return undefined;
  const section = cell.format.split(';')[0] ?? '';
  const m = /\.([0#]+)/.exec(section);
  const places = m ? (m[1]?.length ?? 0) : /[0#]/.test(section) ? 0 : undefined;
  return places === decimals ? value.toDecimalPlaces(decimals, 4 /* ROUND_HALF_UP */) : undefined;
}

/** A park's blank optional values as one finding at its first blank cell, naming every row. */
function oneParkBlank(park: OrgUnit, list: readonly Finding[]): Finding {
  const [first] = list;
  if (list.length === 1 && first) return first;
  const cells = list.map((f) => f.cell ?? '').filter(Boolean);
  const rows = cells.map((c) => c.replace(/^[A-Z]+/, ''));
  return at(
    'VAL_PARK_MISSING',
    'info',
    { sheet: first?.sheet, cell: first?.cell },
    {
      zh: `${park.name.zh}有 ${list.length} 项选填指标未填写${rows.length ? `（第 ${rows.join('、')} 行）` : ''}`,
      en: `${list.length} optional values of ${park.name.en} are blank${rows.length ? ` (rows ${rows.join(', ')})` : ''}`,
    },
    { orgUnit: park.code, value: cells.join(','), expected: '数值 / values' },
  );
}

/** An allowed range as a person writes it: 不能为负数, 不超过 100, 在 0 到 100 之间. */
export function boundsInWords(
  min: { toString(): string } | undefined,
  max: { toString(): string } | undefined,
): { zh: string; en: string } {
  const lo = min?.toString();
  const hi = max?.toString();
  if (lo !== undefined && hi !== undefined)
    return { zh: `应在 ${lo} 到 ${hi} 之间`, en: `between ${lo} and ${hi}` };
  if (lo === '0') return { zh: '不能为负数', en: 'it cannot be negative' };
  if (lo !== undefined) return { zh: `不小于 ${lo}`, en: `at least ${lo}` };
  if (hi !== undefined) return { zh: `不超过 ${hi}`, en: `at most ${hi}` };
  return { zh: '任意数值', en: 'any number' };
}
