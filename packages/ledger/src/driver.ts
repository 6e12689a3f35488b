import { access, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { unpackInitialData } from './pgdata.js';

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Sql {
  /** Runs one parameterised statement and returns its rows. */
  query<R extends object>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

/**
 * The one small interface the ledger needs from a database, so that embedded PGlite and a
 * PostgreSQL server run the same schema and the same queries.
 */
export interface Driver extends Sql {
  /** `pglite` (embedded, a data directory) or `postgres` (a server). */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Closes the connection (PGlite flushes its data directory). */
  close(): Promise<void>;
}

/**
 * The embedded server's settings: PGlite's own, plus a small buffer pool. A ledger's tables are
 * small and read once per command, while the server's default pool (128 MB) is most of a command's
 * memory. Given at each start, so the data directory's own configuration is left as initdb wrote it.
 */
const START = (): { startParams: string[] } => ({
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
});

/**
 * Creates the cluster in an empty `dataDir`: from the empty cluster the build ships (see
 * pgdata.ts), else — no archive, or one this PGlite cannot start — by PGlite's initdb.
 */
async function createPglite(dataDir: string): Promise<PGlite> {
  try {
    if (await unpackInitialData(dataDir)) return await PGlite.create(dataDir, START());
  } catch {
    // Start again from an empty directory, the usual way.
  }
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  return PGlite.create(dataDir, START());
}

/** Opens (creating when needed) an embedded PostgreSQL in `dataDir`. */
export async function openPglite(dataDir: string): Promise<Driver> {
  await mkdir(dataDir, { recursive: true });
  const exists = await access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  const db = exists ? await PGlite.create(dataDir, START()) : await createPglite(dataDir);
  const run = async <R extends object>(q: Pick<PGlite, 'query'>, text: string, params?: readonly unknown[]) =>
    (await q.query<R>(text, params ? [...params] : undefined)).rows;
  return {
    kind: 'pglite',
    query: (text, params) => run(db, text, params),
    // PGlite runs one transaction at a time, so concurrent callers queue here rather than interleave.
    transaction: (fn) => db.transaction((tx) => fn({ query: (text, params) => run(tx, text, params) })),
    close: () => db.close(),
  };
}

/** Connects to a PostgreSQL server (`postgres://user@host:port/db`). */
export async function openPostgres(url: string): Promise<Driver> {
  // Loaded only for a server ledger: an embedded ledger's commands (and the moment they can say the
  // ledger is busy) do not wait for the client library to load.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // Fail now with the server's own message rather than at the first query.
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'postgres',
    query: async (text, params) => (await pool.query(text, params ? [...params] : undefined)).rows,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (text, params) => (await client.query(text, params ? [...params] : undefined)).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
