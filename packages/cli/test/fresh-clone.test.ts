import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README's promise, kept by a test: on a fresh clone, the set-up command (pnpm install, then
// pnpm demo) runs the main job, and afterwards `pnpm sunan …` works as the README shows it.
// Runs once (it is not marked for a second zone): it clones, installs from the local store and builds.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function pnpm(args: string[], cwd: string) {
  const r = spawnSync('pnpm', args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

// No component is optional here, so nothing skips in CI.
describe('a fresh clone', () => {
  it('the README shows the set-up command and `pnpm sunan --version`', () => {
    expect(readme).toContain('pnpm install && pnpm demo');
    expect(readme).toContain('pnpm sunan --version');
  });

  it('after `pnpm install` and `pnpm demo`, `pnpm sunan --version` runs', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sunan-clone-')), 'sunan-stats');
    execFileSync('git', ['clone', '--quiet', root, dir]);
    const install = pnpm(['install', '--offline', '--frozen-lockfile'], dir);
    expect(install.code, install.out).toBe(0);
    const demo = pnpm(['demo'], dir);
    expect(demo.code, demo.out).toBe(0);
    expect(demo.out).toContain('采用报表');
    // One revision through the ledger: its diff line, then the period's quality summary.
    expect(demo.out).toContain('镇江市 2022：第 2 版较第 1 版改动');
    expect(demo.out).toContain('数据质量 2022：全区完整率 R1');
    // The open formats: written to out/exchange, whose path the demo prints.
    expect(demo.out).toContain(join(dir, 'out/exchange'));
    for (const f of ['sdmx/data.csv', 'sdmx/structure.xml', 'datapackage/datapackage.json'])
      expect(existsSync(join(dir, 'out/exchange', f)), f).toBe(true);
    const version = pnpm(['-s', 'sunan', '--version'], dir);
    expect(version.code, version.out).toBe(0);
    expect(version.out.trim()).toMatch(/^sunan \d+\.\d+\.\d+$/);
  }, 1_200_000);
});
