import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The core takes bytes and must run in a browser: only the `node` entry point may touch Node's
// built-ins (file system, paths). Checked on the sources of every browser-facing package.
describe('browser-safe core', () => {
  for (const pkg of ['schema', 'validate', 'aggregate']) {
    it(`@sunan/${pkg} imports no Node built-in outside its node entry point`, () => {
      const dir = new URL(`../../${pkg}/src/`, import.meta.url);
      const offenders = readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && f !== 'node.ts')
        .filter((f) =>
          /from ['"](node:|fs|path|os|child_process)['"/]/.test(readFileSync(new URL(f, dir), 'utf8')),
        );
      expect(offenders).toEqual([]);
    });
  }
});
