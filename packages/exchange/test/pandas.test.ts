import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPackage } from '../src/index.js';
import { catalogue, rollUps } from './helpers.js';

// Debian's python3-pandas; the first interpreter on PATH may be another Python without it.
const PYTHONS = ['python3', '/usr/bin/python3'];
const python = PYTHONS.find((p) => spawnSync(p, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0);
// In CI (.ci/run installs python3-pandas) a missing pandas is a failure, never a skip.
const IN_CI = process.env.CI === 'true';

/** The README's pandas lines, as written there. */
function readmeLines(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```python\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('the README has no python block');
  return block;
}

describe('the README pandas lines on an exported package', () => {
  it('pandas is there when CI asks for it', () => {
    if (IN_CI) expect(python, 'python3 with pandas (apt python3-pandas)').toBeDefined();
  });

  it.skipIf(python === undefined && !IN_CI)('sum the cities to the zone totals of the roll-up', () => {
    const results = rollUps();
    const dir = mkdtempSync(join(tmpdir(), 'sunan-exchange-'));
    mkdirSync(join(dir, 'datapackage'));
    for (const [name, text] of Object.entries(dataPackage({ results })))
      writeFileSync(join(dir, 'datapackage', name), text);
    const script = `${readmeLines()}\nimport json\nprint(json.dumps({f"{i}|{p}": float(x) for (i, p), x in totals.items()}))\n`;
    const r = spawnSync(python ?? 'python3', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const totals = JSON.parse(r.stdout) as Record<string, number>;
    let compared = 0;
    for (const result of results)
      for (const ind of result.indicators) {
        const def = catalogue.indicators.find((i) => i.code === ind.code);
        if (def?.aggregation.kind !== 'sum' || ind.zone.value === null) continue;
        const total = totals[`${ind.code}|${result.period}`];
        expect(total, `${ind.code} ${result.period}`).toBeDefined();
        expect(total?.toFixed(def.decimals), `${ind.code} ${result.period}`).toBe(ind.zone.value);
        compared++;
      }
    expect(compared).toBeGreaterThan(40);
  });
});
