import { annotate, createTemplate } from '@sunan/report';
import { catalogue } from '@sunan/testkit';
import { SHEET, validateSubmission } from '@sunan/validate';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/print-setup.js';
import { filledWorkbook } from './helpers.js';

async function template(city = '320500'): Promise<Uint8Array> {
  const t = await createTemplate({ city, period: '2022' });
  if (!t.ok) throw new Error('template failed');
  return t.bytes;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb;
}

/** Each worksheet's XML by sheet name, straight from the zip (what Excel itself reads). */
function sheetXml(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes);
  const workbook = strFromU8(files['xl/workbook.xml'] as Uint8Array);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels'] as Uint8Array);
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
    out.set(m[1] ?? '', strFromU8(files[`xl/${target.replace(/^\/?xl\//, '')}`] as Uint8Array));
  }
  return out;
}

/** Every cell a sqref list covers, with how often. */
function coverage(xml: string): Map<string, number> {
  const seen = new Map<string, number>();
  for (const m of xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g))
    for (const part of (m[1] ?? '').split(' ')) {
      const [a, b = a] = part.split(':') as [string, string?];
      const col = a.replace(/\d+/g, '');
      expect(col, 'one column per range').toBe((b ?? a).replace(/\d+/g, ''));
      for (let r = Number(a.replace(/\D+/g, '')); r <= Number((b ?? a).replace(/\D+/g, '')); r++)
        seen.set(`${col}${r}`, (seen.get(`${col}${r}`) ?? 0) + 1);
    }
  return seen;
}

describe('the template prints as a form', () => {
  it('is A4 landscape, one page wide, header row repeated (read back by ExcelJS and from the XML)', async () => {
    const bytes = await template();
    const wb = await load(bytes);
    for (const name of [SHEET.instructions, SHEET.values, SHEET.enterprises]) {
      const ps = wb.getWorksheet(name)?.pageSetup;
      expect(ps, name).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
      });
      expect(ps?.fitToHeight, name).toBe(0);
    }
    expect(wb.getWorksheet(SHEET.values)?.pageSetup.printTitlesRow).toBe('1:1');
    expect(wb.getWorksheet(SHEET.enterprises)?.pageSetup.printTitlesRow).toBe('1:1');
    const xml = sheetXml(bytes).get(SHEET.values) ?? '';
    expect(xml).toMatch(/<pageSetUpPr[^>]*fitToPage="1"/);
    expect(xml).toMatch(
      /<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/,
    );
    const workbookXml = strFromU8(unzipSync(bytes)['xl/workbook.xml'] as Uint8Array);
    // localSheetId 1 is the 指标 sheet (0-based, after 填报说明); the apostrophes are XML-escaped.
    expect(workbookXml).toMatch(
      new RegExp(`name="_xlnm.Print_Titles" localSheetId="1">(&apos;|')${SHEET.values}(&apos;|')!\\$1:\\$1<`),
    );
  });

  it.each(['320100', '320500', '321100'])(
    'city %s: data-validation ranges never overlap and cover every value cell once',
    async (code) => {
      const bytes = await template(code);
      const ws = (await load(bytes)).getWorksheet(SHEET.values);
      const seen = coverage(sheetXml(bytes).get(SHEET.values) ?? '');
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      const rows = ws?.rowCount ?? 0;
      expect(rows).toBeGreaterThan(99);
      for (let r = 2; r <= rows; r++) expect(seen.get(`F${r}`), `F${r}`).toBe(1);
      expect(seen.size).toBe(rows - 1);
    },
  );

  it('keeps validation ranges apart in the annotated copy too', async () => {
    const bytes = await filledWorkbook('320500');
    const copy = await annotate(bytes, validateSubmission(bytes, { fileName: 'x.xlsx' }));
    const seen = coverage(sheetXml(copy).get(SHEET.values) ?? '');
    expect(seen.size).toBeGreaterThan(99);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('shows the longest indicator name and wraps the instructions inside the page', async () => {
    const wb = await load(await template());
    const ws = wb.getWorksheet(SHEET.values);
    const longest = Math.max(...catalogue.indicators.map((i) => displayWidth(i.name.zh)));
    expect(longest).toBeGreaterThan(60);
    expect(ws?.getColumn(4).width ?? 0).toBeGreaterThanOrEqual(longest);
    const codeWidth = Math.max(...catalogue.indicators.map((i) => i.code.length));
    expect(ws?.getColumn(3).width ?? 0).toBeGreaterThan(codeWidth);
    const info = wb.getWorksheet(SHEET.instructions);
    const width = info?.getColumn(1).width ?? 0;
    expect(width).toBeLessThanOrEqual(110);
    info?.eachRow((row) => {
      const c = row.getCell(1);
      const text = typeof c.value === 'string' ? c.value : '';
      if (displayWidth(text) > width) {
        expect(c.alignment?.wrapText, text).toBe(true);
        expect(row.height ?? 0, text).toBeGreaterThan(20);
      }
    });
  });

  it('points offices to the web page first and the command second', async () => {
    const wb = await load(await template());
    const text: string[] = [];
    wb.getWorksheet(SHEET.instructions)?.eachRow((r) => {
      text.push(String(r.getCell(1).value ?? ''));
    });
    const all = text.join('\n');
    expect(all).toContain('sunan-web.html');
    expect(all.indexOf('sunan-web.html')).toBeLessThan(all.indexOf('sunan validate'));
  });
});
