// @time-zones: the report's stamp read from the clock
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserOrSkip } from '@sunan/testkit';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, root, sunan } from './ledger-process.js';

// Issue 29, the reports' part: one clock for people (Beijing time, zone marked; +08:00 in JSON),
// the stamp every report carries (草稿 / 已审核 / 已审核·已锁定 with time and head hash; 未经台账 from
// a folder), `aggregate --final`, `index --ledger --periods`. Driven as processes on the built CLI
// on a real embedded ledger; the suite runs this file in Asia/Shanghai and in America/Los_Angeles,
// and the CLI inherits the zone, so a time printed in the machine's zone fails one of the runs.
const data = join(root, 'examples/data');
const out = join(root, 'test-output');
const CITIES = ['南京', '无锡', '常州', '苏州', '镇江'];
const each = (cities: readonly string[]) => cities.flatMap((c) => ['--city', c]);
const FILES_2022 = [
  '320100-南京市-2022.xlsx',
  '320200-无锡市-2022.xlsx',
  '320400-常州市-2022.xlsx',
  '320500-苏州市-2022.xlsx',
  '321100-镇江市-2022.xlsx',
];

/** Beijing time to the minute, computed here independently of the CLI's own helper. */
const beijing = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};
const OFFSET_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/;

/** The head hash as the ledger's own archive gives it: the last event's hash (a new file each time). */
function headFromArchive(ledger: string, file: string): string {
  const r = sunan(['ledger', 'export', file, '--ledger', ledger]);
  expect(r.code, r.stderr).toBe(0);
  const events = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; event?: { hash: string } })
    .filter((l) => l.type === 'event');
  return events.at(-1)?.event?.hash ?? '';
}

async function firstRow(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file).buffer as ArrayBuffer);
  const ws = wb.worksheets[0];
  expect(ws?.name).toBe('汇总');
  return String(ws?.getRow(1).getCell(1).value);
}

