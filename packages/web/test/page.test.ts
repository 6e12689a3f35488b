import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ANNOTATION_FILL, worstSeverity } from '@sunan/report';
import type { Finding } from '@sunan/schema';
import { browserOrSkip } from '@sunan/testkit';
import { SHEET, validateSubmission } from '@sunan/validate';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPage, downloadFrom, example, OUT, openPage, sunan, unitOf, validateIn } from './helpers.js';

let browser: Browser | undefined;
let page: { file: string; url: string; html: string };

beforeAll(async () => {
  page = await builtPage();
  browser = await browserOrSkip();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** The browser, or a skipped test (only outside CI: browserOrSkip throws in CI). */
function need(ctx: { skip: () => void }): Browser {
  if (!browser) ctx.skip();
  return browser as Browser;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb;
}

/** A workbook's content, cell by cell, without what changes on every write (timestamps). */
async function contentOf(bytes: Uint8Array): Promise<unknown> {
  const wb = await load(bytes);
  return wb.worksheets.map((ws) => {
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        cells[c.address] = { v: c.value, f: c.fill, n: c.numFmt, p: c.protection, d: c.dataValidation };
      }),
    );
    return {
      name: ws.name,
      state: ws.state,
      widths: ws.columns?.map((c) => c.width),
      pageSetup: ws.pageSetup,
      heights: ws.getRows(1, ws.rowCount)?.map((r) => r.height),
      cells,
    };
  });
}

const EXAMPLES = ['2022', '2021'].flatMap((year) =>
  readdirSync(example(year))
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => `${year}/${f}`),
);

describe('the built page', () => {
  it('is one self-contained file within 1.5 MB (500 KB gzip), with a CSP forbidding connections', () => {
    const bytes = Buffer.byteLength(page.html);
    const gz = gzipSync(page.html).length;
    process.stdout.write(
      `sunan-web.html: ${(bytes / 1024).toFixed(0)} KB, gzip ${(gz / 1024).toFixed(0)} KB\n`,
    );
    expect(bytes).toBeLessThanOrEqual(1.5 * 1024 * 1024);
    expect(gz).toBeLessThanOrEqual(500 * 1024);
    // Nothing loaded from elsewhere: no external scripts, styles, images, fonts or frames.
    expect(page.html).not.toMatch(/<(script|link|img|iframe|source|embed|object)\b[^>]*\b(src|href)=/i);
    const css = /<style>([\s\S]*?)<\/style>/.exec(page.html)?.[1] ?? '';
    expect(css.length).toBeGreaterThan(500);
    expect(css).not.toMatch(/@import|url\(|@font-face/i);
    expect(page.html.match(/<script\b/g)?.length).toBe(2);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page.html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:|\*/);
  });
});

