import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sunanCatalogueDocument } from '@sunan/schema';
import { describe, expect, it } from 'vitest';

// Drives the built command as a process on catalogue files of its own (the test script builds first).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(root, 'packages/cli/dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'sunan-catalogue-check-'));

function sunan(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return path;
}

/** The built-in document with the RD_INTENSITY bound as it was shipped before the check. */
function withOldBound() {
  const doc = structuredClone(sunanCatalogueDocument()) as { bounds: Array<Record<string, unknown>> };
  const b = doc.bounds.find((x) => x.indicator === 'RD_INTENSITY');
  Object.assign(b ?? {}, { min: '0.1', max: '10' });
  return doc;
}

/** The built-in document with two rules no count of high-tech enterprises can satisfy at once. */
function infeasibleDoc() {
  const doc = structuredClone(sunanCatalogueDocument()) as { rules: unknown[] };
  const rule = (id: string, op: string, value: string) => ({
    id,
    left: { kind: 'ref', indicator: 'HTE_COUNT' },
    op,
    right: { kind: 'const', value },
    severity: 'error',
    levels: ['city'],
    message: { zh: id, en: id },
  });
  doc.rules.push(rule('AT_LEAST_100', '>=', '100'), rule('AT_MOST_50', '<=', '50'));
  return doc;
}

interface JsonReport {
  ok: boolean;
  clean: boolean;
  catalogue: { id: string };
  findings: Array<{ code: string; severity: string; level: string; message: { zh: string; en: string } }>;
  implied: Array<{ level: string; indicator: string; min?: string; max?: string; forced: boolean }>;
  tolerances: Array<{ rule: string; amount: string; level: string }>;
  figures: { linearPrograms: number; milliseconds: number };
}

describe('sunan catalogue --check', () => {
  it('is built', () => {
    expect(existsSync(cli), 'run `pnpm build` first').toBe(true);
  });

  it('exit 0 on a clean custom catalogue file; the implied-bounds table in text', () => {
    const r = sunan(['catalogue', '--check', write('clean.json', sunanCatalogueDocument())]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('✓ 规则集无矛盾、无冲突');
    expect(r.stdout).toContain('蕴含区间');
    expect(r.stdout).toMatch(/^\s+市\s+RD_INTENSITY\s+0\.2\s+8\s*$/m);
    expect(r.stdout).toMatch(/^\s+市\s+GDP\s+100\s+60000\s*$/m);
    const en = sunan(['catalogue', '--check', '--lang', 'en', join(dir, 'clean.json')]);
    expect(en.stdout).toContain('✓ no contradictions, no conflicts');
    expect(en.stdout).toMatch(/^\s+city\s+RD_INTENSITY\s+0\.2\s+8\s*$/m);
    // The built-in catalogue when no file is given.
    expect(sunan(['catalogue', '--check']).code).toBe(0);
  });

  it('exit 1 with conflicts, named in Chinese and English; the table and the tolerances in JSON', () => {
    const path = write('old-bound.json', withOldBound());
    const text = sunan(['catalogue', '--check', path]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✗ 错误 0 · 警告 2');
    expect(text.stdout).toMatch(
      /警告 CHK_BOUND_CONFLICT\s+市级：界限 RD_INTENSITY ∈ \[0\.1, 10\] 的下限 0\.1 达不到/,
    );
    const r = sunan(['catalogue', '--check', path, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as JsonReport;
    expect(doc).toMatchObject({ ok: false, clean: false, catalogue: { id: 'sunan' } });
    const conflicts = doc.findings.filter((f) => f.code === 'CHK_BOUND_CONFLICT');
    expect(conflicts).toHaveLength(2);
    expect(conflicts[0]?.message.en).toContain(
      'bound RD_EXP per GDP in [0.002, 0.08]; rule RATIO_RD_INTENSITY',
    );
    // What a city can report: the quotient's range (held by RD_EXP per GDP) give or take the tolerance.
    expect(doc.implied).toContainEqual({
      level: 'city',
      indicator: 'RD_INTENSITY',
      min: '0.195',
      max: '8.005',
      forced: false,
    });
    expect(doc.tolerances).toContainEqual({
      rule: 'RATIO_RD_INTENSITY',
      amount: '0.005',
      basis: 'declared-precision',
      level: 'city',
    });
    expect(doc.figures.linearPrograms).toBeGreaterThan(0);
  });

  it('exit 1 for an infeasible catalogue and for one whose shape is wrong', () => {
    const doc = infeasibleDoc();
    const r = sunan(['catalogue', '--check', write('infeasible.json', doc), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'error CHK_INFEASIBLE  At city level: no values can satisfy all of: rule AT_LEAST_100; rule AT_MOST_50.',
    );
    const bad = sunan([
      'catalogue',
      '--check',
      write('bad-shape.json', { id: 'x', indicators: 3 }),
      '--format',
      'json',
    ]);
    expect(bad.code).toBe(1);
    expect((JSON.parse(bad.stdout) as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
  });

  it('exit 2 for a file that cannot be read or is not JSON', () => {
    const missing = sunan(['catalogue', '--check', join(dir, 'no-such.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('无法读取目录文件');
    const notJson = sunan(['catalogue', '--check', write('broken.json', '{ "id": "x", ')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('不是有效的 JSON');
    expect(sunan(['catalogue', join(dir, 'clean.json')]).code).toBe(2);
  });

  it('validate --catalogue: warnings of a conflicting catalogue printed, an infeasible one refused (exit 2)', () => {
    const file = join(root, 'examples/data/2022/321100-镇江市-2022.xlsx');
    const warned = sunan(['validate', '--catalogue', write('old-bound.json', withOldBound()), file]);
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toMatch(
      /警告 CAT_RULES_CONFLICT \$\.bounds\[\d+\]\s+市级：界限 RD_INTENSITY ∈ \[0\.1, 10\] 的下限 0\.1 达不到/,
    );
    expect(warned.stdout).toContain('✓ 通过');
    const refused = sunan([
      'validate',
      '--catalogue',
      write('infeasible.json', infeasibleDoc()),
      file,
      '--lang',
      'en',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('CAT_RULES_INFEASIBLE');
    expect(refused.stderr).toContain('no values can satisfy all of: rule AT_LEAST_100; rule AT_MOST_50');
    expect(sunan(['validate', '--catalogue', write('broken.json', '{'), file]).code).toBe(2);
  });
});
