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
 * A whole-entry raw-deflate inflater a host may provide in place of fflate: Node's zlib is native and
 * several times faster (`nodeInflater` in `@sunan/validate/node`). The browser uses fflate.
 */
export interface Inflater {
  /** Inflates raw deflate data; throws when it is corrupt or would exceed `maxOutput` bytes. */
  inflateRaw(data: Uint8Array, maxOutput: number): Uint8Array;
  /** CRC-32 of `data` continuing from `previous`, as zlib's crc32. */
  crc32(data: Uint8Array, previous?: number): number;
  /**
   * Told that the reader has let go of an entry it inflated whole (`bytes` long): the enterprise list,
   * once scanned. Optional. A host whose collector would free that memory only late — V8 frees a
   * buffer that outlived a few young collections only in a full one — may collect now, before the
   * checks build the report.
   */
  released?(bytes: number): void;
}

/** Slices a whole inflated entry is handed to a sink in, so a scanner still works batch by batch. */
const SLICE = 48 * 1024;
/**
 * Entries streamed to a sink are inflated natively (whole, then sliced) only up to this size; a
 * larger one streams through fflate so that memory stays bounded however large the entry says it is.
 */
const NATIVE_STREAM_MAX = 64 * 1024 * 1024;

/** Whether {@link streamEntry} inflates `e` whole with the host's inflater (and slices it to the sink). */
export function inflatedWhole(e: ZipEntry, inflater: Inflater | undefined): inflater is Inflater {
  return inflater !== undefined && e.method !== 0 && e.size <= NATIVE_STREAM_MAX;
}

/** The entry inflated whole by a host's native inflater, checked for size and CRC-32. */
function inflateNative(
  data: Uint8Array,
  e: ZipEntry,
  inflater: Inflater,
): { ok: true; bytes: Uint8Array } | { ok: false; problem: InflateProblem } {
  let out: Uint8Array;
  try {
    // One byte more than declared, so that a stream that lies about its size is seen to.
    out = inflater.inflateRaw(data, e.size + 1);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      problem: /larger|too large|maxOutputLength/i.test(detail)
        ? { kind: 'size-mismatch', detail: `inflates to more than the declared ${e.size} bytes` }
        : { kind: 'corrupt-stream', detail },
    };
  }
  if (out.length !== e.size)
    return {
      ok: false,
      problem: { kind: 'size-mismatch', detail: `inflates to ${out.length} bytes, declared ${e.size}` },
    };
  const crc = inflater.crc32(out, 0) >>> 0;
  if (crc !== e.crc)
    return { ok: false, problem: { kind: 'crc', detail: `CRC-32 ${hex(crc)}, expected ${hex(e.crc)}` } };
  return { ok: true, bytes: out };
}

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
  inflater?: Inflater,
): InflateProblem | undefined {
  const data = archive.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  if (inflatedWhole(e, inflater)) {
    const whole = inflateNative(data, e, inflater);
    if (!whole.ok) return whole.problem;
    for (let p = 0; p < whole.bytes.length; p += SLICE) sink(whole.bytes.subarray(p, p + SLICE));
    return undefined;
  }
  let written = 0;
  let crc = 0;
  let over = false;
  let finished = e.method === 0;
  // What the sink throws is the sink's to report (a scan stopped at a limit), not a corrupt stream.
  let fromSink: { error: unknown } | undefined;
  const take = (chunk: Uint8Array) => {
    if (written + chunk.length > e.size) over = true;
    else if (chunk.length > 0) {
      crc = crc32(chunk, crc);
      try {
        sink(chunk);
      } catch (error) {
        fromSink = { error };
        throw error;
      }
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
    if (fromSink) throw fromSink.error;
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

/** One entry inflated whole and checked: with a host's inflater when given, else with fflate. */
export function inflateEntry(
  archive: Uint8Array,
  e: ZipEntry,
  inflater?: Inflater,
): { ok: true; bytes: Uint8Array } | { ok: false; problem: InflateProblem } {
  if (inflater && e.method !== 0)
    return inflateNative(archive.subarray(e.dataOffset, e.dataOffset + e.compressedSize), e, inflater);
  const bytes = new Uint8Array(e.size);
  const problem = inflateInto(archive, e, bytes);
  return problem ? { ok: false, problem } : { ok: true, bytes };
}