describe('the page in Chromium (file://)', () => {
  it('downloads the template that `sunan template` writes, read back by the project’s reader and ExcelJS', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    await p.selectOption('#city', '320500');
    await p.fill('#period', '2022');
    const got = await downloadFrom(p, '#make-template');
    await context.close();
    const cliFile = `${OUT}cli-template.xlsx`;
    expect(
      (await sunan(['template', '--city', '320500', '--period', '2022', '--out', cliFile, '--force'])).code,
    ).toBe(0);
    const cli = new Uint8Array(readFileSync(cliFile));
    expect(got.name).toBe('320500-苏州市-2022.xlsx');
    expect(await contentOf(got.bytes)).toEqual(await contentOf(cli));
    const fromPage = validateSubmission(got.bytes, { fileName: 't.xlsx' });
    const fromCli = validateSubmission(cli, { fileName: 't.xlsx' });
    expect(fromPage.city).toBe('320500');
    expect(fromPage.period).toBe('2022');
    expect(fromPage.stats.valueRows).toBeGreaterThan(200);
    expect(JSON.parse(JSON.stringify(fromPage))).toEqual(JSON.parse(JSON.stringify(fromCli)));
    const wb = await load(got.bytes);
    // The same sheets as the CLI's template, the template's own among them.
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual((await load(cli)).worksheets.map((w) => w.name));
    expect(names).toEqual(
      expect.arrayContaining([SHEET.instructions, SHEET.values, SHEET.enterprises, SHEET.meta]),
    );
  });

  it('gives the same findings as `sunan validate --format json` for every bundled example file', async (ctx) => {
    const b = need(ctx);
    const { context, page: p, errors } = await openPage(b, page.url);
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(10);
    for (const rel of EXAMPLES) {
      await validateIn(p, example(rel));
      const json = JSON.parse(new TextDecoder().decode((await downloadFrom(p, '#dl-json')).bytes));
      // The page checks against 本单位 and 报告期, as --expect-city and --expect-period do.
      const { city, period } = unitOf(rel);
      const cli = await sunan([
        'validate',
        '--format',
        'json',
        '--expect-city',
        city,
        '--expect-period',
        period,
        example(rel),
      ]);
      const expected = JSON.parse(cli.stdout).files[0];
      expect(json.findings, rel).toEqual(expected.findings);
      expect([json.ok, json.city, json.period, json.file], rel).toEqual([
        expected.ok,
        expected.city,
        expected.period,
        expected.file,
      ]);
      expect(json.stats.errors + json.stats.warnings + json.stats.infos, rel).toBe(expected.findings.length);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('uses last year’s file like `sunan validate --previous`', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    await p.setInputFiles('#previous', example('2021/321100-镇江市-2021.xlsx'));
    await validateIn(p, example('2022/321100-镇江市-2022-第1版.xlsx'));
    const json = JSON.parse(new TextDecoder().decode((await downloadFrom(p, '#dl-json')).bytes));
    await context.close();
    const cli = await sunan([
      'validate',
      '--format',
      'json',
      '--expect-city',
      '321100',
      '--expect-period',
      '2022',
      '--previous',
      example('2021/321100-镇江市-2021.xlsx'),
      example('2022/321100-镇江市-2022-第1版.xlsx'),
    ]);
    expect(json.findings).toEqual(JSON.parse(cli.stdout).files[0].findings);
  });

  it('downloads the annotated copy (only problem cells shaded) and the findings as a workbook', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    const file = example('2022/321100-镇江市-2022-第1版.xlsx');
    await validateIn(p, file);
    const annotated = await downloadFrom(p, '#dl-annotated');
    const list = await downloadFrom(p, '#dl-findings');
    await context.close();
    expect(annotated.name).toBe('321100-镇江市-2022-第1版.标注副本.xlsx');
    const report = validateSubmission(new Uint8Array(readFileSync(file)), {
      fileName: 'x.xlsx',
      expectCity: '321100',
      expectPeriod: '2022',
    });
    const byCell = new Map<string, Finding[]>();
    for (const f of report.findings)
      if (f.sheet && f.cell)
        byCell.set(`${f.sheet}!${f.cell}`, [...(byCell.get(`${f.sheet}!${f.cell}`) ?? []), f]);
    const wb = await load(annotated.bytes);
    const colours = new Set(Object.values(ANNOTATION_FILL));
    const shaded: string[] = [];
    for (const ws of wb.worksheets) {
      if (ws.name === SHEET.findings) continue;
      ws.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (c) => {
          const argb = (c.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
          if (argb && colours.has(argb)) shaded.push(`${ws.name}!${c.address}`);
        }),
      );
    }
    expect(shaded.sort()).toEqual([...byCell.keys()].sort());
    for (const [ref, fs] of byCell) {
      const [sheet, cell] = ref.split('!') as [string, string];
      const c = wb.getWorksheet(sheet)?.getCell(cell);
      expect((c?.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb).toBe(
        ANNOTATION_FILL[worstSeverity(fs)],
      );
    }
    expect(wb.getWorksheet(SHEET.findings)?.rowCount).toBe(report.findings.length + 1);
    const findingsBook = await load(list.bytes);
    expect(findingsBook.worksheets.map((w) => w.name)).toEqual([SHEET.findings]);
    expect(findingsBook.worksheets[0]?.rowCount).toBe(report.findings.length + 1);
  });

  it('makes no request but the page itself, and works with the network off', async (ctx) => {
    const b = need(ctx);
    const { context, page: p, requests, errors } = await openPage(b, page.url, { offline: true });
    await validateIn(p, example('2022/321100-镇江市-2022-第1版.xlsx'));
    await downloadFrom(p, '#dl-annotated');
    await p.fill('#period', '2022');
    await downloadFrom(p, '#make-template');
    // Only the page and its own in-memory Blob URLs (the worker): nothing over the network.
    const used = [...requests];
    expect(used[0]).toBe(page.url);
    expect(used.filter((u) => u !== page.url && !u.startsWith('blob:'))).toEqual([]);
    expect(errors).toEqual([]);
    // The CSP forbids connections: a fetch or an image from elsewhere is refused and reported.
    const blocked = await p.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const fetched = await fetch('https://example.com/x').then(
        () => 'sent',
        () => 'refused',
      );
      const img = new Image();
      img.src = 'https://example.com/pixel.png';
      await new Promise((r) => setTimeout(r, 300));
      return { fetched, violations };
    });
    expect(blocked.fetched).toBe('refused');
    expect(blocked.violations).toEqual(expect.arrayContaining(['connect-src', 'img-src']));
    await context.close();
  });
});

