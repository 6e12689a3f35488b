// @time-zones: revisions' receipt times
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ledger } from '@sunan/ledger';
import { diffRevisions, historiesOf, historyOf, type QualityInput, qualityReport } from '@sunan/quality';
import { browserOrSkip, CITIES, catalogue } from '@sunan/testkit';
import Ajv2020 from 'ajv/dist/2020.js';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as XLSX from 'xlsx';
import { loadQualityInput } from '../../cli/src/commands/ledger-diff.js';
import { run } from '../../cli/src/run.js';
import { BACKENDS, Backend } from '../../ledger/test/helpers/backends.js';
import {
  base,
  figure,
  gdpStep2,
  gdpStep3,
  newRow,
  PERIODS,
  plantHistory,
  revisionOf,
  ZJ,
} from './history-ledger.js';

const pct = (change: Decimal, old: Decimal) => change.div(old.abs()).times(100).toDecimalPlaces(2).toFixed(2);

/**
 * The value changes the test planted between two revisions, worked out from the submissions
 * themselves. The negative key-lab count is refused by the validator, so the stored revision holds
 * a blank there (and the finding).
 */
function planted(code: string, period: string, from: number, to: number) {
  const read = (r: number, ind: string) => {
    const d = figure(revisionOf(code, period, r), ind);
    return d.isNegative() && ind === 'NAT_KEY_LABS' ? undefined : d;
  };
  return ['GDP', 'RD_INTENSITY', 'NAT_KEY_LABS']
    .map((ind) => ({ ind, x: read(from, ind), y: read(to, ind) }))
    .filter(({ x, y }) => !(x && y && x.equals(y)))
    .map(({ ind, x, y }) => ({
      indicator: ind,
      old: x?.toString() ?? null,
      new: y?.toString() ?? null,
      change: x && y ? y.minus(x).toString() : null,
      percent: x && y ? pct(y.minus(x), x) : null,
    }));
}

