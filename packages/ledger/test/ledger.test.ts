// @time-zones: event times and a clock in the future
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregate } from '@sunan/aggregate';
import {
  exportLedger,
  FileStore,
  type IntakeOutcome,
  importLedger,
  type Ledger,
  rollUpInputs,
  verifyLedger,
} from '@sunan/ledger';
import { CITIES, filledWorkbook } from '@sunan/testkit';
import { validateSubmission } from '@sunan/validate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BACKENDS, Backend } from './helpers/backends.js';
import { jsonSubmission, small } from './helpers/files.js';

const by = 'test-clerk';

/** Replaces a stored file's bytes, as a tamperer would: in the folder, or in the database's table. */
async function storedBytes(ledger: Ledger, hash: string, bytes: Uint8Array): Promise<void> {
  if (ledger.files instanceof FileStore) {
    writeFileSync(ledger.files.pathOf(hash), bytes);
    return;
  }
  await ledger.db.query('ALTER TABLE ledger_files DISABLE TRIGGER ledger_files_keep');
  await ledger.db.query('UPDATE ledger_files SET bytes = $1 WHERE sha256 = $2', [bytes, hash]);
  await ledger.db.query('ALTER TABLE ledger_files ENABLE TRIGGER ledger_files_keep');
}

function received(o: IntakeOutcome) {
  if (!o.ok || o.kind !== 'received')
    throw new Error(`expected received, got ${JSON.stringify(o).slice(0, 300)}`);
  return o.event;
}

/** Intakes, accepts and approves every city's submission for a period. */
async function fullPeriod(ledger: Ledger, period: string): Promise<void> {
  for (const c of CITIES) {
    received(await ledger.intake({ bytes: jsonSubmission(c, period), fileName: `${c}.json`, by }));
    expect((await ledger.accept({ city: c, period, by })).ok).toBe(true);
  }
}

