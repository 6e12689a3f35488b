import type { Finding } from '@sunan/schema/core';
import * as XLSX from 'xlsx';
import { finding } from '../findings/build.js';
import type { FindingCode } from '../findings/codes.js';
import { Decline } from './fast/decline.js';
import { readFastXlsx } from './fast/read-fast.js';
import { sheetPaths } from './fast/workbook-parts.js';
import { type DuplicateKey, scanJson } from './json-scan.js';
import type { Limits } from './limits.js';
import { underflowFinding, underflowFindingsInEntries } from './number-underflow.js';
import type { ParsedFile } from './parsed-file.js';
import { parsedFromJson } from './read-json.js';
import { parsedFromWorkbook, readOptions } from './read-workbook.js';
import { rowOverflowFindings } from './row-overflow.js';
import { sniff } from './sniff.js';
import type { Inflater } from './zip/inflate-bounded.js';
import { unzipVerifiedStored, type ZipAlreadyRead } from './zip/unzip-verified.js';

const REJECT_TEXT: Record<string, { zh: string; en: string }> = {
  FILE_EMPTY: { zh: '文件为空', en: 'The file is empty' },
  FILE_TOO_LARGE: { zh: '文件过大', en: 'The file is too large' },
  FILE_NOT_SPREADSHEET: {
    zh: '不是可识别的表格文件（xlsx、xls、ods、csv 或 json）',
    en: 'Not a spreadsheet this tool reads (xlsx, xls, ods, csv or json)',
  },
  FILE_CORRUPT: {
    zh: '文件已损坏或不完整，无法读取',
    en: 'The file is damaged or truncated and cannot be read',
  },
  FILE_ZIP_BOMB: {
    zh: '文件解压后体积异常巨大，已拒绝读取',
    en: 'The file would decompress to an unreasonable size; refused',
  },
  FILE_ENCRYPTED: {
    zh: '文件已加密或设有打开密码，请取消密码后再提交',
    en: 'The workbook is encrypted or password-protected; remove the password and submit again',
  },
};

/** Findings reported at most per kind by readers that stop early (duplicate JSON keys, underflows). */
const MAX_SCAN_FINDINGS = 1000;

/** What `JSON.parse` dropped without a word: repeated keys and numbers that underflowed to 0. */
function jsonTextFindings(text: string): Finding[] {
  const scan = scanJson(text, MAX_SCAN_FINDINGS);
  const underflows = scan.underflows.map((u) => underflowFinding(u.literal, { path: u.path }));
  return underflows.concat(duplicateKeyFindings(scan.duplicateKeys));
}

function duplicateKeyFindings(duplicates: readonly DuplicateKey[]): Finding[] {
  return duplicates.map((d) =>
    finding(
      'JSON_DUPLICATE_KEY',
      'error',
      {
        zh: `JSON 对象中键“${d.key}”出现多次，无法确定应取哪个值`,
        en: `The key "${d.key}" occurs more than once in one JSON object; which value is meant is unclear`,
      },
      { path: d.path, value: d.key, expected: '每个键只出现一次 / each key once' },
    ),
  );
}

