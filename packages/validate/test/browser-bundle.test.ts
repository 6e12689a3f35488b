import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import type * as Validate from '@sunan/validate';
import { build } from 'esbuild';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';

// The core is meant for browsers too: bundle it as a browser would get it (esbuild, platform
// "browser") and run it where only web-platform globals exist — no require, process or Buffer.
const root = new URL('../../../', import.meta.url);
let core: typeof Validate;

beforeAll(async () => {
  const out = await build({
    entryPoints: [new URL('packages/validate/src/index.ts', root).pathname],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'SunanValidate',
    write: false,
    logLevel: 'error',
    alias: {
      '@sunan/schema/core': new URL('packages/schema/src/core.ts', root).pathname,
      '@sunan/schema': new URL('packages/schema/src/index.ts', root).pathname,
    },
  });
  const web: Record<string, unknown> = {
    TextDecoder,
    TextEncoder,
    console,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    crypto: globalThis.crypto,
  };
  web.self = web;
  web.window = web;
  web.globalThis = web;
  vm.createContext(web);
  vm.runInContext(out.outputFiles[0]?.text ?? '', web);
  core = web.SunanValidate as typeof Validate;
}, 120_000);

describe('the validation core in a browser-like context', () => {
  it('has no Node globals to lean on', () => {
    expect(vm.runInNewContext('typeof process + typeof require + typeof Buffer')).toBe(
      'undefinedundefinedundefined',
    );
  });

  it('validates a workbook from bytes, with the same findings as in Node', () => {
    const bytes = new Uint8Array(
      readFileSync(new URL('examples/data/2022/321100-镇江市-2022-第1版.xlsx', root)),
    );
    const report = core.validateSubmission(bytes, { fileName: 'zj.xlsx' });
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['ENT_CODE_CHECK', 'RULE_VIOLATED', 'VAL_UNIT_CONVERTED']),
    );
    expect(report.stats.enterprises).toBe(1449);
  });

  it('reads a GBK CSV with the platform’s TextDecoder', () => {
    const csv = new Uint8Array(iconv.encode('填报单位代码,指标代码,数值\n321100,GDP,１２３\n', 'gbk'));
    const report = core.validateSubmission(csv, { expectPeriod: '2022' });
    expect(report.findings.map((f) => f.code)).toContain('CSV_ENCODING_GBK');
    expect(report.submission?.values).toContainEqual({ orgUnit: '321100', indicator: 'GDP', value: '123' });
  });
});
