/**
 * Reads a zip's structure from its own end-of-central-directory record and central directory, and
 * cross-checks every entry against its local header — without inflating anything. A zip whose
 * headers disagree, whose entries overlap or run outside the file, or which uses features a
 * spreadsheet never needs (ZIP64, multi-disk, zip encryption, methods other than stored/deflate) is
 * refused here, so that nothing downstream trusts a lying header.
 */

/** One entry as the central directory and its local header agree it is. */
export interface ZipEntry {
  readonly name: string;
  /** The name's raw bytes, copied as they are when the zip is re-packed. */
  readonly rawName: Uint8Array;
  readonly method: 0 | 8;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Offset of the local header. */
  readonly localOffset: number;
  /** Offset of the entry's (compressed) data. */
  readonly dataOffset: number;
}

/** Why a zip's structure was refused. */
export type ZipProblem =
  | { kind: 'corrupt'; detail: string; entry?: string }
  | { kind: 'overlap'; detail: string; entry: string }
  | { kind: 'lying-header'; detail: string; entry: string }
  | { kind: 'encrypted'; detail: string; entry: string }
  | { kind: 'unsupported'; detail: string; entry?: string }
  | { kind: 'too-many-entries'; detail: string };

/** The parsed directory, or the first problem found. */
export type CentralDirectory =
  | { ok: true; entries: readonly ZipEntry[] }
  | { ok: false; problem: ZipProblem };

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;

const u16 = (b: Uint8Array, o: number) => (b[o] as number) | ((b[o + 1] as number) << 8);
const u32 = (b: Uint8Array, o: number) =>
  ((b[o] as number) |
    ((b[o + 1] as number) << 8) |
    ((b[o + 2] as number) << 16) |
    ((b[o + 3] as number) << 24)) >>>
  0;

const utf8 = new TextDecoder('utf-8');

interface Eocd {
  readonly at: number;
  readonly count: number;
  readonly cdSize: number;
  readonly cdOffset: number;
}

