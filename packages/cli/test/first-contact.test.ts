import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { padDisplay, table } from '../src/help-text.js';
import { closest } from '../src/suggest.js';

// What a new user meets first: version, help, mistakes, pipes, colours. Driven as processes
// against the built command (the test script builds first).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/sunan.js');
const data = join(root, 'examples/data');
const pkg = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string };

function sunan(args: string[], env: Record<string, string> = {}, cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a shell pipeline and returns the exit status of its first command and its stderr. */
function pipeline(command: string) {
  const r = spawnSync('bash', ['-c', `${command}; echo "status=\${PIPESTATUS[0]}" >&2`], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: Number(/status=(\d+)/.exec(r.stderr)?.[1]), stderr: r.stderr };
}

describe('first contact', () => {
  it('--version and -v print the package version', () => {
    for (const flag of ['--version', '-v']) {
      const r = sunan([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(`sunan ${pkg.version}`);
    }
  });

  it('`sunan help validate` prints the help of validate, not the top-level help', () => {
    const r = sunan(['help', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sunan validate/);
    expect(r.stdout).toContain('--expect-city');
  });

  it('suggests the command meant by a misspelt one, in Chinese and English', () => {
    const r = sunan(['valdiate', 'x.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知命令 valdiate');
    expect(r.stderr).toContain('Did you mean validate?');
    expect(sunan(['help', 'agregate']).stderr).toContain('aggregate');
  });

  it('suggests the option meant by a misspelt one; option errors are in Chinese and English', () => {
    const r = sunan(['validate', '--fromat', 'json', join(data, '2022')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知选项 --fromat');
    expect(r.stderr).toContain('unknown option --fromat');
    expect(r.stderr).toContain('Did you mean --format?');
    const missing = sunan(['template', '--city']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('选项 --city 需要一个值');
    expect(missing.stderr).toContain('option --city needs a value');
  });

  it('exit 2 for an aggregate path that does not exist, naming it', () => {
    const r = sunan(['aggregate', 'nothere', '--period', '2022']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到：nothere');
    expect(r.stdout).toBe('');
  });

  it('ends quietly with exit 0 when the reader closes the pipe (EPIPE)', () => {
    for (const args of [
      'catalogue --format json',
      'aggregate examples/data/2022 --period 2022 --format json',
    ]) {
      const r = pipeline(`node ${bin} ${args} 2>/dev/null | head -1 >/dev/null`);
      expect(r.status, args).toBe(0);
      const withStderr = pipeline(`node ${bin} ${args} | head -1 >/dev/null`);
      expect(withStderr.stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
    }
  });

  it('colours through a pipe with FORCE_COLOR; NO_COLOR always wins', () => {
    const planted = join(data, '2022/321100-镇江市-2022-第1版.xlsx');
    const forced = sunan(['validate', planted], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('\u001b[');
    const plain = sunan(['validate', planted], { NO_COLOR: '', FORCE_COLOR: '' });
    expect(plain.stdout).not.toContain('\u001b[');
    const both = sunan(['validate', planted], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(both.stdout, 'NO_COLOR wins').not.toContain('\u001b[');
    const off = sunan(['validate', planted], { NO_COLOR: '', FORCE_COLOR: '0' });
    expect(off.stdout).not.toContain('\u001b[');
  });

  it('--annotate says where it wrote; --out never overwrites without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-first-'));
    const input = join(dir, 'zj.xlsx');
    copyFileSync(join(data, '2022/321100-镇江市-2022-第1版.xlsx'), input);
    const a = sunan(['validate', input, '--annotate', join(dir, 'checked')]);
    expect(a.stderr).toContain(join(dir, 'checked', 'zj.标注副本.xlsx'));

    const out = join(dir, 'tpl.xlsx');
    writeFileSync(out, 'an office’s filled file');
    const refused = sunan(['template', '--city', '320500', '--period', '2022', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('an office’s filled file');
    const forced = sunan(['template', '--city', '320500', '--period', '2022', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('help layout', () => {
  it('pads by display width, so Chinese columns line up', () => {
    expect(padDisplay('校验', 6)).toBe('校验  ');
    const lines = table([
      { term: '--a', zh: '城市', en: 'city' },
      { term: '--bb', zh: '报告期（必填）', en: 'period' },
    ]).split('\n');
    // The English column starts at the same display column on every row.
    const col = (line: string, en: string) => padDisplay(line.slice(0, line.indexOf(en)), 0).length;
    const width = (s: string) =>
      [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    expect(width((lines[0] ?? '').slice(0, col(lines[0] ?? '', 'city')))).toBe(
      width((lines[1] ?? '').slice(0, col(lines[1] ?? '', 'period'))),
    );
  });

  it('suggests only close names', () => {
    expect(closest('valdiate', ['validate', 'aggregate'])).toBe('validate');
    expect(closest('xyz', ['validate', 'aggregate'])).toBeUndefined();
  });
});
