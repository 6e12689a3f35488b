import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { sunanCatalogue } from '@sunan/schema/core';
import { describe, expect, it } from 'vitest';
import { validateSubmission } from '../src/index.js';
import { collectBetweenFiles, nodeInflater } from '../src/node.js';

/** Objects that die as soon as the function returns: what a file's validation leaves behind. */
function leaveGarbage(mib: number): number {
  let rows: Array<{ code: string; line: number }> | undefined = [];
  // ~100 bytes per row.
  for (let i = 0; i < (mib * 1024 * 1024) / 100; i++) rows.push({ code: `91320500MA${i}`, line: i });
  const n = rows.length;
  rows = undefined;
  return n;
}

describe('collectBetweenFiles', () => {
  it('collects what a file left behind once the heap has grown by more than the slack', () => {
    const settle = collectBetweenFiles(16);
    leaveGarbage(64);
    const before = process.memoryUsage().heapUsed;
    settle();
    const after = process.memoryUsage().heapUsed;
    expect(before - after).toBeGreaterThan(32 * 1024 * 1024);
  });

  it('leaves small growth to V8', () => {
    const settle = collectBetweenFiles(512);
    leaveGarbage(32);
    const before = process.memoryUsage().heapUsed;
    settle();
    // No collection ran: the dead rows are still counted.
    expect(process.memoryUsage().heapUsed).toBeGreaterThan(before - 8 * 1024 * 1024);
  });

  it('gives no other context of the host a `gc`', () => {
    collectBetweenFiles(0)();
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});

describe("nodeInflater's released", () => {
  it('collects when the reader lets go of a large entry, and leaves a small one to V8', () => {
    const released = nodeInflater.released as (bytes: number) => void;
    leaveGarbage(32);
    let before = process.memoryUsage().heapUsed;
    released(64 * 1024);
    expect(process.memoryUsage().heapUsed).toBeGreaterThan(before - 8 * 1024 * 1024);
    leaveGarbage(32);
    before = process.memoryUsage().heapUsed;
    released(22 * 1024 * 1024);
    expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(16 * 1024 * 1024);
  });

  it('is told once per full read, with the list entry size, and never for a values-only read', () => {
    const dir = fileURLToPath(new URL('../../../examples/data/2022', import.meta.url));
    const file = readdirSync(dir).find((f) => f.endsWith('.xlsx')) as string;
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    const catalogue = sunanCatalogue();
    const calls: number[] = [];
    const inflater = { ...nodeInflater, released: (n: number) => calls.push(n) };
    const report = validateSubmission(bytes, { catalogue, inflater, fileName: file });
    expect(report.stats.reader).toBe('fast');
    expect(calls).toHaveLength(1);
    // The list sheet's inflated size: more than its rows' text, less than the whole package.
    expect(calls[0]).toBeGreaterThan(report.stats.enterpriseRows * 50);
    expect(report).toEqual(validateSubmission(bytes, { catalogue, inflater: nodeInflater, fileName: file }));
    validateSubmission(bytes, { catalogue, inflater, fileName: file, valuesOnly: true });
    expect(calls).toHaveLength(1);
  });
});
