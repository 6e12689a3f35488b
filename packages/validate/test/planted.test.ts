import type { Finding } from '@sunan/schema';
import { type ValidationReport, validateSubmission } from '@sunan/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { filledWorkbook, mutate, rowOf, setValue, synthetic, valueIn } from './helpers.js';

// Zhenjiang: the smallest city (one park), so each planted problem is quick to write and read.
const CITY = '321100';
const PARK = '321100P01';
let clean: Uint8Array;
const sub = synthetic(CITY);

beforeAll(async () => {
  clean = await filledWorkbook(CITY, '2022', sub);
});

function run(bytes: Uint8Array, options: Parameters<typeof validateSubmission>[1] = {}): ValidationReport {
  return validateSubmission(bytes, {
    fileName: 'zj.xlsx',
    expectCity: CITY,
    expectPeriod: '2022',
    ...options,
  });
}

function only(report: ValidationReport, code: string): Finding[] {
  return report.findings.filter((f) => f.code === code);
}

describe('structure', () => {
  it('unknown template version → META_TEMPLATE_VERSION', () => {
    const r = run(
      mutate(clean, (wb) =>
        XLSX.utils.sheet_add_aoa(wb.Sheets._meta as XLSX.WorkSheet, [['template_version', '0.3']], {
          origin: 'A1',
        }),
      ),
    );
    expect(only(r, 'META_TEMPLATE_VERSION')).toMatchObject([
      { severity: 'error', sheet: '_meta', value: '0.3' },
    ]);
    expect(r.ok).toBe(false);
  });

  it('a file for another city or period → META_CITY_MISMATCH / META_PERIOD_MISMATCH', () => {
    const r = run(clean, { expectCity: '南京', expectPeriod: '2021' });
    expect(only(r, 'META_CITY_MISMATCH')).toMatchObject([{ value: '321100', expected: '320100' }]);
    expect(only(r, 'META_PERIOD_MISMATCH')).toMatchObject([{ value: '2022', expected: '2021' }]);
  });

  it('missing indicator sheet → SHEET_MISSING', () => {
    const r = run(
      mutate(clean, (wb) => {
        delete wb.Sheets['指标'];
        wb.SheetNames = wb.SheetNames.filter((n) => n !== '指标');
      }),
    );
    expect(only(r, 'SHEET_MISSING')).toHaveLength(1);
  });

  it('unknown indicator code → ROW_UNKNOWN_INDICATOR at the code cell', () => {
    const r = run(
      mutate(clean, (wb) => {
        (wb.Sheets['指标'] as XLSX.WorkSheet)[`C${rowOf(wb, CITY, 'GDP')}`] = { t: 's', v: 'GDP_TYPO' };
      }),
    );
    expect(only(r, 'ROW_UNKNOWN_INDICATOR')).toMatchObject([
      { sheet: '指标', cell: 'C2', value: 'GDP_TYPO' },
    ]);
    // The GDP row is now gone, so the required value is missing too.
    expect(only(r, 'VAL_REQUIRED_MISSING').map((f) => f.indicator)).toContain('GDP');
  });

  it('duplicate indicator row → ROW_DUPLICATE on the second occurrence', () => {
    let dupRow = 0;
    const r = run(
      mutate(clean, (wb) => {
        const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
        const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
        dupRow = range.e.r + 2;
        XLSX.utils.sheet_add_aoa(ws, [[CITY, '镇江市', 'GDP', '地区生产总值', '亿元', 1, '']], {
          origin: `A${dupRow}`,
        });
      }),
    );
    expect(only(r, 'ROW_DUPLICATE')).toMatchObject([{ cell: `C${dupRow}`, indicator: 'GDP' }]);
  });

  it('reordered columns and rows still read correctly', () => {
    const r = run(
      mutate(clean, (wb) => {
        const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
        const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 });
        const [head, ...body] = rows as unknown[][];
        const order = [5, 2, 0, 6, 4, 3, 1]; // 数值 first, codes shuffled
        const shuffled = [
          order.map((i) => (head ?? [])[i]),
          ...body.reverse().map((row) => order.map((i) => row[i])),
        ];
        wb.Sheets['指标'] = XLSX.utils.aoa_to_sheet([['苏南自创区填报表（标题行）'], ...shuffled]);
      }),
    );
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.submission && valueIn(r.submission, CITY, 'GDP')).toBe(valueIn(sub, CITY, 'GDP'));
  });
});

