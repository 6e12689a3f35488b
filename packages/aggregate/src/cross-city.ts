import {
  type Catalogue,
  type Finding,
  findIndicator,
  type Indicator,
  orgUnitName,
  slipForRatio,
} from '@sunan/schema';
import { enterpriseList, enterpriseLocation, finding } from '@sunan/validate';
import type { Decimal } from 'decimal.js';
import { cityFigures } from './roll-up.js';
import type { UsedSubmission } from './select-sources.js';
import type { ListedEnterprises } from './source.js';

const locate = (u: UsedSubmission, i: number) => enterpriseLocation(u.input.report.enterpriseLocations, i);

/** The codes and names a file lists: as the roll-up kept them, else read from its submission. */
const listedOf = (u: UsedSubmission): ListedEnterprises => u.input.listed ?? enterpriseList(u.submission);

const where = (u: UsedSubmission, i: number) => {
  const loc = locate(u, i);
  const at = loc?.cell ? `${loc.sheet ?? ''}!${loc.cell}` : (loc?.path ?? `#${i + 1}`);
  return `${u.input.file} ${at}`;
};

/** A listed enterprise's place in the roll-up: file `f` of the used ones, enterprise `i` of its list. */
const FILE_STRIDE = 2 ** 32;

/**
 * An enterprise is counted once, in the city where it is registered: the same 统一社会信用代码 in two
 * cities' lists is an error naming both files and rows.
 */
export function duplicateEnterprises(
  used: ReadonlyMap<string, UsedSubmission>,
  catalogue: Catalogue,
): Finding[] {
  const files = [...used];
  // Code → where it was first listed, as one number (f × 2³² + i): 500,000 listed enterprises then
  // cost no object each.
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  const name = (code: string) => orgUnitName(catalogue, code);
  files.forEach(([city, u], f) => {
    const list = listedOf(u);
    for (let i = 0; i < list.length; i++) {
      const code = list.creditCode(i);
      const first = seen.get(code);
      if (first === undefined) {
        seen.set(code, f * FILE_STRIDE + i);
        continue;
      }
      const [firstCity, firstU] = files[Math.floor(first / FILE_STRIDE)] as [string, UsedSubmission];
      if (firstCity === city) continue; // within one list: the validator already reported it
      findings.push(
        duplicateFinding(code, list.name(i), firstCity, where(firstU, first % FILE_STRIDE), city, u, i, name),
      );
    }
  });
  return findings;
}

/** The finding for enterprise `i` of `u` (in `city`), already listed by `firstCity` at `firstAt`. */
function duplicateFinding(
  code: string,
  enterprise: string,
  firstCity: string,
  firstAt: string,
  city: string,
  u: UsedSubmission,
  i: number,
  name: (code: string) => { zh: string; en: string },
): Finding {
  const loc = locate(u, i);
  return finding(
    'XCITY_DUPLICATE_ENTERPRISE',
    'error',
    {
      zh: `企业 ${code}（${enterprise}）同时列在${name(firstCity).zh}（${firstAt}）和${name(city).zh}（${where(u, i)}）的名单中；一家企业只能在注册地计一次`,
      en: `Enterprise ${code} (${enterprise}) is listed by both ${name(firstCity).en} (${firstAt}) and ${name(city).en} (${where(u, i)}); it counts once, where registered`,
    },
    {
      file: u.input.file,
      sheet: loc?.sheet,
      cell: loc?.cell,
      path: loc?.path,
      orgUnit: city,
      indicator: 'HTE_COUNT',
      value: code,
      expected: `only in ${firstCity}`,
    },
  );
}

/** Finding codes that mark a city figure as a suspected unit slip. */
export const SLIP_CODES: ReadonlySet<string> = new Set([
  'YOY_UNIT_SLIP',
  'PLAUS_UNIT_SLIP',
  'PLAUS_IMPLAUSIBLE',
]);

const median = (xs: Decimal[]): Decimal | undefined => {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : s[mid - 1]?.plus(s[mid] ?? 0).div(2);
};

/** Suspected slips, by indicator code → cities. */
type Suspects = Map<string, Set<string>>;

