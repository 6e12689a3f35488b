import { readFileSync } from 'node:fs';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { type ValidateOptions, validateSubmission } from '@sunan/validate';
import { nodeInflater } from '@sunan/validate/node';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/read/zip/crc32.js';
import { unzipVerified, unzipVerifiedStored } from '../src/read/zip/unzip-verified.js';
import { craftZip } from './hostile/craft-zip.js';

const example = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../examples/data/2022/${name}`, import.meta.url)));
const zhenjiang = example('321100-镇江市-2022.xlsx');
const LIMITS = { maxDecompressedBytes: 512 * 1024 * 1024, maxZipEntries: 10_000 };
const enc = new TextEncoder();
const codes = (b: Uint8Array) => validateSubmission(b).findings.map((f) => f.code);
const flip = (b: Uint8Array, byte: number, bit: number) => {
  const m = b.slice();
  m[byte] = (m[byte] as number) ^ (1 << bit);
  return m;
};
const baseline = validateSubmission(zhenjiang);

describe('CRC-32', () => {
  it('agrees with zlib, whole and chunk by chunk (differential, property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (b, cut) => {
        const at = Math.min(cut, b.length);
        expect(crc32(b)).toBe(zlibCrc32(b));
        expect(crc32(b.subarray(at), crc32(b.subarray(0, at)))).toBe(zlibCrc32(b));
      }),
      { numRuns: 3000 },
    );
  });
});

/** The integrity property: a damaged file gives the same numbers or an error, never other numbers. */
function sameOrError(bytes: Uint8Array, options: ValidateOptions = {}): void {
  const r = validateSubmission(bytes, options);
  if (r.ok) expect(r.submission).toEqual(baseline.submission);
  else expect(r.findings.some((f) => f.severity === 'error')).toBe(true);
}

describe('verified unzip', () => {
  it('reads every example workbook exactly as fflate does, and its stored re-pack too', () => {
    for (const name of ['320100-南京市-2022.xlsx', '321100-镇江市-2022.xlsx']) {
      const bytes = example(name);
      const r = unzipVerifiedStored(bytes, LIMITS);
      if (!r.ok) throw new Error(JSON.stringify(r.findings));
      const expected = unzipSync(bytes);
      expect([...r.entries.keys()].sort()).toEqual(Object.keys(expected).sort());
      for (const [k, v] of r.entries)
        expect(Buffer.from(v).equals(Buffer.from(expected[k] as Uint8Array))).toBe(true);
      const again = unzipSync(r.stored);
      for (const [k, v] of r.entries)
        expect(Buffer.from(again[k] as Uint8Array).equals(Buffer.from(v))).toBe(true);
    }
    expect(baseline.ok).toBe(true);
  });

  it('regression: a bit flip at byte 2720 of the 镇江 workbook never validates (it read TECH_SMES 1240 as 115)', () => {
    for (let bit = 0; bit < 8; bit++) {
      const r = validateSubmission(flip(zhenjiang, 2720, bit));
      expect(r.ok).toBe(false);
      expect(r.findings.map((f) => f.code)).toEqual([
        expect.stringMatching(/^ZIP_ENTRY_(CRC|CORRUPT|SIZE)$/),
      ]);
      expect(r.findings[0]?.value).toContain('xl/worksheets/');
    }
  });

  it('regression: bit 2 of byte 29 (which hung SheetJS’s inflater) is refused at once', () => {
    const r = validateSubmission(flip(zhenjiang, 29, 2));
    expect(r.ok).toBe(false);
    expect(r.findings[0]?.code).toMatch(/^ZIP_ENTRY_/);
  });

  it('regression: 16 entries sharing one 30 MiB local file (an overlapping zip bomb under the limit) → ZIP_ENTRY_OVERLAP', () => {
    const big = new Uint8Array(30 * 1024 * 1024);
    const names = [
      '[Content_Types].xml',
      ...Array.from({ length: 15 }, (_, i) => `xl/worksheets/sheet${i}.xml`),
    ];
    const bomb = craftZip(names.map((name, i) => ({ name, data: big, ...(i > 0 ? { shareWith: 0 } : {}) })));
    expect(bomb.length).toBeLessThan(100_000);
    expect(codes(bomb)).toEqual(['ZIP_ENTRY_OVERLAP']);
  });

  it('an entry whose data covers the next entry’s header (Fifield’s overlap) → ZIP_ENTRY_OVERLAP', () => {
    const a = enc.encode('<Types/>');
    const plain = craftZip([
      { name: '[Content_Types].xml', data: a, method: 0 },
      { name: 'xl/workbook.xml', data: enc.encode('<workbook/>'), method: 0 },
    ]);
    const forged = craftZip([
      { name: '[Content_Types].xml', data: a, method: 0, lie: { compressedSize: 28, size: 28 } },
      { name: 'xl/workbook.xml', data: enc.encode('<workbook/>'), method: 0 },
    ]);
    expect(unzipVerified(plain, LIMITS).ok).toBe(true);
    expect(codes(forged)).toEqual(['ZIP_ENTRY_OVERLAP']);
  });

  it('lying sizes, CRCs, names and truncated streams are errors naming the entry', () => {
    const data = enc.encode('<worksheet>'.repeat(1000));
    const cases: [Parameters<typeof craftZip>[0][number], string][] = [
      [{ name: 'xl/s.xml', data, lie: { size: 100 } }, 'ZIP_ENTRY_SIZE'],
      [{ name: 'xl/s.xml', data, lie: { size: data.length + 5 } }, 'ZIP_ENTRY_SIZE'],
      [{ name: 'xl/s.xml', data, lie: { crc: 12345 } }, 'ZIP_ENTRY_CRC'],
      [{ name: 'xl/s.xml', data, lie: { centralName: 'xl/t.xml' } }, 'ZIP_ENTRY_HEADER'],
      [{ name: 'xl/s.xml', data, method: 0, lie: { size: 3 } }, 'ZIP_ENTRY_HEADER'],
      [
        {
          name: 'xl/s.xml',
          data,
          compressed: (() => {
            const d = craftDeflate(data);
            return d.subarray(0, d.length >> 1);
          })(),
        },
        'ZIP_ENTRY_CORRUPT',
      ],
      [{ name: 'xl/s.xml', data, compressed: Uint8Array.of(0xff, 0xff, 0xff, 0xff) }, 'ZIP_ENTRY_CORRUPT'],
    ];
    for (const [entry, code] of cases) {
      const zip = craftZip([{ name: '[Content_Types].xml', data: enc.encode('<Types/>') }, entry]);
      const r = unzipVerified(zip, LIMITS);
      expect(r.ok, code).toBe(false);
      if (!r.ok) {
        expect(r.findings.map((f) => f.code)).toEqual([code]);
        expect(r.findings[0]?.message.en).toMatch(/entry xl\/[st]\.xml/);
      }
    }
  });

  it('a bomb that tells the truth is refused from its directory; its actual output is bounded when it lies', () => {
    const big = new Uint8Array(8 * 1024 * 1024);
    const honest = craftZip([{ name: '[Content_Types].xml', data: big }]);
    const r = unzipVerified(honest, { ...LIMITS, maxDecompressedBytes: 1024 * 1024 });
    expect(!r.ok && r.findings[0]?.code).toBe('FILE_ZIP_BOMB');
    const liar = craftZip([{ name: '[Content_Types].xml', data: big, lie: { size: 1000 } }]);
    const l = unzipVerified(liar, LIMITS);
    expect(!l.ok && l.findings[0]?.code).toBe('ZIP_ENTRY_SIZE');
  });

  it('fuzz: one flipped bit anywhere gives the same numbers or an error (sampled; the full sweep is in test:hostile)', () => {
    fc.assert(
      fc.property(fc.nat(zhenjiang.length * 8 - 1), (bitIndex) => {
        sameOrError(flip(zhenjiang, bitIndex >> 3, bitIndex & 7));
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('fuzz: the same with Node’s native inflater in place of fflate', () => {
    fc.assert(
      fc.property(fc.nat(zhenjiang.length * 8 - 1), (bitIndex) => {
        sameOrError(flip(zhenjiang, bitIndex >> 3, bitIndex & 7), { inflater: nodeInflater });
      }),
      { numRuns: 1000, seed: 15 },
    );
  });
});

function craftDeflate(data: Uint8Array): Uint8Array {
  const zip = craftZip([{ name: 'x', data }]);
  const len = zip[26] as number;
  const csize = new DataView(zip.buffer).getUint32(18, true);
  return zip.subarray(30 + len, 30 + len + csize);
}
