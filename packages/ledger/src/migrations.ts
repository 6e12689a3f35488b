import type { Driver } from './driver.js';

/** One schema change; applied once, in order, and recorded in `ledger_migrations`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: readonly string[];
}

/**
 * The schema, as versioned steps. Never edit a released step: add a new one. The statements are
 * plain PostgreSQL so embedded PGlite and a server run exactly the same ones.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and reports',
    sql: [
      // Append-only: every fact is an event; `hash` chains each to the one before (tamper evidence).
      `CREATE TABLE ledger_events (
        seq integer PRIMARY KEY,
        kind text NOT NULL,
        city text,
        period text,
        revision integer,
        sha256 text,
        actor text NOT NULL,
        reason text,
        at text NOT NULL,
        data jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      )`,
      `CREATE UNIQUE INDEX ledger_events_revision ON ledger_events (city, period, revision) WHERE kind = 'received'`,
      'CREATE INDEX ledger_events_period ON ledger_events (period, city)',
      'CREATE INDEX ledger_events_sha256 ON ledger_events (sha256)',
      // The validation report made at intake, so a roll-up never re-reads the workbooks.
      `CREATE TABLE ledger_reports (
        sha256 text PRIMARY KEY,
        report text NOT NULL,
        report_sha256 text NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'refuse updates and deletes of events',
    sql: [
      `CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'ledger events are append-only (% refused)', TG_OP;
       END $$`,
      `CREATE TRIGGER ledger_events_append_only BEFORE UPDATE OR DELETE ON ledger_events
       FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`,
    ],
  },
  {
    version: 3,
    name: 'file bytes in the database (shared store on a server)',
    sql: [
      // A ledger on a server keeps the received bytes here, so every client sees the same files;
      // an embedded ledger leaves it empty and keeps its files beside the data directory.
      `CREATE TABLE ledger_files (
        sha256 text PRIMARY KEY,
        bytes bytea NOT NULL
      )`,
      `CREATE FUNCTION ledger_files_keep() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'ledger files are kept as received (% refused)', TG_OP;
       END $$`,
      `CREATE TRIGGER ledger_files_keep BEFORE UPDATE OR DELETE ON ledger_files
       FOR EACH ROW EXECUTE FUNCTION ledger_files_keep()`,
    ],
  },
];

/** A constant key for PostgreSQL advisory locks: serialises appends and migrations across clients. */
export const LEDGER_LOCK_KEY = 53_110_022;

/** Brings the schema up to date; safe when several clients start at once. Returns the version. */
export async function migrate(db: Driver): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ledger_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`,
    );
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM ledger_migrations')).map((r) => r.version),
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of m.sql) await tx.query(statement);
      await tx.query('INSERT INTO ledger_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
    return Math.max(0, ...MIGRATIONS.map((m) => m.version));
  });
}
