// @time-zones: a lock's age read from the clock
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquireDirLock,
  type Bilingual,
  Ledger,
  LedgerBusyError,
  thisOwner,
  verifyLedger,
} from '@sunan/ledger';
import { describe, expect, test } from 'vitest';
import { jsonSubmission } from './helpers/files.js';

// Issue 29: the embedded ledger refuses a second writer whatever host it runs on. The lock records
// host, pid and boot id; a lock of another host is never taken over; a dead process's lock of this
// host is, and says so. Each test writes the lock file as the other party would leave it.

const by = 'lock-clerk';

/** A pid that was alive a moment ago and is not now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

function lockAs(dir: string, owner: Record<string, unknown>): string {
  const path = join(dir, 'ledger.lock');
  writeFileSync(path, `${JSON.stringify(owner)}\n`);
  return path;
}

async function busy(action: () => Promise<unknown>): Promise<LedgerBusyError> {
  try {
    await action();
  } catch (e) {
    if (e instanceof LedgerBusyError) return e;
    throw e;
  }
  throw new Error('expected the ledger to be busy, but it opened');
}

describe('the embedded ledger lock', () => {
  test('a lock left by another host: refused naming host and pid, never taken over, no confirmed intake lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-lock-'));
    const first = await Ledger.open({ dir });
    const confirmed = [];
    for (const [city, tweak] of [
      ['320100', 0],
      ['320100', 1],
      ['320500', 0],
    ] as const) {
      const o = await first.intake({
        bytes: jsonSubmission(city, '2022', tweak),
        fileName: `${city}.json`,
        by,
      });
      expect(o).toMatchObject({ ok: true, kind: 'received' });
      if (o.ok) confirmed.push(o.event);
    }
    await first.close();
    // The second host's process: a pid that may well be free here, which must not matter.
    const other = {
      host: `${hostname()}-other`,
      pid: deadPid(),
      boot: 'another-machine',
      since: new Date().toISOString(),
    };
    const path = lockAs(dir, other);
    const before = readFileSync(path, 'utf8');
    const notices: Bilingual[] = [];
    const started = performance.now();
    const e = await busy(() => Ledger.open({ dir, waitMs: 600, onNotice: (m) => notices.push(m) }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(550);
    expect(e.zh).toContain(`进程 ${other.pid}（主机 ${other.host}`);
    expect(e.zh).toContain('不会被自动接管');
    expect(e.en).toContain(`process ${other.pid} on host ${other.host}`);
    expect(e.en).toContain('never taken over');
    expect(notices[0]?.zh).toBe(`台账正被进程 ${other.pid}（主机 ${other.host}）使用，等待中…`);
    expect(notices[0]?.en).toBe(`ledger in use by process ${other.pid} on host ${other.host}, waiting…`);
    expect(readFileSync(path, 'utf8')).toBe(before);
    // Once the other host is done (its lock gone), everything confirmed is there.
    rmSync(path);
    const again = await Ledger.open({ dir });
    try {
      const events = await again.events();
      for (const c of confirmed) expect(events).toContainEqual(c);
      expect((await verifyLedger(again)).ok).toBe(true);
    } finally {
      await again.close();
    }
  });

  test("this host's lock whose process has exited is taken over, and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-lock-'));
    const pid = deadPid();
    lockAs(dir, { ...thisOwner(), pid });
    const notices: string[] = [];
    const release = await acquireDirLock(join(dir, 'ledger.lock'), {
      timeoutMs: 2000,
      onNotice: (m) => notices.push(m.zh),
    });
    expect(notices).toEqual([expect.stringContaining(`已接管本机已结束的进程 ${pid} 留下的台账锁`)]);
    expect(JSON.parse(readFileSync(join(dir, 'ledger.lock'), 'utf8'))).toMatchObject({
      host: hostname(),
      pid: process.pid,
    });
    await release();
  });

  test('a lock of this host written before its last boot is taken over', async () => {
    const me = thisOwner();
    if (me.boot === undefined) return; // no boot id on this system
    const dir = mkdtempSync(join(tmpdir(), 'sunan-lock-'));
    lockAs(dir, { ...me, pid: process.pid, boot: 'before-the-reboot' });
    const release = await acquireDirLock(join(dir, 'ledger.lock'), { timeoutMs: 2000 });
    await release();
  });

  test('an old pid-only lock and a live owner of this host are waited for, not taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-lock-'));
    const path = join(dir, 'ledger.lock');
    writeFileSync(path, String(deadPid()));
    const old = await busy(() => acquireDirLock(path, { timeoutMs: 200 }));
    expect(old.en).toContain('unreadable or of an older version');
    expect(readFileSync(path, 'utf8')).not.toContain('{');
    rmSync(path);
    const live = lockAs(dir, { ...thisOwner(), pid: process.ppid });
    const e = await busy(() => acquireDirLock(live, { timeoutMs: 200 }));
    expect(e.owner?.pid).toBe(process.ppid);
    expect(e.en).toContain('--wait');
  });

  test('two takeovers of one dead lock at once: exactly one wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-lock-'));
    const path = lockAs(dir, { ...thisOwner(), pid: deadPid() });
    const results = await Promise.allSettled([
      acquireDirLock(path, { timeoutMs: 400 }),
      acquireDirLock(path, { timeoutMs: 400 }),
      acquireDirLock(path, { timeoutMs: 400 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(LedgerBusyError);
    for (const r of results) if (r.status === 'fulfilled') await r.value();
  });
});
