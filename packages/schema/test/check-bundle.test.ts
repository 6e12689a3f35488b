import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The rule-set check brings a linear-programming solver; it runs when a catalogue is loaded, never in
// a page. A page that takes the built-in catalogue, from the core or from the main entry (the web
// worker does), must not carry it.
const src = (p: string) => fileURLToPath(new URL(`../src/${p}`, import.meta.url));

async function browserInputs(contents: string): Promise<string[]> {
  const out = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('../src/', import.meta.url)), loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const output = Object.values(out.metafile.outputs)[0];
  return Object.entries(output?.inputs ?? {})
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([k]) => k);
}

describe('the rule-set check stays out of browser bundles', () => {
  for (const [entry, file] of [
    ['@sunan/schema/core', 'core.ts'],
    ['@sunan/schema', 'index.ts'],
  ] as const) {
    it(`${entry}: the built-in catalogue without yalps or src/check`, async () => {
      const inputs = await browserInputs(`export { sunanCatalogue } from ${JSON.stringify(src(file))};`);
      expect(inputs.some((p) => p.endsWith('sunan-catalogue.checked.json'))).toBe(true);
      expect(inputs.filter((p) => /yalps|[/\\]check[/\\]/.test(p))).toEqual([]);
    });
  }

  it('the check itself does bring the solver (so the test above means something)', async () => {
    const inputs = await browserInputs(`export { checkRuleSet } from ${JSON.stringify(src('check.ts'))};`);
    expect(inputs.some((p) => p.includes('yalps'))).toBe(true);
  });
});
