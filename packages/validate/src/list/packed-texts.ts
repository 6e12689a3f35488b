/** Texts by position: what the roll-up keeps of a list's names. */
export interface TextList {
  readonly length: number;
  /** Text `i` (0 ≤ i < length). */
  at(i: number): string;
}

/** Texts per sealed chunk. */
const PACK = 1024;

/** A sealed chunk: its texts' UTF-16 code units one after another, and where each text ends. */
interface Chunk {
  readonly units: Uint16Array;
  readonly ends: Int32Array;
}

/**
 * Texts appended one at a time and kept as UTF-16 code units in typed chunks, 1,024 texts to a chunk,
 * outside V8's heap. Kept as strings, 100,000 names (~3 MB) survived V8's young collections and, with
 * the duplicate check's codes, grew its young generation to its maximum for one 100,000-row list;
 * here only the last unsealed chunk's texts are strings. A text is made again when read (lone
 * surrogates kept: the units are copied, not decoded).
 */
export class PackedTexts implements TextList {
  private readonly sealed: Chunk[] = [];
  private pending: string[] = [];

  get length(): number {
    return this.sealed.length * PACK + this.pending.length;
  }

  push(text: string): void {
    this.pending.push(text);
    if (this.pending.length === PACK) this.seal();
  }

  at(i: number): string {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no text ${i} of ${this.length}`);
    const chunk = this.sealed[Math.floor(i / PACK)];
    const j = i % PACK;
    if (chunk === undefined) return this.pending[j] as string;
    const start = j === 0 ? 0 : (chunk.ends[j - 1] as number);
    return unitsText(chunk.units, start, chunk.ends[j] as number);
  }

  private seal(): void {
    let total = 0;
    for (const t of this.pending) total += t.length;
    const units = new Uint16Array(total);
    const ends = new Int32Array(this.pending.length);
    let at = 0;
    this.pending.forEach((t, j) => {
      for (let c = 0; c < t.length; c++) units[at++] = t.charCodeAt(c);
      ends[j] = at;
    });
    this.sealed.push({ units, ends });
    this.pending = [];
  }
}

/** Code units per `String.fromCharCode` call (an argument list has a ceiling). */
const UNITS_PER_CALL = 8192;

function unitsText(units: Uint16Array, start: number, end: number): string {
  let out = '';
  for (let at = start; at < end; at += UNITS_PER_CALL) {
    const part = units.subarray(at, Math.min(end, at + UNITS_PER_CALL));
    out += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return out;
}
