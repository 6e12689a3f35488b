import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Debian's PostgreSQL binaries (`.ci/run` installs the package). */
export const PG_BIN = process.env.SUNAN_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** In CI a server that cannot start fails the tests; elsewhere they skip, loudly. */
export const POSTGRES_REQUIRED = process.env.CI === 'true';

/** A throwaway PostgreSQL cluster. */
export interface Cluster {
  /** Creates a fresh database and returns its URL. */
  database(name: string): Promise<string>;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster with initdb + pg_ctl in a temp dir, on 127.0.0.1 and a free port. PostgreSQL
 * refuses to run as root, so as root the cluster is created and run as the `postgres` user.
 */
async function startCluster(): Promise<Cluster> {
  if (!existsSync(join(PG_BIN, 'initdb')))
    throw new Error(`no initdb in ${PG_BIN} (apt-get install postgresql)`);
  const root = mkdtempSync(join(tmpdir(), 'sunan-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]) => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]]
      : [join(PG_BIN, bin), args];
    execFileSync(cmd, argv, { stdio: 'pipe', timeout: 60_000 });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(root, uid, gid);
  }
  const data = join(root, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  // fsync off: a throwaway cluster; the kill test kills clients, never the server.
  const opts = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  run('pg_ctl', ['-D', data, '-o', opts, '-l', join(root, 'log'), '-w', '-t', '60', 'start']);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    async database(name) {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/**
 * For a test file's `beforeAll`: a cluster, or undefined after a loud warning when it cannot start
 * outside CI. In CI it throws, so the PostgreSQL tests fail instead of skipping.
 */
export async function clusterOrSkip(): Promise<Cluster | undefined> {
  try {
    return await startCluster();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (POSTGRES_REQUIRED) throw new Error(`ledger tests need a PostgreSQL server in CI: ${why}`);
    process.stderr.write(`\n!!! SKIPPING PostgreSQL ledger tests: the server did not start: ${why}\n\n`);
    return undefined;
  }
}
