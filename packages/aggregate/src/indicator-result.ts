import {
  aggregationInputs,
  type Catalogue,
  type Finding,
  type Indicator,
  type LocalizedText,
  type OrgUnit,
  orgUnitName,
  type Period,
  type Submission,
} from '@sunan/schema';
import { finding } from '@sunan/validate';
import { Dec, shownText, text } from './decimal.js';
import {
  growthPercent,
  medianOf,
  OUTLIER_MIN_POINTS,
  ROBUST_Z_THRESHOLD,
  robustZ,
  SMALL_COUNT,
} from './growth.js';
import type { IndicatorResult, ValueStatus } from './result.js';
import type { Rolled } from './roll-up.js';
import type { TargetFigure } from './targets.js';

const SHARE_DECIMALS = 2;

/** What every indicator of one roll-up is measured against: the period, its cities and earlier years. */
export interface IndicatorFrame {
  readonly catalogue: Catalogue;
  readonly zone: string;
  readonly period: Period;
  readonly periodId: string;
  readonly cities: readonly OrgUnit[];
  readonly submissions: ReadonlyMap<string, Submission>;
  /** The previous period rolled up, by indicator code, when it was given. */
  readonly previous: ReadonlyMap<string, Rolled> | undefined;
  /** Earlier years rolled up (the previous period among them), by year and indicator code. */
  readonly yearly: ReadonlyMap<string, ReadonlyMap<string, Rolled>>;
  /** Suspected unit slips, by indicator code → cities. */
  readonly slips: ReadonlyMap<string, ReadonlySet<string>>;
}

/** One indicator's part of the roll-up: its result, the figures targets read, findings and a notice. */
export interface IndicatorOutcome {
  readonly result: IndicatorResult;
  readonly figure: TargetFigure;
  readonly cumulativeFigure: TargetFigure | undefined;
  readonly findings: readonly Finding[];
  readonly notice: LocalizedText | undefined;
}

/** The zone figure as shown: sums exact, computed ratios and means at the indicator's declared precision. */
export function zoneText(r: Rolled): string | null {
  const kind = r.indicator.aggregation.kind;
  const d = r.indicator.valueType === 'count' ? 0 : r.indicator.decimals;
  return kind === 'ratio' || kind === 'weighted-mean'
    ? text(r.zone, r.indicator.decimals)
    : shownText(r.zone, d);
}

/** The zone figure as shown, as a decimal (undefined when there is none). */
export function zoneValueOf(r: Rolled): Dec | undefined {
  const t = zoneText(r);
  return t === null ? undefined : new Dec(t);
}

/** The figure of one indicator across the zone and its cities, with what it yields for targets and the report. */
export function indicatorOutcome(frame: IndicatorFrame, r: Rolled): IndicatorOutcome {
  const ind = r.indicator;
  const zoneValue = zoneValueOf(r);
  const prev = frame.previous?.get(ind.code);
  // Growth of a percentage (a share, a growth rate) is not meaningful; its change is read directly.
  const grows = ind.valueType !== 'percent';
  const { cities, growths } = cityResults(frame, r, zoneValue, prev, grows);
  const zoneGrowth = prev && grows ? growthPercent(zoneValue, zoneValueOf(prev)) : undefined;
  const findings: Finding[] = growthOutliers(frame.catalogue, ind, growths);
  if (zoneGrowth?.abs().gt(ind.yoyThresholdPercent))
    findings.push(zoneGrowthFinding(frame.zone, ind, zoneGrowth));
  const cumulative = cumulativeOf(frame, r);
  const suspect = suspectNotice(frame, r);
  const inputs = [ind.code, ...aggregationInputs(ind.aggregation)];
  for (const blank of blanksBehind(ind.code, inputs, r, frame.submissions, frame.catalogue))
    findings.push(blank);
  return {
    result: {
      code: ind.code,
      name: ind.name,
      unit: ind.unit,
      group: ind.group,
      aggregation: ind.aggregation.kind,
      zone: {
        value: zoneText(r),
        status: suspect.status,
        missingCities: [...r.missingCities],
        cumulative: cumulative?.shown ?? null,
      },
      zoneGrowth: text(zoneGrowth, 2),
      cities,
    },
    figure: { value: zoneValue, status: suspect.status },
    cumulativeFigure: cumulative?.figure,
    findings,
    notice: suspect.notice,
  };
}

