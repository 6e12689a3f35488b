import type { Limits } from './limits.js';
import { readCentralDirectory } from './zip/central-directory.js';

/** What the bytes are, decided from their content (never from the file name). */
export type Sniffed =
  | { kind: 'zip-workbook'; format: 'xlsx' | 'ods' }
  | { kind: 'cfb' }
  | { kind: 'json'; text: string }
  | { kind: 'csv'; text: string; encoding: TextEncoding }
  | {
      kind: 'rejected';
      code: 'FILE_EMPTY' | 'FILE_TOO_LARGE' | 'FILE_NOT_SPREADSHEET' | 'FILE_CORRUPT' | 'FILE_ZIP_BOMB';
      detail: string;
    };

/** How a text file was decoded. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'utf-16le' | 'utf-16be';

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);

/**
 * Looks at a zip's central directory — without inflating anything — to reject zip bombs and
 * truncated archives before a spreadsheet library decompresses them into memory.
 */
function sniffZip(bytes: Uint8Array, limits: Limits): Sniffed {
  const dir = readCentralDirectory(bytes, limits.maxZipEntries);
  // Structural problems are reported by the verified unzip, which names the entry.
  if (!dir.ok) return { kind: 'zip-workbook', format: 'xlsx' };
  const names = dir.entries.map((e) => e.name);
  let total = 0;
  for (const e of dir.entries) total += e.size;
  if (total > limits.maxDecompressedBytes)
    return {
      kind: 'rejected',
      code: 'FILE_ZIP_BOMB',
      detail: `${total} bytes uncompressed > ${limits.maxDecompressedBytes}`,
    };
  if (names.includes('[Content_Types].xml')) return { kind: 'zip-workbook', format: 'xlsx' };
  if (names.includes('content.xml')) return { kind: 'zip-workbook', format: 'ods' };
  return {
    kind: 'rejected',
    code: 'FILE_NOT_SPREADSHEET',
    detail: 'a zip archive that is neither xlsx nor ods',
  };
}

/**
 * Decodes text as UTF-16 when it starts with a UTF-16 byte-order mark (Excel's "Unicode text"), else
 * UTF-8 (with or without BOM), falling back to GBK, which Excel writes on Chinese Windows.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const utf16 = utf16Bom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes.subarray(2)), encoding: utf16 };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]))
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

/** Decides what kind of input the bytes hold and applies the size limits. */
export function sniff(bytes: Uint8Array, limits: Limits): Sniffed {
  if (bytes.length === 0) return { kind: 'rejected', code: 'FILE_EMPTY', detail: '0 bytes' };
  if (bytes.length > limits.maxFileBytes)
    return {
      kind: 'rejected',
      code: 'FILE_TOO_LARGE',
      detail: `${bytes.length} bytes > ${limits.maxFileBytes}`,
    };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return sniffZip(bytes, limits);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'cfb' };
  // Text formats: reject binary junk (UTF-16 text, marked by its BOM, is full of NUL bytes).
  if (utf16Bom(bytes)) return textKind(bytes);
  // Text formats: reject binary junk. Known binary formats by their signature (a PDF's first lines
  // look like text), then NUL bytes, which never occur in CSV or JSON text.
  const binary = BINARY_SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (binary) return { kind: 'rejected', code: 'FILE_NOT_SPREADSHEET', detail: `${binary.name} content` };
  if (bytes.includes(0)) return { kind: 'rejected', code: 'FILE_NOT_SPREADSHEET', detail: 'binary content' };
  return textKind(bytes);
}

const sig = (s: string) => [...s].map((c) => c.charCodeAt(0));
/** Signatures of binary files people send by mistake under a spreadsheet's name. */
const BINARY_SIGNATURES: ReadonlyArray<{ name: string; bytes: readonly number[] }> = [
  { name: 'PDF', bytes: sig('%PDF-') },
  { name: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF', bytes: sig('GIF8') },
  { name: 'gzip', bytes: [0x1f, 0x8b] },
  { name: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR', bytes: sig('Rar!') },
  { name: 'RTF', bytes: sig('{\\rtf') },
];

function replacementShare(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) n++;
  return text.length === 0 ? 0 : n / text.length;
}

function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return undefined;
}

function textKind(bytes: Uint8Array): Sniffed {
  const { text, encoding } = decodeText(bytes);
  // Bytes that are neither UTF-8 nor GBK decode to U+FFFD: many of them mean binary, not text.
  if (encoding === 'gbk' && replacementShare(text) > 0.01)
    return {
      kind: 'rejected',
      code: 'FILE_NOT_SPREADSHEET',
      detail: 'binary content (neither UTF-8 nor GBK)',
    };
  const first = text.trimStart().charAt(0);
  if (first === '{' || first === '[') return { kind: 'json', text };
  if (text.trim() === '') return { kind: 'rejected', code: 'FILE_EMPTY', detail: 'only blanks' };
  return { kind: 'csv', text, encoding };
}
