#!/usr/bin/env node
/**
 * Builds the office's page as ONE self-contained HTML file: the worker (validation, ExcelJS) is
 * bundled first and inlined as text that the page turns into a Blob URL; the page script and its
 * CSS are inlined too; a Content-Security-Policy forbids every network connection. No CDN, no
 * server: the file works opened from disk (file://).
 *
 * Usage: node scripts/build-page.mjs [out.html]   (default dist/sunan-web.html)
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const packages = resolve(pkg, '..');

/** The project's packages from their TypeScript sources, so the page never depends on a stale dist. */
const alias = {
  '@sunan/schema/core': resolve(packages, 'schema/src/core.ts'),
  '@sunan/schema': resolve(packages, 'schema/src/index.ts'),
  '@sunan/validate': resolve(packages, 'validate/src/index.ts'),
  '@sunan/report': resolve(packages, 'report/src/index.ts'),
  '@sunan/quality': resolve(packages, 'quality/src/index.ts'),
};

const requireFromReport = createRequire(resolve(packages, 'report/package.json'));
const exceljsDir = dirname(requireFromReport.resolve('exceljs/package.json'));
const requireFromExceljs = createRequire(resolve(exceljsDir, 'package.json'));
const requireFromWeb = createRequire(resolve(pkg, 'package.json'));
const shim = (name) => resolve(here, 'shims', name);

/**
 * ExcelJS from its sources rather than its 950 KB browser build, which carries a whole Node crypto
 * polyfill (elliptic curves, big numbers) for one optional password hash, plus CSV streams the page
 * never uses. Node built-ins map to small browser packages or to stand-ins in scripts/shims.
 */
function exceljsPlugin() {
  const to = {
    exceljs: resolve(exceljsDir, 'lib/exceljs.bare.js'),
    crypto: shim('crypto.js'),
    fs: shim('fs.js'),
    stream: requireFromExceljs.resolve('readable-stream/readable-browser.js'),
    events: requireFromWeb.resolve('events/'),
    buffer: requireFromWeb.resolve('buffer/'),
  };
  return {
    name: 'exceljs-from-source',
    setup(b) {
      b.onResolve({ filter: /^(exceljs|crypto|fs|stream|events|buffer)$/ }, (args) => ({
        path: to[args.path],
      }));
      b.onResolve({ filter: /\/csv\/csv(\.js)?$/ }, (args) =>
        args.importer.startsWith(exceljsDir) ? { path: shim('csv.js') } : undefined,
      );
    },
  };
}

/**
 * Plugins: zod's 40 message locales cut to English (@sunan/report still reaches zod through the main
 * schema entry). ajv needs nothing here: @sunan/validate ships its submission check precompiled.
 */
function pagePlugins() {
  return [
    exceljsPlugin(),
    {
      name: 'sunan-page',
      setup(b) {
        b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
          args.importer.includes(`${'/'}zod${'/'}`)
            ? { path: resolve(dirname(args.importer), '../locales/index.js'), namespace: 'sunan-zod-locales' }
            : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'sunan-zod-locales' }, (args) => ({
          contents: `export { default as en } from ${JSON.stringify(resolve(dirname(args.path), 'en.js'))};\n`,
          loader: 'js',
          resolveDir: dirname(args.path),
        }));
      },
    },
  ];
}

async function bundle(entry, plugins = []) {
  const out = await build({
    entryPoints: [resolve(pkg, entry)],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome90', 'firefox90', 'edge90'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'error',
    alias,
    plugins,
    inject: plugins.length ? [shim('globals.js')] : [],
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  });
  return out.outputFiles[0].text;
}

/** Inline text must never close its <script> element early. */
const scriptSafe = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Builds the page and returns its HTML. */
export async function buildPageHtml() {
  const [worker, main, css, shell] = await Promise.all([
    bundle('src/page/worker.ts', pagePlugins()),
    bundle('src/page/main.ts'),
    readFile(resolve(pkg, 'src/page/style.css'), 'utf8'),
    readFile(resolve(pkg, 'src/page/shell.html.in'), 'utf8'),
  ]);
  const mainJs = scriptSafe(main);
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(mainJs)}`,
    `style-src ${sha256(css)}`,
    'worker-src blob:',
    'img-src data:',
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "manifest-src 'none'",
    "media-src 'none'",
    "font-src 'none'",
  ].join('; ');
  return shell
    .replace('%CSP%', () => csp)
    .replace('%CSS%', () => css)
    .replace('%WORKER%', () => scriptSafe(worker))
    .replace('%MAIN%', () => mainJs);
}

/** Builds the page into `outFile` and returns its size in bytes. */
export async function buildPage(outFile = resolve(pkg, 'dist/sunan-web.html')) {
  const html = await buildPageHtml();
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, html);
  return { outFile, bytes: Buffer.byteLength(html) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outFile, bytes } = await buildPage(process.argv[2] ? resolve(process.argv[2]) : undefined);
  process.stdout.write(`${outFile}: ${(bytes / 1024).toFixed(0)} KB\n`);
}
