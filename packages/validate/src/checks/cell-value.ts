import { type Finding, type Indicator, UNITS, type UnitCode } from '@sunan/schema/core';
import type { Decimal } from 'decimal.js';
import { buildFinding } from '../findings/build.js';
import type { FindingCode, FindingParams } from '../findings/codes.js';
import {
  beyondExactPrecision,
  decimalFromCellNumber,
  EXACT_DIGITS,
  type Normalization,
  parseTypedNumber,
} from '../read/parse-number.js';
import { cellText, type Location, type RawCell, type RawValueRow } from '../read/parsed-file.js';
import type { ValueFindings } from './checked-value.js';

/** The info finding of each normalisation a typed number needed. */
const NORMALIZATION_CODE = {
  'text-number': 'VAL_TEXT_NUMBER',
  'full-width': 'VAL_FULL_WIDTH',
  'thousands-separator': 'VAL_THOUSANDS_SEPARATOR',
  'parenthesised-negative': 'VAL_PARENTHESISED_NEGATIVE',
  'trailing-unit': 'VAL_TRAILING_UNIT',
  'percent-sign': 'VAL_PERCENT_SIGN',
} as const satisfies Record<Normalization, FindingCode>;

/** What a value cell holds, read as a number in some unit, or the reason it is not one. */
export type Interpreted =
  | { ok: true; value: Decimal; unit: UnitCode | undefined; notes: Normalization[]; percentFormat: boolean }
  | { ok: false; finding: Finding }
  | { ok: 'blank' };

/** An overflowed number as the report shows it: never the words Infinity or NaN. */
const notFinite = (n: number) => (Number.isNaN(n) ? '非数字 / not a number' : n > 0 ? '+∞' : '−∞');

