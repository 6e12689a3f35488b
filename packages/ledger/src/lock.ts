import { open, readFile, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

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
 * One process at a time in an embedded data directory (PGlite is a single-user PostgreSQL: two
 * processes on one directory would corrupt it). The lock file holds the owner's pid; a lock left by
 * a process that died (killed mid-intake) is taken over. Waits up to `timeoutMs` for a live owner.
 */
export async function acquireDirLock(path: string, timeoutMs = 120_000): Promise<() => Promise<void>> {
  const start = Date.now();
  for (;;) {
    try {
      const h = await open(path, 'wx');
      await h.writeFile(String(process.pid));
      await h.close();
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    // A lock file without a pid is being written right now, or was cut short by a kill: wait a little.
    const age = Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? Date.now());
    const dead = Number.isFinite(owner) ? owner !== process.pid && !alive(owner) : age > 2_000;
    if (dead) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(`ledger directory in use by process ${owner} (lock file ${path})`);
    await sleep(50 + Math.random() * 100);
  }
}
