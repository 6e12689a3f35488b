/** Edits the XML inside a real workbook, below what any spreadsheet library would write. */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** The zip entry of a sheet, found by its name through workbook.xml and its relationships. */
export function sheetEntry(files: Record<string, Uint8Array>, sheetName: string): string {
  const wb = strFromU8(files['xl/workbook.xml'] as Uint8Array);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels'] as Uint8Array);
  const sheet = [...wb.matchAll(/<sheet\b[^>]*>/g)]
    .map((m) => m[0])
    .find((s) => s.includes(`name="${sheetName}"`));
  const rid = sheet && /r:id="([^"]+)"/.exec(sheet)?.[1];
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((r) => r.includes(`Id="${rid}"`));
  const target = rel && /Target="([^"]+)"/.exec(rel)?.[1];
  if (!target) throw new Error(`no sheet ${sheetName}`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** Rewrites one entry's text and re-zips the workbook (honest headers: the XML is the attack). */
export function patchEntry(bytes: Uint8Array, entry: string, change: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  const before = files[entry];
  if (!before) throw new Error(`no entry ${entry}`);
  const after = change(strFromU8(before));
  files[entry] = strToU8(after);
  return zipSync(files);
}

/** Rewrites a sheet's XML, found by the sheet's name. */
export function patchSheet(
  bytes: Uint8Array,
  sheetName: string,
  change: (xml: string) => string,
): Uint8Array {
  return patchEntry(bytes, sheetEntry(unzipSync(bytes), sheetName), change);
}

/** Replaces a cell element (`<c r="F12" …>…</c>`) with the given XML. */
export function replaceCell(xml: string, ref: string, cell: string): string {
  const re = new RegExp(`<c r="${ref}"(?:[^>]*/>|[^>]*>[\\s\\S]*?</c>)`);
  if (!re.test(xml)) throw new Error(`no cell ${ref}`);
  return xml.replace(re, cell);
}
