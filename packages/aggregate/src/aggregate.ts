import {
  aggregationInputs,
  type Catalogue,
  compareFindings,
  type Finding,
  finding,
  formatPeriod,
  type LocalizedText,
  type OrgUnit,
  type Period,
  parsePeriod,
  type Submission,
  sunanCatalogue,
  unitsAt,
} from '@sunan/schema';
import { type ControlTotal, reconcile } from './controls.js';
import { duplicateEnterprises, suspectedSlips } from './cross-city.js';
import { Dec, shownText, text } from './decimal.js';
import { guardFinite } from './finite-guard.js';
import {
  growthPercent,
  medianOf,
  OUTLIER_MIN_POINTS,
  ROBUST_Z_THRESHOLD,
  robustZ,
  SMALL_COUNT,
} from './growth.js';
import { parkFigures } from './parks.js';
import type { AggregateResult, IndicatorResult } from './result.js';
import { type Rolled, rollUp } from './roll-up.js';
import { selectSources } from './select-sources.js';
import type { SubmissionInput } from './source.js';
import { type EarlierFigures, type TargetFigure, targetProgress } from './targets.js';

/** Options of {@link aggregate}. */
export interface AggregateOptions {
  /** The period's validated files (any number per city: the latest revision is used). */
  readonly submissions: readonly SubmissionInput[];
  /** The period to aggregate: `2022` or `2022Q3`. */
  readonly period: string;
  /** Defaults to the built-in Sunan catalogue. */
  readonly catalogue?: Catalogue;
  /** The previous period's files, for year-on-year growth and outliers. */
  readonly previous?: readonly SubmissionInput[];
  /** Earlier periods' files, for cumulative targets (the previous period is taken from `previous`). */
  readonly history?: ReadonlyArray<{
    readonly period: string;
    readonly submissions: readonly SubmissionInput[];
  }>;
  /** Independent figures to reconcile against. */
  readonly controls?: readonly ControlTotal[];
  /** The zone's own figures for `reported` indicators (e.g. S&T progress contribution), by code. */
  readonly zoneReported?: Readonly<Record<string, string>>;
  /** Include files that have error findings (default false: they are excluded, and the output says so). */
  readonly includeInvalid?: boolean;
  /** The zone's org-unit code (default `SUNAN`). */
  readonly zone?: string;
}

const SHARE_DECIMALS = 2;

function zoneText(r: Rolled): string | null {
  const kind = r.indicator.aggregation.kind;
  // Sums are exact; computed ratios and means are shown at the indicator's declared precision.
  const d = r.indicator.valueType === 'count' ? 0 : r.indicator.decimals;
  return kind === 'ratio' || kind === 'weighted-mean'
    ? text(r.zone, r.indicator.decimals)
    : shownText(r.zone, d);
}

function zoneValueOf(r: Rolled): Dec | undefined {
  const t = zoneText(r);
  return t === null ? undefined : new Dec(t);
}

function submissionsOf(
  inputs: readonly SubmissionInput[],
  period: string,
  catalogue: Catalogue,
  includeInvalid: boolean,
): Map<string, Submission> {
  const { used } = selectSources(inputs, period, catalogue, includeInvalid);
  return new Map([...used].map(([city, u]) => [city, u.submission]));
}

function citiesOf(catalogue: Catalogue, zone: string, period: Period): OrgUnit[] {
  return unitsAt(catalogue.orgUnits, 'city', period).filter((c) => c.parent === zone);
}

