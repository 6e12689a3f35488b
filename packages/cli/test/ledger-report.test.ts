// @time-zones: intake times shown in Beijing time whatever the machine's zone
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserOrSkip } from '@sunan/testkit';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, root, sunan } from './ledger-process.js';

// Issue 13: `sunan aggregate --ledger … --out` puts the period × city intake matrix into
// report.html. Driven as processes on the built CLI (the test script builds first), on a real
// embedded (PGlite) ledger in which every state occurs once.
const data = join(root, 'examples/data');
const out = join(root, 'test-output');

interface StatusJson {
  cities: Array<{
    city: string;
    state: string;
    locked?: { at: string; by: string };
    latest?: { revision: number; receivedAt: string; errors: number; warnings: number };
    accepted?: { at: string };
    rejected?: { at: string; reason: string };
    approved?: { at: string };
  }>;
}

/** Beijing time to the minute, computed here independently of the report's own helper. */
const beijing = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};

/** The text of an HTML fragment as read: tags dropped. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('report.html from the ledger shows the intake matrix', { timeout: 400_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunan-ledger-report-'));
  const ledger = join(dir, 'ledger');
  const L = ['--ledger', ledger, '--by', '王科长'];
  let html = '';
  let status: StatusJson;
  let browser: Browser | undefined;

  beforeAll(async () => {
    expect(existsSync(cli), 'run `pnpm build` first').toBe(true);
    // 南京 never sends; 镇江 sends a first version with errors, then the final one (revision 2).
    const files = ['320200-无锡市-2022.xlsx', '320400-常州市-2022.xlsx', '320500-苏州市-2022.xlsx'];
    const intake = sunan([
      'intake',
      join(data, '2022/321100-镇江市-2022-第1版.xlsx'),
      ...files.map((f) => join(data, '2022', f)),
      join(data, '2022/321100-镇江市-2022.xlsx'),
      ...L,
    ]);
    expect(intake.code, intake.stderr).toBe(0);
    // 无锡 accepted, approved and locked; 常州 rejected; 苏州 accepted; 镇江 left waiting.
    for (const [cmd, city, reason] of [
      ['accept', '无锡', ''],
      ['approve', '无锡', ''],
      ['lock', '无锡', '已发布'],
      ['reject', '常州', '数值待核实'],
      ['accept', '苏州', ''],
    ] as const) {
      const r = sunan([
        cmd,
        '--city',
        city,
        '--period',
        '2022',
        ...L,
        ...(reason ? ['--reason', reason] : []),
      ]);
      expect(r.code, `${cmd} ${city}: ${r.stderr}`).toBe(0);
    }
    status = JSON.parse(sunan(['status', '--period', '2022', ...L, '--format', 'json']).stdout);
    const agg = sunan(['aggregate', '--ledger', ledger, '--period', '2022', '--out', join(dir, 'out')]);
    expect(agg.code, agg.stderr).not.toBe(2);
    html = readFileSync(join(dir, 'out/report.html'), 'utf8');
    browser = await browserOrSkip();
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
  });

  const rowOf = (code: string) => {
    const section = /<section id="intake">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    const row = [...section.matchAll(/<tr class="intake-[^"]*">([\s\S]*?)<\/tr>/g)].find((m) =>
      m[1]?.includes(`<span class="code">${code}</span>`),
    );
    return textOf(row?.[1] ?? '');
  };

  it('every state once, Chinese first with English, as the ledger says', () => {
    expect(html).toContain('<section id="intake">');
    const states = Object.fromEntries(status.cities.map((c) => [c.city, c.state]));
    expect(states).toEqual({
      '320100': 'not-received',
      '320200': 'approved',
      '320400': 'rejected',
      '320500': 'accepted',
      '321100': 'received',
    });
    expect(rowOf('320100')).toMatch(/南京市.*未报送 not received/);
    expect(rowOf('320200')).toMatch(/无锡市.*已审核 approved 已锁定 locked/);
    expect(rowOf('320200')).toMatch(/锁定 · \d{4}-\d\d-\d\d \d\d:\d\d UTC\+8 · 王科长 · 已发布/);
    expect(rowOf('320400')).toMatch(/常州市.*已退回 rejected/);
    expect(rowOf('320400')).toContain('数值待核实');
    expect(rowOf('320500')).toMatch(/苏州市.*已受理 accepted/);
    expect(rowOf('321100')).toMatch(/镇江市.*已收到，待受理 received, awaiting a decision/);
    expect(rowOf('321100')).toMatch(/第 2 版 rev 2/);
  });

  it('each city’s revision, errors and warnings, and the times of receipt and decisions (Beijing time)', () => {
    for (const c of status.cities) {
      const row = rowOf(c.city);
      if (!c.latest) {
        expect(row, c.city).toMatch(/— —/);
        continue;
      }
      expect(row, c.city).toContain(`第 ${c.latest.revision} 版`);
      expect(row, c.city).toContain(`错误 ${c.latest.errors}，警告 ${c.latest.warnings}`);
      expect(row, c.city).toContain(beijing(c.latest.receivedAt));
      for (const d of [c.accepted, c.rejected, c.approved, c.locked])
        if (d) expect(row, c.city).toContain(beijing(d.at));
    }
    expect(rowOf('SUNAN')).toMatch(/全区 SUNAN zone 未审核 not approved — cities still to approve/);
    expect(textOf(html)).toMatch(/未报送 1；已收到，待受理 1；已受理 1；已退回 1；已审核 1。/);
  });

  it('report.xlsx has the same matrix on 收件状态', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'out/report.xlsx')).buffer as ArrayBuffer);
    const ws = wb.getWorksheet('收件状态');
    expect(ws).toBeDefined();
    const rows: Record<string, unknown[]> = {};
    ws?.eachRow((row, n) => {
      if (n > 1) rows[String(row.getCell(11).value)] = (row.values as unknown[]).slice(1);
    });
    expect(Object.keys(rows)).toEqual(['320100', '320200', '320400', '320500', '321100', 'SUNAN']);
    expect(rows['320100']?.slice(0, 3)).toEqual(['南京市', '未报送', 'not received']);
    expect(rows['320200']?.slice(0, 5)).toEqual(['无锡市', '已审核', 'approved', '已锁定', 1]);
    expect(String(rows['320200']?.[9])).toMatch(/锁定 \d{4}-\d\d-\d\d \d\d:\d\d UTC\+8 王科长：已发布/);
    expect(rows['320400']?.[1]).toBe('已退回');
    expect(rows['321100']?.slice(1, 7)).toEqual([
      '已收到，待受理',
      'received, awaiting a decision',
      undefined,
      2,
      0,
      0,
    ]);
    expect(rows.SUNAN?.slice(0, 2)).toEqual(['全区', '未审核']);
  });

  it('a roll-up of files has no intake section', async () => {
    const r = sunan(['aggregate', join(data, '2022'), '--period', '2022', '--out', join(dir, 'files')]);
    expect(r.code).not.toBe(2);
    expect(readFileSync(join(dir, 'files/report.html'), 'utf8')).not.toContain('id="intake"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'files/report.xlsx')).buffer as ArrayBuffer);
    expect(wb.getWorksheet('收件状态')).toBeUndefined();
  });

  it('in Chromium: the section fits a phone and a desktop; screenshots in test-output/', async (ctx) => {
    if (!browser) return ctx.skip();
    mkdirSync(out, { recursive: true });
    for (const width of [1366, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.setContent(html, { waitUntil: 'load' });
      const section = page.locator('#intake');
      expect(await section.isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await section.locator('tbody tr').count()).toBe(6);
      await section.screenshot({ path: join(out, `report-intake-${width}.png`) });
      await page.close();
    }
  });
});
