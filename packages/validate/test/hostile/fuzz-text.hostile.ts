import { parseTypedNumber, validateSubmission } from '@sunan/validate';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sheetEntry } from './craft-xlsx.js';
import { example, finiteValues, fuzzCount, SEED, timed } from './fuzz-common.js';

const enc = new TextEncoder();

describe('fuzzing the readers', () => {
  it('mutated XML inside a sound zip: always a report, never an exception or a non-finite value', () => {
    const files = unzipSync(example('321100-镇江市-2022.xlsx'));
    // The enterprise list (300 KB of XML) is cut to its first rows: each case then costs a fraction,
    // and the sheets the mutations target are whole.
    const list = sheetEntry(files, '高新技术企业名单');
    files[list] = strToU8(
      strFromU8(files[list] as Uint8Array).replace(/<row r="\d{2,}"[\s\S]*?<\/row>/g, ''),
    );
    const targets = [
      sheetEntry(files, '指标'),
      'xl/sharedStrings.xml',
      'xl/workbook.xml',
      sheetEntry(files, '_meta'),
    ];
    const texts = new Map(targets.map((t) => [t, strFromU8(files[t] as Uint8Array)]));
    const snippets = [
      '<',
      '>',
      '&',
      '&amp;',
      '"',
      '<v>1e400</v>',
      '<v>NaN</v>',
      "<f>cmd|' /C calc'!A0</f>",
      '</row>',
      '<row r="0">',
      '<c r="A0">',
      't="s"',
      't="e"',
      '<!DOCTYPE x [<!ENTITY a "b">]>',
      '_x001B_',
      '\u202e',
      '<mergeCell ref="A1:XFD1048576"/>',
      '<dimension ref="A1:XFD1048576"/>',
      'r="999999999"',
    ];
    const mutation = fc.record({
      target: fc.constantFrom(...targets),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      kind: fc.constantFrom('delete', 'duplicate', 'insert', 'digit'),
      span: fc.integer({ min: 1, max: 400 }),
      insert: fc.oneof(fc.constantFrom(...snippets), fc.string({ maxLength: 20 })),
    });
    const runs = fuzzCount('XML', 5000);
    timed('XML mutations', runs, () =>
      fc.assert(
        fc.property(mutation, (m) => {
          const text = texts.get(m.target) as string;
          const at = Math.floor(m.at * text.length);
          const out =
            m.kind === 'delete'
              ? text.slice(0, at) + text.slice(at + m.span)
              : m.kind === 'duplicate'
                ? text.slice(0, at + m.span) + text.slice(at, at + m.span) + text.slice(at + m.span)
                : m.kind === 'insert'
                  ? text.slice(0, at) + m.insert + text.slice(at)
                  : text.slice(0, at) + text.slice(at).replace(/\d/, (d) => String((Number(d) + 1) % 10));
          const zip = zipSync({ ...files, [m.target]: strToU8(out) }, { level: 0 });
          const r = validateSubmission(zip);
          expect(r.findings.length > 0 || r.ok).toBe(true);
          finiteValues(r);
        }),
        { numRuns: runs, seed: SEED },
      ),
    );
  });

  it('arbitrary strings into the number parser: no exception, finite exact values, no fake digits', () => {
    const runs = fuzzCount('NUMBERS', 50_000);
    // Number-like text built from pieces (much faster to generate than a regex-shaped string).
    const piece = fc.constantFrom(
      '0',
      '1',
      '5',
      '9',
      '０',
      '９',
      ',',
      '，',
      '.',
      '²',
      '①',
      '⑴',
      'e400',
      'e-400',
      ' ',
      '-',
      '+',
      '(',
      ')',
      '（',
      '）',
      '%',
      '亿元',
      '万元',
      '人',
      '\u202e',
    );
    const numberish = fc.array(piece, { maxLength: 70 }).map((p) => p.join(''));
    timed('number parser strings', runs, () =>
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 40 }),
            fc.string({ unit: 'binary', maxLength: 40 }),
            numberish,
          ),
          (s) => {
            const r = parseTypedNumber(s);
            if (r.ok) {
              expect(r.value.isFinite()).toBe(true);
              expect(/[²³¹⁰-⁹₀-₉①-⑳⑴-⒇]/.test(s)).toBe(false);
              expect(/\(\s*[+-]/.test(s.normalize('NFKC'))).toBe(false);
            }
          },
        ),
        { numRuns: runs, seed: SEED },
      ),
    );
  });

  it('arbitrary JSON into the JSON reader: always a report, no exception, no non-finite value', () => {
    const runs = fuzzCount('JSON', 10_000);
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('1e400', '-1e400', '1e-400', '(-5)', '10²', '9'.repeat(60), '__proto__', ''),
      fc.double(),
    );
    const shaped = fc
      .record({
        city: fc.oneof(fc.constantFrom('321100', '320500', '0000', '__proto__'), fc.string()),
        period: fc.oneof(fc.constantFrom('2022', '0000', '2022Q3', '99999'), fc.string()),
        values: fc.array(
          fc.record({
            orgUnit: fc.constantFrom('321100', 'X', '__proto__'),
            indicator: fc.constantFrom('GDP', 'TECH_CONTRACT', 'constructor'),
            value,
          }),
          { maxLength: 20 },
        ),
        enterprises: fc.array(
          fc.dictionary(fc.constantFrom('creditCode', 'name', 'park', '__proto__'), fc.jsonValue()),
          { maxLength: 5 },
        ),
      })
      .map((d) => JSON.stringify(d).replace(/"(1e400|-1e400|1e-400)"/g, '$1'));
    timed('JSON documents', runs, () =>
      fc.assert(
        fc.property(fc.oneof(fc.json(), shaped, fc.string()), (text) => {
          const r = validateSubmission(enc.encode(text));
          expect(r.findings.length > 0 || r.ok).toBe(true);
          finiteValues(r);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: runs, seed: SEED },
      ),
    );
  });
});
