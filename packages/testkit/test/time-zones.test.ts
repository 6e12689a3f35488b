// @time-zones: this file names the date APIs it looks for.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from '../../../vitest.config.js';
import {
  DATE_USE,
  TIME_ZONE_MARK,
  testTexts,
  timeZoneFiles,
  unitTestFiles,
} from '../../../vitest.time-zones.js';

// Test files run in China's zone only unless marked; a file that uses dates, clocks, zones, locale
// formatting or the period calendar's deadlines must carry `// @time-zones` so that it runs in a
// second zone too. New files follow the same rule: this test reads every file on each run.
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('time-zone marks', () => {
  it('every test file that uses dates (itself or through its test helpers) is marked // @time-zones', () => {
    const unmarked = unitTestFiles().flatMap((file) => {
      const texts = testTexts(file);
      if (TIME_ZONE_MARK.test(texts.get(join(root, file)) ?? '')) return [];
      const uses = [...texts].flatMap(([path, text]) => {
        const m = DATE_USE.exec(text);
        return m ? [`${path.slice(root.length)}: ${m[0]}`] : [];
      });
      return uses.length > 0 ? [`${file} (${uses.join('; ')})`] : [];
    });
    expect(unmarked, 'add a line `// @time-zones: why` to each').toEqual([]);
  });

  it('the second zone runs exactly the marked files', () => {
    const projects = (config.test?.projects ?? []) as Array<{ test?: { name?: string; include?: string[] } }>;
    const second = projects.find((p) => p.test?.name === 'America/Los_Angeles');
    const marked = timeZoneFiles();
    expect(second?.test?.include).toEqual(marked);
    expect(marked.length).toBeGreaterThan(3);
    expect(marked.length).toBeLessThan(unitTestFiles().length);
  });

  it('sees what makes a test depend on the zone, and not words that merely look alike', () => {
    for (const use of [
      'new Date(2023, 0, 1)',
      'Date.now()',
      'process.env.TZ',
      'n.toLocaleString()',
      'x.toLocaleDateString("zh-CN")',
      'new Intl.DateTimeFormat("zh-CN")',
      "{ timeZone: 'UTC' }",
      'submissionDeadline(period)',
      'periodEnd(p)',
      'beijingTime(iso)',
    ])
      expect(DATE_USE.test(use), use).toBe(true);
    for (const other of ['update(data)', 'const dated = 1', 'Dates', 'validateSubmission(bytes)'])
      expect(DATE_USE.test(other), other).toBe(false);
  });
});
