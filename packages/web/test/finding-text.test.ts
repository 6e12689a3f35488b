import { readdirSync, readFileSync } from 'node:fs';
import type { Finding } from '@sunan/schema';
import { filledWorkbook, mutate, rowOf, setValue } from '@sunan/testkit';
import { ENTERPRISE_HEADERS, FINDING_CODES, SHEET, VALUE_HEADERS, validateSubmission } from '@sunan/validate';
import { describe, expect, it } from 'vitest';
import type * as XLSX from 'xlsx';
import { hostileCorpus } from '../../validate/test/hostile/corpus.js';
import { readableIn, TEXT } from '../src/page/i18n.js';
import { example } from './helpers.js';

/**
 * Every finding a clerk can meet, over example inputs, read as the clerk reads it: Chinese without
 * codes, interval brackets, ∞ or English words; English without Chinese. The table of inputs is
 * built from the examples, planted mistakes of each kind, and the hostile corpus.
 */

interface Case {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly options?: Parameters<typeof validateSubmission>[1];
}

const read = (rel: string) => new Uint8Array(readFileSync(example(rel)));
const ZJ = '321100';
const zj = () => read('2022/321100-镇江市-2022.xlsx');

function examples(): Case[] {
  return ['2020', '2021', '2022'].flatMap((year) =>
    readdirSync(example(year))
      .filter((f) => f.endsWith('.xlsx'))
      .flatMap((f) => [
        { name: `${year}/${f}`, bytes: read(`${year}/${f}`) },
        // The wrong city and the wrong year for what the clerk chose.
        {
          name: `${year}/${f} as 常州 2022`,
          bytes: read(`${year}/${f}`),
          options: { expectCity: '320400', expectPeriod: '2022' },
        },
      ]),
  );
}

function previousYear(): Case[] {
  const file = zj();
  return [
    { name: 'previous: own', bytes: file, options: { previous: read('2021/321100-镇江市-2021.xlsx') } },
    {
      name: 'previous: other city',
      bytes: file,
      options: { previous: read('2021/320200-无锡市-2021.xlsx') },
    },
    { name: 'previous: same year', bytes: file, options: { previous: read('2022/321100-镇江市-2022.xlsx') } },
    { name: 'previous: garbage', bytes: file, options: { previous: new Uint8Array([1, 2, 3]) } },
  ];
}

/** Planted mistakes in each indicator's value cell: text, negative, ×10,000, too many decimals, blank. */
async function plantedValues(): Promise<Case[]> {
  const base = await filledWorkbook(ZJ);
  const codes = ['GDP', 'RD_INTENSITY', 'HTE_COUNT', 'PATENTS_INVENTION', 'ST_PROGRESS_CONTRIB'];
  const cells: [string, XLSX.CellObject][] = [
    ['text', { t: 's', v: '约三千' }],
    ['negative', { t: 'n', v: -5 }],
    ['times 10000', { t: 'n', v: 3_000_000_000 }],
    ['decimals', { t: 'n', v: 12.3456789 }],
    ['blank', { t: 'z' }],
    ['wan-yuan', { t: 's', v: '35000万元' }],
    ['percent text', { t: 's', v: '3.2%' }],
    ['error cell', { t: 'e', v: 7 }],
  ];
  return codes.flatMap((code) =>
    cells.map(([what, cell]) => ({
      name: `${code} ${what}`,
      bytes: mutate(base, (wb) => {
        setValue(wb, ZJ, code, cell);
      }),
    })),
  );
}

