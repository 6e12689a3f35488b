import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The folders tell the data flow, and so must the imports: a package may use only packages below
// it. The core (schema, validate, aggregate, index) never gains the workbook writer.
const packages = fileURLToPath(new URL('../../', import.meta.url));
const RANK: Record<string, number> = {
  schema: 0,
  validate: 1,
  aggregate: 2,
  index: 3,
  exchange: 3,
  ledger: 3,
  quality: 3,
  report: 4,
  web: 5,
  cli: 6,
};
const CORE = ['schema', 'validate', 'aggregate', 'index', 'exchange'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx|mts|js|mjs)$/.test(name) ? [p] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/^import\s+['"]([^'"]+)['"]/gm),
  ];
  return found.map((m) => m[1] ?? '');
}

function dependencies(pkg: string): string[] {
  const json = JSON.parse(readFileSync(join(packages, pkg, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  return Object.keys({ ...json.dependencies, ...json.peerDependencies });
}

describe('package layering', () => {
  for (const [pkg, rank] of Object.entries(RANK)) {
    it(`${pkg} imports only packages below it`, () => {
      const wrong: string[] = [];
      for (const file of sources(join(packages, pkg, 'src')))
        for (const spec of specifiers(file)) {
          const target = /^@sunan\/([^/]+)/.exec(spec)?.[1];
          if (target === undefined || target === pkg) continue;
          const targetRank = RANK[target];
          if (targetRank === undefined || targetRank >= rank) wrong.push(`${file}: ${spec}`);
        }
      for (const dep of dependencies(pkg)) {
        const target = /^@sunan\/(.+)$/.exec(dep)?.[1];
        if (target !== undefined && target !== 'testkit' && (RANK[target] ?? 99) >= rank)
          wrong.push(`package.json: ${dep}`);
        if (target === 'testkit') wrong.push(`package.json: ${dep} (private, tests only)`);
      }
      expect(wrong).toEqual([]);
    });
  }

  for (const pkg of CORE)
    it(`${pkg}, a core package, has no ExcelJS, directly or through a workspace package`, () => {
      const seen = new Set<string>();
      const visit = (p: string): string[] => {
        if (seen.has(p)) return [];
        seen.add(p);
        return dependencies(p).flatMap((d) => {
          const inner = /^@sunan\/(.+)$/.exec(d)?.[1];
          return inner ? visit(inner) : [d];
        });
      };
      expect(visit(pkg).filter((d) => /exceljs/i.test(d))).toEqual([]);
      const importsExcel = sources(join(packages, pkg, 'src')).filter((f) =>
        specifiers(f).some((s) => /exceljs/i.test(s)),
      );
      expect(importsExcel).toEqual([]);
    });

  it('the test itself catches a wrong import', () => {
    const spec = specifiers(join(packages, 'cli/src/commands/template.ts'));
    expect(spec).toContain('@sunan/report');
    expect(RANK.report ?? 0).toBeLessThan(RANK.cli ?? 0);
    expect(RANK.report ?? 0).toBeGreaterThan(RANK.validate ?? 0);
  });
});
