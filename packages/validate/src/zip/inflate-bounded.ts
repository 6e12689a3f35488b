import { Inflate } from 'fflate';
import type { ZipEntry } from './central-directory.js';
import { crc32 } from './crc32.js';

/** Why an entry's data could not be trusted. */
export type InflateProblem =
  | { kind: 'corrupt-stream'; detail: string }
  | { kind: 'size-mismatch'; detail: string }
  | { kind: 'crc'; detail: string };

/**
 * Compressed bytes fed to the inflater per step. One step yields at most ~1032× its input (deflate's
 * ceiling), so the output bound is checked at least every ~16 MiB, however the stream lies.
 */
const STEP = 16 * 1024;

const hex = (n: number) => n.toString(16).padStart(8, '0');

/**
 * Inflates (or copies) one entry of `archive`, handing its bytes to `sink` in order, and checks it
 * while it goes: it stops as soon as the actual output exceeds the declared size (a lying size or a
 * bomb), fails fast on a corrupt or truncated stream (fflate throws; it never waits for more data
 * once told the input is final), and at the end compares the size and the CRC-32. The sink sees the
 * bytes before the CRC is known: a caller keeps nothing it read when a problem comes back.
 */
export function streamEntry(
  archive: Uint8Array,
  e: ZipEntry,
  sink: (chunk: Uint8Array) => void,
): InflateProblem | undefined {
  const data = archive.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  let written = 0;
  let crc = 0;
  let over = false;
  let finished = e.method === 0;
  const take = (chunk: Uint8Array) => {
    if (written + chunk.length > e.size) over = true;
    else if (chunk.length > 0) {
      crc = crc32(chunk, crc);
      sink(chunk);
    }
    written += chunk.length;
  };
  try {
    if (e.method === 0) for (let p = 0; p < data.length; p += STEP) take(data.subarray(p, p + STEP));
    else {
      const inflater = new Inflate((chunk, final) => {
        take(chunk);
        if (final) finished = true;
      });
      for (let p = 0; p < data.length || p === 0; p += STEP) {
        const end = Math.min(p + STEP, data.length);
        inflater.push(data.subarray(p, end), end === data.length);
        if (over || end === data.length) break;
      }
    }
  } catch (err) {
    return { kind: 'corrupt-stream', detail: err instanceof Error ? err.message : String(err) };
  }
  if (over) return { kind: 'size-mismatch', detail: `inflates to more than the declared ${e.size} bytes` };
  if (!finished) return { kind: 'corrupt-stream', detail: 'deflate stream did not end' };
  if (written !== e.size)
    return { kind: 'size-mismatch', detail: `inflates to ${written} bytes, declared ${e.size}` };
  if (crc !== e.crc) return { kind: 'crc', detail: `CRC-32 ${hex(crc)}, expected ${hex(e.crc)}` };
  return undefined;
}

/** {@link streamEntry} into `out`, which has exactly the entry's declared size. */
export function inflateInto(archive: Uint8Array, e: ZipEntry, out: Uint8Array): InflateProblem | undefined {
  let at = 0;
  return streamEntry(archive, e, (chunk) => {
    out.set(chunk, at);
    at += chunk.length;
  });
}
