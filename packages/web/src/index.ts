/**
 * @sunan/web — the office's page as one self-contained HTML file (template, validation in a Web
 * Worker, annotated copy; nothing installed, nothing sent). The page itself is built by
 * `scripts/build-page.mjs` into `dist/sunan-web.html`; this entry point finds and reads it (Node).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The built page's file name. */
export const WEB_PAGE_FILE = 'sunan-web.html';

/**
 * Where the built page is: beside this module in `dist/`, or in `../dist/` when running from the
 * TypeScript sources (tests). Undefined when the page has not been built.
 */
export function webPagePath(): string | undefined {
  const here = import.meta.url;
  const candidates = [new URL(`./${WEB_PAGE_FILE}`, here), new URL(`../dist/${WEB_PAGE_FILE}`, here)];
  return candidates.map((u) => fileURLToPath(u)).find((p) => existsSync(p));
}

/** The built page's HTML, or undefined when it has not been built (`pnpm build`). */
export async function readWebPage(): Promise<string | undefined> {
  const path = webPagePath();
  return path === undefined ? undefined : readFile(path, 'utf8');
}
