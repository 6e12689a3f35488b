import {
  type Catalogue,
  childrenOf,
  type EnterpriseRow,
  findIndicator,
  formatPeriod,
  type Indicator,
  type OrgUnit,
  type Period,
  type Submission,
} from '@sunan/schema';
import { creditCodeCheckChar, TEMPLATE_VERSION, templateRows } from '@sunan/validate';
import { Decimal } from 'decimal.js';

/**
 * SYNTHETIC data for examples, tests and benchmarks — plausible magnitudes, not official statistics.
 * Each city's profile sets its size; everything else is derived so that the result satisfies every
 * rule of the catalogue (ratios agree with their components, parts ≤ whole, parks ≤ city, the
 * enterprise list matches the reported count).
 */
interface CityProfile {
  readonly gdp: number; // 亿元
  readonly pop: number; // 万人
  readonly rdShare: number; // R&D / GDP
  readonly patentsPer10k: number;
  readonly hte: number; // high-tech enterprises
  readonly area: number; // km²
}

const PROFILES: Record<string, CityProfile> = {
  '320100': { gdp: 16907, pop: 949, rdShare: 0.035, patentsPer10k: 98, hte: 8100, area: 6587 },
  '320200': { gdp: 14850, pop: 749, rdShare: 0.032, patentsPer10k: 52, hte: 5200, area: 4627 },
  '320400': { gdp: 9550, pop: 536, rdShare: 0.0315, patentsPer10k: 43, hte: 4100, area: 4372 },
  '320500': { gdp: 23958, pop: 1291, rdShare: 0.0382, patentsPer10k: 74, hte: 13400, area: 8657 },
  '321100': { gdp: 5017, pop: 322, rdShare: 0.0265, patentsPer10k: 41, hte: 1450, area: 3840 },
};

/** A small deterministic PRNG (mulberry32), so the same seed always gives the same files. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options of {@link syntheticSubmission}. */
export interface SyntheticOptions {
  readonly catalogue: Catalogue;
  readonly city: OrgUnit;
  readonly period: Period;
  readonly seed?: number;
  /** Scale of the whole city (0.93 makes a plausible previous year). Default 1. */
  readonly scale?: number;
  /** Replace the enterprise count (benchmarks generate 100,000-row lists). */
  readonly enterprises?: number;
}

type Values = Map<string, Decimal>;

const D = (n: number) => new Decimal(n);

/** A draw between `lo` and `hi`. */
type Jitter = (lo: number, hi: number) => number;

/** Base amounts of one unit, by indicator code, before rounding. */
function baseAmounts(p: CityProfile, gdp: number, rnd: () => number, hte: number): Record<string, number> {
  const j: Jitter = (lo, hi) => lo + (hi - lo) * rnd();
  // Additive amounts first, then the bands: the draws come in that order, as the seeds expect.
  const amounts = additiveAmounts(p, gdp, j, hte);
  return { ...amounts, ...nonAdditiveBands(j) };
}

