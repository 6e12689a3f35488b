// Writes pgdata/pglite-data.tar.gz: the data directory of a new, empty embedded PostgreSQL, as
// PGlite's own initdb leaves it. A new ledger loads it (PGlite's `loadDataDir`) instead of running
// initdb, which starts a second database instance and the initdb program beside the first: that
// set-up, not the ledger's work, is what the first intake into a new ledger used to pay for in time
// and memory. Run by `pnpm build`; skipped when the archive matches the installed PGlite.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '../pgdata');
const tarball = join(dir, 'pglite-data.tar.gz');
const stampFile = join(dir, 'pglite-data.json');
// The package's manifest is not among its exports: found beside its entry point.
const manifest = new URL('../package.json', import.meta.resolve('@electric-sql/pglite'));
const version = JSON.parse(readFileSync(manifest, 'utf8')).version;

const current = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : undefined;
if (current?.pglite === version && existsSync(tarball)) process.exit(0);
mkdirSync(dir, { recursive: true });
const db = await PGlite.create();
const blob = await db.dumpDataDir('gzip');
await db.close();
writeFileSync(tarball, Buffer.from(await blob.arrayBuffer()));
writeFileSync(stampFile, `${JSON.stringify({ pglite: version }, null, 2)}\n`);
process.stdout.write(`pgdata/pglite-data.tar.gz written for PGlite ${version}\n`);
