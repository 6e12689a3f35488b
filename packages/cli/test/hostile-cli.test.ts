import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SLOW_SHAPES } from '../../validate/test/hostile/ooxml-shapes.js';
import { runCommand } from '../../validate/test/hostile/run-command.js';
import { run } from '../src/run.js';
import { safeLine, safeText } from '../src/terminal-text.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const clean2022 = join(root, 'examples/data/2022/321100-镇江市-2022.xlsx');
const builtCli = join(root, 'packages/cli/dist/cli.js');

async function sunan(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { NO_COLOR: '1' },
    cwd,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

describe('hostile text and paths in the command', () => {
  it('escapes control characters and bidi overrides', () => {
    expect(safeLine('a\u001b[2Jb\u0007c\u202e1000\n')).toBe('a\\u{1b}[2Jb\\u{7}c\\u{202e}1000\\u{a}');
    expect(safeText('x\u001b]8;;http://e\u0007y\nz')).toBe('x\\u{1b}]8;;http://e\\u{7}y\nz');
    expect(safeLine('苏州 ✓ 1,234.5')).toBe('苏州 ✓ 1,234.5');
  });

  it('regression: ANSI escapes, OSC 8 links and BEL in cells never reach the terminal raw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-hostile-'));
    const csv =
      '填报单位代码,指标代码,数值\n321100,GDP,\u001b[2J\u001b]8;;http://evil.example\u0007click\u001b]8;;\u0007\u0007\u202e0001\n';
    writeFileSync(join(dir, 'evil\u001b[31m.csv'), csv);
    const r = await sunan(['validate', dir, '--expect-period', '2022'], dir);
    expect(r.code).toBe(1);
    for (const out of [r.stdout, r.stderr]) {
      const bad = [...out].filter((ch) => {
        const cp = ch.codePointAt(0) ?? 0;
        return (cp < 0x20 && cp !== 0x0a && cp !== 0x09) || cp === 0x7f || (cp >= 0x202a && cp <= 0x202e);
      });
      expect(bad).toEqual([]);
    }
    expect(r.stdout).toContain('\\u{1b}[2J');
  });

  it('regression: validate DIR --annotate DIR never overwrites an input of the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-annotate-'));
    copyFileSync(clean2022, join(dir, 'a.xlsx'));
    copyFileSync(clean2022, join(dir, 'a.标注副本.xlsx'));
    const before = readFileSync(join(dir, 'a.标注副本.xlsx'));
    const r = await sunan(['validate', dir, '--annotate', dir], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'a.标注副本.xlsx')).equals(before)).toBe(true);
    expect(r.stderr).toContain('Not written');
    expect(readdirSync(dir).sort()).toEqual(['a.xlsx', 'a.标注副本.xlsx', 'a.标注副本.标注副本.xlsx'].sort());
  });

  it('regression: valid OOXML the fast reader declines (x:-prefixed, no cell references, an empty sheet) is validated within seconds, as the plain file', async () => {
    // The built command in its own process, so that a loop is killed and reported instead of hanging the suite.
    expect(existsSync(builtCli), 'run `pnpm build` first').toBe(true);
    const data = join(root, 'examples/data/2022');
    const findings = (stdout: string) =>
      (
        JSON.parse(stdout) as {
          files: Array<{ file: string; findings: Array<{ code: string; cell?: string }> }>;
        }
      ).files
        .map((f) => ({
          file: f.file.replace(/^.*[\\/]/, ''),
          findings: f.findings.map((x) => `${x.code}@${x.cell ?? ''}`),
        }))
        .sort((a, b) => a.file.localeCompare(b.file));
    const scratch = mkdtempSync(join(tmpdir(), 'sunan-shapes-'));
    const plain = await runCommand(builtCli, ['validate', data, '--format', 'json'], 60, scratch);
    expect(plain.hung).toBe(false);
    for (const shape of SLOW_SHAPES) {
      const dir = mkdtempSync(join(scratch, `${shape.name}-`));
      for (const f of readdirSync(data))
        writeFileSync(join(dir, f), shape.make(new Uint8Array(readFileSync(join(data, f)))));
      const r = await runCommand(builtCli, ['validate', dir, '--format', 'json'], 30, scratch);
      expect(r.hung, `${shape.name}: killed after 30 s`).toBe(false);
      expect(r.code, shape.name).toBe(plain.code);
      expect(findings(r.stdout), shape.name).toEqual(findings(plain.stdout));
      // Six files in one process; each alone takes well under a second.
      expect(r.seconds, shape.name).toBeLessThan(20);
    }
  }, 120_000);
});
