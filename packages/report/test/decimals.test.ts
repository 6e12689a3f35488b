import { type AggregateResult, aggregate } from '@sunan/aggregate';
import { reportHtml, reportWorkbook } from '@sunan/report';
import { findIndicator, type Indicator, sunanCatalogue } from '@sunan/schema';
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csv, inputs } from './examples-inputs.js';

// Issue 11: every indicator value shown in report.xlsx and report.html carries the indicator's
// declared decimals (3848.10, not 3848.1; 4.00, not 4). The checks iterate the catalogue and
// every table, so a new indicator or a new table column of figures is covered without edits here.

const catalogue = sunanCatalogue();

let result: AggregateResult;
let history: AggregateResult[];
let html: string;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  const [y2020, y2021, y2022] = [await inputs('2020'), await inputs('2021'), await inputs('2022')];
  result = aggregate({
    submissions: y2022,
    previous: y2021,
    history: [{ period: '2020', submissions: y2020 }],
    period: '2022',
    controls: csv('controls-2022.csv'),
    zoneReported: Object.fromEntries(csv('zone-report-2022.csv').map((c) => [c.indicator, c.value])),
  });
  history = [
    aggregate({ submissions: y2020, period: '2020' }),
    aggregate({ submissions: y2021, previous: y2020, period: '2021' }),
  ];
  html = reportHtml(result, catalogue, { history });
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await reportWorkbook(result, catalogue, { history })).slice().buffer);
}, 240_000);

/** The decimals an indicator's figures are shown with: counts are whole, others as declared. */
const declared = (ind: Indicator) => (ind.valueType === 'count' ? 0 : ind.decimals);

/** Every figure checked, and those whose last shown decimal is 0 (the ones a lost decimal shows in). */
interface Tally {
  checked: number;
  trailingZero: number;
  problems: string[];
}
const newTally = (): Tally => ({ checked: 0, trailingZero: 0, problems: [] });

/**
 * Checks one figure as shown: exactly `d` decimals, and the same number as the result's exact value
 * rounded half-up to `d`. `shown` is the displayed text with separators; `—` stands for no value.
 */
function checkShown(
  tally: Tally,
  shown: string,
  exact: string | null | undefined,
  d: number,
  where: string,
): void {
  const text = shown.replace(/,/g, '').replace(/^−/, '-').trim();
  if (exact === null || exact === undefined) {
    if (text !== '—' && text !== '') tally.problems.push(`${where}: "${shown}" shown for no value`);
    return;
  }
  tally.checked++;
  const m = /^-?\d+(?:\.(\d+))?$/.exec(text);
  if (!m) {
    tally.problems.push(`${where}: "${shown}" is not a figure (value ${exact})`);
    return;
  }
  const places = m[1]?.length ?? 0;
  if (places !== d) tally.problems.push(`${where}: "${shown}" has ${places} decimals, declared ${d}`);
  else if (!new Decimal(text).eq(new Decimal(exact).toDecimalPlaces(d, Decimal.ROUND_HALF_UP)))
    tally.problems.push(`${where}: "${shown}" is not ${exact} at ${d} decimals`);
  else if (d > 0 && text.endsWith('0')) tally.trailingZero++;
}

// ---- HTML, read as a reader sees it: the text of each table cell ------------------------------

const section = (id: string) =>
  new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';

/** Text of a cell: the English/explanatory line under a figure dropped, tags stripped, entities read. */
const cellText = (cellHtml: string) =>
  cellHtml
    .replace(/<div class="en">[\s\S]*?<\/div>/g, '')
    .replace(/<span class="code">[\s\S]*?<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .trim();

/** The tables of an HTML fragment: header texts and body rows of raw cell HTML. */
function tablesOf(fragment: string): { head: string[]; rows: string[][] }[] {
  return [...fragment.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map(([, t = '']) => {
    const thead = /<thead>([\s\S]*?)<\/thead>/.exec(t)?.[1] ?? '';
    const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(t)?.[1] ?? '';
    return {
      head: [...thead.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map(([, h = '']) => cellText(h)),
      rows: [...tbody.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, r = '']) =>
        [...r.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, c = '']) => c),
      ),
    };
  });
}

/** The indicator a row is about: the muted code in its name cell. */
const codeIn = (cellHtml: string | undefined) =>
  /<span class="code">([A-Z0-9_]+)<\/span>/.exec(cellHtml ?? '')?.[1];

