import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A size budget, not a timing: what a page pays to validate in the browser. Measured as `pnpm bench`
// measures it (esbuild, platform browser, ESM, minified, gzip level 9), from the sources, with every
// dependency inside the bundle.
const BUDGET_GZIP_KB = 250;
const src = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/** The workspace packages from their sources, as the tests see them. */
const workspaceSources: Plugin = {
  name: 'workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@sunan\/schema(\/core)?$/ }, (args) => ({
      path: src(args.path.endsWith('/core') ? 'schema/src/core.ts' : 'schema/src/index.ts'),
    }));
  },
};

describe('the browser bundle of @sunan/validate', () => {
  it(`is at most ${BUDGET_GZIP_KB} KB gzip, without zod or the ajv compiler`, async () => {
    const out = await build({
      entryPoints: [src('validate/src/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'error',
      plugins: [workspaceSources],
    });
    const bytes = out.outputFiles[0]?.contents ?? new Uint8Array();
    const rawKB = bytes.length / 1024;
    const gzipKB = gzipSync(bytes, { level: 9 }).length / 1024;
    console.log(`@sunan/validate browser bundle: ${rawKB.toFixed(0)} KB raw, ${gzipKB.toFixed(1)} KB gzip`);
    const inputs = Object.keys(out.metafile.inputs);
    // The bundle does hold the reader and the data it needs, so the empty lists below mean something.
    expect(inputs.some((p) => p.includes('xlsx'))).toBe(true);
    expect(inputs.some((p) => p.endsWith('sunan-catalogue.checked.json'))).toBe(true);
    expect(inputs.filter((p) => /node_modules.*[/\\](zod|ajv)[/\\]/.test(p))).toEqual([]);
    expect(gzipKB).toBeLessThanOrEqual(BUDGET_GZIP_KB);
  });
});
