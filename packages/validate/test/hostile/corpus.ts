/**
 * The hostile corpus: broken and malicious inputs of every format the command reads, generated
 * from the example workbooks (nothing large is stored in the repository). Each case says what the
 * command must say about it: a finding code it must contain, or only that some finding is there.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_LIMITS } from '@sunan/validate';
import { strToU8, unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { patchSheet, replaceCell } from './craft-xlsx.js';
import { type CraftEntry, craftZip, deflateRepeated } from './craft-zip.js';
import { SLOW_SHAPES } from './ooxml-shapes.js';

/** One hostile input. */
export interface HostileCase {
  readonly name: string;
  /** File extension it is given (the name may lie about the content). */
  readonly ext: string;
  readonly bytes: () => Uint8Array;
  /** A finding code the result must contain (else: at least one finding). */
  readonly expect?: string | RegExp;
  /** Extra arguments (e.g. --expect-period for a CSV). */
  readonly args?: readonly string[];
  /** A warning-only case may exit 0. */
  readonly mayPass?: boolean;
  /** Seconds the command may take on it, below the corpus's kill limit (a valid file must be quick). */
  readonly maxSeconds?: number;
}

const root = new URL('../../../../', import.meta.url);
const example = (name: string) => new Uint8Array(readFileSync(new URL(`examples/data/2022/${name}`, root)));
const enc = new TextEncoder();

/** Deterministic pseudo-random bytes (xorshift), so every run builds the same corpus. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}
const randomBytes = (n: number, seed: number) => {
  const r = prng(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
};

const base = () => example('321100-镇江市-2022.xlsx');
const flip = (b: Uint8Array, byte: number, bit: number) => {
  const m = b.slice();
  m[byte] = (m[byte] as number) ^ (1 << bit);
  return m;
};
const u32 = (b: Uint8Array, o: number) => new DataView(b.buffer, b.byteOffset).getUint32(o, true);
const put32 = (b: Uint8Array, o: number, v: number) =>
  new DataView(b.buffer, b.byteOffset).setUint32(o, v, true);

/** Offset of the central-directory record of `name` in a zip. */
function centralRecord(zip: Uint8Array, name: string): number {
  const eocd = zip.length - 22;
  let p = u32(zip, eocd + 16);
  const dec = new TextDecoder();
  while (p < eocd) {
    const n = zip[p + 28] as number | 0;
    const len = n | ((zip[p + 29] as number) << 8);
    const extra = (zip[p + 30] as number) | ((zip[p + 31] as number) << 8);
    const comment = (zip[p + 32] as number) | ((zip[p + 33] as number) << 8);
    if (dec.decode(zip.subarray(p + 46, p + 46 + len)) === name) return p;
    p += 46 + len + extra + comment;
  }
  throw new Error(`no ${name}`);
}
/** Changes the central directory's record of an entry. */
function patchCentral(
  zip: Uint8Array,
  name: string,
  field: 'crc' | 'size' | 'method',
  value: number,
): Uint8Array {
  const m = zip.slice();
  const p = centralRecord(m, name);
  if (field === 'crc') put32(m, p + 16, value);
  else if (field === 'size') put32(m, p + 24, value);
  else {
    m[p + 10] = value & 0xff;
    m[p + 11] = value >>> 8;
  }
  return m;
}
/** Overwrites bytes in the middle of an entry's compressed data. */
function damageData(zip: Uint8Array, name: string, count: number): Uint8Array {
  const m = zip.slice();
  const p = centralRecord(m, name);
  const local = u32(m, p + 42);
  const nameLen = (m[local + 26] as number) | ((m[local + 27] as number) << 8);
  const extraLen = (m[local + 28] as number) | ((m[local + 29] as number) << 8);
  const start = local + 30 + nameLen + extraLen + Math.floor(u32(m, p + 20) / 2);
  m.fill(0xff, start, start + count);
  return m;
}

