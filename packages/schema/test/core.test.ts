// @time-zones: the period calendar's deadlines
import { fileURLToPath } from 'node:url';
import * as main from '@sunan/schema';
import { CatalogueHeader, DEFAULT_CALENDAR, SubmissionCalendar } from '@sunan/schema';
import * as core from '@sunan/schema/core';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const coreEntry = fileURLToPath(new URL('../src/core.ts', import.meta.url));

describe('@sunan/schema/core, the zod-free entry', () => {
  it('bundles for a browser without zod or the zod schemas', async () => {
    const out = await build({
      entryPoints: [coreEntry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    const inputs = Object.keys(out.metafile.inputs);
    // The bundle does reach the dependencies it needs, so an empty list below means something.
    expect(inputs.some((p) => p.includes('decimal.js'))).toBe(true);
    expect(inputs.some((p) => p.endsWith('sunan-catalogue.checked.json'))).toBe(true);
    expect(inputs.filter((p) => /[/\\]zod[/\\]/.test(p) || /node_modules.*zod/.test(p))).toEqual([]);
  });

  it('is re-exported whole by the main entry, the same values', () => {
    const exported = new Map(Object.entries(main));
    const entries = Object.entries(core);
    expect(entries.length).toBeGreaterThan(30);
    for (const [name, value] of entries) expect(exported.get(name), name).toBe(value);
  });

  it('has the calendar defaults that the zod schemas fill in', () => {
    expect(SubmissionCalendar.parse({})).toEqual(DEFAULT_CALENDAR);
    const header = CatalogueHeader.parse({ id: 'x', version: '1', name: { zh: '目录', en: 'catalogue' } });
    expect(header.calendar).toEqual(DEFAULT_CALENDAR);
    expect(core.submissionDeadline({ kind: 'year', year: 2022 })).toBe('2023-03-31');
  });
});
