import type { Ledger } from '@sunan/ledger';
import { findIndicator, type Submission } from '@sunan/schema';
import { CITIES, catalogue, city, period as periodOf, syntheticSubmission } from '@sunan/testkit';
import { creditCodeCheckChar } from '@sunan/validate';
import { Decimal } from 'decimal.js';

/**
 * A small test ledger with planted changes: every city sends three revisions of each of 2020–2022,
 * each accepted in turn (all first revisions, then all second, then all third, so the zone's first
 * vintage is every city's first revision). GDP moves by {@link gdpStep2} in revision 2 and by
 * {@link gdpStep3} more in revision 3, R&D intensity recomputed from it; 镇江 2022 also gets a
 * negative key-lab count in revision 2 (fixed in 3) and list rows swapped by credit code.
 */
export const PERIODS = ['2020', '2021', '2022'] as const;
export const ZJ = '321100';
const cache = new Map<string, Submission>();

/** The base (first) submission: a small synthetic one. */
export function base(code: string, period: string): Submission {
  const key = `${code}/${period}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const s = syntheticSubmission({ catalogue, city: city(code), period: periodOf(period), enterprises: 300 });
  cache.set(key, s);
  return s;
}

/** GDP's planted change in revision 2: 1.25 亿元 × (the city's place + 1). */
export const gdpStep2 = (code: string) => new Decimal(CITIES.indexOf(code) + 1).times('1.25');
/** GDP's planted change in revision 3: −0.5 亿元 × (year − 2019). */
export const gdpStep3 = (period: string) => new Decimal(Number(period) - 2019).times('-0.5');

export const figure = (s: Submission, code: string, orgUnit = s.city) =>
  new Decimal(String(s.values.find((v) => v.orgUnit === orgUnit && v.indicator === code)?.value));

/** Replacement list rows, keeping the park of the row they replace (park counts stay right). */
export function newRow(code: string, n: number, park: string | null | undefined) {
  const body = `91${code.slice(0, 4)}99TEXTRAW${String(n).padStart(2, '0')}`.slice(0, 17);
  return { creditCode: body + creditCodeCheckChar(body), name: `替换企业${n}有限公司`, park: park ?? null };
}

function set(values: Submission['values'], orgUnit: string, code: string, value: string) {
  return values.map((v) => (v.orgUnit === orgUnit && v.indicator === code ? { ...v, value } : v));
}

/** Revision r (1–3) of a city's period, as submitted. */
export function revisionOf(code: string, period: string, r: number): Submission {
  const s = base(code, period);
  if (r === 1) return s;
  const gdp = figure(s, 'GDP')
    .plus(gdpStep2(code))
    .plus(r >= 3 ? gdpStep3(period) : 0);
  const rd = figure(s, 'RD_EXP');
  const decimals = findIndicator(catalogue, 'RD_INTENSITY')?.decimals ?? 2;
  let values = set(s.values, code, 'GDP', gdp.toString());
  values = set(
    values,
    code,
    'RD_INTENSITY',
    rd.div(gdp).times(100).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toString(),
  );
  let enterprises = s.enterprises;
  if (code === ZJ && period === '2022') {
    if (r === 2) values = set(values, code, 'NAT_KEY_LABS', '-1');
    enterprises = enterprises.map((e, i) =>
      i === 0 || (i === 1 && r === 3) ? { ...newRow(code, i, e.park) } : e,
    );
  }
  return { ...s, values, enterprises };
}

const bytes = (s: Submission) => new TextEncoder().encode(JSON.stringify(s));

/** Fills a ledger: round by round, every period and city, intake then accept. */
export async function plantHistory(ledger: Ledger): Promise<void> {
  for (const r of [1, 2, 3])
    for (const period of PERIODS)
      for (const code of CITIES) {
        const o = await ledger.intake({
          bytes: bytes(revisionOf(code, period, r)),
          fileName: `${code}-${period}-v${r}.json`,
          by: 'clerk',
        });
        if (!o.ok || o.kind !== 'received')
          throw new Error(`intake ${code} ${period} ${r}: ${JSON.stringify(o).slice(0, 300)}`);
        // Some planted revisions carry an error on purpose: the centre takes them with a reason.
        const a = await ledger.accept({ city: code, period, by: 'lead', force: true, reason: '测试' });
        if (!a.ok) throw new Error(`accept ${code} ${period} ${r}`);
      }
}
