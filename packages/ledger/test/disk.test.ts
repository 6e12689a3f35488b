import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type IntakeOutcome, Ledger, LedgerError, sha256, verifyLedger } from '@sunan/ledger';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BACKENDS, Backend } from './helpers/backends.js';
import { chmodTree, freeBytes, isRoot, mountTmpfs, remount, unmount } from './helpers/disk.js';
import { jsonSubmission } from './helpers/files.js';

// Issue 13: "A full disk or a read-only directory gives a clear error and leaves nothing
// half-written." On real file systems: a small tmpfs over the file store, filled up or remounted
// read-only (when this process may mount: root, as in CI); else, for read-only, permission bits.

const by = 'test-clerk';

function received(o: IntakeOutcome) {
  if (!o.ok || o.kind !== 'received')
    throw new Error(`expected received, got ${JSON.stringify(o).slice(0, 300)}`);
  return o.event;
}

/** The LedgerError an action throws (fails the test when it throws anything else or nothing). */
async function ledgerError(action: () => Promise<unknown>): Promise<LedgerError> {
  try {
    await action();
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected a LedgerError, but the action succeeded');
}

/** After a failed intake: no event, the file not stored, no temp file left, and verify passes. */
async function nothingHalfWritten(ledger: Ledger, eventsBefore: number, bytes: Uint8Array): Promise<void> {
  expect((await ledger.events()).length).toBe(eventsBefore);
  expect(await ledger.files.holds(sha256(bytes))).toBe(false);
  expect(await ledger.files.leftovers()).toEqual([]);
  const v = await verifyLedger(ledger);
  expect(v.problems).toEqual([]);
  expect(v.ok).toBe(true);
  expect(v.orphans).toEqual([]);
}

describe.each(BACKENDS)('ledger on %s: full disk and read-only directory', (name) => {
  let backend: Backend | undefined;
  const mounts: string[] = [];
  const opened: Ledger[] = [];
  beforeAll(async () => {
    backend = await Backend.start(name);
  }, 120_000);
  afterAll(async () => {
    for (const l of opened) await l.close().catch(() => undefined);
    for (const m of mounts) unmount(m);
    backend?.stop();
  });
  const it = (title: string, fn: (b: Backend) => Promise<void>) =>
    test(title, async (ctx) => (backend ? fn(backend) : ctx.skip()), 120_000);
  // A server ledger keeps the files' bytes in the database: no local folder to fill or make read-only
  // (a full or read-only database is the case below), so these cases exist for the embedded one only.
  const onDisk = (title: string, fn: (b: Backend) => Promise<void>) => {
    if (name !== 'postgres') it(title, fn);
  };

  /** A fresh ledger whose file store is a tmpfs of `kib` KiB; undefined when this process may not mount. */
  async function onTmpfs(b: Backend, kib: number): Promise<{ ledger: Ledger; files: string } | undefined> {
    const loc = await b.location();
    const files = join(loc.dir, 'files');
    mkdirSync(files);
    if (!mountTmpfs(files, kib)) return undefined;
    mounts.push(files);
    const ledger = await Ledger.open(loc);
    opened.push(ledger);
    return { ledger, files };
  }

  onDisk(
    'a full disk mid-intake: a clear error in Chinese and English, the ledger unchanged, then a retry works',
    async (b) => {
      const first = jsonSubmission('320500', '2018');
      const bytes = jsonSubmission('320100', '2018');
      const size = Math.max(first.length, bytes.length);
      const kib = Math.ceil((4 * size) / 4096) * 4;
      const store = await onTmpfs(b, kib);
      if (!store) {
        console.warn(
          `[disk.test] cannot mount a tmpfs here (root: ${isRoot}); the full-disk test is skipped`,
        );
        return;
      }
      const { ledger, files } = store;
      received(await ledger.intake({ bytes: first, fileName: 'sz.json', by }));
      // Leave room for half the file: the write starts, then fails with ENOSPC part-way.
      writeFileSync(join(files, 'filler'), new Uint8Array(Math.max(0, freeBytes(files) - bytes.length / 2)));
      expect(freeBytes(files)).toBeLessThan(bytes.length);
      expect(freeBytes(files)).toBeGreaterThan(0);
      const before = (await ledger.events()).length;
      const e = await ledgerError(() => ledger.intake({ bytes, fileName: 'nj.json', by }));
      expect(e.zh).toContain('磁盘已满');
      expect(e.zh).toContain('台账未变');
      expect(e.en).toContain('the disk is full');
      expect(e.en).toContain('the ledger is unchanged');
      await nothingHalfWritten(ledger, before, bytes);
      // Room again: the same file goes in as the city's first revision (the failure used none up).
      rmSync(join(files, 'filler'));
      const again = received(await ledger.intake({ bytes, fileName: 'nj.json', by }));
      expect(again).toMatchObject({ city: '320100', period: '2018', revision: 1 });
      expect((await verifyLedger(ledger)).ok).toBe(true);
    },
  );

  onDisk('a read-only file store: a clear error, the ledger unchanged, then a retry works', async (b) => {
    const first = jsonSubmission('320200', '2018');
    const bytes = jsonSubmission('320200', '2018', 7);
    let store = await onTmpfs(b, 4096);
    let readOnly: (on: boolean) => void;
    if (store) {
      const files = store.files;
      readOnly = (on) => remount(files, on ? 'ro' : 'rw');
    } else if (!isRoot) {
      const loc = await b.location();
      const ledger = await Ledger.open(loc);
      opened.push(ledger);
      store = { ledger, files: join(loc.dir, 'files') };
      const files = store.files;
      readOnly = (on) => chmodTree(files, on ? 0o555 : 0o755);
    } else {
      console.warn('[disk.test] root without mount: no way to make a directory read-only; skipped');
      return;
    }
    const { ledger } = store;
    received(await ledger.intake({ bytes: first, fileName: 'wx.json', by }));
    readOnly(true);
    const before = (await ledger.events()).length;
    let e: LedgerError;
    try {
      e = await ledgerError(() => ledger.intake({ bytes, fileName: 'wx2.json', by }));
    } finally {
      readOnly(false);
    }
    expect(e.zh).toContain('台账目录不可写');
    expect(e.zh).toContain('台账未变');
    expect(e.en).toContain('not writable');
    await nothingHalfWritten(ledger, before, bytes);
    const again = received(await ledger.intake({ bytes, fileName: 'wx2.json', by }));
    expect(again).toMatchObject({ city: '320200', revision: 2 });
  });

  it('a read-only database at intake: a clear error, nothing recorded, the stored bytes unreferenced until a retry', async (b) => {
    const ledger = await Ledger.open(await b.location());
    opened.push(ledger);
    const bytes = jsonSubmission('320400', '2018');
    // One session (PGlite; the pool reuses its one idle connection when used one call at a time).
    await ledger.db.query('SET default_transaction_read_only = on');
    let e: LedgerError;
    try {
      e = await ledgerError(() => ledger.intake({ bytes, fileName: 'cz.json', by }));
    } finally {
      await ledger.db.query('SET default_transaction_read_only = off');
    }
    expect(e.zh).toBe('无法登记 cz.json：数据库为只读；本次未登记，台账未变');
    expect(e.en).toBe(
      'Cannot record cz.json: the database is read-only; nothing was recorded, the ledger is unchanged',
    );
    expect(await ledger.events()).toEqual([]);
    const v = await verifyLedger(ledger);
    expect(v.ok).toBe(true);
    // A directory store keeps the bytes written before the transaction; the database store wrote
    // them inside it, so they rolled back with it.
    expect(v.orphans).toEqual(name === 'pglite' ? [sha256(bytes)] : []);
    expect(received(await ledger.intake({ bytes, fileName: 'cz.json', by }))).toMatchObject({ revision: 1 });
    expect((await verifyLedger(ledger)).orphans).toEqual([]);
  });

  onDisk('a ledger directory that cannot be created or written: a clear error on open', async (b) => {
    const loc = await b.location();
    const dir = join(loc.dir, 'ro');
    mkdirSync(dir);
    if (mountTmpfs(dir, 64)) {
      mounts.push(dir);
      remount(dir, 'ro');
    } else if (!isRoot) chmodTree(dir, 0o555);
    else return;
    const e = await ledgerError(() => Ledger.open({ ...loc, dir: join(dir, 'ledger') }));
    expect(e.zh).toMatch(/^无法创建台账目录/);
    expect(e.en).toMatch(/^Cannot create the ledger directory/);
  });
});