/** Planted mistakes in the enterprise list. */
async function plantedList(): Promise<Case[]> {
  const base = await filledWorkbook(ZJ);
  const edit = (name: string, change: (ws: XLSX.WorkSheet) => void): Case => ({
    name,
    bytes: mutate(base, (wb) => change(wb.Sheets[SHEET.enterprises] as XLSX.WorkSheet)),
  });
  return [
    edit('bad check character', (ws) => {
      const c = ws.A2 as XLSX.CellObject;
      ws.A2 = { t: 's', v: `${String(c.v).slice(0, 17)}${String(c.v).endsWith('0') ? '1' : '0'}` };
    }),
    edit('short code', (ws) => {
      ws.A3 = { t: 's', v: '91320' };
    }),
    edit('duplicate', (ws) => {
      ws.A4 = ws.A2 as XLSX.CellObject;
    }),
    edit('blank name', (ws) => {
      ws.B2 = { t: 's', v: '' };
    }),
    edit('unknown park', (ws) => {
      ws.C2 = { t: 's', v: '火星高新区' };
    }),
    edit('year 1900', (ws) => {
      ws.E2 = { t: 'n', v: 1900 };
    }),
    edit('future year', (ws) => {
      ws.E3 = { t: 'n', v: 2031 };
    }),
    edit('text year', (ws) => {
      ws.E4 = { t: 's', v: '去年' };
    }),
    edit('no header', (ws) => {
      ws.A1 = { t: 's', v: '代码' };
    }),
  ];
}

/** The hostile corpus without its largest inputs (their findings are those of smaller ones, but for the cap). */
const LARGE = /bomb-honest|padded|200k-blank|merged-150k|200k-bad-codes|json-1m/;

function hostile(): Case[] {
  return hostileCorpus()
    .filter((c) => !LARGE.test(c.name))
    .map((c) => ({
      name: `hostile ${c.name}`,
      bytes: c.bytes(),
      options: c.args?.includes('--expect-period') ? { defaultPeriod: '2022', expectPeriod: '2022' } : {},
    }));
}

/** Words of the workbook itself, which an English message names as they are in the file. */
const FILE_WORDS = [
  ...Object.values(SHEET),
  ...Object.values(VALUE_HEADERS),
  ...Object.values(ENTERPRISE_HEADERS),
].sort((a, b) => b.length - a.length);

/** What a text breaks of the rules, or undefined. */
function broken(text: string, lang: 'zh' | 'en'): string | undefined {
  const said = lang === 'en' ? FILE_WORDS.reduce((t, w) => t.split(w).join(' '), text) : text;
  return readableIn(said, lang) ? undefined : text;
}

describe('finding text a clerk reads without a manual', () => {
  it('every finding over the examples, planted mistakes and hostile inputs: zh has no code, bracket, ∞ or English; en no Chinese', async () => {
    const cases = [
      ...examples(),
      ...previousYear(),
      ...(await plantedValues()),
      ...(await plantedList()),
      ...hostile(),
    ];
    const seen = new Map<string, Finding>();
    const bad: string[] = [];
    for (const c of cases) {
      const r = validateSubmission(c.bytes, { fileName: 'x.xlsx', ...c.options });
      for (const f of r.findings) {
        if (!seen.has(f.code)) seen.set(f.code, f);
        const zh = broken(f.message.zh, 'zh');
        const en = broken(f.message.en, 'en');
        if (zh) bad.push(`${f.code} zh: ${zh}`);
        if (en) bad.push(`${f.code} en: ${en}`);
      }
    }
    const unique = [...new Set(bad)];
    const byCode = new Map<string, string>();
    for (const b of unique) if (!byCode.has(b.split(' ')[0] ?? '')) byCode.set(b.split(' ')[0] ?? '', b);
    const missing = Object.keys(FINDING_CODES).filter((c) => !seen.has(c));
    process.stdout.write(
      `finding codes met: ${seen.size} of ${Object.keys(FINDING_CODES).length}; not met: ${missing.join(' ')}\n`,
    );
    expect([...byCode.values()]).toEqual([]);
    expect(seen.size).toBeGreaterThan(40);
  }, 300_000);

  it('the page’s labels: zh without English words, en without Chinese', () => {
    const bad = Object.entries(TEXT).flatMap(([key, t]) => {
      // The language switch names the other language in that language.
      if (key === 'switchLang' || key === 'switchLangLabel') return [];
      return [broken(t.zh, 'zh') && `${key} zh: ${t.zh}`, broken(t.en, 'en') && `${key} en: ${t.en}`].filter(
        Boolean,
      );
    });
    expect(bad).toEqual([]);
  });
});

export { rowOf };
