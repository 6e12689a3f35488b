// Random workbooks for the differential tests of the fast reader against SheetJS: the template's
// layout (指标, 高新技术企业名单, _meta) written straight as XML with the features a reader can get
// wrong — shared, inline and rich-text strings, entities and numeric character references, CJK,
// `_xHHHH_` escapes, numbers with built-in and custom formats (dates among them), booleans, errors,
// formulas with and without cached values (shared ones too), merged ranges, hidden rows, title rows
// above the header, reordered columns — or written by SheetJS itself from the same cells.
import { templateRows } from '@sunan/validate';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { catalogue, city, period } from './helpers.js';

/** One cell as generated, before it is written. */
export type GenCell =
  | { kind: 'blank' }
  | { kind: 'number'; value: number; style: number }
  | { kind: 'string'; text: string; how: 'shared' | 'inline' | 'rich' | 'formula' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'error'; text: '#DIV/0!' | '#N/A' | '#VALUE!' | '#REF!' }
  | { kind: 'formula'; formula: string; cached: number | undefined; shared: boolean };

export interface GenSheet {
  readonly rows: readonly { readonly cells: readonly GenCell[]; readonly hidden: boolean }[];
  readonly merges: readonly string[];
  readonly dimension: 'exact' | 'none' | 'bigger';
}

export interface GenWorkbook {
  readonly sheets: readonly { readonly name: string; readonly sheet: GenSheet }[];
  readonly writer: 'raw' | 'sheetjs';
  /** Raw writer: numeric character references for non-ASCII text. */
  readonly charRefs: boolean;
}

// Cell styles of the generated styles.xml: index → number format id.
export const STYLE_FORMATS = [0, 2, 10, 14, 164, 49, 3, 22] as const;
const CUSTOM_FORMATS: Record<number, string> = { 164: '0.0' };

const zh = (t: string | { zh: string }) => (typeof t === 'string' ? t : t.zh);
const rows = templateRows(catalogue, city('320500'), period('2022'));

const pieces = fc.constantFrom(
  '苏州',
  '工业园区',
  '&',
  '<',
  '>',
  '"',
  "'",
  ' ',
  '\n',
  '\r\n',
  '_x000D_',
  'R&D',
  '320500',
  'GDP',
  '1,234.5',
  '12%',
  '３２０５００',
  '亿元',
  '😀',
  'é',
  'abc',
);
const text = fc.array(pieces, { minLength: 0, maxLength: 4 }).map((p) => p.join(''));

const numberCell: fc.Arbitrary<GenCell> = fc.record({
  kind: fc.constant('number' as const),
  value: fc.oneof(
    fc.integer({ min: -1000, max: 100000 }),
    fc.double({ min: -1e6, max: 1e9, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, 0.5, 44927, 1e-7, 123456789.123),
  ),
  style: fc.nat({ max: STYLE_FORMATS.length - 1 }),
});
const stringCell = (t: fc.Arbitrary<string>): fc.Arbitrary<GenCell> =>
  fc.record({
    kind: fc.constant('string' as const),
    text: t,
    how: fc.constantFrom('shared' as const, 'inline' as const, 'rich' as const, 'formula' as const),
  });
const anyCell: fc.Arbitrary<GenCell> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'blank' as const }) },
  { weight: 4, arbitrary: numberCell },
  { weight: 4, arbitrary: stringCell(text) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bool' as const), value: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('error' as const),
      text: fc.constantFrom('#DIV/0!' as const, '#N/A' as const, '#VALUE!' as const, '#REF!' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('formula' as const),
      formula: fc.constantFrom('A1*2', 'SUM(F2:F3)', '1/0'),
      cached: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
      shared: fc.boolean(),
    }),
  },
);
/** Mostly the right thing for the column, sometimes anything. */
const likely = (right: fc.Arbitrary<GenCell>) =>
  fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: anyCell });
const str = (s: string): GenCell => ({ kind: 'string', text: s, how: 'shared' });

const VALUE_HEADERS = ['填报单位代码', '填报单位', '指标代码', '指标名称', '计量单位', '数值', '备注'];
const ENTERPRISE_HEADERS = ['统一社会信用代码', '企业名称', '所在园区', '证书编号', '认定年份'];

