import { Inflate } from 'fflate';

/** Why an entry's data could not be trusted. */
export type InflateProblem =
  | { kind: 'corrupt-stream'; detail: string }
  | { kind: 'size-mismatch'; detail: string };

/**
 * Compressed bytes fed to the inflater per step. One step yields at most ~1032× its input (deflate's
 * ceiling), so the output bound is checked at least every ~16 MiB, however the stream lies.
 */
const STEP = 16 * 1024;

/**
 * Inflates a raw deflate stream into `out`, which has exactly the entry's declared size. Stops as
 * soon as the actual output exceeds it (a lying size or a bomb), and fails fast on a corrupt or
 * truncated stream (fflate throws; it never waits for more data once told the input is final).
 */
export function inflateInto(compressed: Uint8Array, out: Uint8Array): InflateProblem | undefined {
  let written = 0;
  let over = false;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > out.length) over = true;
    else out.set(chunk, written);
    written += chunk.length;
    if (final) finished = true;
  });
  try {
    for (let p = 0; p < compressed.length || p === 0; p += STEP) {
      const end = Math.min(p + STEP, compressed.length);
      inflater.push(compressed.subarray(p, end), end === compressed.length);
      if (over)
        return { kind: 'size-mismatch', detail: `inflates to more than the declared ${out.length} bytes` };
      if (end === compressed.length) break;
    }
  } catch (e) {
    return { kind: 'corrupt-stream', detail: e instanceof Error ? e.message : String(e) };
  }
  if (!finished) return { kind: 'corrupt-stream', detail: 'deflate stream did not end' };
  if (written !== out.length)
    return { kind: 'size-mismatch', detail: `inflates to ${written} bytes, declared ${out.length}` };
  return undefined;
}
