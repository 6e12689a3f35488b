import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AggregateResult, aggregate } from '@sunan/aggregate';
import { type InnovationIndexResult, innovationIndex, matrixFromAggregate } from '@sunan/index';
import {
  formatSummary,
  indexHtml,
  indexWorkbook,
  PATH_RULE,
  reportHtml,
  reportWorkbook,
} from '@sunan/report';
import { sunanCatalogue, sunanIndexDefinition } from '@sunan/schema';
import { browserOrSkip } from '@sunan/testkit';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, inputs } from './examples-inputs.js';

// The bundled SYNTHETIC examples, three years, read exactly as `sunan aggregate` reads them.
const out = fileURLToPath(new URL('../../../test-output/', import.meta.url));
const catalogue = sunanCatalogue();
// Codes that are also ordinary words of the English names (GDP) are not codes in English prose.
const WORDS = new Set(catalogue.indicators.flatMap((i) => i.name.en.split(/[^A-Za-z]+/)));
const CODES = new Set(catalogue.indicators.map((i) => i.code).filter((c) => !WORDS.has(c)));

let result: AggregateResult;
let history: AggregateResult[];
let html: string;
let index: InnovationIndexResult;
let indexPage: string;
let browser: Browser | undefined;

beforeAll(async () => {
  const [y2020, y2021, y2022] = [await inputs('2020'), await inputs('2021'), await inputs('2022')];
  const zoneReported = Object.fromEntries(csv('zone-report-2022.csv').map((c) => [c.indicator, c.value]));
  result = aggregate({
    submissions: y2022,
    previous: y2021,
    history: [{ period: '2020', submissions: y2020 }],
    period: '2022',
    controls: csv('controls-2022.csv'),
    zoneReported,
  });
  history = [
    aggregate({ submissions: y2020, period: '2020' }),
    aggregate({ submissions: y2021, previous: y2020, period: '2021' }),
  ];
  html = reportHtml(result, catalogue, { history });
  const ix = innovationIndex(
    sunanIndexDefinition(),
    [...history, result].map((r) => matrixFromAggregate(r, sunanIndexDefinition())),
  );
  if (!ix.ok) throw new Error(JSON.stringify(ix.problems.slice(0, 3)));
  index = ix;
  const name = (c: string) => catalogue.orgUnits.find((u) => u.code === c)?.name.zh ?? c;
  indexPage = indexHtml(index, name);
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}report.html`, html);
  writeFileSync(`${out}index.html`, indexPage);
  browser = await browserOrSkip();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('targets judged by trajectory (examples, 2022)', () => {
  it('the province’s 2025 targets are on or behind their path, never missed; the rule is printed', () => {
    const refs = result.targets.filter((t) => t.targetPeriod === '2025');
    expect(refs.length).toBeGreaterThan(5);
    for (const t of refs) expect(['on-track', 'behind']).toContain(t.status);
    const rd = refs.find((t) => t.indicator === 'RD_INTENSITY');
    expect(rd?.trajectory).toMatchObject({
      baselinePeriod: '2020',
      baselineValue: '2.85',
      baselineSource: 'plan',
    });
    const rows = html.split('<tr').filter((r) => r.includes('>2025</td>'));
    expect(rows.length).toBe(refs.length);
    for (const r of rows) expect(r).not.toContain('>未达成<');
    expect(html).toContain(PATH_RULE.zh.slice(0, 20));
    expect(formatSummary(result)).toContain('按进度');
  });

  it('cumulative targets with all three plan years are complete, with the periods in words', () => {
    const t = result.targets.find((x) => x.id === 'SUNAN-2022-CORE_TECH_PROJECTS');
    expect(t?.valueStatus).toBe('complete');
    expect(t?.cumulative).toMatchObject({
      periods: ['2020', '2021', '2022'],
      missingPeriods: [],
      remainingPeriods: [],
    });
    expect(html).toContain('2020–2022 年累计，已计入 2020、2021、2022 年');
    expect(html).not.toContain('有城市缺报');
  });
});

describe('trends over three years', () => {
  it('each headline chart has one line per city with three points, values as text', () => {
    const charts = [...html.matchAll(/<svg id="trend-([A-Z_0-9]+)"[\s\S]*?<\/svg>/g)];
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const [svg] of charts) {
      expect(svg).toMatch(/<title id="[^"]+">/);
      for (const city of ['320100', '320200', '320400', '320500', '321100']) {
        const group = new RegExp(`<g class="series" data-unit="${city}">([\\s\\S]*?)</g>`).exec(svg);
        expect(group?.[1]?.match(/<circle /g)?.length).toBe(3);
        expect(group?.[1]).toMatch(/<text [^>]*>[^<]*\d/);
      }
    }
  });

  it('a city has the same colour in every chart of both reports', () => {
    const colours = (page: string, unit: string) =>
      new Set(
        [
          ...page.matchAll(
            new RegExp(
              `data-unit="${unit}"[^>]*>(?:<title>[^<]*</title>)?<polyline[^>]*stroke="(#[0-9A-Fa-f]{6})"`,
              'g',
            ),
          ),
        ].map((m) => m[1]),
      );
    expect([...colours(html, '320500')]).toEqual(['#CC79A7']);
    expect(indexPage).toMatch(/data-unit="320500"[^>]*stroke="#CC79A7"/);
  });
});

describe('report.xlsx read back', () => {
  it('targets numeric with formats; every sheet A4 landscape, fit to width, print titles, frozen header, autofilter; status coloured', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportWorkbook(result, catalogue, { history })).slice().buffer);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
      });
      expect(ws.pageSetup.printTitlesRow, ws.name).toMatch(/^\d+:\d+$/);
      expect(ws.views[0]?.state, ws.name).toBe('frozen');
      expect(ws.autoFilter, ws.name).toBeTruthy();
    }
    const sum = wb.getWorksheet('汇总');
    if (!sum) throw new Error('no 汇总');
    let header = 0;
    sum.eachRow((row, n) => {
      if (row.getCell(1).value === '目标') header = n;
    });
    expect(header).toBeGreaterThan(0);
    const first = sum.getRow(header + 1);
    expect(typeof first.getCell(2).value).toBe('number'); // 目标年
    expect(typeof first.getCell(3).value).toBe('number'); // 目标值
    expect(first.getCell(3).numFmt).toMatch(/0/);
    expect(first.getCell(6).numFmt).toContain('尚差');
    const fills = new Set<string>();
    for (let r = header + 1; r <= sum.rowCount; r++) {
      const c = sum.getRow(r).getCell(7);
      const fill = c.fill as { fgColor?: { argb?: string } } | undefined;
      if (fill?.fgColor?.argb) fills.add(`${c.value}:${fill.fgColor.argb}`);
    }
    expect([...fills].some((f) => f.startsWith('按进度:FFC6EFCE'))).toBe(true);
    expect([...fills].some((f) => f.startsWith('落后于进度:FFFFC7CE'))).toBe(true);
    // Names shown in full: the name column is at least as wide as the longest target name.
    const longest = Math.max(...result.targets.map((t) => t.name.zh.length));
    expect(sum.getColumn(1).width ?? 0).toBeGreaterThanOrEqual(longest * 2);
  });

  it('text that looks like a formula stays text', async () => {
    const evil: AggregateResult = {
      ...result,
      sources: [
        { ...(result.sources[0] as AggregateResult['sources'][number]), file: '=HYPERLINK("http://x","y")' },
      ],
      findings: [{ code: 'X', severity: 'warning', message: { zh: '+cmd|x', en: '@SUM(1)' }, file: '-2+3' }],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportWorkbook(evil, catalogue)).slice().buffer);
    const cells: ExcelJS.Cell[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    const risky = cells.filter((c) => typeof c.value === 'string' && /^[=+\-@]/.test(c.value));
    expect(risky.map((c) => c.value)).toEqual(
      expect.arrayContaining(['=HYPERLINK("http://x","y")', '+cmd|x', '@SUM(1)', '-2+3']),
    );
    for (const c of risky) expect(c.numFmt).toBe('@');
  });

  it('index.xlsx: headers not truncated, names first', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await indexWorkbook(index)).slice().buffer);
    for (const ws of wb.worksheets) {
      const head = ws.name === '权重' ? 2 : 1;
      ws.getRow(head).eachCell((c, k) => {
        const text = String(c.value);
        const need = [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 255 ? 2 : 1), 0);
        expect(ws.getColumn(k).width ?? 8, `${ws.name} ${text}`).toBeGreaterThanOrEqual(need);
      });
      expect(ws.autoFilter).toBeTruthy();
    }
    expect(wb.getWorksheet('权重')?.getCell('A3').value).toBe('全社会研发投入（R&D经费支出）');
  });
});

describe('the HTML reports in Chromium', () => {
  const pages = () => [
    { name: 'report', html },
    { name: 'index', html: indexPage },
  ];

  for (const width of [1366, 390])
    it(`fit ${width} px without sideways scrolling and fetch nothing`, async (ctx) => {
      if (!browser) return ctx.skip();
      for (const p of pages()) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const requests: string[] = [];
        page.on('request', (r) => {
          if (!/^(about:|data:)/.test(r.url())) requests.push(r.url());
        });
        await page.setContent(p.html, { waitUntil: 'load' });
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${p.name} at ${width}`).toBeLessThanOrEqual(width);
        expect(requests, p.name).toEqual([]);
        await page.screenshot({ path: `${out}${p.name}-${width}.png`, fullPage: width === 390 });
        await page.close();
      }
    });

  it('print on A4 with table headers repeated on every page', async (ctx) => {
    if (!browser) return ctx.skip();
    for (const p of pages()) {
      // 718 CSS px: the width of A4 less the page margins.
      const page = await browser.newPage({ viewport: { width: 718, height: 1000 } });
      await page.setContent(p.html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const printWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(printWidth, `${p.name} printed`).toBeLessThanOrEqual(718);
      const displays = await page.evaluate(() =>
        Array.from(document.querySelectorAll('table')).map((t) =>
          t.tHead ? getComputedStyle(t.tHead).display : 'none',
        ),
      );
      expect(displays.length).toBeGreaterThan(0);
      expect(new Set(displays), p.name).toEqual(new Set(['table-header-group']));
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(`${out}${p.name}.pdf`, pdf);
      const pagesInPdf =
        Buffer.from(pdf)
          .toString('latin1')
          .match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      expect(pagesInPdf).toBeGreaterThan(1);
      await page.close();
    }
  });

  it('no table cell shows a bare indicator code where a name belongs (codes only muted)', async (ctx) => {
    if (!browser) return ctx.skip();
    for (const p of pages()) {
      const page = await browser.newPage();
      await page.setContent(p.html, { waitUntil: 'load' });
      const cells = await page.evaluate(() =>
        Array.from(document.querySelectorAll('table td, table th, .keys li')).map((c) => {
          const copy = c.cloneNode(true) as HTMLElement;
          for (const m of Array.from(copy.querySelectorAll('.code'))) m.remove();
          return copy.textContent ?? '';
        }),
      );
      expect(cells.length).toBeGreaterThan(20);
      const bare = cells.filter((t) => (t.match(/\b[A-Z][A-Z0-9_]{2,}\b/g) ?? []).some((w) => CODES.has(w)));
      expect(bare, p.name).toEqual([]);
      await page.close();
    }
  });
});