function mark(suspects: Suspects, indicator: string, city: string): void {
  const set = suspects.get(indicator) ?? new Set<string>();
  set.add(city);
  suspects.set(indicator, set);
}

/** The bound's indicator and scale indicator, when the bound compares city intensities. */
function intensityBound(catalogue: Catalogue, bound: NonNullable<Catalogue['bounds']>[number]) {
  if (bound.per === undefined || !bound.levels.includes('city')) return undefined;
  const ind = findIndicator(catalogue, bound.indicator);
  const scaleInd = findIndicator(catalogue, bound.per);
  return ind && scaleInd ? { ind, scaleInd, per: bound.per } : undefined;
}

/**
 * Cities whose intensity under one bound differs from the other cities' median by about a slip
 * factor; each is marked in `suspects` and yields a finding.
 */
function intensitySlips(
  used: ReadonlyMap<string, UsedSubmission>,
  figuresOf: ReadonlyMap<string, ReadonlyMap<string, Decimal>>,
  bound: { ind: Indicator; scaleInd: Indicator; per: string },
  suspects: Suspects,
  catalogue: Catalogue,
): Finding[] {
  const { ind, scaleInd, per } = bound;
  const intensity = new Map<string, Decimal>();
  for (const [city, figures] of figuresOf) {
    const v = figures.get(ind.code);
    const s = figures.get(per);
    if (v && s?.gt(0) && v.gt(0)) intensity.set(city, v.div(s));
  }
  const findings: Finding[] = [];
  for (const [city, r] of intensity) {
    if (suspects.get(ind.code)?.has(city) || suspects.get(per)?.has(city)) continue;
    const others = median([...intensity].filter(([c]) => c !== city).map(([, x]) => x));
    if (others === undefined || others.isZero()) continue;
    const ratio = r.div(others);
    const slip = slipForRatio(ind, ratio);
    if (!slip) continue;
    mark(suspects, ind.code, city);
    const file = used.get(city)?.input.file;
    const name = orgUnitName(catalogue, city);
    findings.push(
      finding(
        'AGG_INTENSITY_SLIP',
        'error',
        {
          zh: `${name.zh}${ind.name.zh}与${scaleInd.name.zh}之比为其他城市中位数的 ${ratio.toSignificantDigits(3).toString()} 倍，疑似单位错误（${slip.cause.zh}）；全区合计不作为完整数发布`,
          en: `${ind.name.en} of ${name.en} relative to ${scaleInd.name.en} is ${ratio.toSignificantDigits(3).toString()} × the other cities' median: probably a unit slip (${slip.cause.en}); the zone total is not published as complete`,
        },
        {
          ...(file ? { file } : {}),
          orgUnit: city,
          indicator: ind.code,
          value: r.toSignificantDigits(6).toString(),
          expected: `≈ ${others.toSignificantDigits(6).toString()} (median of the other cities)`,
        },
      ),
    );
  }
  return findings;
}

/**
 * Suspected unit slips among the cities used, by indicator code → cities: those their own files
 * flag (kept with `--include-invalid`), and those whose intensity (the indicator ÷ its scale, per the
 * catalogue's plausibility bounds) differs from the other cities' median by about a slip factor —
 * flagged even when every file passed on its own.
 */
export function suspectedSlips(
  used: ReadonlyMap<string, UsedSubmission>,
  catalogue: Catalogue,
): { suspects: Map<string, Set<string>>; findings: Finding[] } {
  const suspects: Suspects = new Map();
  for (const [city, u] of used)
    for (const f of u.input.report.findings)
      if (SLIP_CODES.has(f.code) && f.indicator && f.orgUnit === city) mark(suspects, f.indicator, city);
  const findings: Finding[] = [];
  // Each city's figures parsed once, not once per bound.
  const figuresOf = new Map([...used].map(([city, u]) => [city, cityFigures(u.submission, city)] as const));
  for (const b of catalogue.bounds ?? []) {
    const bound = intensityBound(catalogue, b);
    if (bound) for (const f of intensitySlips(used, figuresOf, bound, suspects, catalogue)) findings.push(f);
  }
  return { suspects, findings };
}
