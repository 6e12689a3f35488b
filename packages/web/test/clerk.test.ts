import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ANNOTATION_FILL, annotate } from '@sunan/report';
import { browserOrSkip } from '@sunan/testkit';
import { SHEET, validateSubmission } from '@sunan/validate';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import {
  builtPage,
  chooseUnit,
  downloadFrom,
  example,
  nextVerdict,
  OUT,
  openPage,
  validateIn,
  verdicts,
} from './helpers.js';

/**
 * The page as a clerk at 常州市统计局 uses it: 本单位 and 报告期 chosen once, the file fixed and
 * checked again, the clean file to send.
 */

let browser: Browser | undefined;
let page: { file: string; url: string; html: string };
const DIR = `${OUT}clerk/`;
const CZ = { city: '320400', period: '2022' };
const good = example('2022/320400-常州市-2022.xlsx');
const EXPECT = { expectCity: CZ.city, expectPeriod: CZ.period };

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  page = await builtPage();
  browser = await browserOrSkip();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

function need(ctx: { skip: () => void }): Browser {
  if (!browser) ctx.skip();
  return browser as Browser;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb;
}

/** 常州's file with two mistakes a clerk makes: a value 10,000 times too large and a negative count of unicorns. */
async function withMistakes(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = await load(bytes);
  const ws = wb.getWorksheet(SHEET.values);
  ws?.eachRow((row) => {
    const code = row.getCell(3).value;
    if (code === 'GDP' && row.getCell(1).value === CZ.city) row.getCell(6).value = 95_501_000;
    if (code === 'UNICORNS' && row.getCell(1).value === CZ.city) row.getCell(6).value = -3;
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Replaces a file's content, its modification time moved on as a save in Excel would. */
function rewrite(path: string, bytes: Uint8Array): void {
  writeFileSync(path, bytes);
}

const verdictText = (p: Page) => p.textContent('#verdict');
const codesShown = (p: Page) => p.$$eval('#findings small.code', (s) => s.map((e) => e.textContent ?? ''));
const expectedCodes = (bytes: Uint8Array) => validateSubmission(bytes, EXPECT).findings.map((f) => f.code);

describe('every check reads the file as it is now', () => {
  it('a chosen file changed on disk: the old verdict goes, the page says to choose it again; chosen again, the new findings', async (ctx) => {
    const b = need(ctx);
    const path = `${DIR}edit-loop.xlsx`;
    const clean = new Uint8Array(readFileSync(good));
    const broken = await withMistakes(clean);
    rewrite(path, clean);
    const { context, page: p, errors } = await openPage(b, page.url);
    await validateIn(p, path, CZ);
    expect(await verdictText(p)).toContain('✔ 通过');
    await new Promise((r) => setTimeout(r, 1100));
    rewrite(path, broken);
    // Pressing 开始校验: the browser cannot read the changed file; no verdict stays on screen.
    await p.click('#run');
    await p.waitForFunction(() => document.getElementById('stage')?.textContent?.includes('重新选择'));
    expect(await p.textContent('#stage')).toBe('文件已被修改或移动，请重新选择文件');
    expect(await p.isVisible('#result')).toBe(false);
    expect(await p.isVisible('#dl-submission')).toBe(false);
    // Choosing the same file again runs again, on the bytes now on disk.
    await nextVerdict(p, await verdicts(p), () => p.setInputFiles('#file', path));
    expect(await verdictText(p)).toContain('✖ 未通过');
    expect(await codesShown(p)).toEqual(expectedCodes(broken).map((c) => expect.stringContaining(c)));
    // And the reverse: fixed, chosen again, passed.
    await new Promise((r) => setTimeout(r, 1100));
    rewrite(path, clean);
    await nextVerdict(p, await verdicts(p), () => p.setInputFiles('#file', path));
    expect(await verdictText(p)).toContain('✔ 通过');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('with a file handle (Chrome, Edge): each press of 开始校验 reads the file on disk afresh', async (ctx) => {
    const b = need(ctx);
    const path = `${DIR}edit-loop-handle.xlsx`;
    const clean = new Uint8Array(readFileSync(good));
    const broken = await withMistakes(clean);
    rewrite(path, clean);
    const context = await b.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 } });
    // The file picker stands in for the browser's: its handle reads the file from disk on each getFile().
    await context.exposeBinding('readDisk', () => readFileSync(path).toString('base64'));
    await context.addInitScript(() => {
      const w = window as unknown as { readDisk(): Promise<string>; showOpenFilePicker: unknown };
      w.showOpenFilePicker = async () => [
        {
          name: 'edit-loop-handle.xlsx',
          getFile: async () => {
            const b64 = await w.readDisk();
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            return new File([bytes], 'edit-loop-handle.xlsx');
          },
        },
      ];
    });
    const p = await context.newPage();
    await p.goto(page.url);
    await p.waitForSelector('body[data-ready="true"]');
    await chooseUnit(p, CZ);
    await nextVerdict(p, 0, () => p.click('#file'));
    expect(await verdictText(p)).toContain('✔ 通过');
    rewrite(path, broken);
    await nextVerdict(p, 1, () => p.click('#run'));
    expect(await verdictText(p)).toContain('✖ 未通过');
    expect(await codesShown(p)).toEqual(expectedCodes(broken).map((c) => expect.stringContaining(c)));
    rewrite(path, clean);
    await nextVerdict(p, 2, () => p.click('#run'));
    expect(await verdictText(p)).toContain('✔ 通过');
    await context.close();
  });
});

describe('本单位 and 报告期, chosen once', () => {
  it('another city’s file and last year’s own file do not pass; the verdict names city and year', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    await validateIn(p, example('2022/320200-无锡市-2022.xlsx'), CZ);
    expect(await verdictText(p)).toMatch(/^常州市 · 2022 年 · 320200-无锡市-2022\.xlsx：✖ 未通过/);
    await validateIn(p, example('2021/320400-常州市-2021.xlsx'), CZ);
    expect(await verdictText(p)).toMatch(/^常州市 · 2022 年 · 320400-常州市-2021\.xlsx：✖ 未通过/);
    await validateIn(p, good, CZ);
    expect(await verdictText(p)).toMatch(/^常州市 · 2022 年 · 320400-常州市-2022\.xlsx：✔ 通过/);
    await context.close();
    // Remembered: a new page in the same browser profile opens on 常州 and 2022.
    const again = await openPage(b, page.url);
    expect(await again.page.inputValue('#city')).toBe('320100');
    await again.context.close();
  });

  it('remembers 本单位 and 报告期 in the browser', async (ctx) => {
    const b = need(ctx);
    const context = await b.newContext();
    const p = await context.newPage();
    await p.goto(page.url);
    await p.waitForSelector('body[data-ready="true"]');
    await chooseUnit(p, CZ);
    const p2 = await context.newPage();
    await p2.goto(page.url);
    await p2.waitForSelector('body[data-ready="true"]');
    expect([await p2.inputValue('#city'), await p2.inputValue('#period')]).toEqual(['320400', '2022']);
    await context.close();
  });

  it('a CSV passes with the period chosen in step 1, and no message names a command-line flag', async (ctx) => {
    const b = need(ctx);
    const wb = XLSX.read(readFileSync(good), { type: 'buffer' });
    const csv = `${DIR}320400-常州市-2022.csv`;
    writeFileSync(csv, XLSX.utils.sheet_to_csv(wb.Sheets[SHEET.values] as XLSX.WorkSheet));
    const { context, page: p } = await openPage(b, page.url);
    await validateIn(p, csv, CZ);
    expect(await verdictText(p)).toContain('✔ 通过');
    expect(await p.innerText('main')).not.toMatch(/--[a-z]/);
    await context.close();
  });
});

/** Every cell's fill colour and note of a workbook, by sheet. */
async function marksOf(bytes: Uint8Array): Promise<{ fills: string[]; notes: string[]; sheets: string[] }> {
  const wb = await load(bytes);
  const fills: string[] = [];
  const notes: string[] = [];
  const colours = new Set(Object.values(ANNOTATION_FILL));
  for (const ws of wb.worksheets.filter((w) => w.name !== SHEET.findings))
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        const argb = (c.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
        if (argb && colours.has(argb)) fills.push(`${ws.name}!${c.address}`);
        if (c.note) notes.push(`${ws.name}!${c.address}`);
      }),
    );
  return { fills, notes, sheets: wb.worksheets.map((w) => w.name) };
}

