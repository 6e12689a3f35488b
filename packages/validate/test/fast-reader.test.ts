import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ValidationReport, validateSubmission } from '@sunan/validate';
import { nodeInflater } from '@sunan/validate/node';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { Decline } from '../src/read/fast/decline.js';
import { type RowSink, ScanLimit, SheetScanner } from '../src/read/fast/sheet-scan.js';
import { type WorkbookParts, workbookParts } from '../src/read/fast/workbook-parts.js';
import { DEFAULT_LIMITS } from '../src/read/limits.js';
import { parseInput } from '../src/read/parse-input.js';
import { catalogue, city, filledWorkbook, mutate, period, syntheticSubmission } from './helpers.js';
import { patchEntry, patchSheet, replaceCell } from './hostile/craft-xlsx.js';
import { SLOW_SHAPES } from './hostile/ooxml-shapes.js';
import { genWorkbook, writeWorkbook } from './random-workbooks.js';

// The fast reader's guarantee: on every file it reads, the report is identical to the SheetJS path's
// (findings, values, locations) — only `stats.reader` differs. For generated workbooks the two readers'
// outputs (rows, cells, locations, hidden flags, merge findings, metadata) are compared — the report is
// a pure function of them — and every tenth also as full reports. 5,000 generated workbooks, in one
// zone (reading does not depend on it). SUNAN_DIFF_RUNS lowers the count locally.
const RUNS = Number(process.env.SUNAN_DIFF_RUNS ?? 5000);
const dataDir = fileURLToPath(new URL('../../../examples/data', import.meta.url));

const both = (bytes: Uint8Array, fileName = 'x.xlsx') => ({
  fast: validateSubmission(bytes, { fileName, catalogue }),
  sheetjs: validateSubmission(bytes, { fileName, catalogue, reader: 'sheetjs' }),
});
const withoutReader = (r: ValidationReport) => ({ ...r, stats: { ...r.stats, reader: undefined } });

function expectSame(bytes: Uint8Array, fileName?: string): ValidationReport {
  const { fast, sheetjs } = both(bytes, fileName);
  expect(sheetjs.stats.reader).not.toBe('fast');
  expect(withoutReader(fast)).toEqual(withoutReader(sheetjs));
  return fast;
}

/**
 * A reader's output as the checks see it: the list as its rows and their locations, whatever the
 * reader stores (the fast reader keeps a plain shared string's index, SheetJS's path the text).
 */
function asRead(read: ReturnType<typeof parseInput>) {
  const rows = read.parsed?.enterpriseRows;
  if (read.parsed === undefined || rows === undefined) return read;
  const list = Array.from({ length: rows.length }, (_, i) => {
    const { creditCode, name, park, certificateNo, certifiedYear, at } = rows.row(i);
    return { creditCode, name, park, certificateNo, certifiedYear, at };
  });
  const lines = rows.lines && {
    sheet: rows.lines.sheet,
    column: rows.lines.column,
    lines: Array.from({ length: rows.length }, (_, i) => rows.lines?.line(i)),
  };
  return { ...read, parsed: { ...read.parsed, enterpriseRows: { list, lines } } };
}

/** Both readers' output (the report is a pure function of it); true when the fast reader read it. */
function expectSameRead(bytes: Uint8Array): boolean {
  const fast = parseInput(bytes, DEFAULT_LIMITS);
  const sheetjs = parseInput(bytes, DEFAULT_LIMITS, 'sheetjs');
  expect(sheetjs.reader).toBeUndefined();
  expect(asRead(fast)).toEqual(asRead({ ...sheetjs, ...(fast.reader ? { reader: 'fast' } : {}) }));
  return fast.reader === 'fast';
}

