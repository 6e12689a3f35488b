import { sha256 } from './canonical.js';
import type { Sql } from './driver.js';
import type { BlobStore } from './store.js';

/**
 * The received files kept in the ledger's own database (`ledger_files`, bytea keyed by SHA-256),
 * for a ledger on a PostgreSQL server: every client with the URL reads the same bytes, and no
 * machine's local folder holds a part of the ledger. An intake writes the bytes in the same
 * transaction as its event, so a file is recorded with its bytes or not at all.
 */
export class DbStore implements BlobStore {
  /** The database. */
  readonly kind = 'database' as const;
  /** For messages. */
  readonly where = 'ledger_files';
  constructor(private readonly db: Sql) {}

  /** Stores bytes once (the same bytes again are a no-op) inside `tx`, or on their own. */
  async put(bytes: Uint8Array, tx?: Sql): Promise<string> {
    const hash = sha256(bytes);
    await (tx ?? this.db).query(
      'INSERT INTO ledger_files (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING',
      [hash, bytes],
    );
    return hash;
  }

  /** Whether a row for this SHA-256 exists. */
  async holds(hash: string): Promise<boolean> {
    const rows = await this.db.query<{ n: number }>('SELECT 1 AS n FROM ledger_files WHERE sha256 = $1', [
      hash,
    ]);
    return rows.length > 0;
  }

  /** The stored bytes (as the server holds them, not re-hashed), or undefined. */
  async read(hash: string): Promise<Uint8Array | undefined> {
    const rows = await this.db.query<{ bytes: Uint8Array }>(
      'SELECT bytes FROM ledger_files WHERE sha256 = $1',
      [hash],
    );
    const b = rows[0]?.bytes;
    return b === undefined ? undefined : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }

  /** Every stored SHA-256, sorted. */
  async list(): Promise<string[]> {
    const rows = await this.db.query<{ sha256: string }>('SELECT sha256 FROM ledger_files ORDER BY sha256');
    return rows.map((r) => r.sha256);
  }

  /** None: a row is written whole inside its transaction. */
  async leftovers(): Promise<string[]> {
    return [];
  }
}
