import * as XLSX from 'xlsx';
import { decline } from './decline.js';
import { type SharedStrings, sharedStrings } from './shared-strings.js';
import { attributes, firstElement, unescapeXml, utf8Text } from './xml-text.js';

/** Number formats by id as SheetJS's table holds them for one workbook: built-ins plus the file's own. */
export type FormatTable = ReadonlyMap<number, string>;

/** The parts of an xlsx package the fast reader needs, or the reason it leaves the file to SheetJS. */
export interface WorkbookParts {
  /** Sheet name → path of its XML in the package, in workbook order. */
  readonly sheets: ReadonlyMap<string, string>;
  readonly sharedStrings: SharedStrings;
  /** Cell style index → number format id (absent when the package has no cell styles). */
  readonly styleFormats: readonly number[] | undefined;
  readonly formats: FormatTable;
}

// SheetJS's initial format table (SSF_init_table), which it resets before every workbook.
const BUILT_IN_FORMATS: ReadonlyArray<readonly [number, string]> = [
  [0, 'General'],
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [9, '0%'],
  [10, '0.00%'],
  [11, '0.00E+00'],
  [12, '# ?/?'],
  [13, '# ??/??'],
  [14, 'm/d/yy'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'm/d/yy h:mm'],
  [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'],
  [39, '#,##0.00;(#,##0.00)'],
  [40, '#,##0.00;[Red](#,##0.00)'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mmss.0'],
  [48, '##0.0E+0'],
  [49, '@'],
  [56, '"上午/下午 "hh"時"mm"分"ss"秒 "'],
];

const text = (entries: ReadonlyMap<string, Uint8Array>, path: string) => {
  const bytes = entries.get(path);
  return bytes === undefined ? undefined : utf8Text(bytes);
};

/** Start tags named `name` (any prefix), as attribute maps. */
function tags(xml: string, name: string): Map<string, string>[] {
  const re = new RegExp(`<(?:\\w+:)?${name}\\b[^<>]*>`, 'g');
  return (xml.match(re) ?? []).map(attributes);
}

/** Paths of the shared strings and styles parts, from the content types (where SheetJS looks). */
export function partPaths(entries: ReadonlyMap<string, Uint8Array>): { sst?: string; styles?: string } {
  const ct = text(entries, '[Content_Types].xml') ?? decline('no content types');
  const out: { sst?: string; styles?: string } = {};
  let workbook: string | undefined;
  for (const o of tags(ct, 'Override')) {
    const type = o.get('ContentType') ?? '';
    const part = (o.get('PartName') ?? '').replace(/^\//, '');
    if (/\.sheet\.main\+xml$/.test(type)) workbook ??= part;
    else if (/\.(?:sheet|template)\.main/.test(type) || /macroEnabled/.test(type))
      decline(`workbook type ${type}`);
    else if (/\.sharedStrings\+xml$/.test(type)) out.sst ??= part;
    else if (/\.styles\+xml$/.test(type)) out.styles ??= part;
  }
  if (workbook !== 'xl/workbook.xml') decline(`workbook part ${workbook}`);
  return out;
}

/**
 * Sheet name → path of its XML, in workbook order. `exists` says whether the package holds a path
 * (by default: among `entries`; the streaming reader inflates only some parts before asking).
 */
export function sheetPaths(
  entries: ReadonlyMap<string, Uint8Array>,
  exists: (path: string) => boolean = (p) => entries.has(p),
): Map<string, string> {
  const wb = text(entries, 'xl/workbook.xml') ?? decline('no workbook part');
  if (/date1904\s*=\s*["'](?:1|true)/.test(wb)) decline('1904 date system');
  const rels = text(entries, 'xl/_rels/workbook.xml.rels') ?? decline('no workbook relationships');
  const targets = new Map<string, string>();
  for (const r of tags(rels, 'Relationship'))
    if ((r.get('Type') ?? '').endsWith('/worksheet')) targets.set(r.get('Id') ?? '', r.get('Target') ?? '');
  const out = new Map<string, string>();
  for (const s of tags(wb, 'sheet')) {
    const name = unescapeXml(s.get('name') ?? '');
    const target = targets.get(s.get('id') ?? '');
    if (target === undefined || out.has(name)) decline(`sheet ${name} is not a plain worksheet`);
    const path = `xl/${target.replace(/[/]?xl\//, '')}`;
    if (!exists(path)) decline(`sheet ${name} not at ${path}`);
    out.set(name, path);
  }
  return out;
}

/** Custom number formats and each cell style's format id (styles.xml). */
function styles(
  entries: ReadonlyMap<string, Uint8Array>,
  path: string | undefined,
): { styleFormats: number[] | undefined; formats: Map<number, string> } {
  const formats = new Map<number, string>(BUILT_IN_FORMATS);
  const xml = path === undefined ? undefined : text(entries, path);
  if (xml === undefined) return { styleFormats: undefined, formats };
  const numFmts = firstElement(xml, 'numFmts');
  for (const f of numFmts ? tags(numFmts.inner, 'numFmt') : []) {
    const id = Number.parseInt(f.get('numFmtId') ?? '', 10);
    if (!(id > 0 && id <= 0x188)) decline(`number format id ${id}`);
    formats.set(id, unescapeXml(f.get('formatCode') ?? ''));
  }
  const xfs = firstElement(xml, 'cellXfs');
  if (!xfs) return { styleFormats: undefined, formats };
  const styleFormats = tags(xfs.inner, 'xf').map((xf) => {
    const raw = xf.get('numFmtId');
    const id = raw ? Number.parseInt(raw, 10) : 0;
    if (id > 0x188) decline('style number format id beyond the table');
    return Number.isNaN(id) ? 0 : id;
  });
  return { styleFormats, formats };
}

/**
 * Finds the sheets, shared strings and number formats of an xlsx package. `entries` must hold the
 * content types, workbook, its relationships, shared strings and styles; `exists` answers for the
 * whole package. Throws {@link Decline}.
 */
export function workbookParts(
  entries: ReadonlyMap<string, Uint8Array>,
  exists: (path: string) => boolean = (p) => entries.has(p),
): WorkbookParts {
  for (const odd of ['META-INF/manifest.xml', 'objectdata.xml', 'Index/Document.iwa'])
    if (exists(odd)) decline(`not an Excel package (${odd})`);
  const ct = partPaths(entries);
  if ((ct.sst !== undefined && !entries.has(ct.sst)) || (ct.styles !== undefined && !entries.has(ct.styles)))
    decline('shared strings or styles not read');
  return {
    sheets: sheetPaths(entries, exists),
    sharedStrings: sharedStrings(ct.sst === undefined ? undefined : entries.get(ct.sst)),
    ...styles(entries, ct.styles),
  };
}

/** A cell's date text as SheetJS formats it, or undefined when formatting fails. */
export function formatted(format: string, value: number): string | undefined {
  try {
    return XLSX.SSF.format(format, value);
  } catch {
    return undefined;
  }
}