/** A header (sometimes with stray spaces or full-width forms) and rows below it, columns in `order`. */
function table(
  headers: readonly string[],
  body: fc.Arbitrary<GenCell[][]>,
): fc.Arbitrary<{ cells: GenCell[][]; hidden: boolean[] }> {
  return fc
    .record({
      order: fc.shuffledSubarray([...headers.keys()], {
        minLength: headers.length,
        maxLength: headers.length,
      }),
      titleRows: fc.nat({ max: 2 }),
      spaced: fc.boolean(),
      body,
      hidden: fc.array(fc.boolean(), { maxLength: 40 }),
      gapColumn: fc.boolean(),
    })
    .map(({ order, titleRows, spaced, body: b, hidden, gapColumn }) => {
      const head = order.map((i) => str(spaced && i === 0 ? ` ${headers[i]} ` : (headers[i] as string)));
      const place = (row: GenCell[]) => {
        const out = order.map((i) => row[i] ?? { kind: 'blank' as const });
        if (gapColumn) out.push({ kind: 'blank' }, str('附注'));
        return out;
      };
      const titles = Array.from({ length: titleRows }, () => [str('苏南自创区 填报表')]);
      const cells = [
        ...titles,
        place(head.map((_, k) => head[order.indexOf(k)] as GenCell)),
        ...b.map(place),
      ];
      return { cells, hidden: cells.map((_, i) => hidden[i] === true) };
    });
}

const valueBody = fc.array(
  fc.tuple(fc.nat({ max: rows.length - 1 }), numberCell, text).chain(([i, n, note]) => {
    const r = rows[i] as (typeof rows)[number];
    return fc.tuple(
      likely(fc.constant(str(r.orgUnit.code))),
      likely(fc.constant(str(zh(r.orgUnit.name)))),
      likely(fc.constant(str(r.indicator.code))),
      fc.constant(str(zh(r.indicator.name))),
      likely(fc.constant(str(zh(r.indicator.unit)))),
      likely(fc.constant(n)),
      fc.oneof(fc.constant({ kind: 'blank' as const }), stringCell(fc.constant(note))),
    );
  }),
  { maxLength: 25 },
);

const creditCode = fc.stringMatching(/^91320[0-9]{4}[0-9A-HJ-NPQRTUWXY]{9}$/).map((s) => s.slice(0, 18));
const enterpriseBody = fc.array(
  fc.tuple(
    likely(stringCell(creditCode)),
    likely(stringCell(text)),
    likely(fc.constant(str('320500P01'))),
    likely(fc.constant(str('GR202232000001'))),
    likely(fc.constantFrom<GenCell>({ kind: 'number', value: 2021, style: 0 }, str('2022'))),
  ),
  { maxLength: 15 },
);

const META: readonly [string, GenCell][] = [
  ['template_version', str('1.0')],
  ['catalogue_id', str('sunan')],
  ['catalogue_version', str('2022.1')],
  ['city', str('320500')],
  ['period', str('2022')],
];
const meta = fc
  .record({
    drop: fc.nat({ max: 7 }),
    periodAsNumber: fc.boolean(),
    odd: fc.option(anyCell, { nil: undefined }),
  })
  .map(({ drop, periodAsNumber, odd }) =>
    META.filter((_, i) => i !== drop).map(([k, v]) => [
      str(k),
      k === 'period' && periodAsNumber
        ? ({ kind: 'number', value: 2022, style: 0 } as GenCell)
        : k === 'city' && odd
          ? odd
          : v,
    ]),
  );

const merges = fc.array(
  fc
    .record({ r: fc.nat({ max: 20 }), c: fc.nat({ max: 7 }), h: fc.nat({ max: 2 }), w: fc.nat({ max: 2 }) })
    .filter(({ h, w }) => h + w > 0)
    .map(({ r, c, h, w }) => XLSX.utils.encode_range({ s: { r, c }, e: { r: r + h, c: c + w } })),
  { maxLength: 2 },
);

const sheetOf = (
  t: { cells: GenCell[][]; hidden: boolean[] },
  m: readonly string[],
  dimension: GenSheet['dimension'],
) => ({
  rows: t.cells.map((cells, i) => ({ cells, hidden: t.hidden[i] === true })),
  merges: m,
  dimension,
});
const dimension = fc.constantFrom('exact' as const, 'none' as const, 'bigger' as const);