/** The zone's figures of earlier years at their reported precision, for targets' baselines. */
function earlierFigures(yearly: ReadonlyMap<string, ReadonlyMap<string, Rolled>>): EarlierFigures {
  const out = new Map<string, Map<string, Dec>>();
  for (const [year, rolled] of yearly) {
    const m = new Map<string, Dec>();
    for (const [code, r] of rolled) {
      const v = zoneValueOf(r);
      if (v !== undefined && r.status === 'complete') m.set(code, v);
    }
    out.set(year, m);
  }
  return out;
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
    const name = catalogue.orgUnits.find((u) => u.code === city)?.name ?? { zh: city, en: city };
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

/**
 * The centre's roll-up of one period: parks → cities → zone by each indicator's rule, with
 * completeness (expected reporters from the registry), revisions, cross-city duplicates, control
 * totals, year-on-year growth and outliers, target progress and each city's share. Pure: the same
 * inputs give the same result, byte for byte once serialised.
 */
export function aggregate(options: AggregateOptions): AggregateResult {
  const catalogue = options.catalogue ?? sunanCatalogue();
  const zone = options.zone ?? 'SUNAN';
  const includeInvalid = options.includeInvalid ?? false;
  const period = parsePeriod(options.period);
  const header = {
    schemaVersion: '1' as const,
    period: options.period,
    catalogue: { id: catalogue.id, version: catalogue.version },
    includeInvalid,
  };
  if (!period) {
    const f = finding(
      'AGG_BAD_PERIOD',
      'error',
      { zh: `报告期格式错误：${options.period}`, en: `Not a period: ${options.period}` },
      { value: options.period, expected: '2022 / 2022Q3' },
    );
    return {
      ...header,
      complete: false,
      missing: [],
      notices: [f.message],
      sources: [],
      indicators: [],
      reconciliation: [],
      targets: [],
      findings: [f],
    };
  }
  const periodId = formatPeriod(period);
  const cities = citiesOf(catalogue, zone, period);
  const selected = selectSources(options.submissions, periodId, catalogue, includeInvalid);
  const findings: Finding[] = [...selected.findings];
  const submissions = new Map([...selected.used].map(([c, u]) => [c, u.submission]));
  const zoneReported = new Map(Object.entries(options.zoneReported ?? {}).map(([k, v]) => [k, new Dec(v)]));
  const rolled = rollUp(catalogue, cities, submissions, zoneReported);
  const byCode = new Map(rolled.map((r) => [r.indicator.code, r]));
  // A total that would include a suspected unit slip is never published as complete.
  const slips = suspectedSlips(selected.used, catalogue);
  for (const f of slips.findings) findings.push(f);
  const suspectNotices: LocalizedText[] = [];

  // Previous period: growth per city and for the zone.
  const prevPeriod = period.kind === 'year' ? String(period.year - 1) : undefined;
  const prevRolled =
    options.previous && prevPeriod
      ? new Map(
          rollUp(
            catalogue,
            cities,
            submissionsOf(options.previous, prevPeriod, catalogue, includeInvalid),
          ).map((r) => [r.indicator.code, r]),
        )
      : undefined;

  // Cumulative sums over the plan's periods, from history and the previous period.
  const yearly = new Map<string, Map<string, Rolled>>();
  if (prevRolled && prevPeriod) yearly.set(prevPeriod, prevRolled);
  for (const h of options.history ?? []) {
    const hp = parsePeriod(h.period);
    if (!hp || yearly.has(h.period)) continue;
    yearly.set(
      h.period,
      new Map(
        rollUp(
          catalogue,
          citiesOf(catalogue, zone, hp),
          submissionsOf(h.submissions, h.period, catalogue, includeInvalid),
        ).map((r) => [r.indicator.code, r]),
      ),
    );
  }

  const missing = cities.filter((c) => !submissions.has(c.code));
  const indicators: IndicatorResult[] = [];
  const figures = new Map<string, TargetFigure>();
  const cumulativeFigures = new Map<string, TargetFigure>();
  for (const r of rolled) {
    const ind = r.indicator;
    const additive = ind.aggregation.kind === 'sum' || ind.aggregation.kind === 'cumulative-sum';
    const zoneValue = zoneValueOf(r);
    const prev = prevRolled?.get(ind.code);
    const growths = new Map<string, Dec>();
    const cityOut: IndicatorResult['cities'] = {};
    // Growth of a percentage (a share, a growth rate) is not meaningful; its change is read directly.
    const grows = ind.valueType !== 'percent';
    for (const c of cities) {
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
      cityOut[c.code] = {
        value: shownText(v, ind.valueType === 'count' ? 0 : ind.decimals),
        share:
          additive && v !== undefined && zoneValue && !zoneValue.isZero()
            ? text(v.div(zoneValue).times(100), SHARE_DECIMALS)
            : null,
        growth: text(g, 2),
      };
    }
    const zoneGrowth = prev && grows ? growthPercent(zoneValue, zoneValueOf(prev)) : undefined;
    const med = medianOf(growths);
    // Five cities growing at nearly the same rate make the MAD tiny and every z huge; a city is an
    // outlier only when it is also materially apart from the others.
    for (const [city, z] of robustZ(growths))
      if (
        z.abs().gt(ROBUST_Z_THRESHOLD) &&
        med !== undefined &&
        (growths.get(city) ?? med).minus(med).abs().gt(OUTLIER_MIN_POINTS)
      )
        findings.push(
          finding(
            'AGG_GROWTH_OUTLIER',
            'warning',
            {
              zh: `${catalogue.orgUnits.find((u) => u.code === city)?.name.zh ?? city}${ind.name.zh}同比 ${text(growths.get(city), 1)}%，明显偏离其他城市（稳健 z = ${text(z, 1)}）`,
              en: `${ind.name.en} of ${catalogue.orgUnits.find((u) => u.code === city)?.name.en ?? city} grew ${text(growths.get(city), 1)}%, far from the other cities (robust z = ${text(z, 1)})`,
            },
            {
              orgUnit: city,
              indicator: ind.code,
              value: text(growths.get(city), 2) ?? undefined,
              expected: `|z| ≤ ${ROBUST_Z_THRESHOLD}`,
            },
          ),
        );
    if (zoneGrowth?.abs().gt(ind.yoyThresholdPercent))
      findings.push(
        finding(
          'AGG_ZONE_GROWTH',
          'warning',
          {
            zh: `全区${ind.name.zh}同比 ${text(zoneGrowth, 1)}%，超过 ±${ind.yoyThresholdPercent}%`,
            en: `Zone ${ind.name.en} changed ${text(zoneGrowth, 1)}%, beyond ±${ind.yoyThresholdPercent}%`,
          },
          {
            orgUnit: zone,
            indicator: ind.code,
            value: text(zoneGrowth, 2) ?? undefined,
          },
        ),
      );

    let cumulative: IndicatorResult['zone']['cumulative'] = null;
    if (ind.aggregation.kind === 'cumulative-sum' && period.kind === 'year') {
      const from = Number(ind.aggregation.from);
      let total = r.zone;
      const included: string[] = [periodId];
      const missingPeriods: string[] = [];
      let partial = r.status !== 'complete';
      for (let y = from; y < period.year; y++) {
        const h = yearly.get(String(y))?.get(ind.code);
        if (h?.zone === undefined) missingPeriods.push(String(y));
        else {
          total = (total ?? new Dec(0)).plus(h.zone);
          included.push(String(y));
          partial ||= h.status !== 'complete';
        }
      }
      included.sort();
      cumulative = {
        value: shownText(total, ind.valueType === 'count' ? 0 : ind.decimals),
        from: ind.aggregation.from,
        to: periodId,
        missingPeriods,
      };
      cumulativeFigures.set(ind.code, {
        value: total,
        status:
          total === undefined
            ? 'not-computable'
            : partial || missingPeriods.length > 0
              ? 'partial'
              : 'complete',
        cumulativePeriods: included,
        missingPeriods,
      });
    }
    const suspectCities = [ind.code, ...aggregationInputs(ind.aggregation)].flatMap((code) => [
      ...(slips.suspects.get(code) ?? []),
    ]);
    const status = suspectCities.length > 0 && r.status === 'complete' ? 'partial' : r.status;
    if (suspectCities.length > 0) {
      const names = [...new Set(suspectCities)].map(
        (c) => catalogue.orgUnits.find((u) => u.code === c)?.name ?? { zh: c, en: c },
      );
      suspectNotices.push({
        zh: `${ind.name.zh}：含${names.map((n) => n.zh).join('、')}疑似单位错误的数，全区数标为“部分”，不作为完整数发布。`,
        en: `${ind.name.en}: includes a suspected unit slip from ${names.map((n) => n.en).join(', ')}; the zone figure is marked partial.`,
      });
    }
    for (const blank of blanksBehind(
      ind.code,
      [ind.code, ...aggregationInputs(ind.aggregation)],
      r,
      submissions,
      catalogue,
    ))
      findings.push(blank);
    figures.set(ind.code, { value: zoneValue, status });
    indicators.push({
      code: ind.code,
      name: ind.name,
      unit: ind.unit,
      group: ind.group,
      aggregation: ind.aggregation.kind,
      zone: { value: zoneText(r), status, missingCities: [...r.missingCities], cumulative },
      zoneGrowth: text(zoneGrowth, 2),
      cities: cityOut,
    });
  }

  // Loops, not push(...list): a spread of 10⁵+ items overflows the call stack.
  for (const f of duplicateEnterprises(selected.used, catalogue)) findings.push(f);
  const reconciliation = reconcile(options.controls ?? [], byCode, zone);
  for (const row of reconciliation)
    if (row.status === 'inconsistent')
      findings.push(
        finding(
          'RECON_INCONSISTENT',
          'error',
          {
            zh: `${row.orgUnit} ${row.indicator}：计算值 ${row.computed} 与控制数 ${row.control} 不一致（差额 ${row.imbalance}）`,
            en: `${row.orgUnit} ${row.indicator}: computed ${row.computed} disagrees with the control total ${row.control} (imbalance ${row.imbalance})`,
          },
          {
            orgUnit: row.orgUnit,
            indicator: row.indicator,
            value: row.computed ?? undefined,
            expected: row.control ?? undefined,
          },
        ),
      );
  for (const c of missing)
    findings.push(
      finding(
        'AGG_CITY_MISSING',
        'error',
        {
          zh: `${c.name.zh}（${c.code}）没有可用的报表，全区合计为不完整数`,
          en: `${c.name.en} (${c.code}) has no usable submission; zone totals are partial`,
        },
        { orgUnit: c.code },
      ),
    );

  // The files' own findings come along so the report lists every problem in one place — those of
  // the files used and of the files excluded (why they were excluded); a superseded revision's are
  // no longer anyone's concern.
  const excludedFiles = new Set(selected.sources.filter((s) => s.status === 'excluded').map((s) => s.file));
  const usedInputs = new Set([...selected.used.values()].map((u) => u.input));
  for (const input of options.submissions)
    if (excludedFiles.has(input.file) || usedInputs.has(input))
      for (const f of input.report.findings) findings.push({ ...f, file: f.file ?? input.file });

  const notices: LocalizedText[] = [];
  if (missing.length > 0)
    notices.push({
      zh: `缺报：${missing.map((c) => c.name.zh).join('、')}。全区合计不完整，受影响的合计均标为“部分”。`,
      en: `Missing: ${missing.map((c) => c.name.en).join(', ')}. Zone totals are incomplete; affected totals are marked partial.`,
    });
  for (const s of selected.sources.filter((x) => x.status === 'excluded'))
    notices.push({
      zh: `未采用：${s.file}（${s.reason?.zh ?? ''}）`,
      en: `Not used: ${s.file} (${s.reason?.en ?? ''})`,
    });
  if (includeInvalid && selected.sources.some((s) => s.status === 'used-with-errors'))
    notices.push({
      zh: '按设置，含错误的报表也参与了汇总。',
      en: 'Files with errors were included, as requested.',
    });
  notices.push(...suspectNotices);
  const assumed = selected.sources.filter((x) =>
    options.submissions.some(
      (i) => i.file === x.file && i.report.findings.some((f) => f.code === 'META_PERIOD_ASSUMED'),
    ),
  );
  if (assumed.length > 0)
    notices.push({
      zh: `${assumed.map((x) => x.file).join('、')} 未注明报告期，按 ${periodId} 处理。`,
      en: `${assumed.map((x) => x.file).join(', ')} name no period; taken as ${periodId}.`,
    });
  const noList = [...selected.used.values()].filter((u) =>
    u.input.report.findings.some((f) => f.code === 'ENT_LIST_NOT_IN_FILE'),
  );
  if (noList.length > 0)
    notices.push({
      zh: `${noList.map((u) => u.input.file).join('、')} 不含高新技术企业名单：其名单核对（含跨市重复）未做。`,
      en: `${noList.map((u) => u.input.file).join(', ')} carry no enterprise list: their list checks (cross-city duplicates included) were not made.`,
    });
  const partialCount = indicators.filter((i) => i.zone.status === 'partial').length;
  if (partialCount > 0)
    notices.push({
      zh: `${partialCount} 项指标的全区数为部分合计。`,
      en: `${partialCount} zone figures are partial.`,
    });

  const figuresOut = guardFinite(
    {
      indicators,
      reconciliation,
      targets: targetProgress(catalogue, period, zone, figures, cumulativeFigures, earlierFigures(yearly)),
    },
    '$',
  );
  for (const f of figuresOut.findings) findings.push(f);
  findings.sort(compareFindings);
  return {
    ...header,
    period: periodId,
    complete: missing.length === 0,
    missing: missing.map((c) => ({ code: c.code, name: c.name })),
    notices,
    sources: selected.sources,
    ...figuresOut.value,
    findings,
    parks: parkFigures(catalogue, cities, submissions, rolled, period),
  };
}
