import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// A developer who wants to validate bytes installs the core — schema, validate, aggregate — from
// the packed tarballs into an empty project. It must stay light (no workbook writer), typecheck
// under every module resolution a TypeScript project uses, and run from ESM and CommonJS.
// Runs once (it is not marked for a second zone): it packs and installs real packages.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const example = join(root, 'examples/data/2022/321100-镇江市-2022.xlsx');
const CORE = ['schema', 'validate', 'aggregate'];
const MAX_PACKAGES = 30;
const MAX_MB = 30;

let consumer = '';

function du(dir: string): number {
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) continue;
    bytes += s.isDirectory() ? du(p) : s.size;
  }
  return bytes;
}

const USE = `import { type Finding, sunanCatalogue } from '@sunan/schema';
import { type ValidationReport, validateSubmission } from '@sunan/validate';
import { validateFile } from '@sunan/validate/node';
import { type AggregateResult, aggregate, fingerprint } from '@sunan/aggregate';

export async function check(path: string): Promise<AggregateResult> {
  const report: ValidationReport = await validateFile(path);
  const findings: readonly Finding[] = report.findings;
  const again = validateSubmission(new Uint8Array(0), { fileName: 'empty.xlsx' });
  const catalogue = sunanCatalogue();
  return aggregate({
    submissions: [{ report, file: String(report.file), sha256: await fingerprint(new Uint8Array(1)) }],
    period: '2022',
    catalogue,
    includeInvalid: findings.length < 0 || again.ok,
  });
}
`;

// No component is optional here, so nothing skips in CI.
describe('installing the core from packed tarballs', () => {
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-install-'));
    const tarballs = CORE.map((p) => {
      const out = execFileSync('pnpm', ['pack', '--pack-destination', dir], {
        cwd: join(root, 'packages', p),
        encoding: 'utf8',
      });
      return join(dir, out.trim().split('\n').pop()?.split('/').pop() ?? '');
    });
    consumer = join(dir, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), '{"name":"consumer","private":true,"type":"module"}');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], {
      cwd: consumer,
      stdio: 'pipe',
    });
  }, 180_000);

  it(`brings at most ${MAX_PACKAGES} packages and ${MAX_MB} MB, and no ExcelJS`, () => {
    const listed = execFileSync('npm', ['ls', '--all', '--parseable'], { cwd: consumer, encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(1);
    const mb = du(join(consumer, 'node_modules')) / 2 ** 20;
    console.log(`core install: ${listed.length} packages, ${mb.toFixed(1)} MB in node_modules`);
    expect(listed.length).toBeLessThanOrEqual(MAX_PACKAGES);
    expect(mb).toBeLessThanOrEqual(MAX_MB);
    expect(listed.filter((p) => /exceljs/i.test(p))).toEqual([]);
  });

  for (const resolution of ['node16', 'nodenext', 'bundler'] as const) {
    it(`typechecks in a "type": "module" project under moduleResolution ${resolution}, skipLibCheck off`, () => {
      writeFileSync(join(consumer, 'use.ts'), USE);
      const module = resolution === 'bundler' ? 'esnext' : resolution;
      const config = {
        compilerOptions: {
          noEmit: true,
          strict: true,
          skipLibCheck: false,
          target: 'es2022',
          module,
          moduleResolution: resolution,
          types: [],
        },
        files: ['use.ts'],
      };
      writeFileSync(join(consumer, `tsconfig.${resolution}.json`), JSON.stringify(config));
      const r = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], {
        cwd: consumer,
        encoding: 'utf8',
      });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }

  it('runs from ESM and from CommonJS', () => {
    const esm = `import { validateFile } from '@sunan/validate/node';
import { aggregate } from '@sunan/aggregate';
const r = await validateFile(${JSON.stringify(example)});
console.log(JSON.stringify({ ok: r.ok, city: r.city, values: r.stats.values, agg: typeof aggregate }));`;
    const cjs = `const { validateFile } = require('@sunan/validate/node');
const { sunanCatalogue } = require('@sunan/schema');
validateFile(${JSON.stringify(example)}).then((r) =>
  console.log(JSON.stringify({ ok: r.ok, city: r.city, values: r.stats.values, n: sunanCatalogue().indicators.length })));`;
    writeFileSync(join(consumer, 'run.mjs'), esm);
    writeFileSync(join(consumer, 'run.cjs'), cjs);
    const a = JSON.parse(execFileSync(process.execPath, ['run.mjs'], { cwd: consumer, encoding: 'utf8' }));
    const b = JSON.parse(execFileSync(process.execPath, ['run.cjs'], { cwd: consumer, encoding: 'utf8' }));
    expect(a).toMatchObject({ ok: true, city: '321100', agg: 'function' });
    expect(b).toMatchObject({ ok: true, city: '321100' });
    expect(b.values).toBe(a.values);
    expect(b.n).toBeGreaterThan(60);
  });
});