const sheetXml = (f: (xml: string) => string) => () => patchSheet(base(), '指标', f);
const valueCell = (cell: string) => sheetXml((xml) => replaceCell(xml, 'F10', cell.replaceAll('REF', 'F10')));
const inline = (text: string) => valueCell(`<c r="REF" t="inlineStr"><is><t>${text}</t></is></c>`);
const withEntry = (name: string, data: Uint8Array) => (): Uint8Array => {
  const files = unzipSync(base());
  files[name] = new Uint8Array(data);
  return zipSync(files);
};
const sheetJs = (bookType: XLSX.BookType) => () =>
  new Uint8Array(
    XLSX.write(XLSX.read(base(), { type: 'array' }), { type: 'array', bookType }) as ArrayBuffer,
  );

const csvOf = () =>
  XLSX.utils.sheet_to_csv(XLSX.read(base(), { type: 'array' }).Sheets['指标'] as XLSX.WorkSheet);
const utf16 = (text: string, big: boolean) => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(big ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i + (big ? 1 : 0)] = c & 0xff;
    out[2 + 2 * i + (big ? 0 : 1)] = c >>> 8;
  }
  return out;
};
const CSV_HEAD = '填报单位代码,指标代码,数值\n';
const csv = (body: string) => () => enc.encode(CSV_HEAD + body);
const json = (doc: string) => () => enc.encode(doc);
const jsonValues = (rows: string) =>
  json(
    `{"templateVersion":"1.0","catalogueVersion":"2022.1","city":"321100","period":"2022","values":[${rows}],"enterprises":[]}`,
  );
const P = ['--expect-period', '2022'];

const BOMB_ENTRY = 'xl/worksheets/sheet9.xml';
const LIST_ENTRY = 'xl/worksheets/sheet3.xml';

/** The base workbook with its enterprise list (the third sheet) rebuilt by `list` from the list's XML. */
function withList(list: (xml: string) => Pick<CraftEntry, 'data' | 'compressed' | 'lie'>) {
  return (): Uint8Array => {
    const files = unzipSync(base());
    return craftZip(
      Object.entries(files).map(([name, data]) =>
        name === LIST_ENTRY ? { name, ...list(new TextDecoder().decode(data)) } : { name, data },
      ),
    );
  };
}

/** The list with `rows` rows (the header included), each one enterprise's code and year. */
const listOfRows = (rows: number) =>
  withList((xml) => {
    const header = xml.slice(0, xml.indexOf('</row>') + 6).replace(/ref="A1:E\d+"/, `ref="A1:E${rows}"`);
    const code = /<c r="A2"[^>]*><v>(\d+)<\/v><\/c>/.exec(xml)?.[1] ?? '0';
    const body: string[] = [];
    for (let r = 2; r <= rows; r++)
      body.push(
        `<row r="${r}"><c r="A${r}" s="8" t="s"><v>${code}</v></c><c r="E${r}"><v>2021</v></c></row>`,
      );
    return { data: enc.encode(`${header}${body.join('')}${xml.slice(xml.indexOf('</sheetData>'))}`) };
  });

/**
 * The list as an honest entry of 500 MiB: `head` (given the list's XML), then `filler` repeated, then
 * `tail`, deflated piece by piece so the test never holds it whole.
 */
const list500MiB = (head: (xml: string) => string, filler: string, tail: (xml: string) => string) =>
  withList((xml) => {
    const block = enc.encode(filler.repeat(Math.floor((1 << 20) / enc.encode(filler).length)));
    const z = deflateRepeated(
      enc.encode(head(xml)),
      block,
      Math.floor((500 << 20) / block.length),
      enc.encode(tail(xml)),
    );
    return { data: new Uint8Array(1), compressed: z.compressed, lie: { size: z.size, crc: z.crc } };
  });
const beforeRows = (xml: string) => xml.slice(0, xml.indexOf('<row'));
const afterHeaderRow = (xml: string) => xml.slice(0, xml.indexOf('</row>') + 6);
const fromSheetDataEnd = (xml: string) => xml.slice(xml.indexOf('</sheetData>'));
const zeros = (n: number) => new Uint8Array(n);

