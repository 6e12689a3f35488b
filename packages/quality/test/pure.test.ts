// @time-zones: punctuality against the period's deadline
import { readFileSync } from 'node:fs';
import { aggregate } from '@sunan/aggregate';
import {
  acceptanceInForce,
  acceptedAt,
  acceptedSequence,
  type Completeness,
  completenessOf,
  type HistoryEvent,
  historiesOf,
  historyOf,
  onTimeRates,
  punctualityOf,
  qualityReport,
  shanghaiDate,
  zoneCompleteness,
} from '@sunan/quality';
import { reportHtml } from '@sunan/report';
import type { Submission } from '@sunan/schema';
import { CITIES, catalogue, city, handInput, period, reportOf, syntheticSubmission } from '@sunan/testkit';
import { type ValidationReport, validateSubmission } from '@sunan/validate';
import Ajv2020 from 'ajv/dist/2020.js';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { run } from '../../cli/src/run.js';

let seq = 0;
const ev = (
  kind: string,
  city: string,
  period: string,
  revision: number,
  at: string,
  sha = '',
): HistoryEvent => ({
  seq: ++seq,
  kind,
  city,
  period,
  revision,
  sha256: sha || null,
  actor: 't',
  at,
  data: { fileName: `${city}-${period}-${revision}.json` },
});

describe('punctuality against the 报送截止日期 (China time, whatever the machine zone)', () => {
  // 2022's deadline is 2023-03-31 by the catalogue's calendar, the date the template prints.
  const events = [
    ev('received', '320100', '2022', 1, '2023-03-20T02:00:00Z'), // 10:00 on 20 March: 11 days early
    ev('received', '320200', '2022', 1, '2023-03-31T15:59:59Z'), // 23:59:59 on 31 March: on the day
    ev('received', '320400', '2022', 1, '2023-03-31T16:00:00Z'), // 00:00 on 1 April: 1 day late
    ev('accepted', '320400', '2022', 1, '2023-04-02T01:00:00Z'),
    ev('received', '320400', '2022', 2, '2023-04-10T03:00:00Z'), // revision 2, 10 days late
    ev('accepted', '320400', '2022', 2, '2023-04-11T03:00:00Z'),
    ev('accepted', '320100', '2022', 1, '2023-03-21T01:00:00Z'),
    ev('received', '320100', '2021', 1, '2022-04-05T01:00:00Z'), // 2021: 5 days late
    ev('accepted', '320100', '2021', 1, '2022-04-06T01:00:00Z'),
  ];
  const h = historiesOf(events);
  const now = '2023-04-20T00:00:00Z';
  const row = (city: string, period = '2022') => punctualityOf(catalogue, historyOf(h, city, period), now);

  it('gives days early or late of the first receipt and of the accepted revision', () => {
    expect(shanghaiDate('2023-03-31T16:00:00Z')).toBe('2023-04-01');
    expect(row('320100')).toMatchObject({
      deadline: '2023-03-31',
      firstReceivedDays: -11,
      onTime: true,
      acceptedDays: -11,
      overdue: false,
    });
    expect(row('320200')).toMatchObject({
      firstReceivedDays: 0,
      onTime: true,
      acceptedRevision: null,
      overdue: true,
    });
    expect(row('320400')).toMatchObject({
      firstReceivedDays: 1,
      onTime: false,
      acceptedRevision: 2,
      acceptedDays: 10,
      overdue: false,
    });
    expect(row('320500')).toMatchObject({ firstReceivedAt: null, onTime: null, overdue: true });
    // Before the deadline nothing is overdue.
    expect(punctualityOf(catalogue, historyOf(h, '320500', '2022'), '2023-03-31T15:00:00Z')?.overdue).toBe(
      false,
    );
  });

  it('on-time rate per city over the periods due', () => {
    const rows = ['2021', '2022'].flatMap((p) => CITIES.flatMap((c) => row(c, p) ?? []));
    const rates = onTimeRates(rows, CITIES);
    expect(rates.find((r) => r.city === '320100')).toMatchObject({
      due: 2,
      onTime: 1,
      late: 1,
      rate: '50.00',
    });
    expect(rates.find((r) => r.city === '320200')).toMatchObject({
      due: 2,
      onTime: 1,
      missing: 1,
      rate: '50.00',
    });
    expect(rates.find((r) => r.city === '320400')).toMatchObject({
      due: 2,
      onTime: 0,
      late: 1,
      missing: 1,
      rate: '0.00',
    });
    expect(rates.find((r) => r.city === '320500')).toMatchObject({
      due: 2,
      onTime: 0,
      missing: 2,
      rate: '0.00',
    });
  });
});

