import type { Finding } from '@sunan/schema/core';
import { finding } from '../../findings/build.js';
import type { FindingCode } from '../../findings/codes.js';
import type { Limits } from '../limits.js';
import { readCentralDirectory, type ZipEntry, type ZipProblem } from './central-directory.js';
import { type InflateProblem, inflateInto } from './inflate-bounded.js';

/** The limits {@link unzipVerified} applies. */
export type ZipLimits = Pick<Limits, 'maxDecompressedBytes' | 'maxZipEntries'>;

/** Every entry inflated and verified, or findings saying why the archive is not trusted. */
export type UnzipVerified =
  | { ok: true; entries: ReadonlyMap<string, Uint8Array> }
  | { ok: false; findings: Finding[] };

/**
 * What a reader already read of an archive: its central directory (read and checked against the
 * same limits) and the entries it inflated whole and verified (size and CRC-32), by name. A reader
 * that gives up on a file hands this on, so the archive is not parsed and inflated again.
 */
export interface ZipAlreadyRead {
  readonly directory: readonly ZipEntry[];
  readonly verified: ReadonlyMap<string, Uint8Array>;
}

/** {@link UnzipVerified} plus the same entries re-packed as a stored (uncompressed) zip. */
export type UnzipVerifiedStored =
  | { ok: true; entries: ReadonlyMap<string, Uint8Array>; stored: Uint8Array }
  | { ok: false; findings: Finding[] };

const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;
const EOCD_SIZE = 22;

type Problem = ZipProblem | InflateProblem | { kind: 'bomb'; detail: string };

const TEXT: Record<Problem['kind'], { code: FindingCode; zh: string; en: string }> = {
  corrupt: {
    code: 'FILE_CORRUPT',
    zh: '压缩包结构损坏或不完整',
    en: 'The zip structure is damaged or truncated',
  },
  unsupported: {
    code: 'FILE_CORRUPT',
    zh: '压缩包使用了表格文件不会用到的特性，无法读取',
    en: 'The zip uses features no spreadsheet needs; it cannot be read',
  },
  'too-many-entries': {
    code: 'FILE_ZIP_BOMB',
    zh: '压缩包内文件数量超过上限',
    en: 'The zip holds more entries than the limit',
  },
  bomb: {
    code: 'FILE_ZIP_BOMB',
    zh: '文件解压后体积超过上限，已拒绝读取',
    en: 'The file would decompress beyond the limit; refused',
  },
  encrypted: {
    code: 'FILE_ENCRYPTED',
    zh: '压缩包内容已加密，请取消密码后再提交',
    en: 'The zip entries are encrypted; remove the password and submit again',
  },
  overlap: {
    code: 'ZIP_ENTRY_OVERLAP',
    zh: '压缩包内的条目相互重叠（疑似压缩炸弹或伪造文件）',
    en: 'Zip entries overlap one another (a zip bomb or a forged file)',
  },
  'lying-header': {
    code: 'ZIP_ENTRY_HEADER',
    zh: '压缩包条目的头信息前后矛盾，文件已损坏或被篡改',
    en: 'A zip entry’s headers contradict each other; the file is damaged or forged',
  },
  'corrupt-stream': {
    code: 'ZIP_ENTRY_CORRUPT',
    zh: '压缩包条目的数据已损坏，无法解压',
    en: 'A zip entry’s compressed data is damaged and cannot be inflated',
  },
  'size-mismatch': {
    code: 'ZIP_ENTRY_SIZE',
    zh: '压缩包条目解压后的大小与声明不符，文件已损坏',
    en: 'A zip entry inflates to a size other than the one declared; the file is damaged',
  },
  crc: {
    code: 'ZIP_ENTRY_CRC',
    zh: '压缩包条目的校验和不符，文件已损坏，其中的数字不可信',
    en: 'A zip entry fails its CRC-32 check; the file is damaged and its numbers cannot be trusted',
  },
};

function problemFinding(p: Problem, entry: string | undefined): Finding[] {
  const t = TEXT[p.kind];
  const where = entry === undefined ? '' : `${entry}: `;
  return [
    finding(
      t.code,
      'error',
      {
        zh: entry === undefined ? t.zh : `${t.zh}（条目 ${entry}）`,
        en: entry === undefined ? t.en : `${t.en} (entry ${entry})`,
      },
      { value: `${where}${p.detail}` },
    ),
  ];
}

/** Byte layout of the stored zip the verified entries are inflated into, in place. */
function layout(entries: readonly ZipEntry[]): { offsets: number[]; cdOffset: number; total: number } {
  const offsets: number[] = [];
  let p = 0;
  for (const e of entries) {
    offsets.push(p);
    p += LOCAL_SIZE + e.rawName.length + e.size;
  }
  let cd = 0;
  for (const e of entries) cd += CENTRAL_SIZE + e.rawName.length;
  return { offsets, cdOffset: p, total: p + cd + EOCD_SIZE };
}