/** The unit's additive amounts and counts. `s` is GDP in units of 10,000 亿元. */
function additiveAmounts(p: CityProfile, gdp: number, j: Jitter, hte: number): Record<string, number> {
  const s = gdp / 10_000;
  const employed = p.pop * 0.6 * (gdp / p.gdp);
  const rdExp = gdp * p.rdShare;
  const entRd = rdExp * j(0.8, 0.88);
  const asOut = gdp * j(1.4, 1.6);
  const asProfit = gdp * j(0.06, 0.09);
  const patents = Math.round(p.pop * (gdp / p.gdp) * p.patentsPer10k);
  const rdPers = Math.round(employed * 10_000 * j(0.018, 0.026));
  const natInc = Math.round(s * j(30, 45));
  return {
    GDP: gdp,
    POP_RESIDENT: p.pop * (gdp / p.gdp),
    RD_EXP: rdExp,
    PATENTS_INVENTION: patents,
    EMPLOYED: employed,
    LABOUR_FORCE: employed * 1.08,
    RD_PERSONNEL: rdPers,
    ENTERPRISE_RD_EXP: entRd,
    ENTERPRISE_RD_PERSONNEL: Math.round(rdPers * j(0.75, 0.85)),
    ABOVE_SCALE_INDUSTRY_OUTPUT: asOut,
    HT_INDUSTRY_OUTPUT: asOut * j(0.45, 0.55),
    ABOVE_SCALE_INDUSTRY_REVENUE: asOut * j(0.95, 1.0),
    ABOVE_SCALE_INDUSTRY_RD_EXP: entRd * j(0.7, 0.85),
    ABOVE_SCALE_INDUSTRY_PROFIT: asProfit,
    HTE_PROFIT: asProfit * j(0.45, 0.6),
    HV_PATENTS: Math.round(patents * j(0.3, 0.4)),
    ENTERPRISE_REVENUE: gdp * j(1.8, 2.2),
    AREA: p.area * (gdp / p.gdp),
    ST_SERVICES_REVENUE: gdp * j(0.05, 0.07),
    TECH_CONTRACT: gdp * j(0.04, 0.05),
    VC_UNDER_MANAGEMENT: gdp * j(0.02, 0.04),
    VC_INVESTMENT: gdp * j(0.004, 0.007),
    IUR_COOP_RD_EXP: rdExp * j(0.04, 0.06),
    NAT_KEY_LABS: Math.round(s * j(3, 6)),
    UNICORNS: Math.round(s * j(0.5, 1.5)),
    GAZELLES: Math.round(s * j(30, 45)),
    PROV_LITTLE_GIANTS: Math.round(s * j(50, 70)),
    NAT_LITTLE_GIANTS_CHAMPIONS: Math.round(s * j(4, 8)),
    NAT_CLUSTER_PILOTS: Math.round(s * j(0.8, 1.6)),
    NAT_INCUBATORS: natInc,
    INCUBATORS_ALL: Math.round(natInc * j(2.5, 3.5)),
    TECH_SMES: Math.round(s * j(3500, 4500)),
    LISTED_COMPANIES: Math.round(s * j(60, 100)),
    OVERSEAS_RD_INSTITUTES: Math.round(s * j(20, 40)),
    PCT_APPLICATIONS: Math.round(s * j(1200, 1800)),
    HTE_INCREASE: Math.round(hte * j(0.08, 0.15)),
    CORE_TECH_PROJECTS: Math.round(s * j(6, 10)),
    MAJOR_RESULTS_TRANSFERRED: Math.round(s * j(4, 7)),
    MAJOR_INNOVATION_PRODUCTS: Math.round(s * j(3, 6)),
    CROSS_BORDER_RD_PROJECTS: Math.round(s * j(5, 8)),
    HIGH_LEVEL_TALENT: Math.round(s * j(350, 500)),
    TOP_CATEGORY_PARKS: 0,
  };
}

/** Non-additive indicators: plausible bands. */
function nonAdditiveBands(j: Jitter): Record<string, number> {
  return {
    ST_PROGRESS_CONTRIB: j(63, 69),
    RD_EXP_GROWTH: j(5, 10),
    EMPLOYMENT_GROWTH: j(0.5, 4),
    REG_ENTERPRISE_GROWTH: j(5, 12),
    TAX_GROWTH: j(2, 9),
    AVG_WAGE: j(10, 14),
    LABOUR_PRODUCTIVITY: j(25, 35),
    FOREIGN_IP_PER_10K: j(5, 20),
    RETURNEE_FOREIGN_SHARE: j(0.5, 2),
    HT_REVENUE_SHARE: j(35, 55),
    IP_PER_10B_VALUE_ADDED: j(40, 90),
    NET_PROFIT_MARGIN: j(5, 9),
  };
}

function roundTo(indicator: Indicator, value: Decimal, mode: Decimal.Rounding): Decimal {
  return value.toDecimalPlaces(indicator.decimals, mode);
}

/** Ratios computed from the unit's own rounded components, so they agree by construction. */
function fillRatios(values: Values, unit: OrgUnit, catalogue: Catalogue): void {
  for (const ind of catalogue.indicators) {
    if (ind.aggregation.kind !== 'ratio' || !ind.levels.includes(unit.level)) continue;
    const n = values.get(ind.aggregation.numerator);
    const d = values.get(ind.aggregation.denominator);
    if (n === undefined || d === undefined || d.isZero()) continue;
    values.set(ind.code, roundTo(ind, n.div(d).times(ind.aggregation.scale), Decimal.ROUND_HALF_UP));
  }
}

