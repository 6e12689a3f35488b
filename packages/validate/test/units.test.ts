import { readdirSync, readFileSync } from 'node:fs';
import { checkCreditCode, creditCodeCheckChar, FINDING_CODES, parseTypedNumber } from '@sunan/validate';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published valid codes (test suites of hutool and of a JS validator library), and invalid ones.
  it.each(['91310110666007217T', '91350100M000100Y43', '91310115591693856A'])('accepts %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true });
  });
  it('rejects a wrong check character and says which is right', () => {
    expect(checkCreditCode('91350211M00013FA1N')).toMatchObject({ ok: false, reason: 'check' });
    expect(checkCreditCode('91350100M000100Y4A')).toEqual({ ok: false, reason: 'check', expected: '3' });
  });
  it('rejects the wrong length and the letters I, O, Z, S, V', () => {
    for (const bad of [
      '9135010',
      '91350100M000100Y433',
      '91350100M000I00Y43',
      '91350100M000O00Y43',
      '91350100S000100Y43',
    ]) {
      expect(checkCreditCode(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });
  it('property: a computed check character always validates, and any other fails', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const ch = fc.constantFrom(...alphabet);
    fc.assert(
      fc.property(
        fc.array(ch, { minLength: 2, maxLength: 2 }),
        fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }),
        fc.array(ch, { minLength: 9, maxLength: 9 }),
        ch,
        (a, b, c, other) => {
          const body = [...a, ...b, ...c].join('');
          const check = creditCodeCheckChar(body);
          expect(checkCreditCode(body + check)).toEqual({ ok: true });
          if (other !== check) expect(checkCreditCode(body + other).ok).toBe(false);
        },
      ),
    );
  });
});

describe('parseTypedNumber', () => {
  it.each([
    ['1,234.5', '1234.5', undefined, ['text-number', 'thousands-separator']],
    ['１２３．４', '123.4', undefined, ['text-number', 'full-width']],
    ['123.4亿元', '123.4', '亿元', ['text-number', 'trailing-unit']],
    ['1234 万元', '1234', '万元', ['text-number', 'trailing-unit']],
    ['3.2%', '3.2', '%', ['text-number', 'percent-sign']],
    ['３．２％', '3.2', '%', ['text-number', 'full-width', 'percent-sign']],
    ['(12.5)', '-12.5', undefined, ['text-number', 'parenthesised-negative']],
    ['-0.01', '-0.01', undefined, ['text-number']],
    ['.5', '0.5', undefined, ['text-number']],
  ])('%s → %s %s', (text, value, unit, notes) => {
    const r = parseTypedNumber(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.toString()).toBe(value);
    expect(r.unit).toBe(unit);
    expect(r.normalizations).toEqual(notes);
  });
  it.each(['abc', '1,23', '12..3', '', '—', '1.2.3'])('rejects %j', (text) => {
    expect(parseTypedNumber(text)).toMatchObject({ ok: false, reason: 'not-a-number' });
  });
  it('rejects units it does not know, naming them', () => {
    expect(parseTypedNumber('12斤')).toEqual({ ok: false, reason: 'unknown-unit', unitText: '斤' });
  });
  it('property: every decimal written with thousands separators reads back exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (n, d) => {
        const x = new Decimal(n.toString()).div(new Decimal(10).pow(d));
        const [int, frac] = x.toFixed(d).split('.');
        const text = `${BigInt(int ?? '0')
          .toString()
          .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
        const r = parseTypedNumber(text);
        return r.ok && r.value.eq(x);
      }),
    );
  });
});

describe('finding codes', () => {
  const src = new URL('../src/', import.meta.url);
  const used = new Set<string>();
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(new URL(file, src), 'utf8');
    for (const m of text.matchAll(/(?:finding|at|fail)\(\s*'([A-Z][A-Z_]+)'/g)) used.add(m[1] ?? '');
    for (const m of text.matchAll(/code: '([A-Z][A-Z_]+)'/g)) used.add(m[1] ?? '');
    for (const m of text.matchAll(/^ {2}([A-Z][A-Z_]+): \{ zh:/gm)) used.add(m[1] ?? '');
    for (const m of text.matchAll(/'(FILE_[A-Z_]+)'/g)) used.add(m[1] ?? '');
  }
  used.delete('');
  it('documents every code the sources emit, in FINDING_CODES and the README table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const missing = [...used].filter((c) => !(c in FINDING_CODES));
    expect(missing).toEqual([]);
    for (const code of Object.keys(FINDING_CODES)) expect(readme, code).toContain(`\`${code}\``);
    expect(used.size).toBeGreaterThan(50);
  });
});
