import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { run } from '../../cli/src/run.js';
import { buildPage } from '../scripts/build-page.mjs';

/** The repository root and the example data. */
export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const example = (rel: string) => `${root}examples/data/${rel}`;
export const OUT = `${root}test-output/web/`;

/** Builds the page from the sources into test-output/ (independent of `pnpm build`). */
export async function builtPage(): Promise<{ file: string; url: string; html: string }> {
  mkdirSync(OUT, { recursive: true });
  const { outFile } = await buildPage(`${OUT}sunan-web.html`);
  return { file: outFile, url: pathToFileURL(outFile).href, html: readFileSync(outFile, 'utf8') };
}

/** Runs the `sunan` command in-process and returns its exit code and output. */
export async function sunan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { NO_COLOR: '1' },
    cwd: root,
  });
  return { code, stdout, stderr };
}

/** A fresh context and page on the built page, ready (worker started), with every request logged. */
export async function openPage(
  browser: Browser,
  url: string,
  options: { width?: number; offline?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: options.width ?? 1366, height: 900 },
    offline: options.offline ?? false,
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { context, page, requests, errors };
}

/** 本单位 and 报告期 a file is named for (`320400-常州市-2022.xlsx`). */
export function unitOf(file: string): { city: string; period: string } {
  const base = file.split('/').pop() ?? '';
  return {
    city: /^(\d{6})/.exec(base)?.[1] ?? '',
    period: /-(\d{4}(?:Q[1-4])?)(?=[-.])/.exec(base)?.[1] ?? '',
  };
}

/** Chooses 本单位 and 报告期 in step 1, as a clerk does (each choice is remembered). */
export async function chooseUnit(page: Page, unit: { city: string; period: string }): Promise<void> {
  if ((await page.inputValue('#city')) !== unit.city) await page.selectOption('#city', unit.city);
  if ((await page.inputValue('#period')) !== unit.period) {
    await page.fill('#period', unit.period);
    await page.dispatchEvent('#period', 'change');
  }
}

/** Waits for the next verdict and the grids that follow it. */
export async function nextVerdict(page: Page, before: number, act: () => Promise<unknown>): Promise<void> {
  await act();
  await page.waitForSelector(`body[data-validated="${before + 1}"]`, { timeout: 60_000 });
  await page.waitForSelector(`body[data-grid="${before + 1}"]`, { timeout: 60_000 });
}

/** How many verdicts the page has shown. */
export async function verdicts(page: Page): Promise<number> {
  return Number((await page.getAttribute('body', 'data-validated')) ?? 0);
}

/**
 * Chooses 本单位 and 报告期 (from the file's name unless given), then the file, and waits for the
 * result and the grid.
 */
export async function validateIn(page: Page, file: string, unit = unitOf(file)): Promise<void> {
  await chooseUnit(page, unit);
  await nextVerdict(page, await verdicts(page), () => page.setInputFiles('#file', file));
}

/** Clicks a control and returns the download it starts, with its bytes. */
export async function downloadFrom(
  page: Page,
  selector: string,
): Promise<{ name: string; bytes: Uint8Array }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), bytes: await bytesOf(d) };
}

async function bytesOf(d: Download): Promise<Uint8Array> {
  const path = await d.path();
  return new Uint8Array(readFileSync(path));
}
