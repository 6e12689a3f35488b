import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { collectBetweenFiles } from '../src/node.js';

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
