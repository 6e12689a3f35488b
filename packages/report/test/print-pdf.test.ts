import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aggregate } from '@sunan/aggregate';
import { innovationIndex, matrixFromAggregate } from '@sunan/index';
import { createTemplate, indexWorkbook, reportWorkbook } from '@sunan/report';
import { catalogueForms, sunanCatalogue, sunanIndexDefinition } from '@sunan/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { csv, inputs } from './examples-inputs.js';

// Most offices print from LibreOffice or WPS, not Excel: each workbook is converted by LibreOffice
// (one soffice run for all three, in a private profile) and the PDF read back with poppler. In CI
// (CI=true) a missing soffice or poppler fails the test; elsewhere it skips.
const out = fileURLToPath(new URL('../../../test-output/print/', import.meta.url));
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tools = ['soffice', 'pdftotext', 'pdfinfo', 'pdftoppm'];
const missing = tools.filter((t) => !has(t));
if (missing.length > 0 && process.env.CI === 'true')
  throw new Error(`LibreOffice/poppler missing in CI: ${missing.join(', ')} (.ci/run installs them)`);
const catalogue = sunanCatalogue();
const FILES = ['template', 'report', 'index'] as const;
type File = (typeof FILES)[number];
const pages = new Map<File, string[]>();
const A4 = /Page size:\s+(\d+(?:\.\d+)?) x (\d+(?:\.\d+)?) pts/;
let profile = '';
const size = new Map<File, string>();

async function workbooks(): Promise<Record<File, Uint8Array>> {
  // 常州 (320400) has two parks: the goal is its form on at most three pages.
  const t = await createTemplate({ city: '320400', period: '2022' });
  if (!t.ok) throw new Error('template');
  const [y2020, y2021, y2022] = [await inputs('2020'), await inputs('2021'), await inputs('2022')];
  const result = aggregate({
    submissions: y2022,
    previous: y2021,
    history: [{ period: '2020', submissions: y2020 }],
    period: '2022',
    controls: csv('controls-2022.csv'),
  });
  const history = [
    aggregate({ submissions: y2020, period: '2020' }),
    aggregate({ submissions: y2021, previous: y2020, period: '2021' }),
  ];
  const ix = innovationIndex(
    sunanIndexDefinition(),
    [...history, result].map((r) => matrixFromAggregate(r, sunanIndexDefinition())),
  );
  if (!ix.ok) throw new Error('index');
  return {
    template: t.bytes,
    report: await reportWorkbook(result, catalogue, { history }),
    index: await indexWorkbook(ix),
  };
}

beforeAll(async () => {
  if (missing.length > 0) return;
  mkdirSync(out, { recursive: true });
  const books = await workbooks();
  for (const f of FILES) writeFileSync(join(out, `${f}.xlsx`), books[f]);
  profile = mkdtempSync(join(tmpdir(), 'sunan-soffice-'));
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      out,
      ...FILES.map((f) => join(out, `${f}.xlsx`)),
    ],
    { stdio: 'pipe', timeout: 240_000 },
  );
  for (const f of FILES) {
    const pdf = join(out, `${f}.pdf`);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    pages.set(
      f,
      text.split('\f').filter((p) => p.trim() !== ''),
    );
    size.set(f, execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(A4)?.slice(1).join('x') ?? '');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(out, `${f}-page`)]);
  }
  // The 指标 form's own first page too: page 1 of the template is 填报说明.
  const form = (pages.get('template') ?? []).findIndex((p) => p.includes('本期') && p.includes('序号')) + 1;
  if (form > 0) {
    const n = String(form);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      n,
      '-l',
      n,
      join(out, 'template.pdf'),
      join(out, 'form'),
    ]);
  }
  console.log(FILES.map((f) => `${f}.pdf: ${pages.get(f)?.length} pages, ${size.get(f)} pt`).join('; '));
}, 300_000);

afterAll(() => {
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe.skipIf(missing.length > 0 && process.env.CI !== 'true')('printed from LibreOffice on A4', () => {
  it('every PDF is A4 (either orientation)', () => {
    for (const f of FILES) {
      const [w, h] = (size.get(f) ?? '').split('x').map(Number).sort();
      expect(Math.round(w ?? 0), f).toBe(595);
      expect(Math.round(h ?? 0), f).toBe(842);
    }
  });

  it('the 指标 form’s first page holds 指标名称 and the 本期 column; the city form is at most 3 pages', () => {
    const form = pages.get('template') ?? [];
    const values = form.findIndex((p) => p.includes('指标名称') && p.includes('序号'));
    expect(values).toBeGreaterThanOrEqual(0);
    expect(form[values]).toContain('本期');
    expect(form[values]).toContain(catalogueForms(catalogue).values.formNo);
    // The 指标 form's pages are those with its header row (本期 … 序号, repeated on each).
    const valuePages = form.filter((p) => p.includes('本期') && p.includes('序号'));
    console.log(`指标 form: ${valuePages.length} pages of ${form.length} in the template`);
    expect(valuePages.length).toBeLessThanOrEqual(3);
  });

  it('every page of every workbook has its title, period and 第 N 页', () => {
    const forms = catalogueForms(catalogue);
    const titles: Record<File, RegExp> = {
      template: new RegExp(`${forms.values.title.zh}|${forms.enterprises.title.zh}`),
      report: /苏南自创区创新指标汇总/,
      index: /自创区创新发展绩效评价/,
    };
    for (const f of FILES) {
      const list = pages.get(f) ?? [];
      expect(list.length, f).toBeGreaterThan(0);
      list.forEach((p, i) => {
        expect(p, `${f} page ${i + 1}`).toMatch(/第\s*\d+\s*页\s*共\s*\d+\s*页/);
        expect(p, `${f} page ${i + 1}`).toMatch(/2022/);
        expect(p, `${f} page ${i + 1}`).toMatch(titles[f]);
      });
    }
  });

  it('index.xlsx prints every indicator code in full', () => {
    const text = (pages.get('index') ?? []).join('\n');
    for (const code of sunanIndexDefinition().dimensions.flatMap((d) => d.indicators.map((i) => i.code)))
      expect(text, code).toContain(code);
  });

  it('report.xlsx stores figures without float noise (park shares such as 0.18420000000000003)', () => {
    const wb = XLSX.read(readFileSync(join(out, 'report.xlsx')), { type: 'buffer' });
    let numbers = 0;
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name] as XLSX.WorkSheet;
      for (const [ref, cell] of Object.entries(ws))
        if (!ref.startsWith('!') && typeof (cell as XLSX.CellObject).v === 'number') {
          const v = (cell as XLSX.CellObject).v as number;
          numbers++;
          expect(Number(v.toPrecision(12)), `${name}!${ref}`).toBe(v);
        }
    }
    expect(numbers).toBeGreaterThan(100);
  });

  it('report.xlsx prints on at most 12 pages', () => {
    expect(pages.get('report')?.length ?? 99).toBeLessThanOrEqual(12);
  });
});