describe('values', () => {
  it('required value missing → VAL_REQUIRED_MISSING at the blank cell', () => {
    const r = run(
      mutate(clean, (wb) => {
        setValue(wb, CITY, 'TECH_CONTRACT', { t: 'z' });
      }),
    );
    const [f] = only(r, 'VAL_REQUIRED_MISSING');
    expect(f).toMatchObject({ severity: 'error', sheet: '指标', indicator: 'TECH_CONTRACT', orgUnit: CITY });
    expect(f?.cell).toMatch(/^F\d+$/);
    expect(f?.message.zh).toContain('未填写');
  });

  it('text that is not a number → VAL_NOT_NUMBER', () => {
    let ref = '';
    const r = run(
      mutate(clean, (wb) => {
        ref = setValue(wb, CITY, 'GDP', { t: 's', v: '约五千亿' });
      }),
    );
    expect(only(r, 'VAL_NOT_NUMBER')).toMatchObject([{ cell: ref, value: '约五千亿', indicator: 'GDP' }]);
  });

  it('a fraction in a count → VAL_NOT_INTEGER', () => {
    const r = run(mutate(clean, (wb) => void setValue(wb, CITY, 'NAT_KEY_LABS', { t: 'n', v: 2.5 })));
    expect(only(r, 'VAL_NOT_INTEGER')).toMatchObject([{ indicator: 'NAT_KEY_LABS', value: '2.5' }]);
  });

  it('out of range → VAL_OUT_OF_RANGE', () => {
    const r = run(mutate(clean, (wb) => void setValue(wb, CITY, 'ST_PROGRESS_CONTRIB', { t: 'n', v: 166 })));
    expect(only(r, 'VAL_OUT_OF_RANGE')).toMatchObject([
      { indicator: 'ST_PROGRESS_CONTRIB', expected: '0 ~ 100' },
    ]);
  });

  it('more decimals than declared → VAL_TOO_MANY_DECIMALS (warning)', () => {
    const r = run(
      mutate(clean, (wb) => void setValue(wb, CITY, 'ST_PROGRESS_CONTRIB', { t: 'n', v: 65.123 })),
    );
    expect(only(r, 'VAL_TOO_MANY_DECIMALS')).toMatchObject([
      { severity: 'warning', indicator: 'ST_PROGRESS_CONTRIB', value: '65.123' },
    ]);
  });

  it('accepts what offices type, exactly, and notes each normalisation', () => {
    const gdp = valueIn(sub, CITY, 'GDP');
    const fullWidth = [...gdp]
      .map((ch) => (ch === '.' ? '．' : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)))
      .join('');
    const cases: Array<[string, XLSX.CellObject, string, string]> = [
      ['GDP', { t: 's', v: fullWidth }, gdp, 'VAL_FULL_WIDTH'],
      [
        'TECH_CONTRACT',
        { t: 's', v: `${valueIn(sub, CITY, 'TECH_CONTRACT')}亿元` },
        valueIn(sub, CITY, 'TECH_CONTRACT'),
        'VAL_TRAILING_UNIT',
      ],
      [
        'VC_INVESTMENT',
        { t: 's', v: `${Number(valueIn(sub, CITY, 'VC_INVESTMENT')) * 10000}万元` },
        valueIn(sub, CITY, 'VC_INVESTMENT'),
        'VAL_UNIT_CONVERTED',
      ],
      [
        'PATENTS_INVENTION',
        {
          t: 's',
          v: String(Number(valueIn(sub, CITY, 'PATENTS_INVENTION'))).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
        },
        valueIn(sub, CITY, 'PATENTS_INVENTION'),
        'VAL_THOUSANDS_SEPARATOR',
      ],
      [
        'RD_INTENSITY',
        { t: 's', v: `${valueIn(sub, CITY, 'RD_INTENSITY')}%` },
        valueIn(sub, CITY, 'RD_INTENSITY'),
        'VAL_PERCENT_SIGN',
      ],
      [
        'HTE_PROFIT_SHARE',
        { t: 'n', v: Number(valueIn(sub, CITY, 'HTE_PROFIT_SHARE')) / 100, z: '0.00%' },
        valueIn(sub, CITY, 'HTE_PROFIT_SHARE'),
        'VAL_PERCENT_FORMAT',
      ],
    ];
    const r = run(
      mutate(clean, (wb) => {
        for (const [ind, cell] of cases) setValue(wb, CITY, ind, cell);
        setValue(wb, PARK, 'HTE_INCREASE', { t: 's', v: '(12)' });
      }),
    );
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    for (const [ind, , expected, code] of cases) {
      expect(r.submission && valueIn(r.submission, CITY, ind), ind).toBe(expected);
      expect(
        only(r, code).map((f) => f.indicator),
        code,
      ).toContain(ind);
    }
    expect(r.submission && valueIn(r.submission, PARK, 'HTE_INCREASE')).toBe('-12');
    expect(only(r, 'VAL_PARENTHESISED_NEGATIVE')).toHaveLength(1);
  });

  it('a formula without a cached value → VAL_FORMULA_NO_VALUE', () => {
    const r = run(
      mutate(clean, (wb) => void setValue(wb, CITY, 'GDP', { t: 'n', f: 'SUM(X1:X9)' } as XLSX.CellObject)),
    );
    expect(only(r, 'VAL_FORMULA_NO_VALUE')).toMatchObject([{ indicator: 'GDP' }]);
  });

  it('a date where a number belongs → VAL_DATE', () => {
    const r = run(
      mutate(clean, (wb) => void setValue(wb, CITY, 'GDP', { t: 'n', v: 44927, z: 'yyyy-mm-dd' })),
    );
    expect(only(r, 'VAL_DATE')).toMatchObject([{ indicator: 'GDP', severity: 'error' }]);
  });

  it('a merged cell over the value column → CELL_MERGED', () => {
    const r = run(
      mutate(clean, (wb) => {
        const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
        ws['!merges'] = [...(ws['!merges'] ?? []), XLSX.utils.decode_range('F3:F4')];
      }),
    );
    expect(only(r, 'CELL_MERGED')).toMatchObject([{ cell: 'F3', value: 'F3:F4' }]);
  });

  it('a code stored as a number → ROW_CODE_AS_NUMBER, still read', () => {
    const r = run(
      mutate(clean, (wb) => {
        (wb.Sheets['指标'] as XLSX.WorkSheet).A2 = { t: 'n', v: 321100 };
      }),
    );
    expect(only(r, 'ROW_CODE_AS_NUMBER')).toMatchObject([{ cell: 'A2', severity: 'warning' }]);
    expect(r.submission && valueIn(r.submission, CITY, 'GDP')).toBe(valueIn(sub, CITY, 'GDP'));
  });

  it('a hidden row with a value → ROW_HIDDEN', () => {
    const r = run(
      mutate(clean, (wb) => {
        const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
        const rows = ws['!rows'] ?? [];
        rows[2] = { hidden: true };
        ws['!rows'] = rows;
      }),
    );
    expect(only(r, 'ROW_HIDDEN')).toMatchObject([{ cell: 'F3', severity: 'warning' }]);
  });
});

