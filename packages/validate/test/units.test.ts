import { readFileSync } from 'node:fs';
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
  /** The rows of a README's code table: each code cell's codes, with the cells after it. */
  function table(readme: string): Map<string, string[]> {
    const rows = new Map<string, string[]>();
    for (const line of readme.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      const codes = [...(cells[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] ?? '');
      if (!line.startsWith('|') || codes.length === 0) continue;
      for (const code of codes) rows.set(code, cells.slice(2, -1));
    }
    return rows;
  }
  const readme = (pkg: string) => readFileSync(new URL(`../../${pkg}/README.md`, import.meta.url), 'utf8');
  const SEVERITY = { error: '错误 error', warning: '警告 warning', info: '提示 info' } as const;
  const entries = Object.entries(FINDING_CODES);

  it('the validate README documents every code of the table it emits, as the table says, and no other', () => {
    const documented = table(readme('validate'));
    const own = entries.filter(([, e]) => e.by === undefined);
    expect([...documented.keys()].sort()).toEqual(own.map(([code]) => code).sort());
    for (const [code, e] of own)
      expect(documented.get(code), code).toEqual([SEVERITY[e.severity], e.zh, e.en]);
  });

  it('the aggregate README documents every roll-up code of the table, with its severity, and no other', () => {
    const documented = table(readme('aggregate'));
    const theirs = entries.filter(([, e]) => e.by === 'aggregate');
    expect([...documented.keys()].sort()).toEqual(theirs.map(([code]) => code).sort());
    for (const [code, e] of theirs) expect(documented.get(code)?.[0], code).toBe(e.severity);
  });
});
