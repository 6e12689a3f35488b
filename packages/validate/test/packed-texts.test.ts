import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedTexts } from '../src/list/packed-texts.js';

describe('packed texts', () => {
  it('gives back every text as pushed, sealed or not (property)', () => {
    // Any UTF-16 (lone surrogates too), and lengths around the chunk size of 1,024 texts.
    const texts = fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 2600 });
    fc.assert(
      fc.property(texts, (ts) => {
        const packed = new PackedTexts();
        for (const t of ts) packed.push(t);
        expect(packed.length).toBe(ts.length);
        expect(Array.from({ length: ts.length }, (_, i) => packed.at(i))).toEqual(ts);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a long text and a lone surrogate exactly, and refuses a position past the end', () => {
    const long = '名'.repeat(20_000);
    const packed = new PackedTexts();
    packed.push(long);
    for (let i = 0; i < 1023; i++) packed.push(i === 7 ? '\uD800x' : `企业${i}`);
    packed.push('after the first chunk');
    expect(packed.at(0)).toBe(long);
    expect(packed.at(8)).toBe('\uD800x');
    expect(packed.at(1024)).toBe('after the first chunk');
    expect(() => packed.at(1025)).toThrow(RangeError);
    expect(() => packed.at(-1)).toThrow(RangeError);
  });
});