describe('step 3, 报送', () => {
  it('the corrected annotated copy gives a clean file to send, with the standard name and the same values', async (ctx) => {
    const b = need(ctx);
    const broken = await withMistakes(new Uint8Array(readFileSync(good)));
    const path = `${DIR}320400-常州市-2022-改.xlsx`;
    rewrite(path, broken);
    const { context, page: p } = await openPage(b, page.url);
    await validateIn(p, path, CZ);
    expect(await p.isVisible('#dl-submission')).toBe(false);
    expect(await p.textContent('#send-line')).toContain('不能报送');
    const annotated = await downloadFrom(p, '#dl-annotated');
    expect(annotated.name).toBe('320400-常州市-2022-改.标注副本.xlsx');
    expect((await marksOf(annotated.bytes)).fills.length).toBeGreaterThan(0);
    // The clerk corrects the two cells in the annotated copy and checks it again.
    const wb = await load(annotated.bytes);
    const original = await load(new Uint8Array(readFileSync(good)));
    const ws = wb.getWorksheet(SHEET.values);
    const os = original.getWorksheet(SHEET.values);
    ws?.eachRow((row, n) => {
      if (row.getCell(1).value === CZ.city && ['GDP', 'UNICORNS'].includes(String(row.getCell(3).value)))
        row.getCell(6).value = os?.getRow(n).getCell(6).value ?? null;
    });
    const fixedPath = `${DIR}320400-常州市-2022-改.标注副本.xlsx`;
    const fixed = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    rewrite(fixedPath, fixed);
    await validateIn(p, fixedPath, CZ);
    expect(await verdictText(p)).toContain('✔ 通过');
    expect(await p.textContent('#send-line')).toContain('320400-常州市-2022.xlsx');
    const sent = await downloadFrom(p, '#dl-submission');
    await context.close();
    expect(sent.name).toBe('320400-常州市-2022.xlsx');
    const marks = await marksOf(sent.bytes);
    expect(marks).toEqual({
      fills: [],
      notes: [],
      sheets: [SHEET.instructions, SHEET.values, '指标解释', SHEET.enterprises, SHEET.meta],
    });
    writeFileSync(`${DIR}sent.xlsx`, sent.bytes);
    const fromSent = validateSubmission(sent.bytes, EXPECT);
    const fromClerk = validateSubmission(new Uint8Array(readFileSync(good)), EXPECT);
    expect(fromSent.ok).toBe(true);
    expect(fromSent.submission?.values).toEqual(fromClerk.submission?.values);
    expect(fromSent.submission?.enterprises.map((e) => ({ ...e }))).toEqual(
      fromClerk.submission?.enterprises.map((e) => ({ ...e })),
    );
  });

  it('annotating an annotated copy leaves no stale marks: its shading is the current findings', async () => {
    const broken = await withMistakes(new Uint8Array(readFileSync(good)));
    const first = await annotate(broken, validateSubmission(broken, EXPECT));
    // The copy corrected: one mistake left.
    const wb = await load(first);
    const original = await load(new Uint8Array(readFileSync(good)));
    const ws = wb.getWorksheet(SHEET.values);
    ws?.eachRow((row, n) => {
      if (row.getCell(1).value === CZ.city && row.getCell(3).value === 'GDP')
        row.getCell(6).value = original.getWorksheet(SHEET.values)?.getRow(n).getCell(6).value ?? null;
    });
    const corrected = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const report = validateSubmission(corrected, EXPECT);
    const again = await marksOf(await annotate(corrected, report));
    const cells = [
      ...new Set(report.findings.flatMap((f) => (f.sheet && f.cell ? [`${f.sheet}!${f.cell}`] : []))),
    ];
    expect(again.fills.sort()).toEqual(cells.sort());
    expect(again.notes.sort()).toEqual(cells.sort());
    expect(again.sheets.filter((s) => s === SHEET.findings)).toEqual([SHEET.findings]);
    // The cells whose marks went keep the template's own colour.
    const wb2 = await load(await annotate(corrected, report));
    const colours = new Set<string>();
    wb2.getWorksheet(SHEET.values)?.eachRow((row) => {
      const argb = (row.getCell(6).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
      if (argb) colours.add(argb);
    });
    expect(colours.has('FFFFF2CC')).toBe(true);
  });

  it('a file without errors offers the file to send; with warnings it says they need explaining', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    await validateIn(p, good, CZ);
    expect(await p.isVisible('#dl-submission')).toBe(true);
    const warnings = validateSubmission(new Uint8Array(readFileSync(good)), EXPECT).stats.warnings;
    expect(await p.textContent('#send-warnings')).toBe(
      warnings ? `还有 ${warnings} 个警告未解释：请逐条确认数据无误（必要时在备注列说明原因）后再报送。` : '',
    );
    await context.close();
  });
});