describe('rules, with declared-precision tolerance', () => {
  it('ratio disagreeing with its components → RULE_VIOLATED RATIO_RD_INTENSITY', () => {
    const rd = Number(valueIn(sub, CITY, 'RD_INTENSITY'));
    const r = run(mutate(clean, (wb) => void setValue(wb, CITY, 'RD_INTENSITY', { t: 'n', v: rd + 0.05 })));
    expect(only(r, 'RULE_VIOLATED')).toMatchObject([
      { rule: 'RATIO_RD_INTENSITY', orgUnit: CITY, indicator: 'RD_INTENSITY' },
    ]);
  });

  it('a ratio off by less than its declared precision is not a violation', () => {
    const rd = valueIn(sub, CITY, 'RD_INTENSITY');
    // One unit in the third decimal: inside ±0.005 of the 2-decimal value.
    const r = run(
      mutate(clean, (wb) => void setValue(wb, CITY, 'RD_INTENSITY', { t: 'n', v: Number(rd) + 0.004 })),
    );
    expect(only(r, 'RULE_VIOLATED')).toEqual([]);
  });

  it('part above whole → RULE_VIOLATED PART_UNICORNS_LE_HTE_COUNT', () => {
    const r = run(mutate(clean, (wb) => void setValue(wb, CITY, 'UNICORNS', { t: 'n', v: 99_999 })));
    expect(only(r, 'RULE_VIOLATED').map((f) => f.rule)).toContain('PART_UNICORNS_LE_HTE_COUNT');
  });

  it('parks above the city → RULE_VIOLATED PARKS_LE_CITY_TECH_CONTRACT, a warning (核实性: boundaries may differ)', () => {
    const city = Number(valueIn(sub, CITY, 'TECH_CONTRACT'));
    const r = run(mutate(clean, (wb) => void setValue(wb, PARK, 'TECH_CONTRACT', { t: 'n', v: city + 1 })));
    expect(only(r, 'RULE_VIOLATED')).toMatchObject([
      { rule: 'PARKS_LE_CITY_TECH_CONTRACT', orgUnit: CITY, severity: 'warning' },
    ]);
    expect(r.ok).toBe(true);
  });
});

