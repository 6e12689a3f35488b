/**
 * Writes zip archives byte by byte, including ones no honest writer makes: lying sizes and CRCs,
 * entries sharing or overlapping data, truncated streams. Used by the hostile corpus and tests.
 */
import { constants, deflateRawSync } from 'node:zlib';

/** One entry: its bytes and, optionally, lies to tell about them in the headers. */
export interface CraftEntry {
  readonly name: string;
  readonly data: Uint8Array;
  /** Deflate (default) or store. */
  readonly method?: 0 | 8;
  /** Replace the compressed bytes written (e.g. a truncated stream). */
  readonly compressed?: Uint8Array;
  readonly lie?: {
    crc?: number;
    size?: number;
    compressedSize?: number;
    localOffset?: number;
    centralName?: string;
  };
  /** Write no local header or data of its own: point at entry `shareWith`'s local header instead. */
  readonly shareWith?: number;
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
/** CRC-32 computed independently of the code under test; `previous` is the CRC of the bytes before. */
export function crc(b: Uint8Array, previous = 0): number {
  let c = ~previous;
  for (let i = 0; i < b.length; i++) c = (CRC_TABLE[(c ^ (b[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

class Out {
  private readonly parts: Uint8Array[] = [];
  length = 0;
  u16(v: number) {
    this.bytes(Uint8Array.of(v & 0xff, (v >>> 8) & 0xff));
  }
  u32(v: number) {
    this.bytes(Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff));
  }
  bytes(b: Uint8Array) {
    this.parts.push(b);
    this.length += b.length;
  }
  done(): Uint8Array {
    const r = new Uint8Array(this.length);
    let p = 0;
    for (const b of this.parts) {
      r.set(b, p);
      p += b.length;
    }
    return r;
  }
}

/** Builds the archive. */
export function craftZip(entries: readonly CraftEntry[]): Uint8Array {
  const out = new Out();
  const enc = new TextEncoder();
  // Entries often share one large buffer (bombs): compress and checksum each buffer once.
  const crcs = new Map<Uint8Array, number>();
  const deflated = new Map<Uint8Array, Uint8Array>();
  const crcOf = (d: Uint8Array) => crcs.get(d) ?? (crcs.set(d, crc(d)).get(d) as number);
  const deflate = (d: Uint8Array) =>
    deflated.get(d) ?? (deflated.set(d, new Uint8Array(deflateRawSync(d))).get(d) as Uint8Array);
  const info = entries.map((e) => {
    const method = e.method ?? 8;
    const compressed = e.compressed ?? (method === 8 ? deflate(e.data) : e.data);
    return { e, method, compressed, crc: crcOf(e.data), name: enc.encode(e.name), offset: 0 };
  });
  for (const x of info) {
    if (x.e.shareWith !== undefined) continue;
    x.offset = out.length;
    out.u32(0x04034b50);
    out.u16(20);
    out.u16(0);
    out.u16(x.method);
    out.u32(0);
    out.u32(x.e.lie?.crc ?? x.crc);
    out.u32(x.e.lie?.compressedSize ?? x.compressed.length);
    out.u32(x.e.lie?.size ?? x.e.data.length);
    out.u16(x.name.length);
    out.u16(0);
    out.bytes(x.name);
    out.bytes(x.compressed);
  }
  const cd = out.length;
  for (const x of info) {
    const shared = x.e.shareWith === undefined ? undefined : info[x.e.shareWith];
    const name = x.e.lie?.centralName === undefined ? x.name : enc.encode(x.e.lie.centralName);
    out.u32(0x02014b50);
    out.u16(20);
    out.u16(20);
    out.u16(0);
    out.u16(x.method);
    out.u32(0);
    out.u32(x.e.lie?.crc ?? x.crc);
    out.u32(x.e.lie?.compressedSize ?? x.compressed.length);
    out.u32(x.e.lie?.size ?? x.e.data.length);
    out.u16(name.length);
    out.u16(0);
    out.u16(0);
    out.u16(0);
    out.u16(0);
    out.u32(0);
    out.u32(x.e.lie?.localOffset ?? shared?.offset ?? x.offset);
    out.bytes(name);
  }
  const cdSize = out.length - cd;
  out.u32(0x06054b50);
  out.u16(0);
  out.u16(0);
  out.u16(entries.length);
  out.u16(entries.length);
  out.u32(cdSize);
  out.u32(cd);
  out.u16(0);
  return out.done();
}

/**
 * A large entry made of `head`, `times` copies of `block` and `tail`, deflated without ever being held
 * whole: each part is deflated on its own with a full flush (byte-aligned, no reference to what came
 * before), and the pieces joined into one stream. Gives the compressed bytes, the size and the CRC-32
 * to write as an honest entry (`compressed` with `lie.size` and `lie.crc` of {@link CraftEntry}).
 */
export function deflateRepeated(
  head: Uint8Array,
  block: Uint8Array,
  times: number,
  tail: Uint8Array,
): { compressed: Uint8Array; size: number; crc: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const headZ = deflateRawSync(head, flush);
  const blockZ = deflateRawSync(block, flush);
  const tailZ = deflateRawSync(tail);
  const out = new Uint8Array(headZ.length + blockZ.length * times + tailZ.length);
  out.set(headZ);
  for (let i = 0; i < times; i++) out.set(blockZ, headZ.length + i * blockZ.length);
  out.set(tailZ, headZ.length + blockZ.length * times);
  let c = crc(head);
  for (let i = 0; i < times; i++) c = crc(block, c);
  return { compressed: out, size: head.length + block.length * times + tail.length, crc: crc(tail, c) };
}
