import { decline } from './decline.js';
import { stringItem, unescapeXml, utf8TextAt } from './xml-text.js';

/** The shared string table, decoded item by item on demand (a list of 100,000 rows holds ~300,000). */
export interface SharedStrings {
  /** The text of item `i` as SheetJS reads it, or undefined when there is no such item. */
  get(i: number): string | undefined;
  /**
   * Whether item `i` is a plain `<si><t>text</t></si>`, whose text `get` then reads without any chance
   * of failing: a reader may keep the index and read the text only when it is asked for.
   */
  plain(i: number): boolean;
}

/** A workbook without a shared string table. */
export const NO_STRINGS: SharedStrings = { get: () => undefined, plain: () => false };

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;

/** `\w` of a regular expression, on one byte. */
const isWord = (b: number) =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f;
/** `\s` on one byte as windows-1252 decodes it (0xA0 is a no-break space). */
const isSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0xa0;

/** Whether bytes[at…] spells `ascii`. */
function spells(bytes: Uint8Array, at: number, ascii: string): boolean {
  if (at + ascii.length > bytes.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** Index of `ascii` in bytes from `from`, or -1. */
function find(bytes: Uint8Array, ascii: string, from: number): number {
  const first = ascii.charCodeAt(0);
  for (let at = bytes.indexOf(first, from); at !== -1; at = bytes.indexOf(first, at + 1))
    if (spells(bytes, at, ascii)) return at;
  return -1;
}

/** End of the run of word bytes starting at `from`. */
function wordEnd(bytes: Uint8Array, from: number): number {
  let at = from;
  while (at < bytes.length && isWord(bytes[at] as number)) at++;
  return at;
}

/**
 * The element name after a `<` at `lt` (after `</` when closing) split at its prefix: `local` is where
 * the local name starts, `end` where it ends (the name is word bytes, as `\w+` reads it).
 */
function nameAt(
  bytes: Uint8Array,
  lt: number,
): { closing: boolean; prefixed: boolean; local: number; end: number } {
  const closing = bytes[lt + 1] === SLASH;
  const start = lt + (closing ? 2 : 1);
  const first = wordEnd(bytes, start);
  if (first > start && bytes[first] === COLON)
    return { closing, prefixed: true, local: first + 1, end: wordEnd(bytes, first + 1) };
  return { closing, prefixed: false, local: start, end: first };
}

const isLocal = (bytes: Uint8Array, n: ReturnType<typeof nameAt>, name: string) =>
  n.end - n.local === name.length && spells(bytes, n.local, name);

/** Offsets in a typed array that doubles as it fills (300,000 items: 1.2 MB, not 2.4 MB per array of numbers). */
class Offsets {
  private data = new Int32Array(1024);
  length = 0;
  push(at: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = at;
  }
  at(i: number): number | undefined {
    return i >= 0 && i < this.length ? this.data[i] : undefined;
  }
}

/** What the single pass over the table's tags finds. */
interface Layout {
  /** Where the first item starts (after `<sst …>`), or -1 without a usable `<sst>`. */
  readonly first: number;
  readonly close: number;
  /** A `<sst` start tag seen at all (a table that is there but unreadable is declined). */
  readonly sstNamed: boolean;
  /** Where each item ends (its `</si>`, the last at `</sst>`); the next starts 5 bytes later. */
  readonly ends: Offsets;
}

/**
 * One pass over every `<` of the table, as the SheetJS path's regular expressions would see the
 * same bytes decoded one character per byte: the `<sst>` start tag (any prefix), the first `</sst>`
 * after it, each `</si>` between, and the shapes the fast path does not read (a prefixed `si`, `si`
 * with attributes), which send the file to SheetJS.
 */
function layoutOf(bytes: Uint8Array): Layout {
  let first = -1;
  let close = -1;
  let sstNamed = false;
  const ends = new Offsets();
  for (let lt = bytes.indexOf(LT); lt !== -1; lt = bytes.indexOf(LT, lt + 1)) {
    const n = nameAt(bytes, lt);
    if (n.prefixed && isLocal(bytes, n, 'si') && (!n.closing || bytes[n.end] === GT))
      decline('unusual shared strings');
    if (!n.closing && !n.prefixed && isLocal(bytes, n, 'si') && isSpace(bytes[n.end] ?? 0))
      decline('unusual shared strings');
    if (first === -1) {
      if (n.closing) continue;
      // `<(?:\w+:)?sst\b`: the local name, or (the regular expression backtracks) the prefix itself.
      const sst =
        isLocal(bytes, n, 'sst') || (n.prefixed && n.local - lt - 2 === 3 && spells(bytes, lt + 1, 'sst'));
      if (!sst) continue;
      sstNamed = true;
      // `[^<>]*>`: the tag ends before any other `<`.
      const gt = bytes.indexOf(GT, n.end);
      const nextLt = bytes.indexOf(LT, n.end);
      if (gt !== -1 && (nextLt === -1 || gt < nextLt)) {
        first = gt + 1;
      }
      continue;
    }
    if (close !== -1 || !n.closing || n.prefixed) continue;
    if (isLocal(bytes, n, 'si') && bytes[n.end] === GT && lt >= first) {
      ends.push(lt);
    } else if (isLocal(bytes, n, 'sst') && bytes[n.end] === GT) close = lt;
  }
  if (close !== -1) ends.push(close);
  return { first, close, sstNamed, ends };
}

/**
 * The shared string table as SheetJS's parse_sst_xml splits it — the text between one `</si>` and the
 * next, `<si>` tags removed — found on the bytes: the table (6.5 MB for a 100,000-row list, 13 MB as
 * a string) never becomes one string. Only item boundaries are found here; an item is decoded when a
 * cell asks for it, so reading values only never decodes the enterprise names.
 */
export function sharedStrings(bytes: Uint8Array | undefined): SharedStrings {
  if (bytes === undefined) return NO_STRINGS;
  if (find(bytes, 'sstItem', 0) !== -1) decline('unusual shared strings');
  const { first, close, sstNamed, ends } = layoutOf(bytes);
  if (first === -1 || close === -1) return sstNamed ? decline('unusual shared strings') : NO_STRINGS;
  // Where item i starts: after `<sst …>`, or 5 bytes after the previous item's `</si>`.
  const startOf = (i: number) => (i === 0 ? first : (ends.at(i - 1) as number) + 5);
  // The common item, `<si><t>text</t>`: where its text ends, or -1 for any other shape.
  const plainTextEnd = (start: number, end: number) => {
    if (!spells(bytes, start, '<si><t>')) return -1;
    const textEnd = bytes.indexOf(LT, start + 7);
    return textEnd !== -1 && textEnd + 4 === end && spells(bytes, textEnd, '</t>') ? textEnd : -1;
  };
  return {
    get(i) {
      if (!Number.isInteger(i)) return undefined;
      const end = ends.at(i);
      if (end === undefined) return undefined;
      const start = startOf(i);
      // A plain item read directly: the text's bytes decoded and unescaped, which is what the general
      // path below gives for it.
      const textEnd = plainTextEnd(start, end);
      if (textEnd !== -1) return unescapeXml(utf8TextAt(bytes, start + 7, textEnd), true);
      const item = utf8TextAt(bytes, start, end).replace(/<si>/g, '').trim();
      const t = stringItem(item);
      return t === 'unreadable' ? decline('a shared string SheetJS would not read') : t;
    },
    plain(i) {
      const end = Number.isInteger(i) ? ends.at(i) : undefined;
      return end !== undefined && plainTextEnd(startOf(i), end) !== -1;
    },
  };
}
