/**
 * What `JSON.parse` loses without a word, found in one pass over the text with an explicit stack (no
 * recursion: deep nesting cannot overflow the call stack); it assumes the text already parsed as JSON.
 * - keys that occur twice in one object: `{"value": 1, "value": 2}` would be read as 2;
 * - numbers that underflow to 0: `1e-400` would be read as an exact zero.
 * Each is reported with its JSON path.
 */
import { underflowsToZero } from './number-underflow.js';

/** A key seen a second time in the same object. */
export interface DuplicateKey {
  readonly path: string;
  readonly key: string;
}

type Frame =
  | { kind: 'object'; keys: Set<string>; key: string | undefined; expectKey: boolean }
  | { kind: 'array'; index: number };

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function pathOf(stack: readonly Frame[]): string {
  let p = '$';
  for (const f of stack)
    if (f.kind === 'array') p += `[${f.index}]`;
    else if (f.key !== undefined) p += IDENT.test(f.key) ? `.${f.key}` : `[${JSON.stringify(f.key)}]`;
  return p;
}

/** End of the string token starting at `i` (the opening quote): index just past the closing quote. */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j += 2;
    else if (c === 0x22) return j + 1;
    else j++;
  }
  return j;
}

/** A number literal that `JSON.parse` reads as 0 although it is not zero. */
export interface UnderflowNumber {
  readonly path: string;
  readonly literal: string;
}

/** What {@link scanJson} found, each list up to `max` long (the caller counts none beyond). */
export interface JsonScan {
  readonly duplicateKeys: DuplicateKey[];
  readonly underflows: UnderflowNumber[];
}

const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Repeated keys and underflowing numbers in a JSON text, up to `max` of each. */
export function scanJson(text: string, max: number): JsonScan {
  const out: DuplicateKey[] = [];
  const underflows: UnderflowNumber[] = [];
  const stack: Frame[] = [];
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text[i] as string;
    const top = stack[stack.length - 1];
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER_TOKEN.lastIndex = i;
      const token = NUMBER_TOKEN.exec(text)?.[0] ?? c;
      if (underflows.length < max && underflowsToZero(token))
        underflows.push({ path: pathOf(stack), literal: token });
      i += token.length - 1;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, end)) as string;
        if (top.keys.has(key)) {
          top.key = key;
          out.push({ path: pathOf(stack), key });
        }
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = end - 1;
    } else if (c === '{') stack.push({ kind: 'object', keys: new Set(), key: undefined, expectKey: true });
    else if (c === '[') stack.push({ kind: 'array', index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      if (top?.kind === 'object') top.expectKey = true;
      else if (top?.kind === 'array') top.index++;
    }
  }
  return { duplicateKeys: out, underflows };
}