/** A value cell as a number: its kind, its text, the unit written after it. */
export function interpret(
  cell: RawCell,
  loc: Location,
  indicator: Indicator,
  unitHint: string | undefined,
): Interpreted {
  const fail = <C extends FindingCode>(
    code: C,
    params: FindingParams<C>,
    value?: string,
    expected = '数字 / a number',
  ): Interpreted => ({
    ok: false,
    finding: buildFinding(code, loc, params, { indicator: indicator.code, value, expected }),
  });
  switch (cell.kind) {
    case 'blank':
      return { ok: 'blank' };
    case 'formula-no-value':
      return fail('VAL_FORMULA_NO_VALUE', {}, `=${cell.formula}`);
    case 'error':
      return fail('VAL_FORMULA_ERROR', { text: cell.text }, cell.text);
    case 'bool':
      return fail('VAL_NOT_NUMBER', {}, String(cell.value));
    case 'date':
      return fail('VAL_DATE', {}, cell.text);
    case 'number':
      if (!Number.isFinite(cell.value))
        // Never the words Infinity or NaN in any output: a reader could take them for data.
        return fail('VAL_NOT_FINITE', {}, notFinite(cell.value));
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
              { unit: t.unitText },
              cell.text,
              indicator.inputUnits.map((u) => u.unit).join(' / '),
            )
          : fail('VAL_NOT_NUMBER', { text: cell.text }, cell.text);
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

/** One value cell being read: where it is, what it says, and the details every finding there carries. */
export interface ValueCell {
  readonly row: RawValueRow;
  readonly indicator: Indicator;
  readonly common: { readonly orgUnit: string; readonly indicator: string };
  /** A CSV holds only text: its numbers are not said to be “stored as text”. */
  readonly csv: boolean;
}

type Read = { value: Decimal; got: Extract<Interpreted, { ok: true }> };

/** The normalisations, the shown decimals and a percentage format, each said in an info finding. */
function asShown(at: ValueCell, got: Read['got'], findings: ValueFindings): Decimal | undefined {
  const { row, indicator, common } = at;
  const loc = row.at;
  const seen = cellText(row.value);
  for (const n of got.notes)
    if (n !== 'text-number' || !at.csv)
      findings.add(NORMALIZATION_CODE[n], loc, {}, { ...common, value: seen });
  let value = got.value;
  const shown = got.percentFormat ? undefined : shownDecimals(row.value, value, indicator.decimals);
  if (shown) {
    value = shown;
    const text = shown.toFixed(indicator.decimals);
    findings.add(
      'VAL_SHOWN_DECIMALS',
      loc,
      { decimals: indicator.decimals, shown: text },
      { ...common, value: seen, expected: text },
    );
  }
  if (!got.percentFormat) return value;
  if (indicator.unit !== '%') {
    findings.add(
      'VAL_UNIT_MISMATCH',
      loc,
      { indicator },
      { ...common, value: seen, expected: indicator.unit },
    );
    return undefined;
  }
  const percent = value.times(100);
  findings.add('VAL_PERCENT_FORMAT', loc, { seen, value: percent.toString() }, { ...common, value: seen });
  return percent;
}

/** The value in the indicator's canonical unit (a 万元 figure where 亿元 is asked, exactly converted). */
function inCanonicalUnit(
  at: ValueCell,
  read: Read,
  findings: ValueFindings,
): { value: Decimal; converted: boolean } | undefined {
  const { row, indicator, common } = at;
  const { got, value } = read;
  if (got.unit === undefined || got.unit === indicator.unit) return { value, converted: false };
  const seen = cellText(row.value);
  const input =
    (got.unit as string) in UNITS ? indicator.inputUnits.find((u) => u.unit === got.unit) : undefined;
  if (!input) {
    findings.add(
      'VAL_UNIT_MISMATCH',
      row.at,
      { indicator, unit: got.unit },
      { ...common, value: seen, expected: indicator.inputUnits.map((u) => u.unit).join(' / ') },
    );
    return undefined;
  }
  const converted = value.times(input.factor);
  findings.add(
    'VAL_UNIT_CONVERTED',
    row.at,
    { before: value.toString(), unit: got.unit, value: converted.toString(), to: indicator.unit },
    { ...common, value: seen, expected: indicator.unit },
  );
  return { value: converted, converted: true };
}

/** Exact digits, a whole count, the allowed range, the declared decimals. */
function withinLimits(at: ValueCell, read: Read, converted: boolean, findings: ValueFindings): boolean {
  const { row, indicator, common } = at;
  const { value, got } = read;
  const details = { ...common, value: cellText(row.value) };
  if (beyondExactPrecision(value)) {
    const limit = `≤ ${EXACT_DIGITS.integer} 位整数、${EXACT_DIGITS.decimals} 位小数 / ≤ ${EXACT_DIGITS.integer} integer digits, ${EXACT_DIGITS.decimals} decimals`;
    findings.add('VAL_BEYOND_PRECISION', row.at, {}, { ...details, expected: limit });
    return false;
  }
  if (indicator.valueType === 'count' && !value.isInteger()) {
    findings.add('VAL_NOT_INTEGER', row.at, { indicator }, { ...details, expected: '整数 / integer' });
    return false;
  }
  const { min, max } = indicator.range;
  if ((min !== undefined && value.lt(min)) || (max !== undefined && value.gt(max))) {
    const expected = `${min ?? '−∞'} ~ ${max ?? '+∞'}`;
    findings.add('VAL_OUT_OF_RANGE', row.at, { value: value.toString(), min, max }, { ...details, expected });
    return false;
  }
  if (!converted && !got.percentFormat && value.decimalPlaces() > indicator.decimals)
    findings.add(
      'VAL_TOO_MANY_DECIMALS',
      row.at,
      { decimals: indicator.decimals },
      { ...details, expected: `≤ ${indicator.decimals} 位小数 / decimals` },
    );
  return true;
}

/**
 * A readable number, as the checks read it: shown decimals, percentage formats and units applied,
 * then exactness, whole counts, range and decimals checked. Undefined when the value cannot be used
 * (its finding said why).
 */
export function readValue(at: ValueCell, got: Read['got'], findings: ValueFindings): Decimal | undefined {
  const shown = asShown(at, got, findings);
  if (shown === undefined) return undefined;
  const canonical = inCanonicalUnit(at, { got, value: shown }, findings);
  if (canonical === undefined) return undefined;
  const { value, converted } = canonical;
  return withinLimits(at, { got, value }, converted, findings) ? value : undefined;
}
