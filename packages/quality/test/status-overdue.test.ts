// @time-zones: overdue against the period's deadline
import { Ledger } from '@sunan/ledger';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../cli/src/run.js';
import { BACKENDS, Backend } from '../../ledger/test/helpers/backends.js';
import { figure, revisionOf, ZJ } from './history-ledger.js';

const bytes = (r: number) => new TextEncoder().encode(JSON.stringify(revisionOf(ZJ, '2022', r)));

// Run in both of the suite's time zones: 逾期 and the deadline are China calendar days either way.
describe.each(BACKENDS)('sunan status: 逾期 and the change line, on %s', (name) => {
  let backend: Backend | undefined;
  let loc: { dir: string; database?: string };
  beforeAll(async () => {
    backend = await Backend.start(name);
    if (!backend) return;
    loc = await backend.location();
    const ledger = await Ledger.open(loc);
    try {
      for (const r of [1, 2])
        await ledger.intake({ bytes: bytes(r), fileName: `zj-v${r}.json`, by: 'clerk' });
      // 2022's deadline (2023-03-31) is long past: every city without an accepted revision is 逾期.
      // Revision 2 carries a planted error: accepted as the centre would, with a reason.
      const a = await ledger.accept({
        city: ZJ,
        period: '2022',
        revision: 2,
        by: 'lead',
        force: true,
        reason: '测试',
      });
      if (!a.ok) throw new Error(`accept: ${JSON.stringify(a)}`);
    } finally {
      await ledger.close();
    }
  }, 120_000);
  afterAll(() => backend?.stop());

  test('marks cities past the deadline with nothing accepted, and says what the accepted revision changed', async (ctx) => {
    if (!backend) return ctx.skip();
    let stdout = '';
    const io = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      env: {},
      cwd: loc.dir,
    };
    const db = loc.database ? ['--database', loc.database] : [];
    expect(await run(['status', '--period', '2022', '--ledger', loc.dir, ...db], io)).toBe(0);
    expect(stdout).toContain('逾期（截止 2023-03-31，无受理版本）：南京市、无锡市、常州市、苏州市\n');
    expect(stdout).not.toMatch(/逾期.*镇江/);
    // Revision 2 against revision 1: GDP (and R&D intensity when its rounding moves), a list row swapped.
    const rdMoves = !figure(revisionOf(ZJ, '2022', 1), 'RD_INTENSITY').equals(
      figure(revisionOf(ZJ, '2022', 2), 'RD_INTENSITY'),
    );
    const n = 2 + 2 + (rdMoves ? 1 : 0);
    expect(stdout).toContain(`镇江市 第 2 版较第 1 版改动 ${n} 项（sunan ledger diff）`);
    stdout = '';
    expect(
      await run(['status', '--period', '2022', '--ledger', loc.dir, ...db, '--format', 'json'], io),
    ).toBe(0);
    const q = JSON.parse(stdout).quality;
    expect(q.overdue).toEqual(['320100', '320200', '320400', '320500']);
    expect(q.changes).toHaveLength(1);
    stdout = '';
    expect(await run(['show', '--city', '镇江', '--period', '2022', '--ledger', loc.dir, ...db], io)).toBe(0);
    expect(stdout).toContain(`第 2 版较第 1 版改动 ${n} 项（sunan ledger diff）`);
    stdout = '';
    expect(
      await run(
        ['show', '--city', '镇江', '--period', '2022', '--revision', '1', '--ledger', loc.dir, ...db],
        io,
      ),
    ).toBe(0);
    expect(stdout).not.toContain('改动');
  });
});
