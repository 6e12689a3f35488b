import { aggregate } from '@sunan/aggregate';
import type { Submission } from '@sunan/schema';
import { validateSubmission } from '@sunan/validate';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CITIES, handInput, synthetic } from './helpers.js';

const NANJING = '320100';

function slipped(sub: Submission, code: string, factor: number): Submission {
  return {
    ...sub,
    values: sub.values.map((v) =>
      v.orgUnit === sub.city && v.indicator === code
        ? { ...v, value: new Decimal(String(v.value)).times(factor).toString() }
        : v,
    ),
  };
}

/** Validated JSON inputs, as `sunan aggregate` makes them from files. */
function input(sub: Submission) {
  const bytes = new TextEncoder().encode(JSON.stringify(sub));
  const file = `${sub.city}.json`;
  return { report: validateSubmission(bytes, { fileName: file }), file, sha256: sub.city.padEnd(64, '0') };
}

describe('a zone total never includes a suspected slip as complete', () => {
  const clean = CITIES.map((c) => synthetic(c));
  const withSlip = clean.map((s) => (s.city === NANJING ? slipped(s, 'TECH_CONTRACT', 10_000) : s));

  it('the slipped file is an error and is excluded; the total is partial', () => {
    const r = aggregate({ submissions: withSlip.map(input), period: '2022' });
    const tc = r.indicators.find((i) => i.code === 'TECH_CONTRACT');
    expect(r.sources.find((s) => s.city === NANJING)?.status).toBe('excluded');
    expect(tc?.zone.status).toBe('partial');
    expect(r.complete).toBe(false);
  });

  it('with --include-invalid the figure is marked partial and the notice names the city', () => {
    const r = aggregate({ submissions: withSlip.map(input), period: '2022', includeInvalid: true });
    const tc = r.indicators.find((i) => i.code === 'TECH_CONTRACT');
    expect(tc?.zone.status).toBe('partial');
    expect(r.notices.map((n) => n.zh).join('\n')).toMatch(/技术市场合同成交额：含南京市疑似单位错误/);
    // The clean total is complete.
    const ok = aggregate({ submissions: clean.map(input), period: '2022' });
    expect(ok.indicators.find((i) => i.code === 'TECH_CONTRACT')?.zone.status).toBe('complete');
  });

  it('a city whose intensity is ~10⁴ × the others’ is flagged even when its file passed', () => {
    // Hand-made figures that pass file checks (no bounds are consulted): only the cross-city view can see it.
    const gdp = ['16907', '14850', '9550', '23958', '5017'];
    const tc = ['1028.67', '620.10', '410.55', '1100.20', '180.30'];
    const inputs = CITIES.map((c, k) =>
      handInput(c, {
        GDP: gdp[k] ?? '1',
        TECH_CONTRACT: c === '320400' ? new Decimal(tc[k] ?? '1').times(10_000).toString() : (tc[k] ?? '1'),
      }),
    );
    const r = aggregate({ submissions: inputs, period: '2022' });
    const f = r.findings.filter((x) => x.code === 'AGG_INTENSITY_SLIP');
    expect(f.map((x) => [x.orgUnit, x.indicator])).toEqual([['320400', 'TECH_CONTRACT']]);
    expect(f[0]?.severity).toBe('error');
    expect(r.indicators.find((i) => i.code === 'TECH_CONTRACT')?.zone.status).toBe('partial');
    expect(r.indicators.find((i) => i.code === 'GDP')?.zone.status).toBe('complete');
  });
});

describe('a permitted blank in the roll-up', () => {
  it('marks the zone figure partial and names the city and its reason', () => {
    const subs = CITIES.map((c) => synthetic(c)).map((s) =>
      s.city === NANJING
        ? {
            ...s,
            values: s.values.map((v) =>
              v.orgUnit === NANJING && v.indicator === 'VC_INVESTMENT'
                ? { ...v, value: null, note: '创投数据由省里统计，本市未掌握' }
                : v,
            ),
          }
        : s,
    );
    const inputs = subs.map(input);
    expect(inputs[0]?.report.ok).toBe(true);
    expect(inputs[0]?.report.findings.map((f) => f.code)).toContain('VAL_BLANK_WITH_REASON');
    const r = aggregate({ submissions: inputs, period: '2022' });
    expect(r.indicators.find((i) => i.code === 'VC_INVESTMENT')?.zone).toMatchObject({
      status: 'partial',
      missingCities: [NANJING],
    });
    const f = r.findings.find((x) => x.code === 'AGG_BLANK_WITH_REASON');
    expect(f).toMatchObject({
      orgUnit: NANJING,
      indicator: 'VC_INVESTMENT',
      value: '创投数据由省里统计，本市未掌握',
    });
    expect(f?.message.zh).toContain('南京市');
  });
});
