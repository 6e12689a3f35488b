import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exportLedger,
  FileStore,
  type IntakeOutcome,
  importLedger,
  Ledger,
  LedgerError,
  sha256,
  verifyLedger,
} from '@sunan/ledger';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BACKENDS, Backend } from './helpers/backends.js';
import { jsonSubmission } from './helpers/files.js';
import { rewriteChain } from './helpers/rewrite.js';

// Issue 29, "one shared store": on a server, the files' bytes live in the database, so a second
// machine (another local folder, or none) sees, verifies, exports and re-imports the whole ledger;
// a missing or altered file stops verify, export and import.

const by = 'store-clerk';

function received(o: IntakeOutcome) {
  if (!o.ok || o.kind !== 'received')
    throw new Error(`expected received, got ${JSON.stringify(o).slice(0, 300)}`);
  return o.event;
}

/** Replaces a stored file's bytes as a tamperer with rights would (folder, or the table). */
async function tamper(ledger: Ledger, hash: string, bytes: Uint8Array): Promise<void> {
  if (ledger.files instanceof FileStore) {
    writeFileSync(ledger.files.pathOf(hash), bytes);
    return;
  }
  await expect(
    ledger.db.query('UPDATE ledger_files SET bytes = $1 WHERE sha256 = $2', [bytes, hash]),
  ).rejects.toThrow(/kept as received/);
  await ledger.db.query('ALTER TABLE ledger_files DISABLE TRIGGER ledger_files_keep');
  await ledger.db.query('UPDATE ledger_files SET bytes = $1 WHERE sha256 = $2', [bytes, hash]);
  await ledger.db.query('ALTER TABLE ledger_files ENABLE TRIGGER ledger_files_keep');
}

describe('two clients with different local folders on one PostgreSQL database', () => {
  let backend: Backend | undefined;
  beforeAll(async () => {
    backend = await Backend.start('postgres');
  }, 120_000);
  afterAll(() => backend?.stop());

  test('an intake by one is seen, verified, exported and re-imported by the other; tampering stops both', async (ctx) => {
    if (!backend) return ctx.skip();
    const here = await backend.location();
    const there = mkdtempSync(join(tmpdir(), 'sunan-second-machine-'));
    const a = await Ledger.open(here);
    const b = await Ledger.open({ dir: there, database: here.database });
    const c = await Ledger.open({ database: here.database }); // no local folder at all
    try {
      const bytes = jsonSubmission('320400', '2021');
      const e = received(await a.intake({ bytes, fileName: '320400-常州市-2021.json', by }));
      received(await a.intake({ bytes: jsonSubmission('320100', '2021'), fileName: 'nj.json', by }));
      // Nothing of the ledger is in either machine's folder.
      expect(existsSync(join(here.dir, 'files'))).toBe(false);
      expect(existsSync(join(there, 'files'))).toBe(false);
      for (const other of [b, c]) {
        const cell = (await other.status('2021')).cities.find((x) => x.city === '320400');
        expect(cell?.latest).toMatchObject({ revision: 1, sha256: e.sha256 });
        expect(Buffer.from((await other.files.read(e.sha256 ?? '')) ?? []).equals(Buffer.from(bytes))).toBe(
          true,
        );
        const v = await verifyLedger(other);
        expect(v.problems).toEqual([]);
        expect(v.head).toEqual(await a.head());
      }
      const work = mkdtempSync(join(tmpdir(), 'sunan-shared-archive-'));
      const archive = join(work, 'ledger.jsonl');
      expect(await exportLedger(b, archive)).toMatchObject({ ok: true, files: 2, events: 2 });
      const copy = await Ledger.open({ dir: join(work, 'copy') });
      try {
        expect(await importLedger(copy, archive)).toMatchObject({ ok: true, files: 2, events: 2 });
        expect(await copy.events()).toEqual(await a.events());
        expect((await verifyLedger(copy)).problems).toEqual([]);
        expect(Buffer.from((await copy.files.read(e.sha256 ?? '')) ?? []).equals(Buffer.from(bytes))).toBe(
          true,
        );
      } finally {
        await copy.close();
      }

      // One changed byte in the database: the other machine's verify names the revision, export refuses.
      const changed = Buffer.from(bytes);
      changed[50] = (changed[50] ?? 0) ^ 1;
      await tamper(a, e.sha256 ?? '', changed);
      const v = await verifyLedger(b);
      expect(v.ok).toBe(false);
      expect(v.problems.map((p) => [p.code, p.city, p.period, p.revision])).toEqual([
        ['LEDGER_FILE_ALTERED', '320400', '2021', 1],
      ]);
      expect(v.problems[0]?.message.zh).toContain('常州市 2021 第 1 版');
      const refused = join(work, 'refused.jsonl');
      expect(await exportLedger(c, refused)).toMatchObject({ ok: false, code: 'LEDGER_ARCHIVE_INCOMPLETE' });
      expect(existsSync(refused)).toBe(false);
      await tamper(a, e.sha256 ?? '', bytes);
      expect((await verifyLedger(c)).ok).toBe(true);
    } finally {
      await c.close();
      await b.close();
      await a.close();
    }
  }, 120_000);

  test('files an older version kept in a local folder are copied into the database on open', async (ctx) => {
    if (!backend) return ctx.skip();
    const loc = await backend.location();
    const first = await Ledger.open({ database: loc.database });
    const bytes = jsonSubmission('320500', '2021');
    received(await first.intake({ bytes, fileName: 'sz.json', by }));
    // As an older version would have left it: the row in the database, the bytes only in a folder.
    await first.db.query('ALTER TABLE ledger_files DISABLE TRIGGER ledger_files_keep');
    await first.db.query('DELETE FROM ledger_files');
    await first.db.query('ALTER TABLE ledger_files ENABLE TRIGGER ledger_files_keep');
    expect((await verifyLedger(first)).problems.map((p) => p.code)).toEqual(['LEDGER_FILE_MISSING']);
    await first.close();
    await new FileStore(join(loc.dir, 'files')).put(bytes);
    const notices: string[] = [];
    const again = await Ledger.open({ ...loc, onNotice: (m) => notices.push(m.zh) });
    try {
      expect(notices.join('\n')).toContain('已将本机台账目录中的 1 个文件存入数据库');
      expect((await verifyLedger(again)).problems).toEqual([]);
    } finally {
      await again.close();
    }
  }, 120_000);
});