describe('smaller points', () => {
  it('two dropped files: the first is checked, the other named as not checked', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    await chooseUnit(p, CZ);
    const one = readFileSync(good).toString('base64');
    await nextVerdict(p, 0, () =>
      p.evaluate((b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], '320400-常州市-2022.xlsx'));
        dt.items.add(new File([bytes], '第二个.xlsx'));
        document
          .getElementById('drop')
          ?.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, one),
    );
    expect(await verdictText(p)).toContain('320400-常州市-2022.xlsx：✔ 通过');
    expect(await p.textContent('#drop-status')).toContain('未校验：第二个.xlsx');
    await context.close();
  });

  it('while the annotated copy is built its button waits and the page says so', async (ctx) => {
    const b = need(ctx);
    const { context, page: p } = await openPage(b, page.url);
    await validateIn(p, example('2022/320500-苏州市-2022.xlsx'));
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      (async () => {
        await p.click('#dl-annotated');
        expect(await p.isDisabled('#dl-annotated')).toBe(true);
        expect(await p.textContent('#download-status')).toBe('正在生成，请稍候…');
      })(),
    ]);
    expect(download.suggestedFilename()).toBe('320500-苏州市-2022.标注副本.xlsx');
    await p.waitForFunction(() => !(document.getElementById('dl-annotated') as HTMLButtonElement).disabled);
    expect(await p.textContent('#download-status')).toBe('已下载：320500-苏州市-2022.标注副本.xlsx');
    await context.close();
  });
});