/** Whether the 指标 grid shows its D (指标名称) and F (数值) columns within its box. */
export async function valueColumnInView(p: Page): Promise<boolean> {
  return p.evaluate(() => {
    const box = document.getElementById('grid')?.getBoundingClientRect();
    const rowHead = document.querySelector('#grid tbody th')?.getBoundingClientRect();
    const d = document.getElementById('cell-D2')?.getBoundingClientRect();
    const f = document.getElementById('cell-F2')?.getBoundingClientRect();
    // D starts right of the sticky row numbers; F ends inside the box.
    return !!box && !!rowHead && !!d && !!f && d.left >= rowHead.right - 1 && f.right <= box.right + 1;
  });
}

/** Every enabled, visible control, tagged with an index the keyboard pass can report. */
async function tagControls(p: Page): Promise<number> {
  return p.evaluate(() => {
    const controls = Array.from(
      document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex="0"]'),
    ).filter((el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
    controls.forEach((el, i) => {
      el.dataset.k = String(i);
    });
    return controls.length;
  });
}

describe('the page for people', () => {
  it('is Chinese first, switches to English, and groups findings by sheet with cell references', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    expect(await p.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await p.textContent('h1')).toContain('统计填报工具');
    await validateIn(p, example('2022/321100-镇江市-2022-第1版.xlsx'));
    const report = validateSubmission(
      new Uint8Array(readFileSync(example('2022/321100-镇江市-2022-第1版.xlsx'))),
      { fileName: 'x.xlsx', expectCity: '321100', expectPeriod: '2022' },
    );
    expect(await p.textContent('#verdict')).toContain('未通过');
    expect(await p.textContent('#verdict')).toContain(`错误 ${report.stats.errors} 个`);
    const sheets = [...new Set(report.findings.map((f) => f.sheet ?? ''))];
    const headings = await p.$$eval('#findings .sheet-group h4', (hs) => hs.map((h) => h.textContent ?? ''));
    expect(headings.length).toBe(sheets.length);
    // Sheets by name, the hidden metadata sheet by what it holds.
    sheets.forEach((s, i) => {
      expect(headings[i]).toContain(s === SHEET.meta ? '文件信息' : s || '文件整体');
    });
    const items = await p.$$eval('#findings .finding', (li) => li.map((l) => l.textContent ?? ''));
    expect(items.length).toBe(report.findings.length);
    report.findings.forEach((f, i) => {
      if (f.cell) expect(items[i]).toContain(f.cell);
      expect(items[i]).toContain(f.message.zh);
    });
    await p.click('#lang');
    expect(await p.getAttribute('html', 'lang')).toBe('en');
    expect(await p.textContent('h1')).toContain('reporting tool');
    expect(await p.textContent('#verdict')).toContain('Not passed');
    const english = await p.$$eval('#findings .finding', (li) => li.map((l) => l.textContent ?? ''));
    report.findings.forEach((f, i) => {
      expect(english[i]).toContain(f.message.en);
    });
    await p.click('#lang');
    expect(await p.textContent('h1')).toContain('统计填报工具');
    await context.close();
  });

  it('never uses colour alone: every marked finding and cell also says its severity in symbol and words', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    await validateIn(p, example('2022/321100-镇江市-2022-第1版.xlsx'));
    const marks = await p.$$eval('.finding, #grid td[class^="sev-"]', (els) =>
      els.map((e) => ({
        cls: e.className,
        text: e.textContent ?? '',
        label: e.querySelector('button')?.getAttribute('aria-label') ?? '',
      })),
    );
    expect(marks.length).toBeGreaterThan(5);
    const word = { error: '错误', warning: '警告', info: '提示' } as const;
    const symbol = { error: '✖', warning: '⚠', info: 'ℹ' } as const;
    for (const m of marks) {
      const sev = (/sev-(error|warning|info)/.exec(m.cls)?.[1] ?? 'info') as keyof typeof word;
      expect(m.text, m.cls).toContain(symbol[sev]);
      expect(`${m.text} ${m.label}`, m.cls).toContain(word[sev]);
    }
    await context.close();
  });

  it('grid: choosing a finding scrolls to its cell; choosing a cell shows its findings', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    await validateIn(p, example('2022/321100-镇江市-2022-第1版.xlsx'));
    const buttons = p.locator('#findings button.finding-head[data-sheet="指标"]');
    const n = await buttons.count();
    expect(n).toBeGreaterThan(2);
    // The last finding on the sheet sits far down the grid: it must come into the grid's view.
    const last = buttons.nth(n - 1);
    const ref = (await last.getAttribute('data-cell')) ?? '';
    await p.evaluate(() => document.getElementById('grid')?.scrollTo(0, 0));
    await last.click();
    const inView = await p.evaluate((r) => {
      const cell = document.getElementById(`cell-${r}`)?.getBoundingClientRect();
      const box = document.getElementById('grid')?.getBoundingClientRect();
      return !!cell && !!box && cell.top >= box.top && cell.bottom <= box.bottom;
    }, ref);
    expect(inView).toBe(true);
    expect(await p.evaluate(() => document.activeElement?.closest('td')?.dataset.ref)).toBe(ref);
    expect(await p.textContent('#cell-findings')).toContain(ref);
    // Choosing another cell shows its findings, or says it has none.
    await p.click('#cell-B1');
    expect(await p.textContent('#cell-findings')).toContain('B1');
    const firstRef = (await buttons.first().getAttribute('data-cell')) ?? '';
    await p.click(`#cell-${firstRef} button`);
    const code =
      (await p
        .locator('#findings li:has(button.finding-head[data-sheet="指标"]) small.code')
        .first()
        .textContent()) ?? '';
    expect(await p.textContent('#cell-findings')).toContain(code);
    await context.close();
  });

  it('validates in a Web Worker with visible progress', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    expect(p.workers().length).toBe(1);
    await validateIn(p, example('2022/320500-苏州市-2022.xlsx'));
    expect(await p.isVisible('#progress')).toBe(true);
    expect(
      await p.$eval('#progress', (e) => [(e as HTMLProgressElement).value, (e as HTMLProgressElement).max]),
    ).toEqual([4, 4]);
    expect(await p.textContent('#stage')).toBe('校验完成');
    await context.close();
  });

  it('labels every control for screen readers and reaches every one by keyboard alone', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    await validateIn(p, example('2022/321100-镇江市-2022-第1版.xlsx'));
    const unlabelled = await p.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('button, input, select, [role="region"]'))
        .filter((el) => {
          const labels = (el as HTMLInputElement).labels;
          const name =
            el.getAttribute('aria-label') ??
            (el.getAttribute('aria-labelledby')
              ? document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent
              : null) ??
            (labels?.length ? labels[0]?.textContent : null) ??
            el.textContent;
          return !name?.trim();
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    expect(await p.locator('[role="status"][aria-live="polite"]').count()).toBeGreaterThanOrEqual(3);
    const total = await tagControls(p);
    expect(total).toBeGreaterThan(10);
    const reached = new Set<string>();
    await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < total + 10; i++) {
      await p.keyboard.press('Tab');
      const k = await p.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.k ?? null);
      if (k !== null) reached.add(k);
    }
    expect(reached.size).toBe(total);
    // And a finding chosen with the keyboard moves focus to its cell.
    await p.locator('#findings button.finding-head').first().focus();
    await p.keyboard.press('Enter');
    expect(await p.evaluate(() => document.activeElement?.closest('td')?.dataset.ref ?? null)).not.toBeNull();
    await context.close();
  });

  it.for([1366, 390])('at %i px: no horizontal page scroll; screenshot with findings', async (width, ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url, { width });
    await validateIn(p, example('2022/321100-镇江市-2022-第1版.xlsx'));
    await p.locator('#findings button.finding-head').nth(2).click();
    // The 指标 sheet opens on 指标名称 and 数值 side by side.
    expect(await valueColumnInView(p)).toBe(true);
    const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(width);
    await p.screenshot({ path: `${OUT}page-${width}.png`, fullPage: true });
    writeFileSync(`${OUT}page-${width}.txt`, `scrollWidth ${scroll}\n`);
    await context.close();
  });
});
