import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to a mistyped word, if it is close enough to be what was meant: at most a
 * third of the word's length in edits (so "valdiate" finds "validate", "xyz" finds nothing).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/** "你是不是要 … ? / Did you mean …?" or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : `\n你是不是要输入 ${c}？ Did you mean ${c}?`;
}
