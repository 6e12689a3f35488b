import { mkdir, statfs } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sha256 } from './canonical.js';
import { type Bilingual, LedgerError } from './codes.js';
import { DbStore } from './db-store.js';
import { type Driver, openPglite, openPostgres } from './driver.js';
import { acquireDirLock, DEFAULT_LOCK_WAIT_MS } from './lock.js';
import { migrate } from './migrations.js';
import { type BlobStore, FileStore } from './store.js';

/** What {@link openStorage} needs: where the ledger is and how long to wait for a busy one. */
export interface StorageOptions {
  readonly dir?: string;
  readonly database?: string;
  readonly waitMs?: number;
  readonly onNotice?: (message: Bilingual) => void;
}

/** An open ledger's database, file store and the release of its directory lock. */
export interface Storage {
  readonly db: Driver;
  readonly files: BlobStore;
  readonly release: () => Promise<void>;
}

/**
 * File systems whose locking and caching an embedded database cannot rely on (statfs magic
 * numbers): NFS, SMB/CIFS, AFS, Coda, Ceph, Lustre, 9p (host-shared folders of VMs and WSL).
 */
const NETWORK_FS: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x5346414f, 'AFS'],
  [0x73757245, 'Coda'],
  [0x00c36400, 'Ceph'],
  [0x0bd00bd0, 'Lustre'],
  [0x01021997, '9p'],
]);

/** The network file system `dir` is on, by name, or undefined (local, or not known). */
export async function networkFileSystem(dir: string): Promise<string | undefined> {
  const type = await statfs(dir).then(
    (s) => Number(s.type),
    () => undefined,
  );
  return type === undefined ? undefined : NETWORK_FS.get(type >>> 0);
}

function openFailure(e: unknown): LedgerError {
  const why = e instanceof Error ? e.message : String(e);
  return new LedgerError(`无法打开台账数据库：${why}`, `Cannot open the ledger database: ${why}`, {
    cause: e,
  });
}

/** A PostgreSQL ledger: the bytes live in the database; a local folder is only read for old files. */
async function openShared(url: string, dir: string | undefined, options: StorageOptions): Promise<Storage> {
  let db: Driver;
  try {
    db = await openPostgres(url);
    await migrate(db);
  } catch (e) {
    throw openFailure(e);
  }
  const files = new DbStore(db);
  if (dir) {
    const adopted = await adoptLocalFiles(files, new FileStore(join(dir, 'files')));
    if (adopted > 0)
      options.onNotice?.({
        zh: `已将本机台账目录中的 ${adopted} 个文件存入数据库（共享存储）`,
        en: `stored ${adopted} files from this machine's ledger folder in the database (the shared store)`,
      });
  }
  return { db, files, release: async () => undefined };
}

/**
 * Copies files an older version kept in a local folder into the database, each checked against
 * its SHA-256 first (an altered local copy is left where it is, for `verify` to name as missing).
 */
async function adoptLocalFiles(into: DbStore, local: FileStore): Promise<number> {
  let n = 0;
  for (const hash of await local.list()) {
    if (await into.holds(hash)) continue;
    const bytes = await local.read(hash);
    if (!bytes || sha256(bytes) !== hash) continue;
    await into.put(bytes);
    n++;
  }
  return n;
}

/** An embedded ledger: PGlite in `<dir>/db`, files in `<dir>/files`, one process at a time. */
async function openEmbedded(dir: string, options: StorageOptions): Promise<Storage> {
  try {
    await mkdir(join(dir, 'files'), { recursive: true });
  } catch (e) {
    throw new LedgerError(`无法创建台账目录：${dir}`, `Cannot create the ledger directory: ${dir}`, {
      cause: e,
    });
  }
  const fs = await networkFileSystem(dir);
  if (fs)
    options.onNotice?.({
      zh: `警告：台账目录位于网络文件系统（${fs}）上，内嵌台账不支持这样使用（锁和写入都不可靠）；多台电脑共用请用 PostgreSQL（--database）`,
      en: `warning: the ledger folder is on a network file system (${fs}), which the embedded ledger does not support (locks and writes are unreliable); share a ledger through PostgreSQL (--database)`,
    });
  const release = await acquireDirLock(join(dir, 'ledger.lock'), {
    timeoutMs: options.waitMs ?? DEFAULT_LOCK_WAIT_MS,
    ...(options.onNotice ? { onNotice: options.onNotice } : {}),
  });
  try {
    const db = await openPglite(join(dir, 'db'));
    await migrate(db);
    return { db, files: new FileStore(join(dir, 'files')), release };
  } catch (e) {
    await release();
    throw openFailure(e);
  }
}

/** Opens the database and file store of a ledger: on a server when `database` is given, else embedded. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const dir = options.dir === undefined ? undefined : resolve(options.dir);
  if (options.database) return openShared(options.database, dir, options);
  if (!dir)
    throw new LedgerError(
      '内嵌台账需要台账目录（--ledger）',
      'An embedded ledger needs its directory (--ledger)',
    );
  return openEmbedded(dir, options);
}