function put16(b: Uint8Array, o: number, v: number) {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
}
function put32(b: Uint8Array, o: number, v: number) {
  put16(b, o, v & 0xffff);
  put16(b, o + 2, v >>> 16);
}

/** Writes the local headers, central directory and end record of the stored zip around its data. */
function writeHeaders(
  out: Uint8Array,
  entries: readonly ZipEntry[],
  offsets: readonly number[],
  cdOffset: number,
) {
  let c = cdOffset;
  entries.forEach((e, i) => {
    const o = offsets[i] as number;
    put32(out, o, 0x04034b50);
    put16(out, o + 4, 20);
    put16(out, o + 8, 0); // method: stored
    put32(out, o + 14, e.crc);
    put32(out, o + 18, e.size);
    put32(out, o + 22, e.size);
    put16(out, o + 26, e.rawName.length);
    out.set(e.rawName, o + LOCAL_SIZE);
    put32(out, c, 0x02014b50);
    put16(out, c + 4, 20);
    put16(out, c + 6, 20);
    put32(out, c + 16, e.crc);
    put32(out, c + 20, e.size);
    put32(out, c + 24, e.size);
    put16(out, c + 28, e.rawName.length);
    put32(out, c + 42, o);
    out.set(e.rawName, c + CENTRAL_SIZE);
    c += CENTRAL_SIZE + e.rawName.length;
  });
  put32(out, c, 0x06054b50);
  put16(out, c + 8, entries.length);
  put16(out, c + 10, entries.length);
  put32(out, c + 12, c - cdOffset);
  put32(out, c + 16, cdOffset);
}

/**
 * Like {@link unzipVerified}, and also hands back the verified entries re-packed as a stored zip,
 * so that a zip reader with its own (less careful) inflater never inflates anything. The entries
 * are views into that one buffer: the archive's content is held once.
 */
export function unzipVerifiedStored(
  bytes: Uint8Array,
  limits: ZipLimits,
  known?: ZipAlreadyRead,
): UnzipVerifiedStored {
  try {
    return verifyAndStore(bytes, limits, known);
  } catch (e) {
    // Only an allocation failure can land here; it is still a finding, never an exception.
    return {
      ok: false,
      findings: problemFinding(
        { kind: 'corrupt', detail: e instanceof Error ? e.message : String(e) },
        undefined,
      ),
    };
  }
}

function verifyAndStore(bytes: Uint8Array, limits: ZipLimits, known?: ZipAlreadyRead): UnzipVerifiedStored {
  const dir = known
    ? { ok: true as const, entries: known.directory }
    : readCentralDirectory(bytes, limits.maxZipEntries);
  if (!dir.ok)
    return {
      ok: false,
      findings: problemFinding(dir.problem, 'entry' in dir.problem ? dir.problem.entry : undefined),
    };
  let declared = 0;
  for (const e of dir.entries) declared += e.size;
  if (declared > limits.maxDecompressedBytes)
    return {
      ok: false,
      findings: problemFinding(
        { kind: 'bomb', detail: `${declared} bytes uncompressed > ${limits.maxDecompressedBytes}` },
        undefined,
      ),
    };
  const { offsets, cdOffset, total } = layout(dir.entries);
  const out = new Uint8Array(total);
  const entries = new Map<string, Uint8Array>();
  for (let i = 0; i < dir.entries.length; i++) {
    const e = dir.entries[i] as ZipEntry;
    const start = (offsets[i] as number) + LOCAL_SIZE + e.rawName.length;
    const slot = out.subarray(start, start + e.size);
    // An entry the fast reader already inflated and verified is copied, not inflated again.
    const done = known?.verified.get(e.name);
    if (done?.length === e.size) slot.set(done);
    const problem = done?.length === e.size ? undefined : inflateInto(bytes, e, slot);
    if (problem) return { ok: false, findings: problemFinding(problem, e.name) };
    entries.set(e.name, slot);
  }
  writeHeaders(out, dir.entries, offsets, cdOffset);
  return { ok: true, entries, stored: out };
}

/**
 * Reads a zip archive without trusting it: parses the central directory itself, refuses entries
 * that overlap or whose headers disagree, inflates every entry with fflate while bounding the
 * actual output (each entry to its declared size, all of them to `maxDecompressedBytes`), and
 * checks each entry's CRC-32 and size. Any mismatch is an error finding naming the entry — a
 * damaged workbook never yields numbers. Never throws.
 */
export function unzipVerified(bytes: Uint8Array, limits: ZipLimits): UnzipVerified {
  const r = unzipVerifiedStored(bytes, limits);
  return r.ok ? { ok: true, entries: r.entries } : r;
}