/** A hand-made report with chosen city figures (RD_EXP and GDP) for one city. */
function hand(city: string, period: string, rd: string, gdp: string): ValidationReport {
  const values = [
    { orgUnit: city, indicator: 'RD_EXP', value: rd },
    { orgUnit: city, indicator: 'GDP', value: gdp },
  ];
  const s: Submission = {
    templateVersion: '1.0',
    catalogueVersion: catalogue.version,
    city,
    period,
    values,
    enterprises: [],
  };
  return reportOf(s);
}

describe('revision triangle and the zone per vintage', () => {
  // Two cities only report here; the other three are missing (the zone figure is partial, said so).
  const reports = new Map<string, ValidationReport>([
    ['a1', hand('320100', '2021', '300', '10000')],
    ['b1', hand('320200', '2021', '100', '5000')],
    ['a2', hand('320100', '2021', '300', '12000')],
    ['c1', hand('320100', '2022', '330', '11000')],
  ]);
  const events = [
    ev('received', '320100', '2021', 1, '2022-03-01T02:00:00Z', 'a1'),
    ev('accepted', '320100', '2021', 1, '2022-03-02T02:00:00Z'),
    ev('received', '320200', '2021', 1, '2022-03-03T02:00:00Z', 'b1'),
    ev('accepted', '320200', '2021', 1, '2022-03-04T02:00:00Z'),
    ev('received', '320100', '2022', 1, '2023-03-01T02:00:00Z', 'c1'),
    ev('accepted', '320100', '2022', 1, '2023-03-02T02:00:00Z'),
    ev('received', '320100', '2021', 2, '2023-06-01T02:00:00Z', 'a2'),
    ev('accepted', '320100', '2021', 2, '2023-06-02T02:00:00Z'),
  ];
  const q = qualityReport({ events, reports }, { catalogue, period: '2022', now: '2023-07-01T00:00:00Z' });

  it('columns are acceptance days; each cell is the zone recomputed from the revisions in force', () => {
    expect(q.triangle?.vintages).toEqual(['2022-03-02', '2022-03-04', '2023-03-02', '2023-06-02']);
    // 2021: 300/10000 = 3.00; then (300+100)/(10000+5000) = 2.67; after 320100's revision (300+100)/(12000+5000) = 2.35.
    expect(q.triangle?.rows).toEqual([
      { period: '2021', values: ['3.00', '2.67', '2.67', '2.35'] },
      { period: '2022', values: [null, null, '3.00', '3.00'] },
    ]);
  });

  it("gives each city's revision in units and percent", () => {
    const gdp = q.vintages.find((v) => v.city === '320100' && v.period === '2021' && v.indicator === 'GDP');
    expect(gdp).toMatchObject({ revision: '2000', revisionPercent: '20.00' });
    expect(gdp?.firstAccepted).toEqual({ revision: 1, at: '2022-03-02T02:00:00Z', value: '10000' });
    expect(gdp?.latestAccepted).toEqual({ revision: 2, at: '2023-06-02T02:00:00Z', value: '12000' });
  });
});

describe('completeness (ESS R1) and the enterprise list', () => {
  it('R1 per city is required cells provided ÷ required, blanks with a reason listed apart', () => {
    const s = syntheticSubmission({
      catalogue,
      city: city('321100'),
      period: period('2022'),
      enterprises: 300,
    });
    const blank = new Set(['GDP', 'RD_EXP', 'NAT_KEY_LABS']); // required: blank without a reason
    const reasoned = new Set(['AVG_WAGE', 'PCT_APPLICATIONS']); // blank-with-reason: blank with one
    const values = s.values.map((v) => {
      if (v.orgUnit !== s.city) return v;
      if (blank.has(v.indicator)) return { ...v, value: null };
      if (reasoned.has(v.indicator)) return { ...v, value: null, note: '统计口径调整，暂缺' };
      return v;
    });
    // Two rows with a broken credit code: the list holds 298 valid rows for 300 reported.
    const enterprises = s.enterprises.map((e, i) => (i < 2 ? { ...e, creditCode: 'NOT-A-CODE' } : e));
    const bytes = new TextEncoder().encode(JSON.stringify({ ...s, values, enterprises }));
    const report = validateSubmission(bytes, { fileName: 'zj.json', catalogue });
    // Counted by hand from the catalogue: the city's annual indicators that are not optional (parks' are optional).
    const required = catalogue.indicators.filter(
      (i) =>
        i.levels.includes('city') && i.periodicity.includes('annual') && i.requirement.city !== 'optional',
    ).length;
    const c = completenessOf(catalogue, '321100', '2022', 1, report);
    expect(c?.required).toBe(required);
    expect(c?.provided).toBe(required - 5);
    expect(c?.missing.map((m) => m.indicator).sort()).toEqual([...blank].sort());
    expect(c?.blanksWithReason.map((b) => b.indicator).sort()).toEqual([...reasoned].sort());
    expect(c?.r1).toBe(new Decimal(required - 5).div(required).times(100).toDecimalPlaces(2).toFixed(2));
    expect(c?.list).toEqual({ valid: 298, reported: '300', rate: '99.33' });
    const zone = zoneCompleteness([c as Completeness, c as Completeness]);
    expect(zone).toMatchObject({
      required: 2 * required,
      provided: 2 * (required - 5),
      withReason: 4,
      r1: c?.r1,
    });
  });
});

