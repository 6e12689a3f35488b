import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's full collection, null when this process cannot have it; looked for once per process. */
let collector: (() => void) | null | undefined;

function fullCollection(): (() => void) | null {
  if (collector !== undefined) return collector;
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') {
    collector = own as () => void;
    return collector;
  }
  try {
    // The way Jest gets it for --logHeapUsage: a context made while the flag is on has `gc`. The flag
    // is put back at once, so no other context of the host's gets it.
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    setFlagsFromString('--no-expose-gc');
    collector = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collector = null;
  }
  return collector;
}

/**
 * What the process holds in JavaScript objects. Neither the resident size nor buffers: both stay high
 * for a while after a collection (freed pages and buffers are given back lazily, in the background),
 * so they would hide the next file's growth; the dead buffers go with the objects that held them.
 */
function allocated(): number {
  return process.memoryUsage().heapUsed;
}

/** Growth of what is allocated, since the last collection, above which the next file waits for one. */
const DEFAULT_SLACK_MIB = 16;

/**
 * For a loop that validates file after file and keeps only a compact part of each report (the
 * roll-up): call the function returned after each file. When the JavaScript heap has grown by more than
 * `slackMiB` since the last collection, it runs a full one, so the next file starts from what is kept.
 *
 * Why: V8 lets its old generation grow to a few times what is alive before it collects, and a file's
 * dead report, list and inflated sheets are old by the time they die. Five 100,000-row files rolled
 * up then peaked at 297–304 MiB; with this, at 238–246 MiB: about one file's validation plus what is kept.
 * A collection costs ~40–60 ms after a 100,000-row file; five 20,000-row files spend 35–95 ms in all.
 * Does nothing where V8's collector cannot be reached.
 */
export function collectBetweenFiles(slackMiB: number = DEFAULT_SLACK_MIB): () => void {
  let base = allocated();
  return () => {
    if (allocated() - base <= slackMiB * 1024 * 1024) return;
    const collect = fullCollection();
    if (collect === null) return;
    collect();
    base = allocated();
  };
}

/** A released entry at least this large is worth a full collection (~15 ms after a 100,000-row list). */
const RELEASED_COLLECT_MIN = 8 * 1024 * 1024;

/**
 * For an inflater's `released`: a full collection when the reader has let go of an entry of at least
 * 8 MiB. The enterprise list of 100,000 rows is 22 MB inflated; it outlives the scan's young
 * collections, so V8 would free it only in a full collection, after the checks had built the report on
 * top of it: one 100,000-row validation peaked ~20 MiB higher. Does nothing where V8's collector
 * cannot be reached.
 */
export function collectReleased(bytes: number): void {
  if (bytes < RELEASED_COLLECT_MIN) return;
  fullCollection()?.();
}
