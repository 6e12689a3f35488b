import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from './canonical.js';
import type { Sql } from './driver.js';

/**
 * Where the received files' bytes live, addressed by SHA-256: a directory beside an embedded ledger
 * ({@link FileStore}), or the database itself when the ledger is on a server (`DbStore`), so that
 * every machine with the URL sees every file.
 */
export interface BlobStore {
  /** `files` (a local directory) or `database` (a table in the ledger's database). */
  readonly kind: 'files' | 'database';
  /** Where the bytes are, for messages (a directory, or "the database"). */
  readonly where: string;
  /** Stores bytes (once) and returns their SHA-256; a database store writes inside `tx` when given. */
  put(bytes: Uint8Array, tx?: Sql): Promise<string>;
  /** Whether the file is present (its content is not re-hashed here; `verify` does). */
  holds(hash: string): Promise<boolean>;
  /** The stored bytes, or undefined when missing. */
  read(hash: string): Promise<Uint8Array | undefined>;
  /** Every stored file's name (its claimed SHA-256), sorted. */
  list(): Promise<string[]>;
  /** Interrupted writes never referred to by any event (a database store has none). */
  leftovers(): Promise<string[]>;
}

/**
 * The received files, byte for byte, content-addressed: `files/ab/abcdef…` named by their SHA-256.
 * A file appears under its final name only once it is complete (written to `files/tmp`, synced,
 * then renamed), so a crash leaves either the whole file or nothing under the final name.
 */
export class FileStore implements BlobStore {
  /** A directory. */
  readonly kind = 'files' as const;
  constructor(readonly root: string) {}

  /** The directory, for messages. */
  get where(): string {
    return this.root;
  }

  /** Where a file with this SHA-256 lives. */
  pathOf(hash: string): string {
    return join(this.root, hash.slice(0, 2), hash);
  }

  /** Stores bytes (once: the same bytes are already there) and returns their SHA-256. */
  async put(bytes: Uint8Array): Promise<string> {
    const hash = sha256(bytes);
    const final = this.pathOf(hash);
    if (await this.holds(hash)) return hash;
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(join(this.root, hash.slice(0, 2)), { recursive: true });
    const tmp = join(tmpDir, `${hash}.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, final);
      await syncDir(join(this.root, hash.slice(0, 2)));
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
    return hash;
  }

  /** Whether the complete file is present (its size is not checked here; `verify` re-hashes). */
  async holds(hash: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(hash))).isFile();
    } catch {
      return false;
    }
  }

  /** The stored bytes, or undefined when the file is missing. */
  async read(hash: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.pathOf(hash)));
    } catch {
      return undefined;
    }
  }

  /** Every stored file's name (its claimed SHA-256), temp files excluded. */
  async list(): Promise<string[]> {
    let dirs: string[];
    try {
      dirs = await readdir(this.root);
    } catch {
      return [];
    }
    const out: string[] = [];
    for (const d of dirs.filter((x) => /^[0-9a-f]{2}$/.test(x)).sort())
      out.push(...(await readdir(join(this.root, d))).sort());
    return out;
  }

  /** Names of interrupted writes left in `files/tmp` (never referred to by any event). */
  async leftovers(): Promise<string[]> {
    try {
      return (await readdir(join(this.root, 'tmp'))).sort();
    } catch {
      return [];
    }
  }
}

/** fsync a directory so a rename inside it survives a crash (a no-op where directories cannot be opened). */
async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Some platforms do not allow opening a directory; the rename is still atomic there.
  }
}