// One ledger per backend for the whole file (opening PGlite is slow); each test uses its own period.
describe.each(BACKENDS)('ledger on %s', (name) => {
  let backend: Backend | undefined;
  let ledger: Ledger;
  beforeAll(async () => {
    backend = await Backend.start(name);
    if (backend) ledger = await backend.fresh();
  }, 120_000);
  afterAll(async () => {
    await ledger?.close();
    backend?.stop();
  });
  const it = (title: string, fn: () => Promise<void>) =>
    test(title, async (ctx) => (backend ? fn() : ctx.skip()));

  it('numbers revisions per city and period, and recognises the same bytes twice', async () => {
    const a = await ledger.intake({
      bytes: jsonSubmission('320500', '2015'),
      fileName: 'sz.json',
      by,
      note: 'e-mail',
    });
    expect(received(a)).toMatchObject({ city: '320500', period: '2015', revision: 1, actor: by });
    const again = await ledger.intake({
      bytes: jsonSubmission('320500', '2015'),
      fileName: 'copy.json',
      by: 'other',
    });
    expect(again).toMatchObject({ ok: true, kind: 'duplicate' });
    if (again.ok && again.kind === 'duplicate') expect(again.first.seq).toBe(received(a).seq);
    const b = await ledger.intake({ bytes: jsonSubmission('320500', '2015', 3), fileName: 'sz2.json', by });
    expect(received(b).revision).toBe(2);
    const other = await ledger.intake({ bytes: jsonSubmission('320100', '2015'), fileName: 'nj.json', by });
    expect(received(other).revision).toBe(1);
    const status = await ledger.status('2015');
    const sz = status.cities.find((c) => c.city === '320500');
    expect(sz).toMatchObject({ state: 'received', latest: { revision: 2, fileName: 'sz2.json' } });
    expect(sz?.revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(status.cities.find((c) => c.city === '320200')?.state).toBe('not-received');
    expect((await verifyLedger(ledger)).ok).toBe(true);
  });

  it('keeps and lists a file whose city or period cannot be read', async () => {
    const junk = new TextEncoder().encode('not a submission at all');
    const o = await ledger.intake({ bytes: junk, fileName: 'mystery.csv', by });
    expect(o).toMatchObject({ ok: true, kind: 'unassigned' });
    const list = await ledger.unassigned();
    expect(list.map((u) => u.fileName)).toContain('mystery.csv');
    const stored = await ledger.files.read(list.find((u) => u.fileName === 'mystery.csv')?.sha256 ?? '');
    expect(stored && Buffer.from(stored).equals(Buffer.from(junk))).toBe(true);
  });

  it('refuses intake for a locked city and period; unlocking needs a reason', async () => {
    const p = '2016';
    received(await ledger.intake({ bytes: jsonSubmission('321100', p), fileName: 'zj.json', by }));
    expect((await ledger.lock({ city: '321100', period: p, by, reason: 'closed' })).ok).toBe(true);
    const refused = await ledger.intake({ bytes: jsonSubmission('321100', p, 5), fileName: 'late.json', by });
    expect(refused).toMatchObject({ ok: false, code: 'LEDGER_LOCKED', city: '321100', period: p });
    if (!refused.ok) expect(refused.message.zh).toContain('已');
    expect((await ledger.accept({ city: '321100', period: p, by })).ok).toBe(false);
    // Another city of the same period is not locked.
    received(await ledger.intake({ bytes: jsonSubmission('320400', p), fileName: 'cz.json', by }));
    expect(await ledger.unlock({ city: '321100', period: p, by })).toMatchObject({
      ok: false,
      code: 'LEDGER_REASON_REQUIRED',
    });
    const unlocked = await ledger.unlock({ city: '321100', period: p, by, reason: 'correction agreed' });
    expect(unlocked).toMatchObject({ ok: true, event: { kind: 'unlocked', reason: 'correction agreed' } });
    expect(
      received(await ledger.intake({ bytes: jsonSubmission('321100', p, 5), fileName: 'late.json', by }))
        .revision,
    ).toBe(2);
    // Locking the whole period (the zone) refuses every city.
    expect((await ledger.lock({ city: 'SUNAN', period: p, by })).ok).toBe(true);
    expect(
      await ledger.intake({ bytes: jsonSubmission('320100', p), fileName: 'nj.json', by }),
    ).toMatchObject({
      ok: false,
      code: 'LEDGER_LOCKED',
    });
    expect((await ledger.status(p)).zone.locked?.by).toBe(by);
  });

  it('approves upward only: the zone after every city', async () => {
    const p = '2017';
    expect(await ledger.approve({ city: '320100', period: p, by })).toMatchObject({
      ok: false,
      code: 'LEDGER_NOT_ACCEPTED',
    });
    await fullPeriod(ledger, p);
    for (const c of CITIES.slice(0, 4))
      expect((await ledger.approve({ city: c, period: p, by })).ok).toBe(true);
    const refused = await ledger.approve({ city: 'SUNAN', period: p, by });
    expect(refused).toMatchObject({ ok: false, code: 'LEDGER_CHILDREN_UNAPPROVED' });
    if (!refused.ok) expect(refused.message.zh).toContain('镇江');
    expect((await ledger.approve({ city: '321100', period: p, by })).ok).toBe(true);
    expect((await ledger.approve({ city: 'SUNAN', period: p, by })).ok).toBe(true);
    const status = await ledger.status(p);
    expect(status.zoneApproved).toBe(true);
    expect(status.cities.every((c) => c.state === 'approved')).toBe(true);
    // A new revision accepted later is no longer the approved one.
    received(await ledger.intake({ bytes: jsonSubmission('320200', p, 2), fileName: 'wx2.json', by }));
    expect((await ledger.status(p)).cities.find((c) => c.city === '320200')?.state).toBe('approved');
    expect((await ledger.accept({ city: '320200', period: p, by })).ok).toBe(true);
    const after = await ledger.status(p);
    expect(after.cities.find((c) => c.city === '320200')?.state).toBe('accepted');
    expect(after.zoneApproved).toBe(false);
  });

  it('rejects with a reason; accepts an older revision on request', async () => {
    const p = '2018';
    received(await ledger.intake({ bytes: jsonSubmission('320400', p), fileName: 'v1.json', by }));
    received(await ledger.intake({ bytes: jsonSubmission('320400', p, 1), fileName: 'v2.json', by }));
    expect((await ledger.reject({ city: '320400', period: p, by })).ok).toBe(false);
    expect((await ledger.reject({ city: '320400', period: p, by, reason: 'wrong unit' })).ok).toBe(true);
    expect((await ledger.status(p)).cities.find((c) => c.city === '320400')?.state).toBe('rejected');
    expect(await ledger.accept({ city: '320400', period: p, revision: 9, by })).toMatchObject({
      code: 'LEDGER_NO_SUCH_REVISION',
    });
    expect((await ledger.accept({ city: '320400', period: p, revision: 1, by })).ok).toBe(true);
    const roll = await rollUpInputs(ledger, p);
    expect(roll.cited.filter((c) => c.period === p).map((c) => [c.city, c.revision])).toEqual([
      ['320400', 1],
    ]);
    expect(roll.pending).toEqual([{ city: '320400', period: p, revision: 2 }]);
  });

  it('gives distinct, ordered revisions to concurrent intakes of one city and period', async () => {
    const p = '2019';
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ledger.intake({ bytes: jsonSubmission('320200', p, i + 1), fileName: `wx-${i}.json`, by }),
      ),
    );
    const events = outcomes.map(received).sort((a, b) => a.seq - b.seq);
    expect(events.map((e) => e.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await verifyLedger(ledger)).ok).toBe(true);
  });

  it('rolls up from the stored reports exactly as from the files, following ledger order not mtimes', async () => {
    const p = '2021';
    const dir = mkdtempSync(join(tmpdir(), 'sunan-mtime-'));
    const paths: string[] = [];
    for (const c of CITIES) {
      const path = join(dir, `${c}.xlsx`);
      writeFileSync(path, await filledWorkbook(c, p, small(c, p)));
      paths.push(path);
    }
    // Zhenjiang sends a first version, then a corrected one.
    const first = join(dir, '321100-v1.json');
    writeFileSync(first, jsonSubmission('321100', p, 1000));
    const intakeAll = async (list: string[]) => {
      for (const path of list)
        await ledger.intake({ bytes: new Uint8Array(await readFile(path)), fileName: path, by });
    };
    await intakeAll([first, ...paths]);
    for (const c of CITIES) expect((await ledger.accept({ city: c, period: p, by })).ok).toBe(true);
    const roll = await rollUpInputs(ledger, p);
    const fromLedger = aggregate({ submissions: roll.submissions, period: p });
    // Touch the earlier file so it looks newest, and hand everything in again: same result.
    const future = new Date(Date.now() + 86_400_000);
    utimesSync(first, future, future);
    await intakeAll([first, ...paths]);
    const again = aggregate({ submissions: (await rollUpInputs(ledger, p)).submissions, period: p });
    expect(again).toEqual(fromLedger);
    expect(roll.cited.find((c) => c.city === '321100')?.revision).toBe(2);
    // Differential: the same files validated afresh give the same zone figures.
    const direct = await Promise.all(
      paths.map(async (path) => {
        const bytes = new Uint8Array(await readFile(path));
        return { report: validateSubmission(bytes, { fileName: path }), file: path, sha256: '' };
      }),
    );
    const fresh = aggregate({ submissions: direct, period: p });
    expect(fromLedger.indicators).toEqual(fresh.indicators);
    expect(fromLedger.targets).toEqual(fresh.targets);
    expect(fromLedger.complete).toBe(fresh.complete);
    expect(fromLedger.sources.filter((s) => s.status === 'used')).toHaveLength(5);
    expect(fromLedger.sources.filter((s) => s.status === 'used').map((s) => s.file)).toContain(
      `${join(dir, '321100.xlsx')}（第2版 rev 2）`,
    );
  });

  it('takes the previous period and history from the ledger', async () => {
    for (const p of ['2023', '2024', '2025']) await fullPeriod(ledger, p);
    const roll = await rollUpInputs(ledger, '2025');
    expect(roll.previous?.length).toBe(5);
    expect(roll.history.map((h) => h.period)).toContain('2023');
    expect(roll.history.map((h) => h.period)).not.toContain('2024');
  });

  it('verify detects one changed byte of a stored file, an altered event and an altered report', async () => {
    const o = received(
      await ledger.intake({ bytes: jsonSubmission('320100', '2026'), fileName: 'nj.json', by }),
    );
    expect((await verifyLedger(ledger)).ok).toBe(true);
    const original = Buffer.from((await ledger.files.read(o.sha256 ?? '')) ?? []);
    const changed = Buffer.from(original);
    changed[100] = (changed[100] ?? 0) ^ 1;
    await storedBytes(ledger, o.sha256 ?? '', changed);
    const v1 = await verifyLedger(ledger);
    expect(v1.ok).toBe(false);
    expect(v1.problems.map((p) => p.code)).toEqual(['LEDGER_FILE_ALTERED']);
    expect(v1.problems[0]).toMatchObject({ city: '320100', period: '2026', revision: 1 });
    expect(v1.problems[0]?.message.zh).toContain('南京市 2026 第 1 版');
    await storedBytes(ledger, o.sha256 ?? '', original);

    // The table refuses updates; a tamperer with database rights disables that first.
    await expect(
      ledger.db.query("UPDATE ledger_events SET actor = 'x' WHERE seq = $1", [o.seq]),
    ).rejects.toThrow(/append-only/);
    await ledger.db.query('ALTER TABLE ledger_events DISABLE TRIGGER ledger_events_append_only');
    await ledger.db.query("UPDATE ledger_events SET actor = 'someone else' WHERE seq = $1", [o.seq]);
    const v2 = await verifyLedger(ledger);
    expect(v2.problems.map((p) => [p.code, p.seq])).toEqual([['LEDGER_EVENT_ALTERED', o.seq]]);
    await ledger.db.query('UPDATE ledger_events SET actor = $1 WHERE seq = $2', [by, o.seq]);
    await ledger.db.query('ALTER TABLE ledger_events ENABLE TRIGGER ledger_events_append_only');

    await ledger.db.query("UPDATE ledger_reports SET report = report || ' ' WHERE sha256 = $1", [o.sha256]);
    expect((await verifyLedger(ledger)).problems.map((p) => p.code)).toEqual(['LEDGER_REPORT_ALTERED']);
    await ledger.db.query('UPDATE ledger_reports SET report = rtrim(report) WHERE sha256 = $1', [o.sha256]);
    expect((await verifyLedger(ledger)).ok).toBe(true);
  });

  it('tolerates an orphan file (no rows) but not rows without their file', async () => {
    await ledger.files.put(new TextEncoder().encode('orphan from an interrupted intake'));
    const v = await verifyLedger(ledger);
    expect(v.ok).toBe(true);
    expect(v.orphans.length).toBeGreaterThan(0);
  });

  it('exports and imports a portable archive with the same events, files and status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-archive-'));
    const archive = join(dir, 'ledger.jsonl');
    const counts = await exportLedger(ledger, archive);
    if (!counts.ok) throw new Error(counts.message.en);
    expect(counts.events).toBe((await ledger.events()).length);
    const copy = await (backend as Backend).fresh();
    try {
      expect(await importLedger(copy, archive)).toMatchObject({ ok: true, events: counts.events });
      expect(await copy.events()).toEqual(await ledger.events());
      expect(await copy.status('2017')).toEqual(await ledger.status('2017'));
      const v = await verifyLedger(copy);
      expect(v.problems).toEqual([]);
      expect(await importLedger(copy, archive)).toMatchObject({ ok: false, code: 'LEDGER_NOT_EMPTY' });
      // A tampered archive is refused (checked before anything is written).
      const lines = (await readFile(archive, 'utf8')).split('\n');
      const i = lines.findIndex((l) => l.includes('"type":"event"'));
      lines[i] = (lines[i] ?? '').replace(by, 'forger');
      writeFileSync(archive, lines.join('\n'));
      expect(await importLedger(copy, archive)).toMatchObject({ ok: false, code: 'LEDGER_ARCHIVE_INVALID' });
    } finally {
      await copy.close();
    }
  });
});
