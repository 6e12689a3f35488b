import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decline } from '../src/read/fast/decline.js';
import { NO_STRINGS, sharedStrings } from '../src/read/fast/shared-strings.js';
import { stringItem, utf8Text } from '../src/read/fast/xml-text.js';

// The shared-string table is split on its bytes (so a 6.5 MB table never becomes a 13 MB string).
// The oracle is the reader it replaced, which split the table as a string with regular expressions
// the way SheetJS's parse_sst_xml does; the two must agree item by item, and decline alike.

const bytewise = new TextDecoder('windows-1252');

/** The previous, string-based reader (regular expressions on the whole table). */
function oracle(bytes: Uint8Array): { get(i: number): string | undefined } | 'declined' | 'none' {
  const s = bytewise.decode(bytes);
  const open = s.search(/<(?:\w+:)?sst\b[^<>]*>/);
  const close = open === -1 ? -1 : s.indexOf('</sst>', open);
  if (open === -1 || close === -1) return /<(?:\w+:)?sst\b/.test(s) ? 'declined' : 'none';
  if (/<\w+:si\b|<si\s|sstItem|<\/\w+:si>/.test(s)) return 'declined';
  const starts = [s.indexOf('>', open) + 1];
  const ends: number[] = [];
  for (let at = s.indexOf('</si>', starts[0]); at !== -1 && at < close; at = s.indexOf('</si>', at + 5)) {
    ends.push(at);
    starts.push(at + 5);
  }
  ends.push(close);
  return {
    get(i) {
      const start = starts[i];
      if (start === undefined) return undefined;
      const item = utf8Text(bytes, start, ends[i]).replace(/<si>/g, '').trim();
      const t = stringItem(item);
      if (t === 'unreadable') throw new Decline('unreadable');
      return t;
    },
  };
}

type Outcome = string[] | 'declined' | 'none';

function items(table: { get(i: number): string | undefined }, count: number): Outcome {
  const out: string[] = [];
  try {
    for (let i = 0; i <= count; i++) out.push(table.get(i) ?? '<absent>');
  } catch (e) {
    if (e instanceof Decline) return 'declined';
    throw e;
  }
  return out;
}

function viaBytes(bytes: Uint8Array, count: number): Outcome {
  try {
    const table = sharedStrings(bytes);
    return table === NO_STRINGS ? 'none' : items(table, count);
  } catch (e) {
    if (e instanceof Decline) return 'declined';
    throw e;
  }
}

function viaOracle(bytes: Uint8Array, count: number): Outcome {
  const o = oracle(bytes);
  return typeof o === 'string' ? o : items(o, count);
}

const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom(
    '南京',
    '苏州工业园区',
    'R&amp;D',
    '&lt;5&gt;',
    '_x000D_',
    'a&#x4E2D;b',
    ' padded ',
    'sstItem',
    '<![CDATA[x<y]]>',
  ),
);
const item = fc.oneof(
  text.map((t) => `<si><t>${t}</t></si>`),
  text.map((t) => `<si><t xml:space="preserve">${t}</t></si>`),
  fc.tuple(text, text).map(([a, b]) => `<si><r><t>${a}</t></r><r><rPr><b/></rPr><t>${b}</t></r></si>`),
  fc.tuple(text, text).map(([a, b]) => `<si><t>${a}</t><rPh sb="0" eb="1"><t>${b}</t></rPh></si>`),
  text.map((t) => `<x:si><x:t>${t}</x:t></x:si>`),
  text.map((t) => `<si a="1"><t>${t}</t></si>`),
  // \u0001 stands for a raw 0xA0 byte (not UTF-8: what a hand-made file may hold), which the
  // string-based reader saw as a no-break space, i.e. `<si\s`.
  text.map((t) => `<si\u0001><t>${t}</t></si>`),
  fc.constant('<si/>'),
  fc.constant('<si><t/></si>'),
);
const table = fc
  .record({
    prefix: fc.constantFrom('', 'x:', 'sst:'),
    head: fc.constantFrom('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', ''),
    attrs: fc.constantFrom(
      ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3"',
      '',
      ' a="<"',
    ),
    items: fc.array(item, { maxLength: 6 }),
    close: fc.constantFrom('</sst>', '', '</sst></sst>'),
  })
  .map((t) => ({
    xml: `${t.head}<${t.prefix}sst${t.attrs}>${t.items.join('')}${t.close}`,
    count: t.items.length,
  }));

describe('the shared-string table read on its bytes', () => {
  it('splits and decodes every item as the string-based reader did, and declines alike (property)', () => {
    fc.assert(
      fc.property(table, ({ xml, count }) => {
        const bytes = new TextEncoder().encode(xml).map((b) => (b === 0x01 ? 0xa0 : b));
        const mine = viaBytes(bytes, count);
        const theirs = viaOracle(bytes, count);
        // Declining is always safe (SheetJS then reads the file); the one place the new reader is
        // stricter is an unusual `si` in a part with no usable <sst> at all.
        if (mine === 'declined' && theirs === 'none') return;
        expect(mine).toEqual(theirs);
      }),
      { numRuns: 2000 },
    );
  });

  it('calls an item plain only when it is `<si><t>text</t></si>`, read later without fail (property)', () => {
    fc.assert(
      fc.property(table, ({ xml, count }) => {
        const bytes = new TextEncoder().encode(xml).map((b) => (b === 0x01 ? 0xa0 : b));
        let t: ReturnType<typeof sharedStrings>;
        try {
          t = sharedStrings(bytes);
        } catch (e) {
          if (e instanceof Decline) return;
          throw e;
        }
        const theirs = viaOracle(bytes, count);
        for (let i = -1; i <= count + 1; i++) {
          if (!t.plain(i)) continue;
          // The fast reader keeps a plain item's index and reads it after the scan, outside the
          // reader's decline handling: the text must come, and be what SheetJS reads.
          expect(typeof t.get(i)).toBe('string');
          if (Array.isArray(theirs)) expect(t.get(i)).toBe(theirs[i]);
        }
      }),
      { numRuns: 2000 },
    );
    const t = sharedStrings(new TextEncoder().encode('<sst><si><t>a</t></si><si><r><t>b</t></r></si></sst>'));
    expect([t.plain(0), t.plain(1), t.plain(2), t.plain(3), t.plain(0.5)]).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(NO_STRINGS.plain(0)).toBe(false);
  });

  it('gives each item, and nothing for an index it does not hold', () => {
    const code = '91320500MA1MXXXX0X';
    const bytes = new TextEncoder().encode(`<sst><si><t>${code}</t></si><si><t>苏州</t></si></sst>`);
    const t = sharedStrings(bytes);
    expect(t.get(0)).toBe(code);
    expect(t.get(1)).toBe('苏州');
    // As SheetJS splits the table, what follows the last </si> is one more (empty) item.
    expect(t.get(2)).toBe('');
    expect(t.get(3)).toBeUndefined();
    expect(t.get(-1)).toBeUndefined();
    expect(t.get(0.5)).toBeUndefined();
  });
});
