import {
  type Catalogue,
  compareFindings,
  type Finding,
  formatPeriod,
  type LocalizedText,
  type OrgUnit,
  type Period,
  parsePeriod,
  type Submission,
  sunanCatalogue,
  unitsAt,
} from '@sunan/schema';
import { finding } from '@sunan/validate';
import { type ControlTotal, reconcile } from './controls.js';
import { duplicateEnterprises, suspectedSlips } from './cross-city.js';
import { Dec } from './decimal.js';
import { guardFinite } from './finite-guard.js';
import { type IndicatorFrame, indicatorOutcome, zoneValueOf } from './indicator-result.js';
import { parkFigures } from './parks.js';
import type { AggregateResult, IndicatorResult, ReconciliationRow } from './result.js';
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

/** The result's header, the same whether or not the period can be read. */
type Header = Pick<AggregateResult, 'schemaVersion' | 'period' | 'catalogue' | 'includeInvalid'>;

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

/** The whole result when the period itself cannot be read: one error, nothing rolled up. */
function badPeriodResult(header: Header, period: string): AggregateResult {
  const f = finding(
    'AGG_BAD_PERIOD',
    'error',
    { zh: `报告期格式错误：${period}`, en: `Not a period: ${period}` },
    { value: period, expected: '2022 / 2022Q3' },
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

/**
 * The previous period (for growth) and the earlier years (for cumulative sums over the plan's
 * periods) rolled up, each by indicator code; the previous period is one of the years.
 */
function earlierRollUps(
  options: AggregateOptions,
  catalogue: Catalogue,
  zone: string,
  period: Period,
  cities: readonly OrgUnit[],
): { previous: Map<string, Rolled> | undefined; yearly: Map<string, Map<string, Rolled>> } {
  const includeInvalid = options.includeInvalid ?? false;
  const byCode = (rolled: readonly Rolled[]) => new Map(rolled.map((r) => [r.indicator.code, r]));
  const prevPeriod = period.kind === 'year' ? String(period.year - 1) : undefined;
  const previous =
    options.previous && prevPeriod
      ? byCode(
          rollUp(catalogue, cities, submissionsOf(options.previous, prevPeriod, catalogue, includeInvalid)),
        )
      : undefined;
  const yearly = new Map<string, Map<string, Rolled>>();
  if (previous && prevPeriod) yearly.set(prevPeriod, previous);
  for (const h of options.history ?? []) {
    const hp = parsePeriod(h.period);
    if (!hp || yearly.has(h.period)) continue;
    const subs = submissionsOf(h.submissions, h.period, catalogue, includeInvalid);
    yearly.set(h.period, byCode(rollUp(catalogue, citiesOf(catalogue, zone, hp), subs)));
  }
  return { previous, yearly };
}

/** An error for each control total the computed figure cannot meet. */
function reconciliationFindings(reconciliation: readonly ReconciliationRow[]): Finding[] {
  return reconciliation
    .filter((row) => row.status === 'inconsistent')
    .map((row) =>
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
}

/** An error for each city with no usable submission. */
function missingCityFinding(c: OrgUnit): Finding {
  return finding(
    'AGG_CITY_MISSING',
    'error',
    {
      zh: `${c.name.zh}（${c.code}）没有可用的报表，全区合计为不完整数`,
      en: `${c.name.en} (${c.code}) has no usable submission; zone totals are partial`,
    },
    { orgUnit: c.code },
  );
}

/**
 * The files' own findings come along so the report lists every problem in one place — those of
 * the files used and of the files excluded (why they were excluded); a superseded revision's are
 * no longer anyone's concern.
 */
function fileFindings(inputs: readonly SubmissionInput[], selected: Selected, into: Finding[]): void {
  const excludedFiles = new Set(selected.sources.filter((s) => s.status === 'excluded').map((s) => s.file));
  const usedInputs = new Set([...selected.used.values()].map((u) => u.input));
  for (const input of inputs)
    if (excludedFiles.has(input.file) || usedInputs.has(input))
      for (const f of input.report.findings) into.push({ ...f, file: f.file ?? input.file });
}

/** Which files were chosen for the roll-up, and what became of each (see {@link selectSources}). */
type Selected = ReturnType<typeof selectSources>;

/** What the reader is told before the figures: cities missing, files not used, figures partial. */
function rollUpNotices(
  options: AggregateOptions,
  selected: Selected,
  missing: readonly OrgUnit[],
  indicators: readonly IndicatorResult[],
  suspectNotices: readonly LocalizedText[],
  periodId: string,
): LocalizedText[] {
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
  if ((options.includeInvalid ?? false) && selected.sources.some((s) => s.status === 'used-with-errors'))
    notices.push({
      zh: '按设置，含错误的报表也参与了汇总。',
      en: 'Files with errors were included, as requested.',
    });
  notices.push(...suspectNotices, ...fileNotices(options.submissions, selected, periodId));
  const partialCount = indicators.filter((i) => i.zone.status === 'partial').length;
  if (partialCount > 0)
    notices.push({
      zh: `${partialCount} 项指标的全区数为部分合计。`,
      en: `${partialCount} zone figures are partial.`,
    });
  return notices;
}

/** Notices about the files themselves: those that named no period, and those that carry no list. */
function fileNotices(
  inputs: readonly SubmissionInput[],
  selected: Selected,
  periodId: string,
): LocalizedText[] {
  const notices: LocalizedText[] = [];
  const assumed = selected.sources.filter((x) =>
    inputs.some((i) => i.file === x.file && i.report.findings.some((f) => f.code === 'META_PERIOD_ASSUMED')),
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
  return notices;
}

/** Every indicator's outcome, gathered: results, target figures, findings and notices, in catalogue order. */
function indicatorOutcomes(frame: IndicatorFrame, rolled: readonly Rolled[], findings: Finding[]) {
  const indicators: IndicatorResult[] = [];
  const figures = new Map<string, TargetFigure>();
  const cumulativeFigures = new Map<string, TargetFigure>();
  const suspectNotices: LocalizedText[] = [];
  for (const r of rolled) {
    const o = indicatorOutcome(frame, r);
    for (const f of o.findings) findings.push(f);
    if (o.cumulativeFigure) cumulativeFigures.set(r.indicator.code, o.cumulativeFigure);
    if (o.notice) suspectNotices.push(o.notice);
    figures.set(r.indicator.code, o.figure);
    indicators.push(o.result);
  }
  return { indicators, figures, cumulativeFigures, suspectNotices };
}

/**
 * The checks after the indicators, their findings added to `findings`: enterprises listed in two
 * cities, control totals the figures cannot meet, cities missing, and the files' own findings.
 */
function closingChecks(
  options: AggregateOptions,
  selected: Selected,
  rolled: readonly Rolled[],
  missing: readonly OrgUnit[],
  catalogue: Catalogue,
  zone: string,
  findings: Finding[],
): ReconciliationRow[] {
  // Loops, not push(...list): a spread of 10⁵+ items overflows the call stack.
  for (const f of duplicateEnterprises(selected.used, catalogue)) findings.push(f);
  const byCode = new Map(rolled.map((r) => [r.indicator.code, r]));
  const reconciliation = reconcile(options.controls ?? [], byCode, zone);
  for (const f of reconciliationFindings(reconciliation)) findings.push(f);
  for (const c of missing) findings.push(missingCityFinding(c));
  fileFindings(options.submissions, selected, findings);
  return reconciliation;
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
  const header: Header = {
    schemaVersion: '1',
    period: options.period,
    catalogue: { id: catalogue.id, version: catalogue.version },
    includeInvalid,
  };
  if (!period) return badPeriodResult(header, options.period);
  const periodId = formatPeriod(period);
  const cities = citiesOf(catalogue, zone, period);
  const selected = selectSources(options.submissions, periodId, catalogue, includeInvalid);
  const findings: Finding[] = [...selected.findings];
  const submissions = new Map([...selected.used].map(([c, u]) => [c, u.submission]));
  const zoneReported = new Map(Object.entries(options.zoneReported ?? {}).map(([k, v]) => [k, new Dec(v)]));
  const rolled = rollUp(catalogue, cities, submissions, zoneReported);
  // A total that would include a suspected unit slip is never published as complete.
  const slips = suspectedSlips(selected.used, catalogue);
  for (const f of slips.findings) findings.push(f);
  const { previous, yearly } = earlierRollUps(options, catalogue, zone, period, cities);
  const frame = {
    catalogue,
    zone,
    period,
    periodId,
    cities,
    submissions,
    previous,
    yearly,
    slips: slips.suspects,
  };
  const out = indicatorOutcomes(frame, rolled, findings);
  const missing = cities.filter((c) => !submissions.has(c.code));
  const reconciliation = closingChecks(options, selected, rolled, missing, catalogue, zone, findings);
  const notices = rollUpNotices(options, selected, missing, out.indicators, out.suspectNotices, periodId);
  const earlier = earlierFigures(yearly);
  const targets = targetProgress(catalogue, period, zone, out.figures, out.cumulativeFigures, earlier);
  const figuresOut = guardFinite({ indicators: out.indicators, reconciliation, targets }, '$');
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
