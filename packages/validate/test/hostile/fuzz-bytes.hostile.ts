import { validateSubmission } from '@sunan/validate';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { example, fuzzCount, SEED, sameOrError, timed } from './fuzz-common.js';

const bytes = example('321100-镇江市-2022.xlsx');
const clean = validateSubmission(bytes);
const flip = (b: Uint8Array, bit: number) => {
  const m = b.slice();
  m[bit >> 3] = (m[bit >> 3] as number) ^ (1 << (bit & 7));
  return m;
};

/** `b` with `remove` bytes at `at` replaced by `insert` (typed-array copies, no JS arrays). */
function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const cut = Math.min(remove, b.length - at);
  const out = new Uint8Array(b.length - cut + insert.length);
  out.set(b.subarray(0, at));
  out.set(insert, at);
  out.set(b.subarray(at + cut), at + insert.length);
  return out;
}

/** Byte mutations that once validated with other numbers or hung; kept as regressions. */
const REGRESSIONS: ReadonlyArray<{ byte: number; bit: number }> = [
  { byte: 2720, bit: 3 }, // read TECH_SMES 1240 as 115 (no CRC check)
  { byte: 29, bit: 2 }, // SheetJS's inflate looped forever on the truncated stream
];

describe('integrity under damage (the example workbook of 镇江)', () => {
  it('regressions: past failures stay fixed', () => {
    for (const { byte, bit } of REGRESSIONS) sameOrError(clean, flip(bytes, byte * 8 + bit));
  });

  it('every bit of the first 4 KiB flipped, and a sample of the rest: same numbers or an error', () => {
    const head = Math.min(bytes.length, 4096) * 8;
    const sweep = fuzzCount('BITS', head);
    timed('bit flips, first 4 KiB (every bit)', sweep, () => {
      for (let bit = 0; bit < Math.min(sweep, head); bit++) sameOrError(clean, flip(bytes, bit));
    });
    const rest = fuzzCount('BITS', 4000);
    timed('bit flips, rest of the file (sample)', rest, () =>
      fc.assert(
        fc.property(fc.integer({ min: 4096 * 8, max: bytes.length * 8 - 1 }), (bit) =>
          sameOrError(clean, flip(bytes, bit)),
        ),
        { numRuns: rest, seed: SEED },
      ),
    );
  });

  it('random byte mutations (1–4 bytes overwritten, inserted or deleted): same numbers or an error', () => {
    const runs = fuzzCount('BYTES', 20_000);
    const edit = fc.record({
      at: fc.nat(bytes.length - 1),
      kind: fc.constantFrom('set', 'insert', 'delete'),
      values: fc.uint8Array({ minLength: 1, maxLength: 4 }),
    });
    timed('byte mutations', runs, () =>
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
          let m: Uint8Array = bytes.slice();
          for (const e of edits) {
            const at = Math.min(e.at, m.length - 1);
            if (e.kind === 'set') m.set(e.values.subarray(0, m.length - at), at);
            else if (e.kind === 'insert') m = splice(m, at, 0, e.values);
            else m = splice(m, at, e.values.length, new Uint8Array());
          }
          sameOrError(clean, m);
        }),
        { numRuns: runs, seed: SEED },
      ),
    );
  });
});