/** The end record is the last 22 bytes plus its comment; search back at most 64 KiB of comment. */
function findEocd(b: Uint8Array): Eocd | ZipProblem {
  const lowest = Math.max(0, b.length - EOCD_SIZE - 0xffff);
  for (let at = b.length - EOCD_SIZE; at >= lowest; at--) {
    if (u32(b, at) !== SIG_EOCD) continue;
    if (at + EOCD_SIZE + u16(b, at + 20) !== b.length) continue;
    const disk = u16(b, at + 4);
    const cdDisk = u16(b, at + 6);
    const here = u16(b, at + 8);
    const count = u16(b, at + 10);
    const cdSize = u32(b, at + 12);
    const cdOffset = u32(b, at + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
      return { kind: 'unsupported', detail: 'ZIP64 archive' };
    if (disk !== 0 || cdDisk !== 0 || here !== count)
      return { kind: 'unsupported', detail: 'multi-disk archive' };
    if (cdOffset + cdSize !== at)
      return { kind: 'corrupt', detail: `central directory ${cdOffset}+${cdSize} does not end at ${at}` };
    return { at, count, cdSize, cdOffset };
  }
  return { kind: 'corrupt', detail: 'no end-of-central-directory record (truncated zip?)' };
}

/** Reads one central-directory record at `p` and checks it against its local header. */
function readEntry(
  b: Uint8Array,
  p: number,
  cdOffset: number,
  cdEnd: number,
): { entry: ZipEntry; next: number; nameAgrees: boolean } | ZipProblem {
  if (p + CENTRAL_SIZE > cdEnd || u32(b, p) !== SIG_CENTRAL)
    return { kind: 'corrupt', detail: `bad central directory record at ${p}` };
  const flags = u16(b, p + 8);
  const method = u16(b, p + 10);
  const crc = u32(b, p + 16);
  const compressedSize = u32(b, p + 20);
  const size = u32(b, p + 24);
  const nameLen = u16(b, p + 28);
  const next = p + CENTRAL_SIZE + nameLen + u16(b, p + 30) + u16(b, p + 32);
  const localOffset = u32(b, p + 42);
  const rawName = b.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLen);
  const name = utf8.decode(rawName);
  if (next > cdEnd) return { kind: 'corrupt', detail: 'central directory runs past the end', entry: name };
  if (flags & 0x41) return { kind: 'encrypted', detail: 'zip-level encryption', entry: name };
  if (method !== 0 && method !== 8)
    return { kind: 'unsupported', detail: `compression method ${method}`, entry: name };
  if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
    return { kind: 'unsupported', detail: 'ZIP64 entry', entry: name };
  if (method === 0 && compressedSize !== size)
    return {
      kind: 'lying-header',
      detail: `stored entry with ${compressedSize} ≠ ${size} bytes`,
      entry: name,
    };
  // The local header must exist, sit before the directory and agree on name, method and flags.
  if (localOffset + LOCAL_SIZE > cdOffset || u32(b, localOffset) !== SIG_LOCAL)
    return { kind: 'lying-header', detail: `no local header at ${localOffset}`, entry: name };
  const localNameLen = u16(b, localOffset + 26);
  const dataOffset = localOffset + LOCAL_SIZE + localNameLen + u16(b, localOffset + 28);
  const localName = b.subarray(localOffset + LOCAL_SIZE, localOffset + LOCAL_SIZE + localNameLen);
  if (u16(b, localOffset + 8) !== method)
    return { kind: 'lying-header', detail: 'local header disagrees on the method', entry: name };
  if (dataOffset + compressedSize > cdOffset)
    return { kind: 'lying-header', detail: 'entry data runs into the central directory', entry: name };
  return {
    entry: { name, rawName, method, crc, compressedSize, size, localOffset, dataOffset },
    next,
    nameAgrees: sameBytes(localName, rawName),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Entries sorted by position must each end before the next begins: shared data is a zip bomb. */
function findOverlap(entries: readonly ZipEntry[]): ZipProblem | undefined {
  const sorted = [...entries].sort((x, y) => x.localOffset - y.localOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as ZipEntry;
    const cur = sorted[i] as ZipEntry;
    if (cur.localOffset < prev.dataOffset + prev.compressedSize)
      return { kind: 'overlap', detail: `overlaps ${prev.name}`, entry: cur.name };
  }
  return undefined;
}

/** Parses and cross-checks the directory of a zip archive; `maxEntries` bounds the work. */
export function readCentralDirectory(b: Uint8Array, maxEntries: number): CentralDirectory {
  const eocd = findEocd(b);
  if ('kind' in eocd) return { ok: false, problem: eocd };
  if (eocd.count > maxEntries)
    return {
      ok: false,
      problem: { kind: 'too-many-entries', detail: `${eocd.count} entries > ${maxEntries}` },
    };
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let misnamed: string | undefined;
  let p = eocd.cdOffset;
  for (let i = 0; i < eocd.count; i++) {
    const read = readEntry(b, p, eocd.cdOffset, eocd.at);
    if ('kind' in read) return { ok: false, problem: read };
    if (names.has(read.entry.name))
      return {
        ok: false,
        problem: { kind: 'lying-header', detail: 'duplicate entry name', entry: read.entry.name },
      };
    names.add(read.entry.name);
    entries.push(read.entry);
    if (!read.nameAgrees) misnamed ??= read.entry.name;
    p = read.next;
  }
  if (p !== eocd.at)
    return {
      ok: false,
      problem: { kind: 'corrupt', detail: 'central directory size disagrees with its records' },
    };
  // Overlap first: entries sharing one local header also disagree on its name, and overlap says why.
  const overlap = findOverlap(entries);
  if (overlap) return { ok: false, problem: overlap };
  if (misnamed !== undefined)
    return {
      ok: false,
      problem: {
        kind: 'lying-header',
        detail: 'local header name differs from the central directory',
        entry: misnamed,
      },
    };
  return { ok: true, entries };
}
