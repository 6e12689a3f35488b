import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../src/driver.js';
import { unpackInitialData } from '../src/pgdata.js';

// A new embedded ledger starts from the empty cluster `pnpm build` writes (pgdata/), unpacked by
// Node, not from PGlite's initdb; the buffer pool is the ledger's small one.
const archive = new URL('../pgdata/pglite-data.tar.gz', import.meta.url);

describe('the shipped empty cluster', () => {
  it('is written by the build', () => {
    expect(existsSync(archive), 'run `pnpm build` (scripts/pglite-data.mjs)').toBe(true);
  });

  it('unpacks into a data directory PGlite starts as an existing database', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sunan-pgdata-')), 'db');
    expect(await unpackInitialData(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['PG_VERSION', 'base', 'global', 'pg_wal']));
    const db = await openPglite(dir);
    try {
      expect(await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).toEqual([
        { shared_buffers: '16MB' },
      ]);
      await db.query('CREATE TABLE t (a int)');
      await db.query('INSERT INTO t VALUES (1)');
    } finally {
      await db.close();
    }
    const again = await openPglite(dir);
    try {
      expect(await again.query('SELECT a FROM t')).toEqual([{ a: 1 }]);
    } finally {
      await again.close();
    }
  });

  it('a new directory opened by the ledger is made from it (no initdb)', async () => {
    // initdb gives each cluster its own system identifier; two ledgers from the archive share one.
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const dir = join(mkdtempSync(join(tmpdir(), `sunan-pgdata-${n}-`)), 'db');
      const db = await openPglite(dir);
      try {
        const rows = await db.query<{ id: string }>(
          'SELECT system_identifier::text AS id FROM pg_control_system()',
        );
        ids.push(rows[0]?.id ?? '');
      } finally {
        await db.close();
      }
    }
    expect(ids[0]).toMatch(/^\d+$/);
    expect(ids[1]).toBe(ids[0]);
  });
});
