import type { Finding } from '@sunan/schema/core';
import { finding } from '../findings/build.js';
import { SHEET } from './layout.js';

/**
 * True when a number literal is not zero but reads as 0 in binary floating point: `1e-400` parses to
 * 0 in a spreadsheet cell and in JSON alike, so without this check a value typed as 1e-400 would be
 * taken for an exact zero. (1e400 overflows to Infinity, which the value checks already refuse.)
 */
export function underflowsToZero(literal: string): boolean {
  const m = /^\s*[+-]?(\d*)(?:\.(\d*))?[eE][+-]?\d+\s*$/.exec(literal);
  if (!m) return false;
  return /[1-9]/.test(`${m[1] ?? ''}${m[2] ?? ''}`) && Number(literal) === 0;
}

/** The finding for a literal that underflowed: an error at its cell or JSON path, never a silent 0. */
export function underflowFinding(literal: string, where: { sheet?: string; cell?: string; path?: string }) {
  return finding(
    'VAL_BEYOND_PRECISION',
    'error',
    {
      zh: `数值“${literal}”过小，无法精确表示（会被读成 0）`,
      en: `The value "${literal}" is too small to be represented exactly (it would read as 0)`,
    },
    { ...where, value: literal, expected: '最多 15 位小数 / at most 15 decimals' },
  );
}

const bytewise = new TextDecoder('windows-1252');

/** The `r` of the nearest `<c …>` start tag before `at` in a sheet's XML, or undefined. */
function cellRefBefore(xml: string, at: number): string | undefined {
  const start = xml.lastIndexOf('<c ', at);
  if (start === -1) return undefined;
  return /\sr="([A-Z]{1,3}\d{1,7})"/.exec(xml.slice(start, xml.indexOf('>', start) + 1))?.[1];
}

/** Each `<v>` in one sheet's XML whose number underflows to 0, as a finding at its cell. */
function underflowsInSheet(sheet: string, bytes: Uint8Array, max: number, out: Finding[]): void {
  const xml = bytewise.decode(bytes);
  // An underflow needs a negative exponent; most sheets have none, and then nothing else is looked at.
  for (const marker of ['e-', 'E-']) {
    for (let at = xml.indexOf(marker); at !== -1 && out.length < max; at = xml.indexOf(marker, at + 2)) {
      const open = xml.lastIndexOf('<v>', at);
      const close = xml.indexOf('</v>', at);
      if (open === -1 || close === -1 || xml.lastIndexOf('<', at) !== open) continue;
      const literal = xml.slice(open + 3, close);
      if (underflowsToZero(literal))
        out.push(underflowFinding(literal, { sheet, cell: cellRefBefore(xml, open) }));
    }
  }
}

/**
 * Number cells of an xlsx package's sheets whose literal underflows to 0 (`<v>1e-400</v>`). Both
 * readers lose the literal (SheetJS keeps only the double), so the sheets' XML is looked at once, the
 * same way for either reader. The enterprise list holds no amounts and is skipped (it is the large
 * sheet); `sheets` maps sheet names to entries, or is undefined when the workbook part could not be
 * read, and then every worksheet entry is looked at under its path.
 */
export function underflowFindingsInEntries(
  entries: ReadonlyMap<string, Uint8Array>,
  sheets: ReadonlyMap<string, string> | undefined,
  max: number,
): Finding[] {
  const out: Finding[] = [];
  const targets: Array<[string, string]> = sheets
    ? [...sheets].filter(([name]) => name !== SHEET.enterprises)
    : [...entries.keys()].filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p)).map((p) => [p, p]);
  for (const [sheet, path] of targets) {
    const bytes = entries.get(path);
    if (bytes) underflowsInSheet(sheet, bytes, max, out);
  }
  return out;
}
