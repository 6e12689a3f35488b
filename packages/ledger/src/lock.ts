import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, open, readFile, rm, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Bilingual, LedgerError } from './codes.js';

/** Who holds an embedded ledger: written into `ledger.lock` when the lock is taken. */
export interface LockOwner {
  readonly host: string;
  readonly pid: number;
  /** The kernel's boot id (Linux), so a lock left before a reboot is known to be dead. */
  readonly boot?: string;
  /** When the lock was taken (ISO 8601, UTC). */
  readonly since: string;
}

/** How to wait for a busy ledger. */
export interface LockOptions {
  /** How long to wait for the owner to finish before giving up (default 30 s). */
  readonly timeoutMs?: number;
  /** Told once, as soon as the ledger is found busy, and when a dead owner's lock is taken over. */
  readonly onNotice?: (message: Bilingual) => void;
}

/** The default wait for a busy embedded ledger. */
export const DEFAULT_LOCK_WAIT_MS = 30_000;

/** Thrown when a busy ledger stays busy longer than the wait: the command did nothing. */
export class LedgerBusyError extends LedgerError {
  constructor(
    zh: string,
    en: string,
    /** The lock's owner as read from the lock file (undefined when unreadable). */
    readonly owner: LockOwner | undefined,
  ) {
    super(zh, en);
    this.name = 'LedgerBusyError';
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** This process as a lock owner. */
export function thisOwner(): LockOwner {
  const boot = bootId();
  return { host: hostname(), pid: process.pid, ...(boot ? { boot } : {}), since: new Date().toISOString() };
}

/** Reads a lock file's text as an owner; undefined for anything else (an old pid-only lock, damage). */
export function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.host !== 'string' || typeof o.pid !== 'number' || typeof o.since !== 'string')
      return undefined;
    return {
      host: o.host,
      pid: o.pid,
      since: o.since,
      ...(typeof o.boot === 'string' ? { boot: o.boot } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Whether a process with this id is alive on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `owner` certainly no longer holds the lock. Only an owner of THIS host can be known dead:
 * its pid is gone, or it was written before this host's last boot. A lock of another host is never
 * judged dead from here (its pid means nothing on this machine).
 */
export function ownerIsDead(owner: LockOwner, me: LockOwner = thisOwner()): boolean {
  if (owner.host !== me.host) return false;
  if (owner.boot !== undefined && me.boot !== undefined && owner.boot !== me.boot) return true;
  return owner.pid !== me.pid && !alive(owner.pid);
}

/**
 * Creates `path` holding `text`, atomically: written whole to a temp file, then hard-linked into
 * place (link fails when the name exists, like O_EXCL, and a reader never sees half a lock). Where
 * the file system has no hard links, O_EXCL creation is used. False when the lock already exists.
 */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const h = await open(tmp, 'wx');
  try {
    await h.writeFile(text);
    await h.sync();
  } finally {
    await h.close();
  }
  try {
    await link(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
    return createWithExcl(path, text);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function createWithExcl(path: string, text: string): Promise<boolean> {
  try {
    const h = await open(path, 'wx');
    try {
      await h.writeFile(text);
      await h.sync();
    } finally {
      await h.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** A takeover guard older than this is a crashed takeover's (it is held for a few file operations). */
const GUARD_STALE_MS = 10_000;

/**
 * Replaces a dead owner's lock with ours. A guard file (created exclusively) lets one process at a
 * time do it, and the lock is read again under the guard: a process that took the lock over a
 * moment ago is then alive, and is waited for instead.
 */
async function takeOver(path: string, seen: string, mine: string): Promise<boolean> {
  const guard = `${path}.takeover`;
  const age = Date.now() - ((await stat(guard).catch(() => undefined))?.mtimeMs ?? Date.now());
  if (age > GUARD_STALE_MS) await rm(guard, { force: true });
  if (!(await createWithExcl(guard, String(process.pid)))) return false;
  try {
    const now = await readFile(path, 'utf8').catch(() => undefined);
    if (now !== seen) return false;
    await rm(path, { force: true });
    return await createExclusive(path, mine);
  } finally {
    await rm(guard, { force: true });
  }
}

/** The "in use, waiting" line. */
export function busyMessage(owner: LockOwner | undefined, path: string): Bilingual {
  if (!owner)
    return {
      zh: `台账正被使用（锁文件 ${path} 不可读或为旧格式），等待中…`,
      en: `ledger in use (lock file ${path} unreadable or of an older version), waiting…`,
    };
  return {
    zh: `台账正被进程 ${owner.pid}（主机 ${owner.host}）使用，等待中…`,
    en: `ledger in use by process ${owner.pid} on host ${owner.host}, waiting…`,
  };
}

/** The give-up error, saying who holds the ledger and what to do. */
function gaveUp(owner: LockOwner | undefined, path: string, waitedMs: number): LedgerBusyError {
  const s = Math.round(waitedMs / 1000);
  const other = owner !== undefined && owner.host !== hostname();
  const who = owner
    ? {
        zh: `进程 ${owner.pid}（主机 ${owner.host}，${owner.since} 起）`,
        en: `process ${owner.pid} on host ${owner.host} (since ${owner.since})`,
      }
    : {
        zh: `锁文件 ${path} 的持有者（不可读或为旧格式）`,
        en: `the holder of ${path} (unreadable or of an older version)`,
      };
  const hint =
    other || !owner
      ? {
          zh: `锁不会被自动接管；若确认该进程已结束，删除 ${path} 后重试`,
          en: `the lock is never taken over automatically; once that process is certainly gone, delete ${path} and retry`,
        }
      : {
          zh: '请稍后再试，或用 --wait 秒数 延长等待',
          en: 'try again later, or wait longer with --wait <seconds>',
        };
  return new LedgerBusyError(
    `台账正被${who.zh}使用，已等待 ${s} 秒，放弃；本次未做任何改动。${hint.zh}`,
    `The ledger is in use by ${who.en}; gave up after ${s} s, nothing was done. ${hint.en[0]?.toUpperCase()}${hint.en.slice(1)}`,
    owner,
  );
}

/**
 * One process at a time in an embedded ledger directory (PGlite is a single-user PostgreSQL: two
 * processes on one data directory would corrupt it), whatever host they run on. The lock file
 * records host, pid and boot id and is created atomically. A lock of this host whose process has
 * exited is taken over (and said so); a lock of another host is never taken over: the caller waits
 * for it, saying so at once, and gives up after `timeoutMs` with a {@link LedgerBusyError}.
 */
export async function acquireDirLock(path: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_WAIT_MS;
  const start = Date.now();
  const me = thisOwner();
  const mine = `${JSON.stringify(me)}\n`;
  let told = false;
  for (;;) {
    if (await createExclusive(path, mine)) return () => releaseIfMine(path, mine);
    const seen = await readFile(path, 'utf8').catch(() => undefined);
    if (seen === undefined) continue; // released between our attempt and the read
    const owner = parseOwner(seen);
    if (owner && ownerIsDead(owner, me) && (await takeOver(path, seen, mine))) {
      options.onNotice?.({
        zh: `已接管本机已结束的进程 ${owner.pid} 留下的台账锁（${owner.since}）`,
        en: `took over the ledger lock left by process ${owner.pid} on this host, which has exited (${owner.since})`,
      });
      return () => releaseIfMine(path, mine);
    }
    if (!told) {
      told = true;
      options.onNotice?.(busyMessage(owner, path));
    }
    if (Date.now() - start >= timeoutMs) throw gaveUp(owner, path, Date.now() - start);
    await sleep(Math.min(50 + Math.random() * 150, Math.max(1, timeoutMs - (Date.now() - start))));
  }
}

/** Removes the lock only while it is still ours (never another process's lock). */
async function releaseIfMine(path: string, mine: string): Promise<void> {
  const now = await readFile(path, 'utf8').catch(() => undefined);
  if (now === mine) await rm(path, { force: true });
}
