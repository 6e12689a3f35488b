import type { Finding } from '@sunan/schema/core';
import { finding } from '../findings/build.js';

/**
 * The number of the last `<row r="N">` in a sheet's XML, read backwards from the end of the bytes
 * (rows are in ascending order), or undefined. SheetJS stops reading at the row limit without a
 * word and its range comes from the sheet's `<dimension>` claim, which may be bogus; this is the
 * row that is actually there.
 */
export function lastRowNumber(xml: Uint8Array): number | undefined {
  const dec = new TextDecoder();
  // The search stops after the `<` at byte 0: `lastIndexOf(…, -1)` would count from the end again.
  for (let i = xml.lastIndexOf(0x3c); i >= 0; i = i === 0 ? -1 : xml.lastIndexOf(0x3c, i - 1)) {
    // "<row " — possibly with a namespace prefix, which SheetJS accepts too.
    if (xml[i + 1] === 0x2f) continue;
    const tagEnd = xml.indexOf(0x3e, i);
    const head = dec.decode(xml.subarray(i, Math.min(tagEnd < 0 ? xml.length : tagEnd, i + 300)));
    if (!/^<(\w+:)?row[\s>]/.test(head)) continue;
    const r = /\sr="(\d+)"/.exec(head)?.[1];
    return r === undefined ? undefined : Number(r);
  }
  return undefined;
}

/** FILE_TOO_MANY_ROWS for each worksheet of an xlsx package whose rows go beyond the limit. */
export function rowOverflowFindings(entries: ReadonlyMap<string, Uint8Array>, maxRows: number): Finding[] {
  const out: Finding[] = [];
  for (const [path, xml] of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(path)) continue;
    const last = lastRowNumber(xml);
    if (last === undefined || last <= maxRows) continue;
    out.push(
      finding(
        'FILE_TOO_MANY_ROWS',
        'error',
        {
          zh: `工作表（${path}）有数据在第 ${last} 行，超过行数上限 ${maxRows}，超出部分无法读取`,
          en: `A sheet (${path}) has data in row ${last}, beyond the limit of ${maxRows} rows; the excess cannot be read`,
        },
        { value: String(last), expected: `≤ ${maxRows}` },
      ),
    );
  }
  return out;
}