describe.each(BACKENDS)('archives and the head on %s', (name) => {
  let backend: Backend | undefined;
  let ledger: Ledger;
  let work: string;
  beforeAll(async () => {
    backend = await Backend.start(name);
    if (backend) ledger = await backend.fresh();
    work = mkdtempSync(join(tmpdir(), 'sunan-archive-store-'));
  }, 120_000);
  afterAll(async () => {
    await ledger?.close();
    backend?.stop();
  });
  const it = (title: string, fn: () => Promise<void>) =>
    test(title, async (ctx) => (backend ? fn() : ctx.skip()), 120_000);

  it('export refuses an existing file unless asked to overwrite; import refuses an archive missing a file', async () => {
    received(await ledger.intake({ bytes: jsonSubmission('321100', '2020'), fileName: 'zj.json', by }));
    const path = join(work, 'backup.jsonl');
    writeFileSync(path, 'an earlier backup');
    const e = await exportLedger(ledger, path).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LedgerError);
    expect((e as LedgerError).zh).toContain('已存在');
    expect(readFileSync(path, 'utf8')).toBe('an earlier backup');
    expect(await exportLedger(ledger, path, { overwrite: true })).toMatchObject({ ok: true });
    const lines = readFileSync(path, 'utf8').split('\n');
    const cut = join(work, 'cut.jsonl');
    writeFileSync(cut, lines.filter((l) => !l.includes('"type":"file"')).join('\n'));
    const copy = await (backend as Backend).fresh();
    try {
      const r = await importLedger(copy, cut);
      expect(r).toMatchObject({ ok: false, code: 'LEDGER_ARCHIVE_INCOMPLETE' });
      if (!r.ok) expect(r.message.zh).toContain('镇江市 2020 第 1 版');
      expect(await copy.events()).toEqual([]);
    } finally {
      await copy.close();
    }
  });

  it('head() is the last event; a published head stays valid as the chain grows, and a rewrite is caught', async () => {
    const published = await ledger.head();
    expect(published.hash).toBe((await ledger.events()).at(-1)?.hash);
    received(await ledger.intake({ bytes: jsonSubmission('320200', '2020'), fileName: 'wx.json', by }));
    const grown = await verifyLedger(ledger, { expectHead: published.hash });
    expect(grown).toMatchObject({ ok: true, expectedHeadAt: published.seq });
    expect((await verifyLedger(ledger, { expectHead: published.hash.slice(0, 16) })).ok).toBe(true);
    // A consistent chain written anew (every hash recomputed): verify alone passes, the published head does not.
    const path = join(work, 'rewrite.jsonl');
    expect(await exportLedger(ledger, path)).toMatchObject({ ok: true });
    const copy = await (backend as Backend).fresh();
    try {
      writeFileSync(
        path,
        rewriteChain(readFileSync(path, 'utf8'), (e) => (e.seq === 1 ? { ...e, actor: 'forger' } : e)),
      );
      expect(await importLedger(copy, path)).toMatchObject({ ok: true });
      expect((await verifyLedger(copy)).ok).toBe(true);
      const caught = await verifyLedger(copy, { expectHead: published.hash });
      expect(caught.ok).toBe(false);
      expect(caught.problems.map((p) => p.code)).toEqual(['LEDGER_HEAD_MISMATCH']);
    } finally {
      await copy.close();
    }
  });

  it('a refused intake is an event with its bytes; the same file later is a new revision', async () => {
    expect((await ledger.lock({ city: '320500', period: '2020', by, reason: 'published' })).ok).toBe(true);
    const bytes = jsonSubmission('320500', '2020');
    const o = await ledger.intake({ bytes, fileName: '320500-苏州市-2020.json', by });
    expect(o).toMatchObject({ ok: false, code: 'LEDGER_LOCKED', event: { kind: 'refused', city: '320500' } });
    const refused = (await ledger.events()).filter((e) => e.kind === 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.data).toMatchObject({ fileName: '320500-苏州市-2020.json', code: 'LEDGER_LOCKED' });
    expect(sha256((await ledger.files.read(refused[0]?.sha256 ?? '')) ?? new Uint8Array())).toBe(
      sha256(bytes),
    );
    expect((await ledger.status('2020')).cities.find((c) => c.city === '320500')?.latest).toBeUndefined();
    expect((await verifyLedger(ledger)).problems).toEqual([]);
    expect((await ledger.unlock({ city: '320500', period: '2020', by, reason: 'late file agreed' })).ok).toBe(
      true,
    );
    expect(received(await ledger.intake({ bytes, fileName: 'again.json', by })).revision).toBe(1);
  });
});
