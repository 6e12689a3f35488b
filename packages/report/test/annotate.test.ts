import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ANNOTATION_FILL, annotate, worstSeverity } from '@sunan/report';
import type { Finding } from '@sunan/schema';
import { SHEET, validateSubmission } from '@sunan/validate';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { filledWorkbook, mutate, setValue } from './helpers.js';

const example = (name: string) =>
  new Uint8Array(
    readFileSync(fileURLToPath(new URL(`../../../examples/data/2022/${name}`, import.meta.url))),
  );

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb;
}

/** Every cell's fill on the original sheets, by `sheet!A1`. */
function fills(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  wb.eachSheet((ws) => {
    if (ws.name === SHEET.findings) return;
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) =>
        out.set(`${ws.name}!${c.address}`, JSON.stringify(c.fill ?? null)),
      ),
    );
  });
  return out;
}

function cellFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings)
    if (f.sheet && f.cell) m.set(`${f.sheet}!${f.cell}`, [...(m.get(`${f.sheet}!${f.cell}`) ?? []), f]);
  return m;
}

/** Reads the annotated copy back and checks every cell: shaded iff it has findings, in its colour. */
async function expectExactShading(input: Uint8Array, fileName: string) {
  const report = validateSubmission(input, { fileName });
  const marked = cellFindings(report.findings);
  expect(marked.size).toBeGreaterThan(0);
  const before = fills(await load(input));
  const copy = await load(await annotate(input, report));
  const after = fills(copy);
  for (const [ref, list] of marked) {
    const [sheet, cell] = ref.split('!') as [string, string];
    const c = copy.getWorksheet(sheet)?.getCell(cell);
    expect(c?.fill, ref).toMatchObject({ fgColor: { argb: ANNOTATION_FILL[worstSeverity(list)] } });
    expect(String(c?.note ? JSON.stringify(c.note) : ''), ref).toContain(list[0]?.code ?? '?');
  }
  let unchanged = 0;
  for (const [ref, fill] of before) {
    if (marked.has(ref)) continue;
    expect(after.get(ref) ?? 'null', `${ref} keeps its look`).toBe(fill);
    unchanged++;
  }
  const severityColours = new Set(Object.values(ANNOTATION_FILL));
  const shaded = [...after].filter(([, f]) => [...severityColours].some((col) => f.includes(col)));
  expect(shaded.map(([ref]) => ref).sort()).toEqual([...marked.keys()].sort());
  return { report, marked, unchanged };
}

describe('annotate', () => {
  it('shades exactly the cells with findings of 镇江 第1版, each in its severity colour (exceljs#2055)', async () => {
    const { report, marked, unchanged } = await expectExactShading(
      example('321100-镇江市-2022-第1版.xlsx'),
      '321100-镇江市-2022-第1版.xlsx',
    );
    expect(unchanged).toBeGreaterThan(100);
    // The planted ratio disagreement is an error and must show the error colour, not the warning one.
    const severities = new Set([...marked.values()].map(worstSeverity));
    expect(severities.has('error')).toBe(true);
    expect(report.ok).toBe(false);
  });

  it('shades only the one planted cell of an otherwise clean template', async () => {
    const clean = await filledWorkbook('320400');
    const bad = mutate(clean, (wb) => setValue(wb, '320400', 'GDP', { t: 's', v: 'abc' }));
    const { marked } = await expectExactShading(bad, 'bad.xlsx');
    expect([...marked.keys()].some((k) => k.startsWith(`${SHEET.values}!F`))).toBe(true);
  });

  it('writes formulas as their cached values and formula-like text as text', async () => {
    const wb = new ExcelJS.Workbook();
    const clean = await load(await filledWorkbook('321100'));
    const ws = clean.getWorksheet(SHEET.values);
    if (!ws) throw new Error('no sheet');
    ws.getCell('G2').value = { formula: 'F2*2', result: 42 };
    ws.getCell('G3').value = '=HYPERLINK("http://example.com","x")';
    ws.getCell('G4').value = '@SUM(1)';
    ws.getCell('G5').value = '+1+1';
    ws.getCell('G6').value = '-2+3';
    ws.getCell('G7').value = '\t=1\r';
    const input = new Uint8Array((await clean.xlsx.writeBuffer()) as ArrayBuffer);
    const report = validateSubmission(input, { fileName: 'f.xlsx' });
    const out = await annotate(input, report);
    const xml = Object.entries(unzipSync(out))
      .filter(([n]) => n.startsWith('xl/worksheets/'))
      .map(([, d]) => strFromU8(d))
      .join('');
    expect(xml).not.toMatch(/<f[ >]/);
    await wb.xlsx.load(out.slice().buffer as ArrayBuffer);
    const back = wb.getWorksheet(SHEET.values);
    expect(back?.getCell('G2').value).toBe(42);
    expect(back?.getCell('G3').value).toBe('=HYPERLINK("http://example.com","x")');
    const sheet = XLSX.read(out, { type: 'array' }).Sheets[SHEET.values];
    expect(sheet?.G3?.t).toBe('s');
    expect(sheet?.G3?.f).toBeUndefined();
    for (const ref of ['G4', 'G5', 'G6', 'G7']) {
      expect(sheet?.[ref]?.t, ref).toBe('s');
      expect(sheet?.[ref]?.f, ref).toBeUndefined();
    }
    expect(back?.getCell('G6').value).toBe('-2+3');
  });
});