describe('the fast reader gives the same reports as SheetJS', () => {
  it('on every example file, each read by the fast reader', () => {
    for (const year of readdirSync(dataDir).filter((d) => /^\d{4}$/.test(d)))
      for (const f of readdirSync(join(dataDir, year))) {
        const bytes = new Uint8Array(readFileSync(join(dataDir, year, f)));
        const report = expectSame(bytes, f);
        expect(report.stats.reader, f).toBe('fast');
        // Node's native inflater in place of fflate: the same report.
        expect(validateSubmission(bytes, { fileName: f, catalogue, inflater: nodeInflater }), f).toEqual(
          report,
        );
      }
  }, 300_000);

  it('on each example file in Open XML SDK style and without cell references, each with an empty sheet', () => {
    // The fast reader declines both shapes; the SheetJS path must give the plain file's report, and
    // promptly (a sheet without rows once sent the row-overflow search round in circles).
    const year = join(dataDir, '2022');
    for (const f of readdirSync(year)) {
      const bytes = new Uint8Array(readFileSync(join(year, f)));
      const plain = withoutReader(validateSubmission(bytes, { fileName: f, catalogue }));
      for (const shape of SLOW_SHAPES) {
        const report = validateSubmission(shape.make(bytes), { fileName: f, catalogue });
        expect(report.stats.reader, `${shape.name} ${f}`).toBe('sheetjs');
        expect(withoutReader(report), `${shape.name} ${f}`).toEqual(plain);
      }
    }
  }, 120_000);

  let clean: Uint8Array;
  beforeAll(async () => {
    clean = await filledWorkbook('320400');
  }, 120_000);

  it('on the template altered by a second writer (merges, hidden rows, formulas, errors, dates)', () => {
    const variants: ((wb: XLSX.WorkBook) => void)[] = [
      () => {},
      (wb) => {
        const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
        ws['!merges'] = [XLSX.utils.decode_range('F3:F4'), XLSX.utils.decode_range('A7:B7')];
        ws['!rows'] = [undefined, { hidden: true }, undefined, { hidden: true }] as XLSX.RowInfo[];
      },
      (wb) => {
        const ws = wb.Sheets['指标'] as XLSX.WorkSheet;
        ws.F2 = { t: 'n', f: 'F3*2' } as XLSX.CellObject;
        ws.F3 = { t: 'e', v: 7, f: '1/0' };
        ws.F4 = { t: 'n', v: 44927, z: 'yyyy-mm-dd' };
        ws.F5 = { t: 's', v: ' 1,234.50 ' };
        ws.F6 = { t: 'b', v: true };
        ws.C7 = { t: 's', v: 'R&D <x> "q"' };
      },
      (wb) => {
        const meta = wb.Sheets._meta as XLSX.WorkSheet;
        meta.B5 = { t: 'n', v: 2022 };
        const ent = wb.Sheets['高新技术企业名单'] as XLSX.WorkSheet;
        ent.A2 = { t: 'n', v: 91320 };
        ent.E3 = { t: 's', v: '２０２１' };
      },
    ];
    for (const [i, change] of variants.entries()) {
      for (const bookSST of i === 1 ? [true, false] : [i % 2 === 0]) {
        const wb = XLSX.read(mutate(clean, change), {
          type: 'array',
          cellStyles: true,
          cellNF: true,
          cellFormula: true,
        });
        const bytes = new Uint8Array(
          XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST, cellStyles: true }) as ArrayBuffer,
        );
        expectSame(bytes);
      }
    }
  }, 300_000);

  it('on broken input (truncated, bad zip), which the fast reader leaves to SheetJS', () => {
    expectSame(clean.slice(0, Math.floor(clean.length / 2)));
    expectSame(clean.slice(0, clean.length - 10));
  });

  it('refuses a sheet past the row limit where the scan reaches it, naming the limit and the row', () => {
    const report = validateSubmission(clean, { limits: { maxRows: 50 } });
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.code, f.sheet, f.value, f.message.zh, f.message.en])).toEqual([
      [
        'FILE_TOO_MANY_ROWS',
        '指标',
        '51',
        '工作表“指标”超过 50 行的上限（已读到第 51 行）',
        'Sheet 指标 exceeds the limit of 50 rows (read up to row 51)',
      ],
    ]);
    // The SheetJS path says the same in its own words.
    const sheetjs = validateSubmission(clean, { limits: { maxRows: 50 }, reader: 'sheetjs' });
    expect(sheetjs.findings.map((f) => f.code)).toContain('FILE_TOO_MANY_ROWS');
  });

  it('on XML below what any writer makes (hand-edited cells, odd markup, broken references)', async () => {
    const cell = (ref: string, xml: string) => (b: Uint8Array) =>
      patchSheet(b, '指标', (x) => replaceCell(x, ref, xml));
    const edits: ((b: Uint8Array) => Uint8Array)[] = [
      cell('F2', '<c r="F2"><v/></c>'),
      cell('F2', '<c r="F2" t="n"><f>F3*2</f></c>'),
      cell('F2', '<c r="F2"><f t="shared" ref="F2:F3" si="0">F9*2</f></c>'),
      cell('F2', '<c r="F2" t="e"><f>1/0</f><v>#SPILL!</v></c>'),
      cell('F2', '<c r="F2" t="e"></c>'),
      cell('F2', '<c r="F2" t="str"><f>"x"</f><v>&amp;lt;1&amp;gt; &#xE9; _x0041_</v></c>'),
      cell(
        'F2',
        '<c r="F2" t="inlineStr"><is><r><t>12</t></r><r><rPr><b/></rPr><t xml:space="preserve">3.5 </t></r></is></c>',
      ),
      cell('F2', '<c r="F2" t="inlineStr"><is><t><![CDATA[99]]></t></is></c>'),
      cell('F2', '<c r="F2" t="s"><v>999999</v></c>'),
      cell('F2', '<c r="F2" t="d"><v>2022-01-01</v></c>'),
      cell('F2', '<c r="F2" t="b"/>'),
      cell('F2', '<c r="F2" s="999"><v>5</v></c>'),
      cell('F2', '<c r="F2" t="n"><v>1e3</v></c>'),
      cell('F2', '<c r="F2"><v>abc</v></c>'),
      cell('F2', '<c r="F2"><v> 12 </v></c>'),
      cell('A3', '<c r="A3" t="inlineStr"><is><t>&#x33;&#x32;0400</t></is></c>'),
      cell('C3', '<c r="C3" t="inlineStr"><is><t>&AMP;GDP</t></is></c>'),
      (b) => patchSheet(b, '指标', (x) => x.replace(/<dimension ref="[^"]*"\/>/, '')),
      (b) =>
        patchSheet(b, '指标', (x) => x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:G300000"/>')),
      (b) => patchSheet(b, '指标', (x) => x.replace('<row r="5"', '<row r="5" hidden="true"')),
      (b) => patchSheet(b, '指标', (x) => x.replace(/<c r="F4"/, '<c r="F4" foo=\'1\'')),
      (b) =>
        patchSheet(b, '指标', (x) =>
          x.replace(
            /<\/sheetData>/,
            '</sheetData><mergeCells count="1"><mergeCell ref="E4:F5"/></mergeCells>',
          ),
        ),
      (b) =>
        patchSheet(b, '指标', (x) => x.replace(/ r="([A-Z]+)(\d+)"/g, (m, c, _r) => (c === 'G' ? '' : m))),
      (b) => patchSheet(b, '_meta', (x) => x.replace(/<sheetData>/, '<sheetData><!-- note -->')),
      (b) => patchEntry(b, 'xl/workbook.xml', (x) => x.replace('<workbookPr ', '<workbookPr date1904="1" ')),
      (b) =>
        patchEntry(b, 'xl/sharedStrings.xml', (x) =>
          x.replace('<si>', '<si><rPh sb="0" eb="1"><t>ふ</t></rPh>'),
        ),
    ];
    let fast = 0;
    // A small list, so that two dozen edits stay quick.
    const small = await filledWorkbook(
      '321100',
      '2022',
      syntheticSubmission({ catalogue, city: city('321100'), period: period('2022'), enterprises: 30 }),
    );
    for (const edit of edits) if (expectSameRead(edit(small))) fast++;
    expect(fast).toBeGreaterThan(edits.length / 2);
  });

  it(`on ${RUNS} generated workbooks`, () => {
    let fastCount = 0;
    let n = 0;
    fc.assert(
      fc.property(genWorkbook, (gen) => {
        const bytes = writeWorkbook(gen);
        const fast = parseInput(bytes, DEFAULT_LIMITS);
        expect(asRead(fast)).toEqual(
          asRead({
            ...parseInput(bytes, DEFAULT_LIMITS, 'sheetjs'),
            ...(fast.reader ? { reader: 'fast' } : {}),
          }),
        );
        if (fast.reader === 'fast') fastCount++;
        if (n++ % 10 === 0) expectSame(bytes);
      }),
      { numRuns: RUNS, seed: 16_000 },
    );
    // Most generated files must really go through the fast reader, or this test tests nothing.
    expect(fastCount).toBeGreaterThan(RUNS * 0.6);
  }, 600_000);
});

