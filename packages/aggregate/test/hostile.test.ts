import { aggregate } from '@sunan/aggregate';
import type { Finding } from '@sunan/schema';
import { describe, expect, it } from 'vitest';
import { CITIES, handInput } from './helpers.js';

describe('the roll-up under hostile input', () => {
  it('regression: no Infinity or NaN reaches the result; each becomes AGG_NOT_FINITE', () => {
    const inputs = CITIES.map((c) =>
      handInput(c, { TECH_CONTRACT: c === '320100' ? 'Infinity' : '100', GDP: 'NaN' }),
    );
    const result = aggregate({ submissions: inputs, period: '2022' });
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/:\s*"?-?(Infinity|NaN)/);
    const figures = JSON.stringify({ i: result.indicators, r: result.reconciliation, t: result.targets });
    expect(figures).not.toMatch(/Infinity|NaN/);
    const notFinite = result.findings.filter((f) => f.code === 'AGG_NOT_FINITE');
    expect(notFinite.length).toBeGreaterThan(0);
    expect(
      notFinite.some((f) => f.path?.includes('TECH_CONTRACT') || f.path?.startsWith('$.indicators')),
    ).toBe(true);
  });

  it('regression: a file with 150,000 findings does not overflow the stack, and every file has a fate', () => {
    const many: Finding[] = Array.from({ length: 150_000 }, (_, i) => ({
      code: 'CELL_MERGED',
      severity: 'error',
      message: { zh: '合并', en: 'merged' },
      cell: `F${i + 2}`,
    }));
    const inputs = CITIES.map((c) => handInput(c, { TECH_CONTRACT: '100' }));
    const bad = inputs[0];
    if (!bad) throw new Error('no input');
    inputs[0] = {
      ...bad,
      report: {
        ...bad.report,
        ok: false,
        findings: many,
        stats: { ...bad.report.stats, errors: many.length },
      },
    };
    const result = aggregate({ submissions: inputs, period: '2022' });
    expect(result.sources.map((s) => s.file).sort()).toEqual(inputs.map((i) => i.file).sort());
    expect(result.sources.find((s) => s.file === bad.file)?.status).toBe('excluded');
    expect(result.findings.length).toBeGreaterThan(150_000);
  });
});
