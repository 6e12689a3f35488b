import { browserOrSkip } from '@sunan/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPage, chooseUnit, example, OUT, openPage, validateIn } from './helpers.js';

/**
 * Screenshots of the page as a clerk sees it, at a desktop and a phone width: the start, a failing
 * verdict with the 数值 column in view, the enterprise-list tab, and step 3 for a passing file.
 * Written into test-output/web/ to be looked at; each also checks what it shows.
 */

let browser: Browser | undefined;
let page: { url: string };

beforeAll(async () => {
  page = await builtPage();
  browser = await browserOrSkip();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const shot = (p: Page, name: string, width: number) =>
  p.screenshot({ path: `${OUT}screen-${width}-${name}.png`, fullPage: false });

describe.for([1366, 390])('screens at %i px', (width) => {
  it('start, failing verdict with the value column, list tab, step 3', async (ctx) => {
    if (!browser) return ctx.skip();
    const { context, page: p } = await openPage(browser, page.url, { width });
    await chooseUnit(p, { city: '321100', period: '2022' });
    await shot(p, '1-start', width);
    await validateIn(p, example('2022/321100-镇江市-2022-第1版.xlsx'));
    expect(await p.textContent('#verdict')).toContain('镇江市 · 2022 年 · ');
    await p.locator('#grid').scrollIntoViewIfNeeded();
    const inView = await p.evaluate(() => {
      const box = document.getElementById('grid')?.getBoundingClientRect();
      const f = document.getElementById('cell-F2')?.getBoundingClientRect();
      const d = document.getElementById('cell-D2')?.getBoundingClientRect();
      return !!box && !!f && !!d && d.left >= box.left && f.right <= box.right + 1;
    });
    expect(inView).toBe(true);
    await p.locator('#verdict').scrollIntoViewIfNeeded();
    await shot(p, '2-failing', width);
    await p.locator('#grid').scrollIntoViewIfNeeded();
    await shot(p, '2b-grid', width);
    await p.click('#tab-list');
    expect(await p.getAttribute('#tab-list', 'aria-selected')).toBe('true');
    expect(await p.locator('#grid td[id^="list-"]').count()).toBeGreaterThan(10);
    await p.locator('#grid-tabs').scrollIntoViewIfNeeded();
    await shot(p, '3-list', width);
    await validateIn(p, example('2022/321100-镇江市-2022.xlsx'));
    expect(await p.isVisible('#dl-submission')).toBe(true);
    await p.locator('#submit').scrollIntoViewIfNeeded();
    await shot(p, '4-step3', width);
    await context.close();
  });
});