/** Each city's figure, share of the zone and growth, and the growths that take part in the outlier test. */
function cityResults(
  frame: IndicatorFrame,
  r: Rolled,
  zoneValue: Dec | undefined,
  prev: Rolled | undefined,
  grows: boolean,
): { cities: IndicatorResult['cities']; growths: Map<string, Dec> } {
  const ind = r.indicator;
  const additive = ind.aggregation.kind === 'sum' || ind.aggregation.kind === 'cumulative-sum';
  const growths = new Map<string, Dec>();
  const cities: IndicatorResult['cities'] = {};
  for (const c of frame.cities) {
    const v = r.cityValues.get(c.code);
    const before = prev?.cityValues.get(c.code);
    const g = grows ? growthPercent(v, before) : undefined;
    // Small counts move by whole units (3 → 4 is +33 %): they take no part in the outlier test.
    const small =
      ind.valueType === 'count' &&
      v !== undefined &&
      before !== undefined &&
      Dec.max(v.abs(), before.abs()).lt(SMALL_COUNT);
    if (g && !small) growths.set(c.code, g);
    cities[c.code] = {
      value: shownText(v, ind.valueType === 'count' ? 0 : ind.decimals),
      share:
        additive && v !== undefined && zoneValue && !zoneValue.isZero()
          ? text(v.div(zoneValue).times(100), SHARE_DECIMALS)
          : null,
      growth: text(g, 2),
    };
  }
  return { cities, growths };
}

/**
 * Cities whose growth is far from the others'. Five cities growing at nearly the same rate make the
 * MAD tiny and every z huge; a city is an outlier only when it is also materially apart from the others.
 */
function growthOutliers(catalogue: Catalogue, ind: Indicator, growths: ReadonlyMap<string, Dec>): Finding[] {
  const med = medianOf(growths);
  const out: Finding[] = [];
  for (const [city, z] of robustZ(growths)) {
    if (
      !z.abs().gt(ROBUST_Z_THRESHOLD) ||
      med === undefined ||
      !(growths.get(city) ?? med).minus(med).abs().gt(OUTLIER_MIN_POINTS)
    )
      continue;
    const name = orgUnitName(catalogue, city);
    out.push(
      finding(
        'AGG_GROWTH_OUTLIER',
        'warning',
        {
          zh: `${name.zh}${ind.name.zh}同比 ${text(growths.get(city), 1)}%，明显偏离其他城市（稳健 z = ${text(z, 1)}）`,
          en: `${ind.name.en} of ${name.en} grew ${text(growths.get(city), 1)}%, far from the other cities (robust z = ${text(z, 1)})`,
        },
        {
          orgUnit: city,
          indicator: ind.code,
          value: text(growths.get(city), 2) ?? undefined,
          expected: `|z| ≤ ${ROBUST_Z_THRESHOLD}`,
        },
      ),
    );
  }
  return out;
}

/** The zone's growth beyond the indicator's year-on-year threshold. */
function zoneGrowthFinding(zone: string, ind: Indicator, zoneGrowth: Dec): Finding {
  return finding(
    'AGG_ZONE_GROWTH',
    'warning',
    {
      zh: `全区${ind.name.zh}同比 ${text(zoneGrowth, 1)}%，超过 ±${ind.yoyThresholdPercent}%`,
      en: `Zone ${ind.name.en} changed ${text(zoneGrowth, 1)}%, beyond ±${ind.yoyThresholdPercent}%`,
    },
    { orgUnit: zone, indicator: ind.code, value: text(zoneGrowth, 2) ?? undefined },
  );
}

