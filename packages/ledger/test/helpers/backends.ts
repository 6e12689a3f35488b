import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '@sunan/ledger';
import { type Cluster, clusterOrSkip } from './postgres.js';

/** The two databases every ledger test runs on. */
export const BACKENDS = ['pglite', 'postgres'] as const;
export type BackendName = (typeof BACKENDS)[number];

let counter = 0;

/** Ledgers on one backend for a test file: one cluster (PostgreSQL) or fresh directories (PGlite). */
export class Backend {
  private readonly dirs: string[] = [];
  private constructor(
    readonly name: BackendName,
    private readonly cluster: Cluster | undefined,
  ) {}

  /** Undefined when PostgreSQL cannot start outside CI (skipped loudly); throws in CI. */
  static async start(name: BackendName): Promise<Backend | undefined> {
    if (name === 'pglite') return new Backend(name, undefined);
    const cluster = await clusterOrSkip();
    return cluster ? new Backend(name, cluster) : undefined;
  }

  /** A fresh, empty ledger location: a directory and, on PostgreSQL, a new database. */
  async location(): Promise<{ dir: string; database?: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-ledger-'));
    this.dirs.push(dir);
    if (!this.cluster) return { dir };
    counter++;
    return { dir, database: await this.cluster.database(`ledger_${process.pid}_${counter}`) };
  }

  /** Opens a fresh, empty ledger. */
  async fresh(): Promise<Ledger> {
    return Ledger.open(await this.location());
  }

  stop(): void {
    this.cluster?.stop();
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
  }
}