/** The figure in a cell's text: "约 1,350.00 亿元" → "1,350.00"; "3,186.50（部分）" → "3,186.50"; "尚差 5" → "5". */
const figureIn = (text: string) => /[−-]?\d[\d,]*(?:\.\d+)?/.exec(text)?.[0] ?? text.trim();

const indicator = (code: string | undefined) => {
  const ind = code ? findIndicator(catalogue, code) : undefined;
  if (!ind) throw new Error(`no indicator ${code}`);
  return ind;
};

describe('report.html shows every indicator value with its declared decimals', () => {
  it('全区汇总: every catalogue indicator, each city and the zone', () => {
    const tally = newTally();
    const rows = tablesOf(section('all')).flatMap((t) => t.rows);
    for (const ind of catalogue.indicators) {
      const row = rows.find((r) => codeIn(r[0]) === ind.code);
      const res = result.indicators.find((i) => i.code === ind.code);
      expect(row, ind.code).toBeDefined();
      if (!row || !res) continue;
      const cities = Object.keys(res.cities);
      cities.forEach((c, k) => {
        checkShown(
          tally,
          cellText(row[2 + k] ?? ''),
          res.cities[c]?.value,
          declared(ind),
          `${ind.code} ${c}`,
        );
      });
      checkShown(
        tally,
        cellText(row[2 + cities.length] ?? ''),
        res.zone.value,
        declared(ind),
        `${ind.code} zone`,
      );
    }
    expect(tally.problems).toEqual([]);
    // The check has teeth: many figures end in 0, where a dropped decimal would show.
    expect(tally.trailingZero).toBeGreaterThan(20);
  });

  it('各市贡献: zone totals and the ratio table', () => {
    const tally = newTally();
    const [sums, ratios] = tablesOf(section('contrib'));
    for (const row of sums?.rows ?? []) {
      const ind = indicator(codeIn(row[0]));
      const res = result.indicators.find((i) => i.code === ind.code);
      checkShown(tally, figureIn(cellText(row[1] ?? '')), res?.zone.value, declared(ind), `${ind.code} zone`);
    }
    for (const row of ratios?.rows ?? []) {
      const ind = indicator(codeIn(row[0]));
      const res = result.indicators.find((i) => i.code === ind.code);
      const cities = Object.keys(res?.cities ?? {});
      cities.forEach((c, k) => {
        checkShown(
          tally,
          cellText(row[1 + k] ?? ''),
          res?.cities[c]?.value,
          declared(ind),
          `${ind.code} ${c}`,
        );
      });
      checkShown(
        tally,
        cellText(row[1 + cities.length] ?? ''),
        res?.zone.value,
        declared(ind),
        `${ind.code}`,
      );
    }
    expect(tally.checked).toBeGreaterThan(20);
    expect(tally.problems).toEqual([]);
  });

  it('目标进度: target, current value and gap', () => {
    const tally = newTally();
    const rows = tablesOf(section('targets')).flatMap((t) => t.rows);
    expect(rows.length).toBe(result.targets.length);
    rows.forEach((row, k) => {
      const t = result.targets[k];
      if (!t) return;
      const ind = indicator(codeIn(row[0]));
      expect(ind.code).toBe(t.indicator);
      const d = declared(ind);
      checkShown(tally, figureIn(cellText(row[2] ?? '')), t.target, d, `${t.id} target`);
      checkShown(tally, figureIn(cellText(row[3] ?? '')), t.value, d, `${t.id} value`);
      const gap = cellText(row[6] ?? '');
      if (/\d/.test(gap)) checkShown(tally, figureIn(gap), t.gap?.replace(/^-/, ''), d, `${t.id} gap`);
    });
    expect(tally.problems).toEqual([]);
  });

  it('核对: control, computed and imbalance', () => {
    const tally = newTally();
    const rows = tablesOf(section('recon')).flatMap((t) => t.rows);
    expect(rows.length).toBe(result.reconciliation.length);
    rows.forEach((row, k) => {
      const r = result.reconciliation[k];
      if (!r) return;
      const ind = indicator(codeIn(row[1]));
      const d = declared(ind);
      checkShown(tally, cellText(row[2] ?? ''), r.control, d, `${r.indicator} control`);
      checkShown(tally, cellText(row[3] ?? ''), r.computed, d, `${r.indicator} computed`);
      checkShown(tally, cellText(row[4] ?? ''), r.imbalance, d, `${r.indicator} imbalance`);
    });
    expect(tally.problems).toEqual([]);
  });

  it('国家高新区: each park’s figures', () => {
    const tally = newTally();
    for (const t of tablesOf(section('parks'))) {
      const inds = t.head.slice(1).map((h) => catalogue.indicators.find((i) => h.startsWith(i.name.zh)));
      for (const row of t.rows) {
        const park = (result.parks ?? []).find((p) => p.code === codeIn(row[0]));
        expect(park, row[0]).toBeDefined();
        inds.forEach((ind, k) => {
          if (!ind || !park) return;
          checkShown(
            tally,
            cellText(row[1 + k] ?? ''),
            park.values[ind.code]?.value,
            declared(ind),
            `${park.code} ${ind.code}`,
          );
        });
      }
    }
    expect(tally.checked).toBeGreaterThan(10);
    expect(tally.problems).toEqual([]);
  });

  it('趋势: the zone line under each chart and every point label', () => {
    const tally = newTally();
    const figures = [
      ...html.matchAll(
        /<figure><figcaption>([\s\S]*?)<\/figcaption><svg id="trend-([A-Z0-9_]+)"([\s\S]*?)<\/svg>/g,
      ),
    ];
    expect(figures.length).toBeGreaterThan(3);
    for (const [, caption = '', code, svg = ''] of figures) {
      const ind = indicator(code);
      const zoneLine = /<div class="en">全区：([\s\S]*?)<\/div>/.exec(caption)?.[1] ?? '';
      for (const [, period, shown = ''] of zoneLine.matchAll(/(\d{4}) ([−\-\d,.]+|—)/g)) {
        const r = [...history, result].find((x) => x.period === period);
        const zone = r?.indicators.find((i) => i.code === ind.code)?.zone.value;
        checkShown(tally, shown, zone, declared(ind), `${ind.code} ${period}`);
      }
      const groups = [...svg.matchAll(/<g class="series"[\s\S]*?<\/g>/g)].map((g) => g[0]);
      const labels = groups.flatMap((g) =>
        [...g.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? ''),
      );
      expect(labels.length, ind.code).toBeGreaterThan(0);
      for (const label of labels) {
        const shown = figureIn(label);
        const places = /\.(\d+)$/.exec(shown.replace(/,/g, ''))?.[1]?.length ?? 0;
        if (places !== declared(ind)) tally.problems.push(`${ind.code} chart label "${label}"`);
      }
    }
    expect(tally.checked).toBeGreaterThan(5);
    expect(tally.problems).toEqual([]);
  });
});