describe('quality.json', () => {
  it('is valid against its JSON Schema, and the schema rejects a wrong document', () => {
    const schema = JSON.parse(readFileSync(new URL('../quality.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const events = [
      ev('received', '320100', '2022', 1, '2023-03-01T02:00:00Z', 'x1'),
      ev('accepted', '320100', '2022', 1, '2023-03-02T02:00:00Z'),
      ev('received', '320100', '2022', 2, '2023-03-05T02:00:00Z', 'x2'),
      ev('accepted', '320100', '2022', 2, '2023-03-06T02:00:00Z'),
    ];
    const reports = new Map([
      ['x1', hand('320100', '2022', '300', '10000')],
      ['x2', hand('320100', '2022', '300', '10001.5')],
    ]);
    const q = JSON.parse(
      JSON.stringify(
        qualityReport({ events, reports }, { catalogue, period: '2022', now: '2023-07-01T00:00:00Z' }),
      ),
    );
    expect(q.diffs[0].values).toHaveLength(1);
    expect(validate(q), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...q, vintages: [{ ...q.vintages[0], revision: 12 }] })).toBe(false);
  });
});

describe('the commands explain themselves', () => {
  it('sunan quality --help, sunan help quality and sunan ledger diff --help', async () => {
    for (const [args, text] of [
      [['quality', '--help'], '数据质量报告'],
      [['help', 'quality'], 'quality.schema.json'],
      [['ledger', 'diff', '--help'], '默认比较最新受理版与其前一受理版'],
    ] as const) {
      let stdout = '';
      const io = {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: () => true },
        env: {},
        cwd: '.',
      };
      expect(await run([...args], io)).toBe(0);
      expect(stdout).toContain(text);
    }
  });
});

describe('report.html links to the quality report', () => {
  it('has a short 数据质量 section with the link only when asked (a roll-up from the ledger)', () => {
    const result = aggregate({
      submissions: CITIES.map((c) => handInput(c, { GDP: '100', RD_EXP: '3' })),
      period: '2022',
    });
    const linked = reportHtml(result, catalogue, { quality: { href: 'quality.html' } });
    expect(linked).toContain('<section id="quality"><h2>数据质量');
    expect(linked).toContain('<a href="quality.html">');
    expect(reportHtml(result, catalogue)).not.toContain('id="quality"');
  });
});

describe('a rejection of the accepted revision withdraws it from the history', () => {
  const events = [
    ev('received', '321100', '2022', 1, '2023-03-01T02:00:00Z'),
    ev('accepted', '321100', '2022', 1, '2023-03-02T02:00:00Z'),
    ev('received', '321100', '2022', 2, '2023-03-03T02:00:00Z'),
    ev('accepted', '321100', '2022', 2, '2023-03-04T02:00:00Z'),
    ev('rejected', '321100', '2022', 2, '2023-03-05T02:00:00Z'),
    ev('rejected', '321100', '2022', 1, '2023-03-06T02:00:00Z'), // not in force: changes nothing
  ];
  const h = historyOf(historiesOf(events), '321100', '2022');

  it('no longer counts the withdrawn revision as accepted, now or after the rejection', () => {
    expect(acceptedSequence(h).map((a) => a.revision)).toEqual([1]);
    expect(acceptanceInForce(h)).toBeUndefined();
    expect(acceptedAt(h, '2023-03-04T12:00:00Z')?.revision).toBe(2);
    expect(acceptedAt(h, '2023-03-05T12:00:00Z')).toBeUndefined();
    expect(h.acceptances.map((a) => a.withdrawnAt ?? null)).toEqual([null, '2023-03-05T02:00:00Z']);
  });

  it('a revision accepted again after its withdrawal is in force again', () => {
    const again = historyOf(
      historiesOf([...events, ev('accepted', '321100', '2022', 2, '2023-03-07T02:00:00Z')]),
      '321100',
      '2022',
    );
    expect(acceptedSequence(again).map((a) => a.revision)).toEqual([1, 2]);
    expect(acceptanceInForce(again)?.revision).toBe(2);
    expect(acceptedAt(again, '2023-03-08T00:00:00Z')?.revision).toBe(2);
  });
});
