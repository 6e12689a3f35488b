import type { Finding } from '@sunan/schema';
import { unzipSync } from 'fflate';
import type { Limits } from '../limits.js';

/**
 * Stand-in for the zip integrity layer (`../zip/`, issue 14) behind its contract, until that layer is
 * merged: the entries of an archive, or findings. This one inflates with fflate and leaves the
 * integrity checks to the layer that owns them; the size limit was already applied by `sniff`.
 */
export function unzipVerified(
  bytes: Uint8Array,
  _limits: Limits,
): { ok: true; entries: ReadonlyMap<string, Uint8Array> } | { ok: false; findings: Finding[] } {
  try {
    return { ok: true, entries: new Map(Object.entries(unzipSync(bytes))) };
  } catch {
    return { ok: false, findings: [] };
  }
}
