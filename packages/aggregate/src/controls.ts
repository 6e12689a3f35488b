import {
  addIntervals,
  type Catalogue,
  type Finding,
  findIndicator,
  type Interval,
  intervalsIntersect,
  type LocalizedText,
  pointInterval,
  reportedInterval,
  resolveOrgUnit,
} from '@sunan/schema';
import { decodeText, finding, parseTypedNumber } from '@sunan/validate';
import * as XLSX from 'xlsx';
import { Dec, shownText, text } from './decimal.js';
import type { ReconciliationRow } from './result.js';
import type { Rolled } from './roll-up.js';

/** An independent figure (e.g. from the provincial statistics bureau) to reconcile against. */
export interface ControlTotal {
  readonly orgUnit: string;
  readonly indicator: string;
  /** Exact decimal text, as written in the control file. */
  readonly value: string;
  readonly source: string | undefined;
  readonly row: number;
}

const HEADERS: Record<string, 'orgUnit' | 'indicator' | 'value' | 'source'> = {
  单位代码: 'orgUnit',
  填报单位代码: 'orgUnit',
  orgunit: 'orgUnit',
  指标代码: 'indicator',
  indicator: 'indicator',
  数值: 'value',
  控制数: 'value',
  value: 'value',
  来源: 'source',
  source: 'source',
};

type Row = Partial<Record<'orgUnit' | 'indicator' | 'value' | 'source', unknown>>;

function rowsFromSheet(bytes: Uint8Array): Row[] {
  const text = decodeText(bytes);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const wb =
    isZip || bytes[0] === 0xd0
      ? XLSX.read(bytes, { type: 'array' })
      : XLSX.read(text.text, { type: 'string', raw: true });
  const ws = wb.Sheets[wb.SheetNames[0] ?? ''];
  if (!ws) return [];
  const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
  const [head, ...body] = grid;
  const columns = (head ?? []).map(
    (h) =>
      HEADERS[
        String(h ?? '')
          .trim()
          .toLowerCase()
      ] ?? HEADERS[String(h ?? '').trim()],
  );
  return body.map((cells) => {
    const row: Row = {};
    columns.forEach((key, i) => {
      if (key) row[key] = cells[i];
    });
    return row;
  });
}

/** The rows of a control file: a JSON array (or `{ controls: [...] }`), else the first sheet of a table. */
function rowsOf(bytes: Uint8Array): Row[] {
  const first = decodeText(bytes.subarray(0, 64)).text.trimStart().charAt(0);
  if (first !== '[' && first !== '{') return rowsFromSheet(bytes);
  const doc: unknown = JSON.parse(decodeText(bytes).text);
  const list = Array.isArray(doc) ? doc : (doc as { controls?: unknown }).controls;
  return Array.isArray(list) ? (list as Row[]) : [];
}

/** One row as a control total, or the finding that says why it cannot be one. */
function controlOf(r: Row, row: number, catalogue: Catalogue, file: string): ControlTotal | Finding {
  const unit = resolveOrgUnit(catalogue.orgUnits, String(r.orgUnit ?? ''));
  const indicator = findIndicator(
    catalogue,
    String(r.indicator ?? '')
      .trim()
      .toUpperCase(),
  );
  const parsed = parseTypedNumber(
    typeof r.value === 'number' ? r.value.toPrecision(15) : String(r.value ?? ''),
  );
  if (!unit || !indicator || !parsed.ok)
    return finding(
      'CONTROL_BAD_ROW',
      'error',
      {
        zh: `控制数第 ${row} 行无法识别（单位、指标或数值有误）`,
        en: `Control row ${row} is not usable (unit, indicator or value)`,
      },
      {
        file,
        row,
        orgUnit: String(r.orgUnit ?? ''),
        indicator: String(r.indicator ?? ''),
        value: String(r.value ?? ''),
      },
    );
  return {
    orgUnit: unit.code,
    indicator: indicator.code,
    value: parsed.value.toString(),
    source: r.source === undefined || r.source === null ? undefined : String(r.source),
    row,
  };
}

/**
 * Reads control totals from a small xlsx, CSV (UTF-8 or GBK) or JSON file with the columns
 * 单位代码, 指标代码, 数值 and optionally 来源 (or orgUnit, indicator, value, source). Bad rows are
 * findings; nothing throws.
 */