/** A random workbook in the template's layout. */
export const genWorkbook: fc.Arbitrary<GenWorkbook> = fc
  .record({
    values: table(VALUE_HEADERS, valueBody),
    enterprises: table(ENTERPRISE_HEADERS, enterpriseBody),
    meta,
    valueMerges: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: merges }),
    dims: fc.tuple(dimension, dimension),
    order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
    writer: fc.constantFrom('raw' as const, 'raw' as const, 'sheetjs' as const),
    charRefs: fc.boolean(),
  })
  .map(({ values, enterprises, meta: m, valueMerges, dims, order, writer, charRefs }) => {
    const all = [
      { name: '填报说明', sheet: sheetOf({ cells: [[str('说明')]], hidden: [false] }, [], 'exact') },
      { name: '指标', sheet: sheetOf(values, valueMerges, dims[0]) },
      { name: '高新技术企业名单', sheet: sheetOf(enterprises, [], dims[1]) },
      { name: '_meta', sheet: sheetOf({ cells: m, hidden: [] }, [], 'exact') },
    ];
    return { sheets: order.map((i) => all[i] as (typeof all)[number]), writer, charRefs };
  });

// ————— the raw writer —————

const esc = (s: string, charRefs: boolean) => {
  const e = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return charRefs
    ? e.replace(/[^ -~\t\n\r]/gu, (ch) => `&#x${(ch.codePointAt(0) as number).toString(16)};`)
    : e;
};
const tText = (s: string, charRefs: boolean) => `<t xml:space="preserve">${esc(s, charRefs)}</t>`;

class Strings {
  readonly items: string[] = [];
  add(xml: string): number {
    this.items.push(xml);
    return this.items.length - 1;
  }
}

function richXml(text: string, charRefs: boolean): string {
  const cut = Math.floor(text.length / 2);
  return `<r><rPr><b/><sz val="11"/></rPr>${tText(text.slice(0, cut), charRefs)}</r><r>${tText(text.slice(cut), charRefs)}</r><rPh sb="0" eb="1"><t>ふりがな</t></rPh>`;
}

function cellXml(
  ref: string,
  cell: GenCell,
  sst: Strings,
  charRefs: boolean,
  shared: { next: number },
): string {
  switch (cell.kind) {
    case 'blank':
      return '';
    case 'number':
      return `<c r="${ref}" s="${cell.style}"><v>${cell.value}</v></c>`;
    case 'bool':
      return `<c r="${ref}" t="b"><v>${cell.value ? 1 : 0}</v></c>`;
    case 'error':
      return `<c r="${ref}" t="e"><f>1/0</f><v>${esc(cell.text, false)}</v></c>`;
    case 'formula': {
      const f = cell.shared
        ? `<f t="shared" ref="${ref}" si="${shared.next++}">${cell.formula}</f>`
        : `<f>${cell.formula}</f>`;
      return `<c r="${ref}">${f}${cell.cached === undefined ? '' : `<v>${cell.cached}</v>`}</c>`;
    }
    case 'string':
      switch (cell.how) {
        case 'shared':
          return `<c r="${ref}" t="s"><v>${sst.add(tText(cell.text, charRefs))}</v></c>`;
        case 'rich':
          return `<c r="${ref}" t="s"><v>${sst.add(richXml(cell.text, charRefs))}</v></c>`;
        case 'inline':
          return `<c r="${ref}" t="inlineStr"><is>${tText(cell.text, charRefs)}</is></c>`;
        case 'formula':
          return `<c r="${ref}" t="str"><f>"x"</f><v>${esc(cell.text, false)}</v></c>`;
      }
  }
}