describe('the streaming scanner', () => {
  /** Every row, cell, extent, merge and formula a scan of the sheet reports, with the given batching. */
  function scanned(xml: Uint8Array, parts: WorkbookParts, chunks: readonly number[], batch?: number) {
    const rows: unknown[] = [];
    const formulas: unknown[] = [];
    const sink: RowSink = { want: () => true, row: (r, hidden, cells) => rows.push([r, hidden, [...cells]]) };
    const scanner = new SheetScanner(parts, 250_000, sink, (ref, f) => formulas.push([ref, f]), batch);
    let at = 0;
    for (let i = 0; at < xml.length; i++) {
      const size = Math.max(1, chunks.length === 0 ? xml.length : (chunks[i % chunks.length] as number));
      scanner.push(xml.subarray(at, at + size));
      at += size;
    }
    try {
      return { rows, formulas, shape: scanner.end() };
    } catch (e) {
      return { declined: e instanceof Decline };
    }
  }

  it('reads the same rows whatever the inflater chunks and the batch size (property, batch boundaries)', () => {
    fc.assert(
      fc.property(
        genWorkbook,
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 600 }),
        (gen, chunks, batch) => {
          const entries = new Map(Object.entries(unzipSync(writeWorkbook(gen))));
          let parts: WorkbookParts;
          try {
            parts = workbookParts(entries);
          } catch {
            return;
          }
          for (const path of parts.sheets.values()) {
            const xml = entries.get(path) as Uint8Array;
            expect(scanned(xml, parts, chunks, batch)).toEqual(scanned(xml, parts, []));
          }
        },
      ),
      { numRuns: 600, seed: 16_500 },
    );
  });
});

