import * as XLSX from 'xlsx';
import { attributes, firstElement, stringItem, unescapeXml, utf8Text, utf8TextOf } from './xml-text.js';

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

/** The shared string table, decoded item by item on demand (a list of 100,000 rows holds ~300,000). */
export interface SharedStrings {
  /** The text of item `i` as SheetJS reads it, or undefined when there is no such item. */
  get(i: number): string | undefined;
}

/** Why the fast reader declined a file (SheetJS then reads it). */
export class Decline extends Error {}

/** Stops the fast reader: the file is read by SheetJS instead. */
export function decline(why: string): never {
  throw new Decline(why);
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

const NO_STRINGS: SharedStrings = { get: () => undefined };
const bytewise = new TextDecoder('windows-1252');

/**
 * The shared string table as SheetJS's parse_sst_xml splits it — the text between one `</si>` and the
 * next, `<si>` tags removed — but only item boundaries are found here; an item is decoded when a
 * cell asks for it, so reading values only never decodes the enterprise names.
 */
function sharedStrings(entries: ReadonlyMap<string, Uint8Array>, path: string | undefined): SharedStrings {
  const bytes = path === undefined ? undefined : entries.get(path);
  if (bytes === undefined) return NO_STRINGS;
  // One character per byte, so offsets found in the string are offsets into the bytes.
  const s = bytewise.decode(bytes);
  const open = s.search(/<(?:\w+:)?sst\b[^<>]*>/);
  const close = open === -1 ? -1 : s.indexOf('</sst>', open);
  if (open === -1 || close === -1)
    return /<(?:\w+:)?sst\b/.test(s) ? decline('unusual shared strings') : NO_STRINGS;
  if (/<\w+:si\b|<si\s|sstItem|<\/\w+:si>/.test(s)) decline('unusual shared strings');
  const starts = [s.indexOf('>', open) + 1];
  const ends: number[] = [];
  for (let at = s.indexOf('</si>', starts[0]); at !== -1 && at < close; at = s.indexOf('</si>', at + 5)) {
    ends.push(at);
    starts.push(at + 5);
  }
  ends.push(close);
  return {
    get(i) {
      const start = starts[i];
      if (start === undefined || !Number.isInteger(i)) return undefined;
      const end = ends[i] as number;
      // The common item, `<si><t>text</t>`, read directly: the text's bytes decoded and unescaped,
      // which is what the general path below gives for it.
      if (s.startsWith('<si><t>', start)) {
        const textEnd = s.indexOf('<', start + 7);
        if (textEnd !== -1 && textEnd + 4 === end && s.startsWith('</t>', textEnd))
          return unescapeXml(utf8TextOf(s, bytes, start + 7, textEnd), true);
      }
      const item = utf8TextOf(s, bytes, start, end).replace(/<si>/g, '').trim();
      const t = stringItem(item);
      return t === 'unreadable' ? decline('a shared string SheetJS would not read') : t;
    },
  };
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
    sharedStrings: sharedStrings(entries, ct.sst),
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
