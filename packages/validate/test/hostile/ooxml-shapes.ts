/**
 * Valid OOXML that no spreadsheet library here writes but Excel opens at once: the same workbook in
 * Open XML SDK style (every SpreadsheetML element `x:`-prefixed), with cells that carry no `r`
 * attribute, and with an extra empty worksheet. The fast reader declines the first two, so they test
 * the SheetJS path on files whose report must equal the plain file's.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const WORKSHEET_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const WORKSHEET_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

type Files = Record<string, Uint8Array>;

function mapXml(bytes: Uint8Array, change: (name: string, xml: string) => string): Uint8Array {
  const files: Files = unzipSync(bytes);
  for (const [name, data] of Object.entries(files))
    if (/\.(xml|rels)$/.test(name)) files[name] = strToU8(change(name, strFromU8(data)));
  return zipSync(files);
}

/** Every element of SpreadsheetML's main namespace written as `x:name`, as the Open XML SDK writes it. */
export function sdkPrefixed(bytes: Uint8Array): Uint8Array {
  return mapXml(bytes, (_name, xml) => {
    if (!xml.includes(`xmlns="${MAIN}"`)) return xml;
    return xml
      .replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`)
      .replace(
        /<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g,
        (_m, slash: string, tag: string) => `<${slash}x:${tag}`,
      );
  });
}

const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/**
 * Every cell without its `r` attribute (a cell then follows the one before it), blank `<c/>` cells put
 * in where a row skipped columns so that each cell keeps its place.
 */
export function withoutCellRefs(bytes: Uint8Array): Uint8Array {
  return mapXml(bytes, (name, xml) => {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) return xml;
    return xml.replace(
      /(<row\b[^>]*[^/]>)([\s\S]*?)(<\/row>)/g,
      (_m, open: string, body: string, close: string) => {
        let next = 1;
        const cells = body.replace(/<c r="([A-Z]+)\d+"/g, (_c, letters: string) => {
          const at = column(letters);
          const fill = '<c/>'.repeat(Math.max(0, at - next));
          next = at + 1;
          return `${fill}<c`;
        });
        return open + cells + close;
      },
    );
  });
}

/**
 * The workbook with one more worksheet, last: no rows, its `<sheetData/>` after 1,000 `<col>` elements
 * (prefixed as the workbook's own elements are).
 */
export function withBlankSheet(bytes: Uint8Array): Uint8Array {
  const files: Files = unzipSync(bytes);
  const wbXml = strFromU8(files['xl/workbook.xml'] as Uint8Array);
  const p = wbXml.includes(`xmlns:x="${MAIN}"`) ? 'x:' : '';
  const ns = p === '' ? 'xmlns' : 'xmlns:x';
  const cols = Array.from({ length: 1000 }, (_, i) => `<${p}col min="${i + 1}" max="${i + 1}" width="9"/>`);
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns}="${MAIN}"><${p}cols>${cols.join('')}</${p}cols><${p}sheetData/></${p}worksheet>`;
  let n = 1;
  while (files[`xl/worksheets/sheet${n}.xml`]) n++;
  const path = `xl/worksheets/sheet${n}.xml`;
  files[path] = strToU8(sheet);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels'] as Uint8Array);
  const id = 'rIdBlank1';
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    rels.replace(
      '</Relationships>',
      `<Relationship Id="${id}" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet${n}.xml"/></Relationships>`,
    ),
  );
  const ids = [...wbXml.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]));
  files['xl/workbook.xml'] = strToU8(
    wbXml.replace(
      `</${p}sheets>`,
      `<${p}sheet name="空白" sheetId="${Math.max(0, ...ids) + 1}" r:id="${id}"/></${p}sheets>`,
    ),
  );
  const types = strFromU8(files['[Content_Types].xml'] as Uint8Array);
  files['[Content_Types].xml'] = strToU8(
    types.replace('</Types>', `<Override PartName="/${path}" ContentType="${WORKSHEET_CONTENT}"/></Types>`),
  );
  return zipSync(files);
}

/** The two shapes that once hung the SheetJS path, each with the extra empty worksheet. */
export const SLOW_SHAPES: ReadonlyArray<{
  readonly name: string;
  readonly make: (b: Uint8Array) => Uint8Array;
}> = [
  { name: 'sdk-prefixed', make: (b) => withBlankSheet(sdkPrefixed(b)) },
  { name: 'no-cell-refs', make: (b) => withBlankSheet(withoutCellRefs(b)) },
];