describe('the streaming scanner holds a bounded stretch of the sheet', () => {
  const enc = new TextEncoder();
  const LIMIT = 64 * 1024;
  const BATCH = 4 * 1024;
  const example = readFileSync(join(dataDir, '2022', '321100-镇江市-2022.xlsx'));
  const parts = workbookParts(new Map(Object.entries(unzipSync(new Uint8Array(example)))));
  const HEADER =
    '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>';

  /** Pushes head, then `filler` about 1 KiB at a time up to 4 MiB, then the end; what the scan did and how far it got. */
  function feed(head: string, filler: string, end: string) {
    const rows: number[] = [];
    const sink: RowSink = { want: () => true, row: (r) => rows.push(r) };
    const scanner = new SheetScanner(parts, 250_000, sink, undefined, BATCH, LIMIT);
    const block = enc.encode(filler.repeat(Math.max(1, Math.floor(1024 / filler.length))));
    let pushed = 0;
    try {
      scanner.push(enc.encode(head));
      for (; pushed < 4 * 1024 * 1024; pushed += block.length) scanner.push(block);
      scanner.push(enc.encode(end));
      return { rows, shape: scanner.end(), pushed };
    } catch (e) {
      if (!(e instanceof ScanLimit)) throw e;
      return { rows, limit: [e.kind, e.row], pushed };
    }
  }

  it('stops within a batch of the limit on a list with no row boundary, an unclosed cell, a long head or tag', () => {
    const cases = [
      feed('<worksheet><sheetData>', 'x', '</sheetData></worksheet>'),
      feed(
        `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>`,
        '字',
        '</t></is></c></row></sheetData></worksheet>',
      ),
      feed('<worksheet><cols>', ' ', '</cols><sheetData/></worksheet>'),
      feed(`${HEADER}</sheetData><extLst a="`, 'y', '"/></worksheet>'),
      // Tags without end, each with a `<`: scanned again only as the held bytes double.
      feed(
        `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>`,
        '<b',
        '</t></is></c></row></sheetData></worksheet>',
      ),
    ];
    expect(cases.map((c) => c.limit)).toEqual([
      ['long', 0],
      ['long', 1],
      ['long', 0],
      ['long', 1],
      ['long', 1],
    ]);
    for (const c of cases) expect(c.pushed).toBeLessThanOrEqual(LIMIT + BATCH);
  });

  it('reads what is long but whole: rows up to the limit, padding between rows, a long tail of merges', () => {
    const cell = (r: number, text: string) =>
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${text}</t></is></c></row>`;
    const wide = feed(
      `${HEADER}${cell(2, 'a'.repeat(LIMIT - 100))}`,
      ' ',
      `${cell(3, 'b')}</sheetData></worksheet>`,
    );
    expect(wide.rows).toEqual([0, 1, 2]);
    const spaces = feed(
      `${HEADER}</sheetData>`,
      ' ',
      '<mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>',
    );
    expect(spaces.shape?.merges.length).toBe(1);
    const merges = feed(
      `${HEADER}</sheetData><mergeCells>`,
      '<mergeCell ref="A1:B2"/>',
      '</mergeCells></worksheet>',
    );
    expect(merges.limit).toBeUndefined();
    expect(merges.shape?.merges.length).toBe((merges.pushed / 1008) * 42);
  });
});

describe('reading values only (previous and history periods)', () => {
  it('gives the values of a full validation, without the enterprise list', () => {
    const year = join(dataDir, '2021');
    for (const f of readdirSync(year)) {
      const bytes = new Uint8Array(readFileSync(join(year, f)));
      const full = validateSubmission(bytes, { catalogue });
      const values = validateSubmission(bytes, { catalogue, valuesOnly: true });
      expect(values.stats.reader).toBe('fast');
      expect(values.submission?.values).toEqual(full.submission?.values);
      expect(values.submission?.enterprises).toEqual([]);
      expect(values.findings).toEqual(full.findings.filter((x) => !x.code.startsWith('ENT_')));
    }
  });
});