/** A cumulative-sum indicator's running total over the plan's years, as shown and as targets read it. */
function cumulativeOf(
  frame: IndicatorFrame,
  r: Rolled,
): { shown: NonNullable<IndicatorResult['zone']['cumulative']>; figure: TargetFigure } | undefined {
  const ind = r.indicator;
  if (ind.aggregation.kind !== 'cumulative-sum' || frame.period.kind !== 'year') return undefined;
  let total = r.zone;
  const included: string[] = [frame.periodId];
  const missingPeriods: string[] = [];
  let partial = r.status !== 'complete';
  for (let y = Number(ind.aggregation.from); y < frame.period.year; y++) {
    const h = frame.yearly.get(String(y))?.get(ind.code);
    if (h?.zone === undefined) missingPeriods.push(String(y));
    else {
      total = (total ?? new Dec(0)).plus(h.zone);
      included.push(String(y));
      partial ||= h.status !== 'complete';
    }
  }
  included.sort();
  const status: ValueStatus =
    total === undefined ? 'not-computable' : partial || missingPeriods.length > 0 ? 'partial' : 'complete';
  return {
    shown: {
      value: shownText(total, ind.valueType === 'count' ? 0 : ind.decimals),
      from: ind.aggregation.from,
      to: frame.periodId,
      missingPeriods,
    },
    figure: { value: total, status, cumulativePeriods: included, missingPeriods },
  };
}

/** A total that would include a suspected unit slip is never published as complete: its status, and why. */
function suspectNotice(frame: IndicatorFrame, r: Rolled): { status: ValueStatus; notice?: LocalizedText } {
  const ind = r.indicator;
  const suspectCities = [ind.code, ...aggregationInputs(ind.aggregation)].flatMap((code) => [
    ...(frame.slips.get(code) ?? []),
  ]);
  if (suspectCities.length === 0) return { status: r.status };
  const status = r.status === 'complete' ? 'partial' : r.status;
  const names = [...new Set(suspectCities)].map((c) => orgUnitName(frame.catalogue, c));
  return {
    status,
    notice: {
      zh: `${ind.name.zh}：含${names.map((n) => n.zh).join('、')}疑似单位错误的数，全区数标为“部分”，不作为完整数发布。`,
      en: `${ind.name.en}: includes a suspected unit slip from ${names.map((n) => n.en).join(', ')}; the zone figure is marked partial.`,
    },
  };
}

/**
 * Cities whose figure is missing because the office left it blank as the catalogue permits, each a
 * finding naming the city and the reason it gave: the zone figure is partial, and now says why.
 */
function blanksBehind(
  code: string,
  inputs: readonly string[],
  r: Rolled,
  submissions: ReadonlyMap<string, Submission>,
  catalogue: Catalogue,
): Finding[] {
  const out: Finding[] = [];
  for (const city of r.missingCities) {
    const blank = submissions
      .get(city)
      ?.values.find((v) => v.orgUnit === city && inputs.includes(v.indicator) && v.value === null && v.note);
    if (!blank?.note) continue;
    const name = orgUnitName(catalogue, city);
    out.push(
      finding(
        'AGG_BLANK_WITH_REASON',
        'info',
        {
          zh: `${name.zh}未填${r.indicator.name.zh}${blank.indicator === code ? '' : `（缺 ${blank.indicator}）`}，原因：${blank.note}；全区数为部分合计`,
          en: `${name.en} left ${r.indicator.name.en} blank${blank.indicator === code ? '' : ` (no ${blank.indicator})`}, reason: ${blank.note}; the zone figure is partial`,
        },
        { orgUnit: city, indicator: code, value: blank.note },
      ),
    );
  }
  return out;
}
