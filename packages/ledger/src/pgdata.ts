import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

// A new embedded ledger starts from the data directory of an empty cluster written by `pnpm build`
// (scripts/pglite-data.mjs), unpacked here onto the disk: PGlite then resumes it as an existing
// database, instead of running initdb — a second instance and the initdb program beside the first,
// which is what the first intake into a new ledger used to pay for in time and memory. Unpacked by
// Node rather than by PGlite's `loadDataDir`, which holds the whole directory in its memory first.

/** Where the build leaves the archive, relative to this module (src/ or dist/). */
const ARCHIVE = new URL('../pgdata/pglite-data.tar.gz', import.meta.url);

const text = (b: Uint8Array, from: number, length: number) => {
  const raw = b.subarray(from, from + length);
  const end = raw.indexOf(0);
  return new TextDecoder().decode(end < 0 ? raw : raw.subarray(0, end));
};

/**
 * Writes the entries of a tar archive (directories and plain files, as PGlite's dump holds) under
 * `dir`. An entry naming a path outside `dir`, or of another kind, makes it throw: the caller then
 * falls back to initdb.
 */
async function untar(tar: Uint8Array, dir: string): Promise<void> {
  let at = 0;
  while (at + 512 <= tar.length && tar[at] !== 0) {
    const name = `${text(tar, at + 345, 155)}${text(tar, at, 100)}`;
    const size = Number.parseInt(text(tar, at + 124, 12).trim() || '0', 8);
    const kind = String.fromCharCode(tar[at + 156] ?? 0);
    const path = normalize(join(dir, name));
    if (!path.startsWith(dir + sep) && path !== dir)
      throw new Error(`tar entry outside the directory: ${name}`);
    if (kind === '5') await mkdir(path, { recursive: true });
    else if (kind === '0' || kind === '\0') await writeFile(path, tar.subarray(at + 512, at + 512 + size));
    else throw new Error(`tar entry of kind ${kind}: ${name}`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

/**
 * Unpacks the empty cluster into `dataDir` (an empty directory). False when the build left no
 * archive; throws when the archive cannot be read.
 */
export async function unpackInitialData(dataDir: string): Promise<boolean> {
  let gz: Uint8Array;
  try {
    gz = await readFile(ARCHIVE);
  } catch {
    return false;
  }
  await untar(gunzipSync(gz), normalize(dataDir));
  return true;
}
