import { describe, expect, it } from 'vitest';
import { atDecimals, csvField, fractionDigits, shiftPoint } from '../src/index.js';

describe('exact decimal text', () => {
  it('moves the point on the digits: 亿元 to millions of yuan', () => {
    expect(shiftPoint('1350.25', 2)).toBe('135025');
    expect(shiftPoint('0.05', 2)).toBe('5');
    expect(shiftPoint('12', 2)).toBe('1200');
    expect(shiftPoint('1.234', 2)).toBe('123.4');
    expect(shiftPoint('-1.5', 2)).toBe('-150');
    expect(shiftPoint('-0.00', 2)).toBe('0');
    expect(shiftPoint('0.1', 0)).toBe('0.1');
  });

  it('pads to the declared decimals and never rounds extra digits away', () => {
    expect(atDecimals('7', 2)).toEqual({ text: '7.00', decimals: 2 });
    expect(atDecimals('300.8', 2)).toEqual({ text: '300.80', decimals: 2 });
    expect(atDecimals('1.234', 2)).toEqual({ text: '1.234', decimals: 3 });
    expect(atDecimals('-3', 0)).toEqual({ text: '-3', decimals: 0 });
    expect(fractionDigits('12.50')).toBe(2);
  });

  it('quotes a CSV field only for a comma, a quote or a line break (RFC 4180)', () => {
    expect(csvField('苏州工业园区')).toBe('苏州工业园区');
    expect(csvField(' leading space')).toBe(' leading space');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