describe('reports say what they are; one clock for people', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunan-stamp-'));
  const ledger = join(dir, 'ledger');
  const R = ['--ledger', ledger];
  const L = [...R, '--by', '王科长'];
  let browser: Browser | undefined;
  const zone = process.env.TZ ?? 'local';

  /** A command that succeeds; `--by` only for the commands that record who acted. */
  const must = (args: string[]) => {
    const reads = args[0] === 'aggregate' || args[0] === 'index';
    const r = sunan([...args, ...(reads ? R : L)]);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  const shot = async (html: string, name: string) => {
    if (!browser) return;
    mkdirSync(out, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.setContent(html, { waitUntil: 'load' });
    const box = await page.locator('#stamp').boundingBox();
    // On the first screen: the whole stamp within the first 768 pixels, before the title.
    expect(box, name).not.toBeNull();
    expect((box?.y ?? 1e9) + (box?.height ?? 0)).toBeLessThanOrEqual(768);
    await page.screenshot({ path: join(out, `report-stamp-${name}.png`) });
    await page.close();
  };

  beforeAll(async () => {
    expect(existsSync(cli), 'run `pnpm build` first').toBe(true);
    must(['intake', ...FILES_2022.map((f) => join(data, '2022', f)), join(data, '2021')]);
    browser = await browserOrSkip();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('status: Beijing time, zone marked, in text; ISO 8601 with +08:00 in JSON', () => {
    const json = JSON.parse(must(['status', '--period', '2022', '--format', 'json']).stdout) as {
      cities: Array<{ latest?: { receivedAt: string } }>;
    };
    const times = json.cities.map((c) => c.latest?.receivedAt ?? '');
    for (const t of times) expect(t).toMatch(OFFSET_ISO);
    const text = must(['status', '--period', '2022']).stdout;
    expect(text).toContain('（时间为北京时间 UTC+8）');
    for (const t of times) expect(text).toContain(beijing(t));
    expect(text).not.toMatch(/\d\d:\d\d:\d\d(\.\d+)?Z/);
    const en = must(['status', '--period', '2022', '--lang', 'en']).stdout;
    expect(en).toContain('(times in Beijing time, UTC+8)');
  });

  it('a decision names its time in Beijing time with the zone; its JSON carries +08:00', () => {
    const r = must(['accept', ...each(CITIES), '--period', '2022']);
    const line = r.stdout.split('\n')[0] ?? '';
    expect(line).toMatch(
      /已受理：南京市 2022 第 1 版（事件 #\d+，王科长，\d{4}-\d\d-\d\d \d\d:\d\d（北京时间 UTC\+8））/,
    );
    const json = must(['accept', '--city', '南京', '--period', '2021', '--format', 'json']).stdout;
    expect((JSON.parse(json) as { event: { at: string } }).event.at).toMatch(OFFSET_ISO);
  });

  it('draft: stamped 草稿（未审核） with time and head hash; --final refused (exit 1, zh+en)', async () => {
    const before = Date.now();
    const r = must(['aggregate', '--period', '2022', '--out', join(dir, 'draft')]);
    expect(r.stderr).toMatch(/收到于 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间 UTC\+8）/);
    const head = headFromArchive(ledger, join(dir, 'a1.jsonl'));
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    const html = readFileSync(join(dir, 'draft/report.html'), 'utf8');
    const stamp = /<div id="stamp"[^>]*>([\s\S]*?)<\/div><header>/.exec(html)?.[1] ?? '';
    expect(stamp).toContain('<b class="stamp-state">草稿（未审核）</b>');
    expect(stamp).toContain(`台账链头 ${head}`);
    const generated = /生成于 (\d{4}-\d\d-\d\d \d\d:\d\d)（北京时间 UTC\+8）/.exec(stamp)?.[1];
    expect([beijing(new Date(before).toISOString()), beijing(new Date().toISOString())]).toContain(generated);
    const top = await firstRow(join(dir, 'draft/report.xlsx'));
    expect(top).toMatch(
      new RegExp(`^草稿（未审核） · 生成于 ${generated}（北京时间 UTC\\+8） · 台账链头 ${head}\\n`),
    );
    const json = JSON.parse(readFileSync(join(dir, 'draft/aggregate.json'), 'utf8')) as {
      sources: Array<{ submittedAt: string | null }>;
    };
    for (const s of json.sources) expect(s.submittedAt).toMatch(OFFSET_ISO);
    await shot(html, `draft-${zone.replace('/', '-')}`);

    const refused = sunan(['aggregate', '--period', '2022', '--final', '--out', join(dir, 'final0'), ...R]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('不能出定稿：2022 全区尚未审核');
    expect(refused.stderr).toContain('No final report: for 2022 the zone is not approved');
    expect(existsSync(join(dir, 'final0'))).toBe(false);
  });

  it('approved but not locked: stamped 已审核; --final still refused', async () => {
    must(['approve', ...each([...CITIES, '全区']), '--period', '2022']);
    const r = sunan(['aggregate', '--period', '2022', '--final', ...R]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('全区已审核但未锁定');
    expect(r.stderr).toContain('the zone is approved but not locked');
    must(['aggregate', '--period', '2022', '--out', join(dir, 'approved')]);
    expect(await firstRow(join(dir, 'approved/report.xlsx'))).toMatch(/^已审核 · 生成于/);
  });

  it('approved and locked: --final writes reports stamped 已审核·已锁定', async () => {
    must(['lock', '--period', '2022', '--reason', '已发布']);
    const r = sunan(['aggregate', '--period', '2022', '--final', '--out', join(dir, 'final'), ...R]);
    expect(r.code, r.stderr).not.toBe(2);
    expect(r.stderr).toContain('已审核·已锁定');
    const head = headFromArchive(ledger, join(dir, 'a2.jsonl'));
    const html = readFileSync(join(dir, 'final/report.html'), 'utf8');
    expect(html).toContain('<b class="stamp-state">已审核·已锁定</b>');
    expect(html).toContain(`台账链头 ${head}`);
    expect(await firstRow(join(dir, 'final/report.xlsx'))).toMatch(
      new RegExp(`^已审核·已锁定 · 生成于 .*（北京时间 UTC\\+8） · 台账链头 ${head}\\nApproved and locked`),
    );
    await shot(html, `locked-${zone.replace('/', '-')}`);
  });

  it('index --ledger --periods: an incomplete year named once per city; then the years and their approval', () => {
    const bad = sunan(['index', '--periods', '2021,2022', ...R]);
    expect(bad.code).toBe(1);
    const lines = bad.stderr.trim().split('\n');
    expect(lines).toContain('2022 已审核·已锁定');
    expect(lines).toContain('2021 草稿（未审核）');
    const missing = lines.filter((l) => l.startsWith('✗'));
    expect(missing).toEqual([
      '✗ 2021 无锡市：有报表但未受理，无已受理的报表',
      '✗ 2021 常州市：有报表但未受理，无已受理的报表',
      '✗ 2021 苏州市：有报表但未受理，无已受理的报表',
      '✗ 2021 镇江市：有报表但未受理，无已受理的报表',
    ]);
    expect(bad.stderr).not.toContain('缺值');
    const one = sunan(['index', '--periods', '2022', '--format', 'json', ...R]);
    expect(one.code, one.stderr).toBe(0);
    expect(
      (JSON.parse(one.stdout) as { periods: Array<{ period: string }> }).periods.map((p) => p.period),
    ).toEqual(['2022']);
    must(['accept', ...each(['无锡', '常州', '苏州', '镇江']), '--period', '2021']);
    const both = sunan(['index', '--periods', '2022,2021', ...R]);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stderr.trim().split('\n')).toEqual(['2021 草稿（未审核）', '2022 已审核·已锁定']);
    expect(both.stdout).toMatch(/2021[\s\S]*2022/);
    const wrong = sunan(['index', '--periods', '2021,22', ...R]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--periods');
  });
});

describe('aggregate --out inside an input folder; its own outputs never read back', {
  timeout: 300_000,
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunan-out-'));
  const input = join(dir, '2022');
  beforeAll(() => {
    mkdirSync(input);
    for (const f of FILES_2022) cpSync(join(data, '2022', f), join(input, f));
  });

  it('refuses --out in the folder or below it (exit 2), writing nothing', () => {
    for (const o of [input, join(input, 'out')]) {
      const r = sunan(['aggregate', input, '--period', '2022', '--out', o, '--force']);
      expect(r.code, o).toBe(2);
      expect(r.stderr).toContain('在输入目录');
      expect(r.stderr).toContain('inside the input folder');
    }
    expect(existsSync(join(input, 'report.xlsx'))).toBe(false);
  });

  it('a directory roll-up is stamped 未经台账; reports left in the folder are not read as submissions', async () => {
    const elsewhere = join(dir, 'out');
    const r = sunan(['aggregate', input, '--period', '2022', '--out', elsewhere]);
    expect(r.code, r.stderr).not.toBe(2);
    expect(readFileSync(join(elsewhere, 'report.html'), 'utf8')).toContain(
      '<b class="stamp-state">未经台账</b>',
    );
    expect(await firstRow(join(elsewhere, 'report.xlsx'))).toMatch(
      /^未经台账 · 生成于 .*（北京时间 UTC\+8）/,
    );
    // As an earlier run with `--out DIR` would have left them.
    for (const f of ['aggregate.json', 'report.xlsx']) cpSync(join(elsewhere, f), join(input, f));
    for (const args of [[input], FILES_2022.map((f) => join(input, f)).concat(join(input, 'report.xlsx'))]) {
      const again = sunan(['aggregate', ...args, '--period', '2022', '--format', 'json']);
      expect(again.code, again.stderr).not.toBe(2);
      expect(again.stderr).toContain('skipped report.xlsx: written by sunan, not a submission');
      const result = JSON.parse(again.stdout) as { sources: Array<{ file: string }>; complete: boolean };
      expect(result.sources.map((s) => s.file).sort()).toEqual([...FILES_2022].sort());
      expect(result.complete).toBe(true);
    }
  });
});