/** The sheets of an xlsx package by name, or undefined when its workbook part is unusual. */
function sheetPathsOrUndefined(entries: ReadonlyMap<string, Uint8Array>): Map<string, string> | undefined {
  try {
    return sheetPaths(entries);
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
}

/**
 * Runs a SheetJS read with its console output dropped: it writes notes of its own straight to the
 * console ("ODS number format may be incorrect"), which a command's user would take for its output
 * and a page's for an error. What matters of a file reaches the report as findings, never the console.
 */
function quietly<T>(read: () => T): T {
  const { error, warn, log } = console;
  const drop = () => {};
  console.error = drop;
  console.warn = drop;
  console.log = drop;
  try {
    return read();
  } finally {
    console.error = error;
    console.warn = warn;
    console.log = log;
  }
}

function rejected(code: FindingCode, detail: string): { parsed: undefined; findings: Finding[] } {
  const message = REJECT_TEXT[code] ?? { zh: '无法读取文件', en: 'The file cannot be read' };
  return { parsed: undefined, findings: [finding(code, 'error', message, { value: detail })] };
}

/**
 * Turns input bytes of any accepted format into rows to check, or into findings saying why it
 * cannot be read. Never throws: whatever a spreadsheet library throws on a bad file becomes a finding.
 */
export function parseInput(
  bytes: Uint8Array,
  limits: Limits,
  reader: 'auto' | 'sheetjs' = 'auto',
  valuesOnly = false,
  inflater?: Inflater,
): { parsed: ParsedFile | undefined; findings: Finding[]; reader?: 'fast' } {
  const s = sniff(bytes, limits);
  try {
    switch (s.kind) {
      case 'rejected':
        return rejected(s.code, s.detail);
      case 'json': {
        let doc: unknown;
        try {
          doc = JSON.parse(s.text);
        } catch (e) {
          return rejected('FILE_CORRUPT', e instanceof Error ? e.message : String(e));
        }
        return { parsed: parsedFromJson(doc, limits), findings: jsonTextFindings(s.text) };
      }
      case 'csv': {
        // raw: every CSV cell stays text, so "1,234" or "2022-01" is never guessed into a number or date.
        const wb = quietly(() =>
          XLSX.read(s.text, { type: 'string', raw: true, dense: true, sheetRows: limits.maxRows + 1 }),
        );
        const info =
          s.encoding === 'gbk'
            ? [
                finding(
                  'CSV_ENCODING_GBK',
                  'info',
                  { zh: 'CSV 文件按 GBK 编码读取', en: 'The CSV file was read as GBK' },
                  { value: 'GBK' },
                ),
              ]
            : [];
        return { parsed: parsedFromWorkbook(wb, 'csv', limits), findings: info };
      }
      case 'zip-workbook': {
        // The template's own xlsx goes to the fast reader, which checks each entry's size and CRC-32
        // as it inflates; whatever it declines (unusual, or damaged), the SheetJS path reads.
        let known: ZipAlreadyRead | undefined;
        if (s.format === 'xlsx' && reader === 'auto') {
          const fast = readFastXlsx(bytes, limits, valuesOnly, inflater);
          if (fast.kind === 'read') return { parsed: fast.parsed, findings: fast.findings, reader: 'fast' };
          if (fast.kind === 'refused') return { parsed: undefined, findings: fast.findings, reader: 'fast' };
          known = fast.read;
        }
        // Integrity before numbers: every entry's size and CRC-32 are checked here, and SheetJS only
        // ever sees a stored (uncompressed) copy, so its own inflater (which loops forever on a
        // truncated deflate stream) never runs.
        const verified = unzipVerifiedStored(bytes, limits, known);
        if (!verified.ok) return { parsed: undefined, findings: verified.findings };
        const sheets = s.format === 'xlsx' ? sheetPathsOrUndefined(verified.entries) : undefined;
        return {
          parsed: parsedFromWorkbook(
            quietly(() => XLSX.read(verified.stored, { ...readOptions(limits), type: 'array' })),
            s.format,
            limits,
          ),
          // SheetJS drops rows past the limit silently: rows that are really there are an error. It
          // also keeps only the double of a number, so 1e-400 is looked for in the XML.
          findings:
            s.format === 'xlsx'
              ? underflowFindingsInEntries(verified.entries, sheets, limits.maxFindings).concat(
                  rowOverflowFindings(verified.entries, limits.maxRows),
                )
              : [],
        };
      }
      case 'cfb': {
        const wb = quietly(() => XLSX.read(bytes, { ...readOptions(limits), type: 'array' }));
        return { parsed: parsedFromWorkbook(wb, 'xls', limits), findings: [] };
      }
    }
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(text)) return rejected('FILE_ENCRYPTED', text);
    return rejected('FILE_CORRUPT', text);
  }
}