const SYLLABLES = [
  '华',
  '芯',
  '智',
  '联',
  '创',
  '新',
  '源',
  '科',
  '睿',
  '达',
  '恒',
  '信',
  '博',
  '通',
  '微',
  '光',
  '海',
  '泰',
  '瑞',
  '鼎',
];
const TRADES = ['科技', '智能', '生物医药', '新材料', '电子', '软件', '精密机械', '光电', '半导体', '环保'];

function creditCode(rnd: () => number, cityCode: string, used: Set<string>): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  for (;;) {
    let body = `91${cityCode.slice(0, 4)}${String(Math.floor(rnd() * 100)).padStart(2, '0')}`;
    for (let i = 0; i < 9; i++) body += alphabet.charAt(Math.floor(rnd() * 31));
    const code = body + creditCodeCheckChar(body);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

/** Where a city's parks stand in the draws: their weights, the share of enterprises in parks. */
interface ParkDraw {
  readonly parks: readonly OrgUnit[];
  readonly weights: readonly number[];
  readonly weightSum: number;
  readonly inParks: number;
}

/** The park an enterprise is in, drawn by the parks' weights, or null for one outside every park. */
function drawPark(draw: ParkDraw, entRnd: () => number): string | null {
  let r = entRnd();
  if (r >= draw.inParks || draw.parks.length === 0) return null;
  r = (r / draw.inParks) * draw.weightSum;
  for (let k = 0; k < draw.parks.length; k++) {
    r -= draw.weights[k] ?? 0;
    if (r <= 0 || k === draw.parks.length - 1) return draw.parks[k]?.code ?? null;
  }
  return null;
}

/** The city's enterprise list of `hte` rows, and how many of them are in each park. */
function syntheticEnterprises(
  city: OrgUnit,
  period: Period,
  hte: number,
  draw: ParkDraw,
  entRnd: () => number,
): { enterprises: EnterpriseRow[]; perPark: Map<string, number> } {
  const used = new Set<string>();
  const enterprises: EnterpriseRow[] = [];
  const perPark = new Map<string, number>();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(entRnd() * xs.length)];
  for (let i = 0; i < hte; i++) {
    const park = drawPark(draw, entRnd);
    if (park) perPark.set(park, (perPark.get(park) ?? 0) + 1);
    const name = `${city.name.zh.replace(/市$/, '')}${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(TRADES)}有限公司`;
    enterprises.push({
      creditCode: creditCode(entRnd, city.code, used),
      name,
      park,
      certificateNo: `GR${period.year - Math.floor(entRnd() * 3)}32${String(Math.floor(entRnd() * 1e6)).padStart(6, '0')}`,
      certifiedYear: period.year - Math.floor(entRnd() * 3),
    });
  }
  return { enterprises, perPark };
}

/** The city's own figures, rounded, with its ratios computed from them. */
function cityFiguresOf(
  catalogue: Catalogue,
  city: OrgUnit,
  base: Record<string, number>,
  hte: number,
  parkCount: number,
): Values {
  const cityValues: Values = new Map();
  for (const [code, v] of Object.entries(base)) {
    const ind = findIndicator(catalogue, code);
    if (ind) cityValues.set(code, roundTo(ind, D(v), Decimal.ROUND_HALF_UP));
  }
  cityValues.set('HTE_COUNT', D(hte));
  cityValues.set('TOP_CATEGORY_PARKS', D(Math.min(parkCount, Math.round(parkCount * 0.8))));
  fillRatios(cityValues, city, catalogue);
  return cityValues;
}

/**
 * One park's figures: a share of the city's sums rounded down (so parks never exceed the city), its
 * own draws for means and reported figures, its enterprise count, and its ratios.
 */
