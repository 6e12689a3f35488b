/**
 * XML text as SheetJS reads it. The fast reader must give the very same strings as the SheetJS path,
 * quirks included (entity names matched case-insensitively, `_xHHHH_` escapes, CDATA sections,
 * CRLF folded in cell text), so these few functions follow SheetJS 0.20.3's own rules on purpose.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&quot;': '"',
  '&apos;': "'",
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
};
const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const CODE = /_x([\da-fA-F]{4})_/gi;

function rawUnescape(text: string): string {
  const i = text.indexOf('<![CDATA[');
  if (i === -1)
    return text
      .replace(
        ENTITY,
        (all, num: string | undefined) =>
          ENTITIES[all] ||
          String.fromCharCode(Number.parseInt(num as string, all.indexOf('x') > -1 ? 16 : 10)) ||
          all,
      )
      .replace(CODE, (_m, c: string) => String.fromCharCode(Number.parseInt(c, 16)));
  const j = text.indexOf(']]>');
  return rawUnescape(text.slice(0, i)) + text.slice(i + 9, j) + rawUnescape(text.slice(j + 3));
}

/** Decodes entities and `_xHHHH_` escapes; `cellText` also folds CRLF as SheetJS does for cell text. */
export function unescapeXml(text: string, cellText = false): string {
  // Most text has nothing to decode; skipping the two regular expressions is most of the cost.
  const plain = text.indexOf('&') === -1 && text.indexOf('_') === -1 && text.indexOf('<![CDATA[') === -1;
  const out = plain ? text : rawUnescape(text);
  return cellText && out.indexOf('\r\n') !== -1 ? out.replace(/\r\n/g, '\n') : out;
}

/** Attributes of one start tag (`<c r="A1" t="s">`), namespace prefixes dropped. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) {
    const name = m[1] as string;
    const colon = name.indexOf(':');
    out.set(colon === -1 ? name : name.slice(colon + 1), m[2] ?? m[3] ?? '');
  }
  return out;
}

const utf8 = new TextDecoder('utf-8');

/** UTF-8 text of a byte range (invalid sequences become U+FFFD, as SheetJS's decoder does). */
export function utf8Text(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return utf8.decode(bytes.subarray(start, end));
}

const NON_ASCII = /[\u0080-\uffff]/;
/** The shortest slice V8 keeps as a view into its parent string (SlicedString::kMinLength). */
const SLICED_MIN = 13;
/** Longer ASCII text is rare in a cell; it goes through the decoder, which also gives a flat string. */
const COPY_MAX = 1024;
/** A typed array is array-like: `apply` takes it as the list of character codes. */
const asNumbers = (a: Uint8Array) => a as unknown as number[];

/** ASCII bytes as a string of their own (never a view into a larger string). */
function asciiCopy(bytes: Uint8Array, start: number, end: number): string {
  const ascii = bytes.subarray(start, end);
  return end - start > COPY_MAX ? utf8.decode(ascii) : String.fromCharCode.apply(null, asNumbers(ascii));
}

/**
 * {@link utf8Text} of bytes[start, end) when `latin1` is the same bytes decoded one character per
 * byte: ASCII text (codes, numbers, years: most cells) is taken without a decoder call.
 */
export function utf8TextOf(latin1: string, bytes: Uint8Array, start: number, end: number): string {
  const t = latin1.slice(start, end);
  if (NON_ASCII.test(t)) return utf8.decode(bytes.subarray(start, end));
  // V8 makes a slice of 13 characters or more a view into `latin1` (a whole batch of rows): one
  // credit code kept in a report would keep the batch alive. A copy is flat.
  return t.length < SLICED_MIN ? t : asciiCopy(bytes, start, end);
}

/** {@link utf8Text} of bytes[start, end), ASCII (most cells) without a decoder call. */
export function utf8TextAt(bytes: Uint8Array, start: number, end: number): string {
  for (let i = start; i < end; i++)
    if ((bytes[i] as number) > 0x7f) return utf8.decode(bytes.subarray(start, end));
  return asciiCopy(bytes, start, end);
}

/** `<tag …>content</tag>` anywhere in `xml` (any namespace prefix): the element and its content. */
export function firstElement(xml: string, tag: string): { whole: string; inner: string } | undefined {
  const open = new RegExp(`<(?:\\w+:)?${tag}\\b[^<>]*>`, 'g');
  const close = new RegExp(`</(?:\\w+:)?${tag}>`, 'g');
  const m = open.exec(xml);
  if (!m) return undefined;
  close.lastIndex = open.lastIndex;
  const e = close.exec(xml);
  if (!e) return undefined;
  return { whole: xml.slice(m.index, close.lastIndex), inner: xml.slice(open.lastIndex, e.index) };
}

const RICH_RUN = /<(?:\w+:)?r\b[^<>]*>/;
const RUN_TEXT = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;
const TAG = /<[/?]?[a-zA-Z0-9:_-]+(?:\s+[^"\s?<>/]+\s*=\s*(?:"[^"]*"|'[^']*'|[^'"<>\s=]+))*\s*[/?]?>/gm;

/** Removes every `<rPh>…</rPh>` (phonetic runs), or undefined when one is not closed. */
function withoutPhonetic(x: string): string | undefined {
  const open = /<(?:\w+:)?rPh\b[^<>]*>/g;
  const close = /<\/(?:\w+:)?rPh>/g;
  const out: string[] = [];
  let end = 0;
  for (let m = open.exec(x); m; m = open.exec(x)) {
    out.push(x.slice(end, m.index));
    close.lastIndex = open.lastIndex;
    if (!close.exec(x)) return undefined;
    end = close.lastIndex;
    open.lastIndex = close.lastIndex;
  }
  out.push(x.slice(end));
  return out.join('');
}

/**
 * The text of a string item (`<si>` content or a cell's `<is>` content): plain `<t>` or rich-text runs
 * without phonetic guides. 'unreadable' where SheetJS would give no text at all.
 */
export function stringItem(x: string): string | 'unreadable' {
  if (!x) return '';
  if (/^\s*<(?:\w+:)?t[^>]*>/.test(x))
    return unescapeXml(x.slice(x.indexOf('>') + 1).split(/<\/(?:\w+:)?t>/)[0] || '', true);
  if (RICH_RUN.test(x)) {
    const plain = withoutPhonetic(x);
    if (plain === undefined) return 'unreadable';
    return unescapeXml((plain.match(RUN_TEXT) || []).join('').replace(TAG, ''), true);
  }
  return 'unreadable';
}