describe.each(BACKENDS)('quality over a ledger on %s', (name) => {
  let backend: Backend | undefined;
  let ledger: Ledger;
  let input: QualityInput;
  let loc: { dir: string; database?: string };
  beforeAll(async () => {
    backend = await Backend.start(name);
    if (!backend) return;
    loc = await backend.location();
    ledger = await Ledger.open(loc);
    await plantHistory(ledger);
    input = await loadQualityInput(ledger);
  }, 300_000);
  afterAll(async () => {
    await ledger?.close();
    backend?.stop();
  });
  const it = (title: string, fn: () => Promise<void> | void) =>
    test(title, async (ctx) => (backend ? fn() : ctx.skip()));

  it('ledger diff lists exactly the planted changes: values, list rows, findings fixed and new', () => {
    const h = historyOf(historiesOf(input.events), ZJ, '2022');
    const latest = diffRevisions(catalogue, h, input.reports);
    if (!latest.ok) throw new Error(latest.code);
    expect([latest.from.revision, latest.to.revision]).toEqual([2, 3]);
    const pick = (d: typeof latest) =>
      d.values.map((v) => ({
        indicator: v.indicator,
        old: v.old,
        new: v.new,
        change: v.change,
        percent: v.percent,
      }));
    const byCode = (xs: Array<{ indicator: string }>) =>
      [...xs].sort((a, b) => a.indicator.localeCompare(b.indicator));
    expect(byCode(pick(latest))).toEqual(byCode(planted(ZJ, '2022', 2, 3)));
    expect(latest.values.find((v) => v.indicator === 'GDP')?.cell).toMatch(/^指标!F\d+$/);
    const orig = base(ZJ, '2022').enterprises;
    expect(latest.enterprisesAdded.map((r) => r.creditCode)).toEqual([newRow(ZJ, 1, null).creditCode]);
    expect(latest.enterprisesRemoved.map((r) => r.creditCode)).toEqual([orig[1]?.creditCode]);
    expect(latest.findingsNew).toEqual([]);
    expect(latest.findingsFixed.length).toBeGreaterThan(0);
    expect(latest.changes).toBe(latest.values.length + 2);

    const early = diffRevisions(catalogue, h, input.reports, { from: 1, to: 2 });
    if (!early.ok) throw new Error(early.code);
    expect(byCode(pick(early))).toEqual(byCode(planted(ZJ, '2022', 1, 2)));
    expect(early.enterprisesAdded.map((r) => r.creditCode)).toEqual([newRow(ZJ, 0, null).creditCode]);
    expect(early.enterprisesRemoved.map((r) => r.creditCode)).toEqual([orig[0]?.creditCode]);
    expect(early.findingsFixed).toEqual([]);
    // What revision 2 broke is exactly what revision 3 fixed.
    expect(early.findingsNew).toEqual(latest.findingsFixed);
    expect(early.findingsNew.map((f) => [f.code, f.indicator])).toEqual([
      ['VAL_OUT_OF_RANGE', 'NAT_KEY_LABS'],
    ]);
    // Another city: only GDP (and the intensity when its rounding moves) changed.
    const nj = diffRevisions(
      catalogue,
      historyOf(historiesOf(input.events), '320100', '2021'),
      input.reports,
    );
    if (!nj.ok) throw new Error(nj.code);
    expect(byCode(pick(nj))).toEqual(byCode(planted('320100', '2021', 2, 3)));
    expect([nj.enterprisesAdded, nj.enterprisesRemoved, nj.findingsFixed, nj.findingsNew]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  });

  it('vintages and mean / mean absolute revisions equal the hand-computed figures', () => {
    const q = qualityReport(input, { catalogue, period: '2022', now: new Date().toISOString() });
    expect(q.periods).toEqual([...PERIODS]);
    for (const period of PERIODS)
      for (const code of CITIES) {
        const row = q.vintages.find((v) => v.city === code && v.period === period && v.indicator === 'GDP');
        const first = figure(base(code, period), 'GDP');
        expect(row?.firstReceived).toMatchObject({ revision: 1, value: first.toString() });
        expect(row?.firstAccepted).toMatchObject({ revision: 1, value: first.toString() });
        expect(row?.latestAccepted).toMatchObject({ revision: 3 });
        expect(row?.revision).toBe(gdpStep2(code).plus(gdpStep3(period)).toString());
        const rd = q.vintages.find((v) => v.city === code && v.period === period && v.indicator === 'RD_EXP');
        expect(rd?.revision).toBe('0');
      }
    // Σ over cities i=1..5 and years k=1..3 of (1.25 i − 0.5 k) = 56.25 − 15 = 41.25, over 15 cells;
    // the absolute values sum to 1.25 + 4.5 + 8.25 + 12 + 15.75 = 41.75.
    const gdp = q.revisions.find((r) => r.indicator === 'GDP' && r.city === null);
    expect(gdp).toMatchObject({ n: 15, revised: 15, meanRevision: '2.75', meanAbsoluteRevision: '2.783333' });
    // 镇江 (i = 5): 5.75, 5.25, 4.75.
    const zj = q.revisions.find((r) => r.indicator === 'GDP' && r.city === ZJ);
    expect(zj).toMatchObject({ n: 3, meanRevision: '5.25', meanAbsoluteRevision: '5.25' });
    const rdExp = q.revisions.find((r) => r.indicator === 'RD_EXP' && r.city === null);
    expect(rdExp).toMatchObject({ n: 15, revised: 0, meanRevision: '0', meanAbsoluteRevision: '0' });
  });

  it("recomputes the zone's R&D intensity per vintage from the cities' figures, never averaging ratios", () => {
    const q = qualityReport(input, { catalogue, period: '2022', now: new Date().toISOString() });
    for (const period of PERIODS) {
      const sum = (r: number, ind: string) =>
        CITIES.reduce((s, c) => s.plus(figure(revisionOf(c, period, r), ind)), new Decimal(0));
      const ratio = (r: number) =>
        sum(r, 'RD_EXP').div(sum(r, 'GDP')).times(100).toDecimalPlaces(2).toFixed(2);
      const z = q.zoneRevisions.find((x) => x.period === period && x.indicator === 'RD_INTENSITY');
      expect(z?.first?.value).toBe(ratio(1));
      expect(z?.latest?.value).toBe(ratio(3));
      expect(z?.revision).toBe(new Decimal(ratio(3)).minus(ratio(1)).toString());
      const meanOfCities = sum(1, 'RD_INTENSITY').div(CITIES.length).toDecimalPlaces(2).toFixed(2);
      expect(z?.first?.value).not.toBe(meanOfCities);
    }
    const t = q.triangle;
    expect(t?.indicator).toBe('RD_INTENSITY');
    expect(t?.rows.map((r) => r.period)).toEqual([...PERIODS]);
    // All acceptances fell on one day here: one vintage, the latest figures.
    const last = t?.rows.map((r) => r.values.at(-1));
    expect(last).toEqual(
      q.zoneRevisions.filter((z) => z.indicator === 'RD_INTENSITY').map((z) => z.latest?.value),
    );
  });

  it('sunan ledger diff prints the changes as text, JSON and an xlsx sheet (numbers as numbers)', async () => {
    // The CLI opens the ledger itself: an embedded one allows one process at a time.
    await ledger.close();
    try {
      const cli = async (args: string[]) => {
        let stdout = '';
        let stderr = '';
        const io = {
          stdout: { write: (t: string) => (stdout += t) },
          stderr: { write: (t: string) => (stderr += t) },
          env: { NO_COLOR: '1' },
          cwd: loc.dir,
        };
        const db = loc.database ? ['--database', loc.database] : [];
        const code = await run(['ledger', 'diff', '--ledger', loc.dir, ...db, ...args], io);
        return { code, stdout, stderr };
      };
      const text = await cli(['--city', '镇江', '--period', '2022', '--xlsx', 'diff.xlsx']);
      expect(text.code).toBe(0);
      const gdp = planted(ZJ, '2022', 2, 3).find((p) => p.indicator === 'GDP');
      const n = planted(ZJ, '2022', 2, 3).length + 2;
      expect(text.stdout).toContain(`镇江市 2022：第 3 版较第 2 版改动 ${n} 项`);
      expect(text.stdout).toContain(`${gdp?.old} → ${gdp?.new} (${gdp?.change}, ${gdp?.percent}%)`);
      expect(text.stdout).toContain(`+ ${newRow(ZJ, 1, null).creditCode}`);
      expect(text.stdout).toContain('已修正问题 findings fixed: 1');
      const json = await cli([
        '--city',
        '321100',
        '--period',
        '2022',
        '--from',
        '1',
        '--to',
        '2',
        '--format',
        'json',
      ]);
      expect(json.code).toBe(0);
      const d = JSON.parse(json.stdout);
      expect([d.from.revision, d.to.revision, d.findingsNew.length]).toEqual([1, 2, 1]);
      const wb = XLSX.read(readFileSync(`${loc.dir}/diff.xlsx`));
      const ws = wb.Sheets[wb.SheetNames[0] ?? ''];
      const rows = XLSX.utils.sheet_to_json<unknown[]>(ws as XLSX.WorkSheet, { header: 1, raw: true });
      const row = rows.find((r) => String(r[1]).startsWith('地区生产总值'));
      expect(row?.slice(5, 8)).toEqual([Number(gdp?.old), Number(gdp?.new), Number(gdp?.change)]);
      const missing = await cli(['--city', '镇江', '--period', '2022', '--from', '9']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('QUALITY_NO_REVISION');
    } finally {
      ledger = await Ledger.open(loc);
    }
  });

  it('sunan quality writes quality.html (phone and desktop, no sideways scroll), quality.xlsx (numbers) and quality.json (valid)', async () => {
    await ledger.close();
    const outDir = join(loc.dir, 'quality');
    try {
      let stdout = '';
      const io = {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: () => true },
        env: { NO_COLOR: '1' },
        cwd: loc.dir,
      };
      const db = loc.database ? ['--database', loc.database] : [];
      expect(
        await run(['quality', '--ledger', loc.dir, ...db, '--period', '2022', '--out', 'quality'], io),
      ).toBe(0);
      expect(stdout).toMatch(/数据质量 2022：全区完整率 R1 100\.00%/);
      // The same files again without --force are refused, not overwritten.
      expect(
        await run(['quality', '--ledger', loc.dir, ...db, '--period', '2022', '--out', 'quality'], io),
      ).toBe(2);
    } finally {
      ledger = await Ledger.open(loc);
    }
    const json = JSON.parse(readFileSync(join(outDir, 'quality.json'), 'utf8'));
    const schema = JSON.parse(readFileSync(new URL('../quality.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(json.diffs).toHaveLength(CITIES.length);

    const wb = XLSX.read(readFileSync(join(outDir, 'quality.xlsx')));
    const sheet = (name: string) =>
      XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name] as XLSX.WorkSheet, { header: 1, raw: true });
    const mr = sheet('平均修订 MR MAR').find((r) => r[0] === '全区 all cities' && r[1] === '地区生产总值');
    expect(mr?.slice(2, 6)).toEqual([15, 15, 2.75, 2.783333]);
    const zone = sheet('全区修订 zone').find(
      (r) => r[0] === '全社会研发投入占地区生产总值比重' && r[1] === '2022',
    );
    const rd = json.zoneRevisions.find(
      (z: { period: string; indicator: string }) => z.period === '2022' && z.indicator === 'RD_INTENSITY',
    );
    expect(zone?.slice(2, 5)).toEqual([Number(rd.first.value), Number(rd.latest.value), Number(rd.revision)]);

    const browser = await browserOrSkip();
    if (!browser) return;
    try {
      const html = readFileSync(join(outDir, 'quality.html'), 'utf8');
      const shots = fileURLToPath(new URL('../../../test-output/', import.meta.url));
      mkdirSync(shots, { recursive: true });
      for (const width of [1366, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.setContent(html, { waitUntil: 'load' });
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth),
          `width ${width}`,
        ).toBeLessThanOrEqual(width);
        await page.screenshot({ path: join(shots, `quality-${name}-${width}.png`), fullPage: true });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