// ---- xlsx: the cell stays a number; its number format shows the declared decimals --------------

/** Decimals a number format shows for a positive number: `"约 "#,##0.00` → 2, `#,##0` → 0. */
function formatDecimals(numFmt: string | undefined): number | undefined {
  const positive = (numFmt ?? '').replace(/"[^"]*"/g, '').split(';')[0] ?? '';
  if (!/0/.test(positive)) return undefined; // General, text: Excel shows whatever the value has.
  return /\.(0+)/.exec(positive)?.[1]?.length ?? 0;
}

function checkCell(
  tally: Tally,
  cell: ExcelJS.Cell,
  exact: string | null | undefined,
  d: number,
  where: string,
): void {
  if (exact === null || exact === undefined) {
    if (cell.value !== null && cell.value !== undefined && cell.value !== '')
      tally.problems.push(`${where}: ${String(cell.value)} for no value`);
    return;
  }
  tally.checked++;
  if (typeof cell.value !== 'number')
    tally.problems.push(`${where}: ${JSON.stringify(cell.value)} is not a number`);
  else if (!new Decimal(cell.value).eq(new Decimal(exact).toSignificantDigits(15)))
    tally.problems.push(`${where}: ${cell.value} is not ${exact}`);
  const shows = formatDecimals(cell.numFmt);
  if (shows !== d)
    tally.problems.push(`${where}: number format "${cell.numFmt}" shows ${shows} decimals, declared ${d}`);
}

