// The office page's figures (called by `pnpm bench`; run after `pnpm build`): the size of the one-file
// page, raw and gzip, and the time headless Chromium takes to validate Suzhou's 2022 example
// (13,400 enterprise rows) from choosing the file to the verdict and findings on screen (the worker's
// read and checks, the message, drawing the list), and to the grid of the 指标 sheet that follows. Five runs, median reported. Then a
// SYNTHETIC 100,000-row enterprise list: the verdict, and the annotated copy from pressing its
// button to the download. 本单位 and 报告期 are chosen first, as a clerk does. Nothing is asserted:
// speed goals live here, not in tests.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const RUNS = 5;
const pagePath = fileURLToPath(new URL('../packages/web/dist/sunan-web.html', import.meta.url));
const suzhou = fileURLToPath(new URL('data/2022/320500-苏州市-2022.xlsx', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(pagePath)) {
  process.stderr.write(`no page at ${pagePath}: run pnpm build first\n`);
  process.exit(2);
}
const html = readFileSync(pagePath);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
process.stdout.write(
  `sunan-web.html: ${kb(html.length)} raw, ${kb(gzipSync(html, { level: 9 }).length)} gzip\n`,
);

if (!existsSync(chromiumPath)) {
  process.stdout.write(`web validate: skipped (no Chromium at ${chromiumPath})\n`);
  process.exit(0);
}
/** A 100,000-row list for Suzhou, written once into the temporary directory. */
async function bigWorkbook(rows) {
  const dir = join(tmpdir(), 'sunan-bench-web');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${rows}-320500-2022.xlsx`);
  if (existsSync(path)) return path;
  const { createTemplate } = await import('@sunan/report');
  const { syntheticSubmission } = await import('@sunan/testkit');
  const { parsePeriod, resolveOrgUnit, sunanCatalogue } = await import('@sunan/schema');
  const catalogue = sunanCatalogue();
  const city = resolveOrgUnit(catalogue.orgUnits, '320500');
  const sub = syntheticSubmission({ catalogue, city, period: parsePeriod('2022'), enterprises: rows });
  const t = await createTemplate({ city: '320500', period: '2022', fill: sub });
  if (!t.ok) throw new Error('template');
  writeFileSync(path, t.bytes);
  return path;
}

/** Chooses 本单位 and 报告期 in step 1. */
async function chooseUnit(page, city, period) {
  await page.selectOption('#city', city);
  await page.fill('#period', period);
  await page.dispatchEvent('#period', 'change');
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const times = [];
  const grids = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pathToFileURL(pagePath).href);
    await page.waitForSelector('body[data-ready="true"]');
    await chooseUnit(page, '320500', '2022');
    const t0 = performance.now();
    await page.setInputFiles('#file', suzhou);
    await page.waitForSelector('body[data-validated="1"]', { timeout: 120_000 });
    times.push(performance.now() - t0);
    await page.waitForSelector('body[data-grid="1"]', { timeout: 120_000 });
    grids.push(performance.now() - t0);
    await context.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  process.stdout.write(
    `web validate 320500-苏州市-2022.xlsx in headless Chromium: verdict and findings shown, median ${s(median(times))} ` +
      `(runs ${times.map(s).join(', ')}; goal ≤ 1.5 s); 指标 grid drawn, median ${s(median(grids))}\n`,
  );
  const big = await bigWorkbook(100_000);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(pathToFileURL(pagePath).href);
  await page.waitForSelector('body[data-ready="true"]');
  await chooseUnit(page, '320500', '2022');
  const t0 = performance.now();
  await page.setInputFiles('#file', big);
  await page.waitForSelector('body[data-validated="1"]', { timeout: 300_000 });
  const verdict = performance.now() - t0;
  await page.waitForSelector('body[data-grid="1"]', { timeout: 300_000 });
  const grid = performance.now() - t0;
  const t1 = performance.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 300_000 }),
    page.click('#dl-annotated'),
  ]);
  await download.path();
  const annotated = performance.now() - t1;
  await context.close();
  process.stdout.write(
    `web validate of a 100,000-row list (SYNTHETIC, Suzhou): verdict ${s(verdict)}, grids ${s(grid)}; ` +
      `annotated copy ${s(annotated)} from the button to the download (goal ≤ 5 s)\n`,
  );
} finally {
  await browser.close();
}
