import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian's Chromium lives; `.ci/run` installs it. Never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on a closed network: without the background-networking flags
 * Chromium keeps trying (and failing) to reach its own services.
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether browser tests must fail rather than skip when no browser starts (CI=true). */
export const BROWSER_REQUIRED = process.env.CI === 'true';

/**
 * Starts headless Chromium, or explains why not. In CI a missing browser is a failure (the caller
 * throws); on a developer's machine the caller may skip, loudly.
 */
export async function launchChromium(): Promise<{ browser: Browser } | { why: string }> {
  if (!existsSync(CHROMIUM_PATH))
    return { why: `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)` };
  try {
    return { browser: await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS }) };
  } catch (e) {
    return { why: `Chromium did not start: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * For a test file's `beforeAll`: the browser, or `undefined` after a loud warning when the browser
 * cannot start outside CI. In CI it throws, so the tests fail instead of skipping.
 */
export async function browserOrSkip(): Promise<Browser | undefined> {
  const r = await launchChromium();
  if ('browser' in r) return r.browser;
  if (BROWSER_REQUIRED) throw new Error(`browser tests need Chromium in CI: ${r.why}`);
  process.stderr.write(`\n!!! SKIPPING browser tests: ${r.why}\n\n`);
  return undefined;
}
