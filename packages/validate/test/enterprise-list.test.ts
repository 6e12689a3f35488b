import { describe, expect, it } from 'vitest';
import { enterpriseList, validateSubmission } from '../src/index.js';
import { nodeInflater } from '../src/node.js';
import { catalogue, filledWorkbook, synthetic } from './helpers.js';

const CITY = '320500';

/** A city's list with a code to normalise (lower case, a space) and rows in and out of parks. */
async function workbook(): Promise<{ bytes: Uint8Array; codes: string[] }> {
  const sub = synthetic(CITY);
  const first = sub.enterprises[0];
  if (!first) throw new Error('the synthetic city lists no enterprise');
  const enterprises = [
    { ...first, creditCode: ` ${first.creditCode.toLowerCase()}` },
    ...sub.enterprises.slice(1),
  ];
  const bytes = await filledWorkbook(CITY, '2022', { ...sub, enterprises });
  return { bytes, codes: sub.enterprises.map((e) => e.creditCode) };
}

const read = (bytes: Uint8Array) =>
  validateSubmission(bytes, { catalogue, inflater: nodeInflater, fileName: 'x.xlsx' }).submission;

describe("a report's enterprise list, made when read", () => {
  it('gives through enterpriseList, without making the objects, what the array gives when read', async () => {
    const { bytes, codes } = await workbook();
    const lazy = read(bytes);
    const made = read(bytes);
    if (!lazy || !made) throw new Error('no submission');
    const list = enterpriseList(lazy);
    const array = made.enterprises;
    expect(list.length).toBe(array.length);
    expect(array.map((e) => e.creditCode)).toEqual(codes);
    for (let i = 0; i < list.length; i++) {
      expect(list.row(i)).toEqual(array[i]);
      expect(list.creditCode(i)).toBe(array[i]?.creditCode);
      expect(list.name(i)).toBe(array[i]?.name);
    }
    // Parks resolved to codes and years kept, as the checks decided.
    expect(array.some((e) => typeof e.park === 'string')).toBe(true);
    expect(array.some((e) => e.park === null)).toBe(true);
    expect(array.every((e) => e.certifiedYear === undefined || e.certifiedYear >= 2008)).toBe(true);
    expect(Array.from({ length: list.names.length }, (_, i) => list.names.at(i))).toEqual(
      array.map((e) => e.name),
    );
    expect(() => list.row(list.length)).toThrow(RangeError);
  });

  it('is the same array to every way of reading the submission', async () => {
    const { bytes } = await workbook();
    const sub = read(bytes);
    const other = read(bytes);
    if (!sub || !other) throw new Error('no submission');
    expect(Object.keys(sub)).toContain('enterprises');
    const json = JSON.parse(JSON.stringify(sub));
    const cloned = structuredClone(other);
    const spread = { ...read(bytes) };
    expect(json.enterprises.length).toBeGreaterThan(0);
    expect(json).toEqual(cloned);
    expect(spread).toEqual(cloned);
    // Read twice: one array, kept.
    expect(sub.enterprises).toBe(sub.enterprises);
    // Once made, the array is the list: a change to it is what enterpriseList reads.
    sub.enterprises.pop();
    expect(enterpriseList(sub).length).toBe(sub.enterprises.length);
    // And it can be replaced before it is ever made.
    other.enterprises = [];
    expect(other.enterprises).toEqual([]);
    expect(enterpriseList(other).length).toBe(0);
  });

  it('reads a plain submission (from JSON, a test, a ledger) as its array', () => {
    const sub = synthetic(CITY);
    const list = enterpriseList(sub);
    expect(list.length).toBe(sub.enterprises.length);
    expect(list.row(0)).toBe(sub.enterprises[0]);
    expect(list.creditCode(1)).toBe(sub.enterprises[1]?.creditCode);
    expect(list.names.at(1)).toBe(sub.enterprises[1]?.name);
  });
});