describe('enterprise list', () => {
  function withEnterpriseRow(values: unknown[]): ValidationReport {
    return run(
      mutate(clean, (wb) => {
        const ws = wb.Sheets['高新技术企业名单'] as XLSX.WorkSheet;
        XLSX.utils.sheet_add_aoa(ws, [values], { origin: 'A2' });
      }),
    );
  }

  it('malformed code → ENT_CODE_FORMAT', () => {
    const r = withEnterpriseRow(['91321100ABCDEFGHIO', '甲公司', '', '', 2022]);
    expect(only(r, 'ENT_CODE_FORMAT')).toMatchObject([{ sheet: '高新技术企业名单', cell: 'A2' }]);
  });

  it('wrong check character → ENT_CODE_CHECK with the right one', () => {
    const good = sub.enterprises[1]?.creditCode ?? '';
    const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const r = withEnterpriseRow([bad, '乙公司', '', '', 2022]);
    expect(only(r, 'ENT_CODE_CHECK')).toMatchObject([{ cell: 'A2', value: bad, expected: good }]);
  });

  it('duplicate enterprise → ENT_DUPLICATE', () => {
    const r = withEnterpriseRow([sub.enterprises[5]?.creditCode, '重复公司', '', '', 2022]);
    expect(only(r, 'ENT_DUPLICATE')).toHaveLength(1);
  });

  it('park of another city → ENT_PARK_OTHER_CITY; unknown park → ENT_PARK_UNKNOWN, at the park cell', () => {
    const r = run(
      mutate(clean, (wb) => {
        const ws = wb.Sheets['高新技术企业名单'] as XLSX.WorkSheet;
        ws.C2 = { t: 's', v: '苏州工业园区' };
        ws.C3 = { t: 's', v: '月球高新区' };
      }),
    );
    expect(only(r, 'ENT_PARK_OTHER_CITY')).toMatchObject([{ cell: 'C2', value: '苏州工业园区' }]);
    expect(only(r, 'ENT_PARK_UNKNOWN')).toMatchObject([{ cell: 'C3', value: '月球高新区' }]);
  });

  it('a wrong code in a listed row: one ENT_CODE_CHECK, and the count difference is explained once, pointing at the row', () => {
    const good = sub.enterprises[1]?.creditCode ?? '';
    const r = run(
      mutate(clean, (wb) => {
        const ws = wb.Sheets['高新技术企业名单'] as XLSX.WorkSheet;
        ws.A3 = { t: 's', v: `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}` };
      }),
    );
    expect(only(r, 'ENT_CODE_CHECK')).toMatchObject([{ cell: 'A3' }]);
    expect(only(r, 'ENT_COUNT_MISMATCH')).toEqual([]);
    const why = only(r, 'ENT_COUNT_INVALID_ROWS');
    expect(why).toMatchObject([{ orgUnit: CITY, severity: 'info' }]);
    expect(why[0]?.message.zh).toContain('1 家是名单中有错误而未计入的行（A3）');
  });

  it('list length differs from the reported count → ENT_COUNT_MISMATCH', () => {
    const r = run(
      mutate(clean, (wb) => {
        const ws = wb.Sheets['高新技术企业名单'] as XLSX.WorkSheet;
        ws.A2 = { t: 'z' };
        ws.B2 = { t: 'z' };
        ws.C2 = { t: 'z' };
        ws.D2 = { t: 'z' };
        ws.E2 = { t: 'z' };
      }),
    );
    const mismatch = only(r, 'ENT_COUNT_MISMATCH').filter((f) => f.orgUnit === CITY);
    expect(mismatch).toMatchObject([
      {
        indicator: 'HTE_COUNT',
        value: String(sub.enterprises.length),
        expected: String(sub.enterprises.length - 1),
      },
    ]);
  });
});