function sheetXml(sheet: GenSheet, sst: Strings, charRefs: boolean): string {
  const shared = { next: 0 };
  const width = Math.max(1, ...sheet.rows.map((r) => r.cells.length));
  const dim =
    sheet.dimension === 'none'
      ? ''
      : `<dimension ref="A1:${XLSX.utils.encode_cell({ r: Math.max(0, sheet.rows.length - 1) + (sheet.dimension === 'bigger' ? 5 : 0), c: width - 1 })}"/>`;
  const body = sheet.rows
    .map((row, r) => {
      const cells = row.cells
        .map((c, i) => cellXml(XLSX.utils.encode_cell({ r, c: i }), c, sst, charRefs, shared))
        .join('');
      return `<row r="${r + 1}"${row.hidden ? ' hidden="1"' : ''}>${cells}</row>`;
    })
    .join('');
  const merges = sheet.merges.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${dim}<sheetData>${body}</sheetData>${merges}</worksheet>`;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function rawXlsx(wb: GenWorkbook): Uint8Array {
  const sst = new Strings();
  const enc = (s: string) => new TextEncoder().encode(s);
  const files: Record<string, Uint8Array> = {};
  wb.sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = enc(sheetXml(s.sheet, sst, wb.charRefs));
  });
  const numFmts = Object.entries(CUSTOM_FORMATS)
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code, false)}"/>`)
    .join('');
  files['xl/styles.xml'] = enc(
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="1">${numFmts}</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="${STYLE_FORMATS.length}">${STYLE_FORMATS.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0"/>`).join('')}</cellXfs></styleSheet>`,
  );
  files['xl/sharedStrings.xml'] = enc(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${sst.items.length}" uniqueCount="${sst.items.length}">${sst.items.map((x) => `<si>${x}</si>`).join('')}</sst>`,
  );
  files['xl/workbook.xml'] = enc(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${wb.sheets.map((s, i) => `<sheet name="${esc(s.name, false)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`;
  files['xl/_rels/workbook.xml.rels'] = enc(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${wb.sheets.map((_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('')}${rel('rIdS', 'styles', 'styles.xml')}${rel('rIdT', 'sharedStrings', 'sharedStrings.xml')}</Relationships>`,
  );
  files['_rels/.rels'] = enc(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
  );
  const ov = (part: string, type: string) =>
    `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${type}"/>`;
  files['[Content_Types].xml'] = enc(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${ov('xl/workbook.xml', 'sheet.main+xml')}${wb.sheets.map((_, i) => ov(`xl/worksheets/sheet${i + 1}.xml`, 'worksheet+xml')).join('')}${ov('xl/styles.xml', 'styles+xml')}${ov('xl/sharedStrings.xml', 'sharedStrings+xml')}</Types>`,
  );
  return zipSync(files, { level: 1 });
}

// ————— the SheetJS writer —————

function sheetjsCell(cell: GenCell): XLSX.CellObject | undefined {
  switch (cell.kind) {
    case 'blank':
      return undefined;
    case 'number': {
      const id = STYLE_FORMATS[cell.style] as number;
      return {
        t: 'n',
        v: cell.value,
        z: CUSTOM_FORMATS[id] ?? (XLSX.SSF.get_table()[id] as string | undefined),
      };
    }
    case 'bool':
      return { t: 'b', v: cell.value };
    case 'error':
      return { t: 'e', v: ({ '#DIV/0!': 7, '#N/A': 42, '#VALUE!': 15, '#REF!': 23 } as const)[cell.text] };
    case 'formula':
      return cell.cached === undefined
        ? ({ t: 'n', f: cell.formula } as XLSX.CellObject)
        : { t: 'n', v: cell.cached, f: cell.formula };
    case 'string':
      return { t: 's', v: cell.text };
  }
}

function sheetjsXlsx(wb: GenWorkbook, bookSST: boolean): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const { name, sheet } of wb.sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxC = 0;
    for (const [r, row] of sheet.rows.entries())
      for (const [i, c] of row.cells.entries()) {
        const cell = sheetjsCell(c);
        if (cell) ws[XLSX.utils.encode_cell({ r, c: i })] = cell;
        maxC = Math.max(maxC, i);
      }
    ws['!ref'] = XLSX.utils.encode_range({
      s: { r: 0, c: 0 },
      e: { r: Math.max(0, sheet.rows.length - 1), c: maxC },
    });
    if (sheet.merges.length) ws['!merges'] = sheet.merges.map((m) => XLSX.utils.decode_range(m));
    ws['!rows'] = sheet.rows.map((r) => (r.hidden ? { hidden: true } : {}));
    XLSX.utils.book_append_sheet(book, ws, name);
  }
  return new Uint8Array(
    XLSX.write(book, { type: 'array', bookType: 'xlsx', bookSST, cellStyles: true }) as ArrayBuffer,
  );
}

/** The bytes of a generated workbook. */
export function writeWorkbook(wb: GenWorkbook): Uint8Array {
  return wb.writer === 'raw' ? rawXlsx(wb) : sheetjsXlsx(wb, wb.charRefs);
}