export function readControls(
  bytes: Uint8Array,
  catalogue: Catalogue,
  file = 'controls',
): { controls: ControlTotal[]; findings: Finding[] } {
  let rows: Row[];
  try {
    rows = rowsOf(bytes);
  } catch (e) {
    const f = finding(
      'CONTROL_UNREADABLE',
      'error',
      { zh: '控制数文件无法读取', en: 'The control-totals file cannot be read' },
      { file, value: e instanceof Error ? e.message : String(e) },
    );
    return { controls: [], findings: [f] };
  }
  const findings: Finding[] = [];
  const controls: ControlTotal[] = [];
  rows.forEach((r, i) => {
    const c = controlOf(r, i + 2, catalogue, file);
    if ('code' in c) findings.push(c);
    else controls.push(c);
  });
  return { controls, findings };
}

function decimalsOf(text: string): number {
  const i = text.indexOf('.');
  return i < 0 ? 0 : text.length - i - 1;
}

/** The computed figure a control total is held against, the interval it stands for, and whether it is partial. */
function computedFor(
  c: ControlTotal,
  r: Rolled,
  zoneCode: string,
): { computed: Dec | undefined; interval: Interval | undefined; partial: boolean } {
  const ind = r.indicator;
  const exact = ind.valueType === 'count';
  const intervalOf = (v: Dec): Interval => (exact ? pointInterval(v) : reportedInterval(v, ind.decimals));
  if (c.orgUnit !== zoneCode) {
    const computed = r.cityValues.get(c.orgUnit);
    return { computed, interval: computed === undefined ? undefined : intervalOf(computed), partial: false };
  }
  const computed = r.zone;
  const partial = r.status !== 'complete';
  if (computed === undefined) return { computed, interval: undefined, partial };
  const agg = ind.aggregation.kind;
  const interval =
    agg === 'sum' || agg === 'cumulative-sum'
      ? addIntervals([...r.cityValues.values()].filter((v): v is Dec => v !== undefined).map(intervalOf))
      : reportedInterval(computed.toDecimalPlaces(ind.decimals), ind.decimals);
  return { computed, interval, partial };
}

const notComparable = (note: LocalizedText) => ({
  computed: null,
  imbalance: null,
  status: 'not-comparable' as const,
  note,
});

/** One control total held against the roll-up. */
function reconcileOne(
  c: ControlTotal,
  rolled: ReadonlyMap<string, Rolled>,
  zoneCode: string,
): ReconciliationRow {
  const r = rolled.get(c.indicator);
  const base = { orgUnit: c.orgUnit, indicator: c.indicator, control: c.value, source: c.source ?? null };
  if (!r)
    return { ...base, ...notComparable({ zh: '该指标不在全区汇总中', en: 'indicator not in the roll-up' }) };
  const ind = r.indicator;
  const { computed, interval, partial } = computedFor(c, r, zoneCode);
  if (computed === undefined || interval === undefined)
    return {
      ...base,
      ...notComparable({
        zh: '没有可比的计算值（城市缺报）',
        en: 'no computed figure to compare (city missing)',
      }),
    };
  // Shown at the indicator's declared decimals (3186.50, not 3186.5): a reader compares digits.
  const shown = ind.valueType === 'count' ? 0 : ind.decimals;
  const computedText =
    ind.aggregation.kind === 'ratio' || ind.aggregation.kind === 'weighted-mean'
      ? (text(computed, ind.decimals) ?? '')
      : (shownText(computed, shown) ?? '');
  const imbalance = shownText(new Dec(computedText).minus(c.value), shown) ?? '';
  const judged = { ...base, computed: computedText, imbalance };
  if (partial)
    return {
      ...judged,
      status: 'not-comparable',
      note: {
        zh: '计算值不完整（有城市缺报），不作判断',
        en: 'computed figure is partial (a city is missing); not judged',
      },
    };
  const control =
    ind.valueType === 'count' ? pointInterval(c.value) : reportedInterval(c.value, decimalsOf(c.value));
  const ok = intervalsIntersect(control, interval);
  const note = {
    zh: `差额 ${imbalance} 超出申报精度允许范围`,
    en: `imbalance ${imbalance} exceeds what declared precision allows`,
  };
  return { ...judged, status: ok ? 'consistent' : 'inconsistent', note: ok ? null : note };
}

/**
 * Compares each control total with the computed figure, by the declared-precision interval rule:
 * consistent when the two intervals meet, inconsistent when they cannot, not comparable when the
 * computed figure is missing or partial.
 */
export function reconcile(
  controls: readonly ControlTotal[],
  rolled: ReadonlyMap<string, Rolled>,
  zoneCode: string,
): ReconciliationRow[] {
  return controls.map((c) => reconcileOne(c, rolled, zoneCode));
}