describe('cross-period', () => {
  const previous = synthetic(CITY, '2021', 0.93);

  it('this year’s figure typed in 万元 (≈ 10⁴ × last year’s, never exactly) → YOY_UNIT_SLIP error naming the value', () => {
    const now = valueIn(synthetic(CITY), CITY, 'TECH_CONTRACT');
    const r = run(
      mutate(clean, (wb) => void setValue(wb, CITY, 'TECH_CONTRACT', { t: 'n', v: Number(now) * 10_000 })),
      { previous },
    );
    const [f] = only(r, 'YOY_UNIT_SLIP');
    expect(f).toMatchObject({ severity: 'error', indicator: 'TECH_CONTRACT' });
    expect(f?.message.zh).toContain('万元');
    expect(f?.message.zh).toContain(`应为约 ${Number(now).toFixed(2)} 亿元？`);
    expect(r.ok).toBe(false);
  });

  it('a change beyond the threshold → YOY_CHANGE', () => {
    const last = Number(valueIn(previous, CITY, 'PATENTS_INVENTION'));
    const r = run(
      mutate(clean, (wb) => void setValue(wb, CITY, 'PATENTS_INVENTION', { t: 'n', v: last * 3 })),
      { previous },
    );
    expect(only(r, 'YOY_CHANGE').map((f) => f.indicator)).toContain('PATENTS_INVENTION');
  });

  it('small counts (below 10) raise no YOY_CHANGE: 1 → 2 is not news', () => {
    const prev = {
      ...previous,
      values: previous.values.map((v) =>
        v.orgUnit === CITY && v.indicator === 'UNICORNS' ? { ...v, value: '1' } : v,
      ),
    };
    const r = run(
      mutate(clean, (wb) => void setValue(wb, CITY, 'UNICORNS', { t: 'n', v: 2 })),
      { previous: prev },
    );
    expect(only(r, 'YOY_CHANGE').map((f) => f.indicator)).not.toContain('UNICORNS');
  });

  it('takes the previous period as bytes too', async () => {
    const prevBytes = await filledWorkbook(CITY, '2021', previous);
    const r = run(clean, { previous: prevBytes });
    expect(only(r, 'PREVIOUS_UNREADABLE')).toEqual([]);
    expect(r.findings.filter((f) => f.code === 'YOY_UNIT_SLIP')).toEqual([]);
  });
});

describe('report', () => {
  it('sorts findings by sheet, then row, then column', () => {
    const r = run(
      mutate(clean, (wb) => {
        setValue(wb, CITY, 'GDP', { t: 's', v: 'x' });
        setValue(wb, CITY, 'TECH_CONTRACT', { t: 's', v: 'y' });
        (wb.Sheets['高新技术企业名单'] as XLSX.WorkSheet).A2 = { t: 's', v: 'bad' };
      }),
    );
    const located = r.findings.filter((f) => f.sheet && f.cell);
    const keys = located.map(
      (f) => `${f.sheet}|${String(Number(f.cell?.replace(/[A-Z]+/, ''))).padStart(6, '0')}`,
    );
    expect(keys).toEqual([...keys].sort());
    expect(r.findings.every((f) => f.file === 'zj.xlsx')).toBe(true);
  });
});