/** Every case, at least 60 kinds. */
export function hostileCorpus(): HostileCase[] {
  const limit = DEFAULT_LIMITS.maxDecompressedBytes;
  return [
    // ── Not a spreadsheet, empty, random ──
    { name: 'empty', ext: 'xlsx', bytes: () => new Uint8Array(), expect: 'FILE_EMPTY' },
    { name: 'blanks-only', ext: 'csv', bytes: () => enc.encode(' \n\t\n '), expect: 'FILE_EMPTY' },
    { name: 'random-1k', ext: 'xlsx', bytes: () => randomBytes(1024, 1), expect: 'FILE_NOT_SPREADSHEET' },
    { name: 'random-1m', ext: 'xls', bytes: () => randomBytes(1 << 20, 2), expect: 'FILE_NOT_SPREADSHEET' },
    {
      name: 'pdf-named-xlsx',
      ext: 'xlsx',
      bytes: () => enc.encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n'),
      expect: 'FILE_NOT_SPREADSHEET',
    },
    {
      name: 'png-named-csv',
      ext: 'csv',
      bytes: () => Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 1, 2, 3),
      expect: 'FILE_NOT_SPREADSHEET',
    },
    {
      name: 'plain-zip',
      ext: 'xlsx',
      bytes: () => zipSync({ 'a.txt': strToU8('hi') }),
      expect: 'FILE_NOT_SPREADSHEET',
    },
    {
      name: 'over-file-size',
      ext: 'csv',
      bytes: () => new Uint8Array(DEFAULT_LIMITS.maxFileBytes + 1).fill(0x31),
      expect: 'FILE_TOO_LARGE',
    },
    // ── Damaged zips ──
    { name: 'truncated-10', ext: 'xlsx', bytes: () => base().slice(0, 8000), expect: 'FILE_CORRUPT' },
    { name: 'truncated-50', ext: 'xlsx', bytes: () => base().slice(0, 41000), expect: 'FILE_CORRUPT' },
    { name: 'truncated-last-byte', ext: 'xlsx', bytes: () => base().slice(0, -1), expect: 'FILE_CORRUPT' },
    { name: 'crc-bitflip-2720', ext: 'xlsx', bytes: () => flip(base(), 2720, 3), expect: 'ZIP_ENTRY_CRC' },
    {
      name: 'sheetjs-hang-byte-29-bit-2',
      ext: 'xlsx',
      bytes: () => flip(base(), 29, 2),
      expect: /^ZIP_ENTRY_/,
    },
    {
      name: 'corrupt-deflate',
      ext: 'xlsx',
      bytes: () => damageData(base(), 'xl/worksheets/sheet2.xml', 64),
      expect: /^ZIP_ENTRY_(CORRUPT|CRC|SIZE)$/,
    },
    {
      name: 'lying-size-small',
      ext: 'xlsx',
      bytes: () => patchCentral(base(), 'xl/worksheets/sheet2.xml', 'size', 100),
      expect: 'ZIP_ENTRY_SIZE',
    },
    {
      name: 'lying-size-large',
      ext: 'xlsx',
      bytes: () => patchCentral(base(), 'xl/worksheets/sheet2.xml', 'size', 400_000_000),
      expect: 'ZIP_ENTRY_SIZE',
    },
    {
      name: 'lying-crc',
      ext: 'xlsx',
      bytes: () => patchCentral(base(), 'xl/sharedStrings.xml', 'crc', 0xdeadbeef),
      expect: 'ZIP_ENTRY_CRC',
    },
    {
      name: 'unknown-method',
      ext: 'xlsx',
      bytes: () => patchCentral(base(), 'xl/styles.xml', 'method', 99),
      expect: 'FILE_CORRUPT',
    },
    {
      name: 'overlap-16x30MiB',
      ext: 'xlsx',
      expect: 'ZIP_ENTRY_OVERLAP',
      bytes: () => {
        const big = zeros(30 * 1024 * 1024);
        const names = [
          '[Content_Types].xml',
          ...Array.from({ length: 15 }, (_, i) => `xl/worksheets/sheet${i}.xml`),
        ];
        return craftZip(names.map((name, i) => ({ name, data: big, ...(i > 0 ? { shareWith: 0 } : {}) })));
      },
    },
    {
      name: 'overlap-fifield',
      ext: 'xlsx',
      expect: 'ZIP_ENTRY_OVERLAP',
      bytes: () =>
        craftZip([
          {
            name: '[Content_Types].xml',
            data: enc.encode('<Types/>'),
            method: 0,
            lie: { compressedSize: 28, size: 28 },
          },
          { name: 'xl/workbook.xml', data: enc.encode('<workbook/>'), method: 0 },
        ]),
    },
    {
      name: 'duplicate-entry-names',
      ext: 'xlsx',
      expect: 'ZIP_ENTRY_HEADER',
      bytes: () =>
        craftZip([
          { name: '[Content_Types].xml', data: enc.encode('<Types/>') },
          { name: '[Content_Types].xml', data: enc.encode('<Types x="1"/>') },
        ]),
    },
    {
      name: 'central-name-lies',
      ext: 'xlsx',
      expect: 'ZIP_ENTRY_HEADER',
      bytes: () =>
        craftZip([
          { name: '[Content_Types].xml', data: enc.encode('<Types/>') },
          { name: 'xl/a.xml', data: enc.encode('<a/>'), lie: { centralName: 'xl/b.xml' } },
        ]),
    },
    {
      name: 'bomb-honest-over-limit',
      ext: 'xlsx',
      expect: 'FILE_ZIP_BOMB',
      bytes: () => {
        const files = unzipSync(base());
        const list = Object.entries(files).map(([name, data]) => ({ name, data }));
        return craftZip([...list, { name: BOMB_ENTRY, data: zeros(limit + 1) }]);
      },
    },
    {
      // An honest entry just under the limit that no sheet refers to: checked while it streams, never held.
      name: 'bomb-honest-just-under-limit',
      ext: 'xlsx',
      mayPass: true,
      bytes: () => {
        const files = unzipSync(base());
        const list = Object.entries(files).map(([name, data]) => ({ name, data }));
        const used = list.reduce((n, e) => n + e.data.length, 0);
        return craftZip([...list, { name: BOMB_ENTRY, data: zeros(limit - used - 1024) }]);
      },
    },
    {
      // The enterprise list padded with 200 MB of blanks between two rows (honest sizes): read as it
      // inflates, the blanks are dropped, memory stays bounded.
      name: 'list-padded-with-blanks',
      ext: 'xlsx',
      mayPass: true,
      bytes: () => {
        const files = unzipSync(base());
        const list = Object.entries(files).map(([name, data]) => {
          // The list is the third sheet of the template.
          if (name !== 'xl/worksheets/sheet3.xml') return { name, data };
          const xml = new TextDecoder().decode(data);
          const cut = enc.encode(xml.slice(0, xml.indexOf('</row>') + 6)).length;
          const padded = new Uint8Array(data.length + 200 * 1024 * 1024).fill(0x20);
          padded.set(data.subarray(0, cut));
          padded.set(data.subarray(cut), padded.length - (data.length - cut));
          return { name, data: padded };
        });
        return craftZip(list);
      },
    },
    {
      // 200,000 rows with a blank styled cell each (an optional column left empty): a search for a
      // formula that is not in the cell once ran to the end of the sheet for every one of them.
      name: 'list-200k-blank-cells',
      ext: 'xlsx',
      expect: 'ENT_DUPLICATE',
      bytes: () => {
        const files = unzipSync(base());
        const list = Object.entries(files).map(([name, data]) => {
          if (name !== 'xl/worksheets/sheet3.xml') return { name, data };
          const xml = new TextDecoder().decode(data);
          const header = xml.slice(0, xml.indexOf('</row>') + 6).replace(/ref="A1:E\d+"/, 'ref="A1:E200001"');
          const code = /<c r="A2"[^>]*><v>(\d+)<\/v><\/c>/.exec(xml)?.[1] ?? '0';
          const rows: string[] = [];
          for (let r = 2; r <= 200_001; r++)
            rows.push(
              `<row r="${r}"><c r="A${r}" s="8" t="s"><v>${code}</v></c><c r="C${r}" s="3"/><c r="E${r}"><v>2021</v></c></row>`,
            );
          return {
            name,
            data: enc.encode(`${header}${rows.join('')}${xml.slice(xml.indexOf('</sheetData>'))}`),
          };
        });
        return craftZip(list);
      },
    },
    {
      name: 'bomb-lying-under-limit',
      ext: 'xlsx',
      expect: 'ZIP_ENTRY_SIZE',
      bytes: () =>
        craftZip([{ name: '[Content_Types].xml', data: zeros(200 * 1024 * 1024), lie: { size: 1000 } }]),
    },
    {
      name: 'too-many-entries',
      ext: 'xlsx',
      expect: 'FILE_ZIP_BOMB',
      bytes: () =>
        craftZip([
          { name: '[Content_Types].xml', data: enc.encode('<Types/>') },
          ...Array.from({ length: DEFAULT_LIMITS.maxZipEntries + 1 }, (_, i) => ({
            name: `x/${i}`,
            data: new Uint8Array(),
            method: 0 as const,
          })),
        ]),
    },
    {
      name: 'zip-encrypted-flag',
      ext: 'xlsx',
      expect: 'FILE_ENCRYPTED',
      bytes: () => {
        const m = base().slice();
        const p = centralRecord(m, 'xl/workbook.xml');
        m[p + 8] = (m[p + 8] as number) | 1;
        return m;
      },
    },
    {
      name: 'prepended-junk',
      ext: 'xlsx',
      expect: /FILE_CORRUPT|FILE_NOT_SPREADSHEET|ZIP_ENTRY_HEADER/,
      bytes: () => {
        const b = base();
        const out = new Uint8Array(b.length + 100);
        out.set(enc.encode('MZ self-extractor'), 0);
        out.set(b, 100);
        return out;
      },
    },
    {
      name: 'trailing-garbage',
      ext: 'xlsx',
      expect: 'FILE_CORRUPT',
      bytes: () => {
        const b = base();
        const out = new Uint8Array(b.length + 7);
        out.set(b);
        return out;
      },
    },
    // ── XML inside a sound zip ──
    {
      name: 'xxe-external-entity',
      ext: 'xlsx',
      bytes: sheetXml((x) =>
        x
          .replace('<worksheet', '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet')
          .replace('<v>5017</v>', '<v>&xxe;</v>'),
      ),
    },
    {
      name: 'billion-laughs',
      ext: 'xlsx',
      bytes: withEntry(
        'xl/sharedStrings.xml',
        strToU8(
          `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><sst><si><t>&lol9;</t></si></sst>`,
        ),
      ),
    },
    { name: 'malformed-xml', ext: 'xlsx', bytes: sheetXml((x) => x.slice(0, Math.floor(x.length / 2))) },
    {
      name: 'sheet-random-bytes',
      ext: 'xlsx',
      bytes: withEntry('xl/worksheets/sheet2.xml', randomBytes(50_000, 3)),
    },
    { name: 'sst-index-out-of-range', ext: 'xlsx', bytes: valueCell('<c r="REF" t="s"><v>99999999</v></c>') },
    {
      name: 'cell-1e400',
      ext: 'xlsx',
      expect: 'VAL_NOT_FINITE',
      bytes: valueCell('<c r="REF"><v>1e400</v></c>'),
    },
    { name: 'cell-nan', ext: 'xlsx', bytes: valueCell('<c r="REF"><v>NaN</v></c>') },
    {
      name: 'cell-1e-400',
      ext: 'xlsx',
      bytes: valueCell('<c r="REF"><v>1e-400</v></c>'),
      expect: 'VAL_BEYOND_PRECISION',
    },
    { name: 'cell-60-digits', ext: 'xlsx', expect: 'VAL_BEYOND_PRECISION', bytes: inline('1'.repeat(60)) },
    { name: 'cell-superscript', ext: 'xlsx', expect: 'VAL_NOT_NUMBER', bytes: inline('10²') },
    { name: 'cell-paren-negative-sign', ext: 'xlsx', expect: 'VAL_NOT_NUMBER', bytes: inline('(-5)') },
    {
      name: 'cell-dde',
      ext: 'xlsx',
      expect: 'FORMULA_EXTERNAL',
      bytes: valueCell('<c r="REF"><f>cmd|\' /C calc\'!A0</f><v>1</v></c>'),
    },
    {
      name: 'cell-hyperlink',
      ext: 'xlsx',
      expect: 'FORMULA_LINK',
      mayPass: true,
      bytes: valueCell('<c r="REF"><f>HYPERLINK("http://evil.example",5017)</f><v>5017</v></c>'),
    },
    {
      name: 'cell-ansi-escape',
      ext: 'xlsx',
      expect: 'VAL_NOT_NUMBER',
      bytes: inline('_x001B_[2J_x001B_]8;;http://evil.example_x0007_x_x0007_'),
    },
    { name: 'cell-bidi-override', ext: 'xlsx', expect: 'VAL_NOT_NUMBER', bytes: inline('\u202e0001') },
    {
      name: 'bogus-dimension',
      ext: 'xlsx',
      mayPass: true,
      bytes: sheetXml((x) => x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')),
    },
    {
      name: 'row-number-huge',
      ext: 'xlsx',
      bytes: sheetXml((x) =>
        x.replace('</sheetData>', '<row r="1048576"><c r="F1048576"><v>1</v></c></row></sheetData>'),
      ),
      expect: 'FILE_TOO_MANY_ROWS',
    },
    {
      name: 'merged-150k',
      ext: 'xlsx',
      expect: 'CELL_MERGED',
      bytes: sheetXml((x) =>
        x.replace(
          '</sheetData>',
          `</sheetData><mergeCells count="150000">${Array.from({ length: 150_000 }, (_, i) => `<mergeCell ref="F${i + 200}:G${i + 200}"/>`).join('')}</mergeCells>`,
        ),
      ),
    },
    {
      name: 'formula-error-values',
      ext: 'xlsx',
      expect: 'VAL_FORMULA_ERROR',
      bytes: valueCell('<c r="REF" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
    },
    { name: 'proto-keys', ext: 'xlsx', bytes: inline('__proto__') },
    {
      name: 'date-1904',
      ext: 'xlsx',
      mayPass: true,
      bytes: () => {
        const files = unzipSync(base());
        files['xl/workbook.xml'] = strToU8(
          new TextDecoder()
            .decode(files['xl/workbook.xml'])
            .replace('<workbookPr', '<workbookPr date1904="1"'),
        );
        return zipSync(files);
      },
    },
    {
      name: 'enterprises-200k-bad-codes',
      ext: 'xlsx',
      expect: /^ENT_/,
      bytes: () => {
        const wb = XLSX.read(base(), { type: 'array' });
        XLSX.utils.sheet_add_aoa(
          wb.Sheets['高新技术企业名单'] as XLSX.WorkSheet,
          Array.from({ length: 200_000 }, (_, i) => [`BAD${i}`, `企业${i}`, '', '', '2022']),
          { origin: 'A2' },
        );
        return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
      },
    },
    // ── Other workbook formats ──
    {
      name: 'ods-truncated',
      ext: 'ods',
      expect: 'FILE_CORRUPT',
      bytes: () => sheetJs('ods')().slice(0, 3000),
    },
    {
      name: 'ods-crc',
      ext: 'ods',
      expect: /^ZIP_ENTRY_/,
      bytes: () => {
        const o = sheetJs('ods')();
        return patchCentral(o, 'content.xml', 'crc', 1);
      },
    },
    { name: 'xls-truncated', ext: 'xls', bytes: () => sheetJs('biff8')().slice(0, 5000) },
    {
      name: 'xls-random-body',
      ext: 'xls',
      bytes: () => {
        const x = sheetJs('biff8')();
        x.set(randomBytes(x.length - 512, 4), 512);
        return x;
      },
    },
    {
      name: 'cfb-encrypted',
      ext: 'xlsx',
      expect: 'FILE_ENCRYPTED',
      bytes: () => {
        const cfb = XLSX.CFB.utils.cfb_new();
        XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
        XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', new Uint8Array(64));
        return Uint8Array.from(XLSX.CFB.write(cfb, { type: 'array' }) as number[]);
      },
    },
    {
      name: 'cfb-header-only',
      ext: 'xls',
      bytes: () => Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...randomBytes(1000, 5)),
    },
    // ── CSV ──
    {
      name: 'csv-ansi-bel-osc8',
      ext: 'csv',
      args: P,
      expect: 'VAL_NOT_NUMBER',
      bytes: csv('321100,GDP,\u001b[2J\u001b]8;;http://evil.example\u0007x\u001b]8;;\u0007\u0007\n'),
    },
    {
      name: 'csv-bidi',
      ext: 'csv',
      args: P,
      expect: 'VAL_NOT_NUMBER',
      bytes: csv('321100,GDP,\u202e0001\u202c\n'),
    },
    {
      name: 'csv-gbk',
      ext: 'csv',
      args: P,
      expect: 'CSV_ENCODING_GBK',
      bytes: () => new Uint8Array(iconv.encode(`${CSV_HEAD}321100,GDP,abc\n`, 'gbk')),
    },
    {
      name: 'csv-utf16le-bad-value',
      ext: 'csv',
      args: P,
      expect: 'VAL_NOT_NUMBER',
      bytes: () => utf16(`${CSV_HEAD}321100,GDP,abc\n`, false),
    },
    {
      name: 'csv-utf16be-tabs',
      ext: 'txt',
      args: P,
      bytes: () => utf16(csvOf().replaceAll(',', '\t').replace('5017', 'x'), true),
      expect: 'VAL_NOT_NUMBER',
    },
    {
      name: 'csv-utf16le-odd-length',
      ext: 'csv',
      args: P,
      bytes: () => utf16(`${CSV_HEAD}321100,GDP,1\n`, false).slice(0, -1),
    },
    {
      name: 'csv-dde-payload',
      ext: 'csv',
      args: P,
      expect: 'VAL_NOT_NUMBER',
      bytes: csv("321100,GDP,=cmd|' /C calc'!A0\n"),
    },
    {
      name: 'csv-200k-duplicates',
      ext: 'csv',
      args: P,
      expect: 'FINDINGS_TRUNCATED',
      bytes: csv('321100,GDP,100\n'.repeat(200_000)),
    },
    {
      name: 'csv-over-row-limit',
      ext: 'csv',
      args: P,
      expect: 'FILE_TOO_MANY_ROWS',
      bytes: csv('x,y,1\n'.repeat(DEFAULT_LIMITS.maxRows + 5)),
    },
    {
      name: 'csv-over-column-limit',
      ext: 'csv',
      args: P,
      expect: 'FILE_TOO_MANY_COLUMNS',
      bytes: () =>
        enc.encode(
          `${['填报单位代码', '指标代码', '数值', ...Array.from({ length: 300 }, (_, i) => `c${i}`)].join(',')}\n`,
        ),
    },
    { name: 'csv-10mb-one-line', ext: 'csv', args: P, bytes: () => enc.encode('9'.repeat(10 * 1024 * 1024)) },
    { name: 'csv-unbalanced-quotes', ext: 'csv', args: P, bytes: csv('"321100,GDP,1\n321100,"RD_EXP,2\n') },
    {
      name: 'csv-nul-bytes',
      ext: 'csv',
      expect: 'FILE_NOT_SPREADSHEET',
      bytes: () => Uint8Array.of(...enc.encode(CSV_HEAD), 0, 0, 0),
    },
    {
      name: 'csv-60-digits',
      ext: 'csv',
      args: P,
      expect: 'VAL_BEYOND_PRECISION',
      bytes: csv(`321100,GDP,${'9'.repeat(60)}\n`),
    },
    {
      name: 'csv-circled-digits',
      ext: 'csv',
      args: P,
      expect: 'VAL_NOT_NUMBER',
      bytes: csv('321100,GDP,①2\n'),
    },
    // ── JSON ──
    {
      name: 'json-1e400',
      ext: 'json',
      expect: 'VAL_NOT_FINITE',
      bytes: jsonValues('{"orgUnit":"321100","indicator":"TECH_CONTRACT","value":1e400}'),
    },
    {
      name: 'json-1e-400',
      ext: 'json',
      expect: 'VAL_BEYOND_PRECISION',
      bytes: jsonValues('{"orgUnit":"321100","indicator":"TECH_CONTRACT","value":1e-400}'),
    },
    {
      name: 'json-duplicate-keys',
      ext: 'json',
      expect: 'JSON_DUPLICATE_KEY',
      bytes: jsonValues('{"orgUnit":"321100","indicator":"GDP","value":1,"value":2}'),
    },
    {
      name: 'json-proto',
      ext: 'json',
      bytes: json(
        '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"city":"321100","period":"2022","values":[{"__proto__":{"value":1}}]}',
      ),
    },
    {
      name: 'json-1m-rows',
      ext: 'json',
      expect: 'FILE_TOO_MANY_ROWS',
      bytes: jsonValues(
        Array.from({ length: 1_000_000 }, () => '{"orgUnit":"321100","indicator":"GDP","value":1}').join(','),
      ),
    },
    { name: 'json-deep-nesting', ext: 'json', bytes: json(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) },
    {
      name: 'json-truncated',
      ext: 'json',
      expect: 'FILE_CORRUPT',
      bytes: json('{"city":"321100","values":[{"orgUnit":'),
    },
    {
      name: 'json-nan-literal',
      ext: 'json',
      expect: 'FILE_CORRUPT',
      bytes: jsonValues('{"orgUnit":"321100","indicator":"GDP","value":NaN}'),
    },
    {
      name: 'json-control-chars',
      ext: 'json',
      bytes: jsonValues('{"orgUnit":"321100","indicator":"GDP","value":"\\u001b[2J\\u0007"}'),
    },
    {
      name: 'json-wrong-types',
      ext: 'json',
      expect: 'JSON_SCHEMA',
      bytes: json('{"city":1,"period":[],"values":{"a":1},"enterprises":"x"}'),
    },
    {
      name: 'json-60-digit-string',
      ext: 'json',
      expect: 'VAL_BEYOND_PRECISION',
      bytes: jsonValues(`{"orgUnit":"321100","indicator":"GDP","value":"${'1'.repeat(60)}"}`),
    },
    {
      name: 'json-period-0000',
      ext: 'json',
      bytes: json('{"templateVersion":"1.0","city":"321100","period":"0000","values":[]}'),
    },
    // Honest 500 MiB lists that never end a row: refused once 32 MiB are held, never gathered whole.
    {
      name: 'list-500MiB-no-row',
      ext: 'xlsx',
      expect: 'SHEET_ROW_TOO_LONG',
      bytes: list500MiB(beforeRows, 'x', fromSheetDataEnd),
    },
    {
      name: 'list-500MiB-one-cell',
      ext: 'xlsx',
      expect: 'SHEET_ROW_TOO_LONG',
      bytes: list500MiB(
        (xml) => `${afterHeaderRow(xml)}<row r="2"><c r="A2" t="inlineStr"><is><t>`,
        '字',
        (xml) => `</t></is></c></row>${fromSheetDataEnd(xml)}`,
      ),
    },
    {
      // 500 MiB of spaces after the rows: read as it comes, merges looked for, nothing held.
      name: 'list-500MiB-tail',
      ext: 'xlsx',
      mayPass: true,
      bytes: list500MiB(
        (xml) => xml.slice(0, xml.indexOf('</sheetData>') + 12),
        ' ',
        (xml) => xml.slice(xml.indexOf('</sheetData>') + 12),
      ),
    },
    // A list at the row limit, and one past it: refused at row 250,001, no later and no dearer.
    {
      name: 'list-250k-rows',
      ext: 'xlsx',
      expect: 'ENT_DUPLICATE',
      bytes: listOfRows(DEFAULT_LIMITS.maxRows),
    },
    {
      name: 'list-300k-rows',
      ext: 'xlsx',
      expect: 'FILE_TOO_MANY_ROWS',
      bytes: listOfRows(300_000),
    },
    // Valid OOXML the fast reader declines, with an empty sheet: read by SheetJS as quickly as the plain file.
    ...SLOW_SHAPES.map(
      (shape): HostileCase => ({
        name: `${shape.name}-blank-sheet`,
        ext: 'xlsx',
        mayPass: true,
        maxSeconds: 20,
        bytes: () => shape.make(base()),
      }),
    ),
    {
      name: 'json-utf16le',
      ext: 'json',
      bytes: () =>
        utf16(
          '{"city":"321100","period":"2022","values":[{"orgUnit":"321100","indicator":"GDP","value":"x"}]}',
          false,
        ),
      expect: 'VAL_NOT_NUMBER',
    },
  ];
}
