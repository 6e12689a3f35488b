/**
 * Which unit-test files run in a second time zone. Every test file runs in China's zone; a file whose
 * outcome may depend on where the machine is (dates, clocks, deadlines, locale formatting) carries the
 * marker line below and runs again in a zone far from China, so a date that depends on the machine's
 * zone cannot pass by accident. The rest run once. packages/testkit/test/time-zones.test.ts fails
 * when a file that uses dates (itself or through a helper of its test folder) lacks the marker.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The marker: a line comment of its own, anywhere in the file (the top, by custom). */
export const TIME_ZONE_MARK = /^\/\/ @time-zones\b/m;

/**
 * What makes a test depend on the machine's zone or clock: the Date API, the TZ variable, locale
 * formatting, zone names, and the period calendar's deadlines and dates.
 */
export const DATE_USE =
  /\bDate\b|\bTZ\b|toLocale\w*|Intl\.DateTimeFormat|timeZone|time[ -]zone|getTimezoneOffset|Asia\/Shanghai|America\/|[dD]eadline|periodStart|periodEnd|beijingTime|\bclock\b/;

const root = dirname(fileURLToPath(import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every unit-test file (`packages/<pkg>/test/**\/*.test.ts`), as paths relative to the repository. */
export function unitTestFiles(): string[] {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .flatMap((pkg) => {
      const test = join(packages, pkg, 'test');
      try {
        return statSync(test).isDirectory() ? walk(test) : [];
      } catch {
        return [];
      }
    })
    .filter((p) => p.endsWith('.test.ts'))
    .map((p) => relative(root, p).split('\\').join('/'))
    .sort();
}

/** The test files that carry the marker: the second zone's project runs these. */
export function timeZoneFiles(): string[] {
  return unitTestFiles().filter((f) => TIME_ZONE_MARK.test(readFileSync(join(root, f), 'utf8')));
}

/**
 * The file and the helpers it imports from its own package's test folder (relative imports,
 * followed transitively): the text in which a use of dates is looked for.
 */
export function testTexts(file: string): Map<string, string> {
  const out = new Map<string, string>();
  const abs = join(root, file);
  const testRoot = join(root, file.split('/').slice(0, 3).join('/'));
  const visit = (path: string) => {
    if (out.has(path)) return;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return;
    }
    out.set(path, text);
    for (const m of text.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(path), (m[1] as string).replace(/\.js$/, '.ts'));
      if (target.startsWith(testRoot)) visit(target);
    }
  };
  visit(abs);
  return out;
}