const sheet = (name: string) => {
  const ws = workbook.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

/** The row whose first cell is `label` (a table's header row). */
function headerRow(ws: ExcelJS.Worksheet, label: string): number {
  let n = 0;
  ws.eachRow((row, k) => {
    if (n === 0 && row.getCell(1).value === label) n = k;
  });
  return n;
}

describe('report.xlsx keeps figures as numbers shown with their declared decimals', () => {
  it('group sheets: every catalogue indicator, each city and the zone', () => {
    const tally = newTally();
    const seen = new Set<string>();
    for (const ws of workbook.worksheets) {
      const head = headerRow(ws, '指标');
      if (head === 0) continue;
      const header = ws.getRow(head);
      const codeCol = (header.values as unknown[]).indexOf('代码');
      const zoneCol = (header.values as unknown[]).indexOf('全区');
      for (let r = head + 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        const ind = indicator(String(row.getCell(codeCol).value));
        const res = result.indicators.find((i) => i.code === ind.code);
        if (!res) continue;
        seen.add(ind.code);
        Object.keys(res.cities).forEach((c, k) => {
          checkCell(
            tally,
            row.getCell(4 + k),
            res.cities[c]?.value,
            declared(ind),
            `${ws.name} ${ind.code} ${c}`,
          );
        });
        checkCell(tally, row.getCell(zoneCol), res.zone.value, declared(ind), `${ws.name} ${ind.code} zone`);
      }
    }
    expect([...seen].sort()).toEqual(catalogue.indicators.map((i) => i.code).sort());
    expect(tally.problems).toEqual([]);
  });

  it('汇总: target, current value, gap and the path value', () => {
    const tally = newTally();
    const ws = sheet('汇总');
    const head = headerRow(ws, '目标');
    result.targets.forEach((t, k) => {
      const row = ws.getRow(head + 1 + k);
      const d = declared(indicator(t.indicator));
      checkCell(tally, row.getCell(3), t.target, d, `${t.id} target`);
      checkCell(tally, row.getCell(4), t.value, d, `${t.id} value`);
      checkCell(tally, row.getCell(6), t.gap, d, `${t.id} gap`);
      checkCell(tally, row.getCell(8), t.trajectory?.expected, d, `${t.id} path`);
    });
    expect(tally.problems).toEqual([]);
  });

  it('核对: control, computed and imbalance', () => {
    const tally = newTally();
    const ws = sheet('核对');
    result.reconciliation.forEach((r, k) => {
      const row = ws.getRow(2 + k);
      expect(row.getCell(9).value).toBe(r.indicator);
      const d = declared(indicator(r.indicator));
      checkCell(tally, row.getCell(3), r.control, d, `${r.indicator} control`);
      checkCell(tally, row.getCell(4), r.computed, d, `${r.indicator} computed`);
      checkCell(tally, row.getCell(5), r.imbalance, d, `${r.indicator} imbalance`);
    });
    expect(tally.problems).toEqual([]);
  });

  it('园区: each park’s figures', () => {
    const tally = newTally();
    const ws = sheet('园区');
    const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const park = (result.parks ?? []).find((p) => p.name.zh === row.getCell(2).value);
      expect(park, String(row.getCell(2).value)).toBeDefined();
      header.forEach((h, col) => {
        const ind = catalogue.indicators.find((i) => h.startsWith(`${i.name.zh}（`));
        if (!ind || !park) return;
        checkCell(
          tally,
          row.getCell(col),
          park.values[ind.code]?.value,
          declared(ind),
          `${park.code} ${ind.code}`,
        );
      });
    }
    expect(tally.checked).toBeGreaterThan(10);
    expect(tally.problems).toEqual([]);
  });
});

describe('the roll-up itself', () => {
  it('reconciliation and its finding show the computed figure at its declared decimals (3186.50)', () => {
    const tech = result.reconciliation.find((r) => r.orgUnit === 'SUNAN' && r.indicator === 'TECH_CONTRACT');
    expect(tech?.computed).toMatch(/^\d+\.\d{2}$/);
    expect(tech?.imbalance).toMatch(/^-?\d+\.\d{2}$/);
    const f = result.findings.find((x) => x.code === 'RECON_INCONSISTENT' && x.indicator === 'TECH_CONTRACT');
    expect(f?.value).toBe(tech?.computed);
    expect(f?.message.zh).toContain(`计算值 ${tech?.computed} `);
    const hte = result.reconciliation.find((r) => r.indicator === 'HTE_COUNT');
    expect(hte?.computed).toMatch(/^\d+$/);
  });
});