function parkFiguresOf(
  catalogue: Catalogue,
  park: OrgUnit,
  wanted: ReadonlySet<string>,
  cityValues: Values,
  share: number,
  local: Record<string, number>,
  hteInPark: number,
): Values {
  const parkValues: Values = new Map();
  for (const code of wanted) {
    const ind = findIndicator(catalogue, code);
    if (!ind) continue;
    switch (ind.aggregation.kind) {
      case 'sum':
      case 'cumulative-sum': {
        const cityValue = cityValues.get(code);
        if (cityValue !== undefined)
          parkValues.set(code, roundTo(ind, cityValue.times(share), Decimal.ROUND_DOWN));
        break;
      }
      case 'weighted-mean':
      case 'reported': {
        const v = local[code];
        if (v !== undefined) parkValues.set(code, roundTo(ind, D(v), Decimal.ROUND_HALF_UP));
        break;
      }
      case 'ratio':
        break;
    }
  }
  parkValues.set('HTE_COUNT', D(hteInPark));
  // Keep parts ≤ whole inside the park after independent rounding.
  for (const part of ['UNICORNS', 'GAZELLES'] as const) {
    const p = parkValues.get(part);
    const w = parkValues.get('HTE_COUNT');
    if (p && w && p.gt(w)) parkValues.set(part, w);
  }
  fillRatios(parkValues, park, catalogue);
  return parkValues;
}

const DEFAULT_PROFILE: CityProfile = {
  gdp: 5000,
  pop: 300,
  rdShare: 0.025,
  patentsPer10k: 30,
  hte: 1000,
  area: 3000,
};

/**
 * A complete, rule-satisfying SYNTHETIC submission for one city and period: every template row
 * filled, parks below their city, and an enterprise list whose length matches the reported counts.
 */
export function syntheticSubmission(options: SyntheticOptions): Submission {
  const { catalogue, city, period } = options;
  const profile = PROFILES[city.code] ?? DEFAULT_PROFILE;
  // The period is not in the seed: the same draws every year, so a previous year made with a smaller
  // scale looks like the same city a year earlier (same enterprises, same mix), not a different city.
  const seed =
    (options.seed ?? 1) * 7919 + Number.parseInt(city.code.replace(/\D/g, '').slice(0, 6) || '0', 10);
  const rnd = prng(seed);
  // The enterprise list draws from its own stream, so its length does not shift the figures' draws.
  const entRnd = prng(seed + 104_729);
  const scale = options.scale ?? 1;
  const hte = options.enterprises ?? Math.round(profile.hte * scale);
  const parks = childrenOf(catalogue.orgUnits, city.code, period);

  // Enterprise list first: the city's and parks' HTE_COUNT are its counts.
  const weights = parks.map(() => 0.5 + rnd());
  const draw: ParkDraw = { parks, weights, weightSum: weights.reduce((a, b) => a + b, 0), inParks: 0.6 };
  const { enterprises, perPark } = syntheticEnterprises(city, period, hte, draw, entRnd);

  const out: Array<{ orgUnit: string; indicator: string; value: string }> = [];
  const rows = templateRows(catalogue, city, period);
  const wanted = (unit: OrgUnit) =>
    new Set(rows.filter((r) => r.orgUnit.code === unit.code).map((r) => r.indicator.code));
  const emit = (unit: OrgUnit, values: Values) => {
    for (const code of wanted(unit)) {
      const v = values.get(code);
      if (v !== undefined) out.push({ orgUnit: unit.code, indicator: code, value: v.toString() });
    }
  };

  const cityBase = baseAmounts(profile, profile.gdp * scale, rnd, hte);
  const cityValues = cityFiguresOf(catalogue, city, cityBase, hte, parks.length);
  emit(city, cityValues);
  parks.forEach((park, k) => {
    const share = (draw.inParks * (weights[k] ?? 1)) / draw.weightSum;
    const hteInPark = perPark.get(park.code) ?? 0;
    const local = baseAmounts(profile, profile.gdp * scale * share, rnd, hteInPark);
    emit(park, parkFiguresOf(catalogue, park, wanted(park), cityValues, share, local, hteInPark));
  });

  return {
    templateVersion: TEMPLATE_VERSION,
    catalogueVersion: catalogue.version,
    city: city.code,
    period: formatPeriod(period),
    values: out,
    enterprises,
  };
}
