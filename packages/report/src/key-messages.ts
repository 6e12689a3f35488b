import type { AggregateResult, IndicatorResult, TargetProgress } from '@sunan/aggregate';
import { type Catalogue, findIndicator, findOrgUnit, type LocalizedText } from '@sunan/schema';
import { formatNumber, formatPercent } from './format-number.js';
import { CONTRIBUTION_HEADLINES, TREND_INDICATORS } from './headlines.js';
import { TARGET_STATUS_LABEL } from './labels.js';
import { trendsOf } from './trends.js';

/** One key message (要点): a sentence in both languages and the section whose figures it sums up. */
export interface KeyMessage extends LocalizedText {
  /** The id of the report section it is drawn from (for a link and for tracing). */
  readonly ref: 'completeness' | 'targets' | 'contrib' | 'all' | 'trends' | 'recon' | 'findings' | 'parks';
}

type Names = { zh: (code: string) => string; en: (code: string) => string };

function namesOf(catalogue: Catalogue): Names {
  const unit = (code: string) => findOrgUnit(catalogue, code)?.name;
  return { zh: (c) => unit(c)?.zh ?? c, en: (c) => unit(c)?.en ?? c };
}

const STATUS_ORDER: ReadonlyArray<TargetProgress['status']> = [
  'met',
  'on-track',
  'behind',
  'not-met',
  'incomplete',
  'no-data',
];

function countByStatus(list: readonly TargetProgress[], lang: 'zh' | 'en'): string {
  return STATUS_ORDER.map((s) => [s, list.filter((t) => t.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) =>
      lang === 'zh' ? `${TARGET_STATUS_LABEL[s].zh} ${n} 项` : `${n} ${TARGET_STATUS_LABEL[s].en}`,
    )
    .join(lang === 'zh' ? '，' : ', ');
}

function completeness(result: AggregateResult): KeyMessage {
  if (result.complete) {
    const excluded = result.sources.filter((s) => s.status === 'excluded').length;
    return {
      ref: 'completeness',
      zh: `五市报表齐全，全区数为完整合计${excluded > 0 ? `；另有 ${excluded} 份含错误的报表未采用` : ''}。`,
      en: `All five cities reported; zone totals are complete${excluded > 0 ? `; ${excluded} file(s) with errors were not used` : ''}.`,
    };
  }
  return {
    ref: 'completeness',
    zh: `数据不完整：缺报 ${result.missing.map((m) => m.name.zh).join('、')}，标“部分”的全区数不能当作全区数引用。`,
    en: `Incomplete: ${result.missing.map((m) => m.name.en).join(', ')} missing; totals marked partial are not zone totals.`,
  };
}

function targets(result: AggregateResult): KeyMessage[] {
  const own = result.targets.filter((t) => !t.reference);
  const refs = result.targets.filter((t) => t.reference);
  const out: KeyMessage[] = [];
  if (own.length > 0)
    out.push({
      ref: 'targets',
      zh: `示范区目标 ${own.length} 项：${countByStatus(own, 'zh')}。`,
      en: `${own.length} zone targets: ${countByStatus(own, 'en')}.`,
    });
  if (refs.length > 0) {
    const year = refs[0]?.targetPeriod ?? '';
    out.push({
      ref: 'targets',
      zh: `对照全省${year ? ` ${year} 年` : ''}目标（参照）${refs.length} 项：${countByStatus(refs, 'zh')}。`,
      en: `${refs.length} province targets${year ? ` for ${year}` : ''} (reference): ${countByStatus(refs, 'en')}.`,
    });
  }
  return out;
}

function contributions(result: AggregateResult, names: Names): KeyMessage | undefined {
  const parts = CONTRIBUTION_HEADLINES.map((code) => result.indicators.find((i) => i.code === code))
    .filter((i): i is IndicatorResult => i !== undefined && i.zone.value !== null)
    .map((i) => {
      const shares = Object.entries(i.cities)
        .filter(([, v]) => v.share !== null)
        .sort((a, b) => Number(b[1].share) - Number(a[1].share));
      const top = shares[0];
      const bottom = shares[shares.length - 1];
      if (!top || !bottom || top === bottom) return undefined;
      return {
        zh: `${i.name.zh}${names.zh(top[0])}贡献最多（${formatPercent(top[1].share)}），${names.zh(bottom[0])}最少（${formatPercent(bottom[1].share)}）`,
        en: `${i.name.en}: ${names.en(top[0])} contributes most (${formatPercent(top[1].share)}), ${names.en(bottom[0])} least (${formatPercent(bottom[1].share)})`,
      };
    })
    .filter((p) => p !== undefined);
  if (parts.length === 0) return undefined;
  return {
    ref: 'contrib',
    zh: `${parts.map((p) => p.zh).join('；')}。`,
    en: `${parts.map((p) => p.en).join('; ')}.`,
  };
}

function movers(result: AggregateResult): KeyMessage | undefined {
  const grown = result.indicators
    .filter((i) => i.zoneGrowth !== null && i.zone.status === 'complete')
    .sort((a, b) => Number(b.zoneGrowth) - Number(a.zoneGrowth));
  if (grown.length === 0) return undefined;
  // Changes that round to 0.0 % are not movers.
  const up = grown.slice(0, 2).filter((i) => Number(i.zoneGrowth) >= 0.05);
  const down = grown
    .slice(-2)
    .reverse()
    .filter((i) => Number(i.zoneGrowth) <= -0.05 && !up.includes(i));
  const list = (l: IndicatorResult[], lang: 'zh' | 'en') =>
    l
      .map((i) => `${lang === 'zh' ? i.name.zh : i.name.en} ${formatPercent(i.zoneGrowth, true)}`)
      .join(lang === 'zh' ? '、' : ', ');
  const zh = [
    up.length > 0 ? `同比增幅最大：${list(up, 'zh')}` : '',
    down.length > 0 ? `降幅最大：${list(down, 'zh')}` : '',
  ]
    .filter(Boolean)
    .join('；');
  const en = [
    up.length > 0 ? `largest rises: ${list(up, 'en')}` : '',
    down.length > 0 ? `largest falls: ${list(down, 'en')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return zh ? { ref: 'all', zh: `${zh}。`, en: `${en.charAt(0).toUpperCase()}${en.slice(1)}.` } : undefined;
}

function trend(
  result: AggregateResult,
  history: readonly AggregateResult[],
  catalogue: Catalogue,
): KeyMessage | undefined {
  const list = trendsOf(result, history, TREND_INDICATORS).slice(0, 3);
  const parts = list
    .map((t) => {
      const ind = findIndicator(catalogue, t.indicator);
      const first = t.zone[0];
      const last = t.zone[t.zone.length - 1];
      if (!ind || first === null || first === undefined || last === null || last === undefined)
        return undefined;
      const f = (v: string) => `${formatNumber(v, ind.decimals)} ${ind.unit}`;
      return {
        zh: `${ind.name.zh}由 ${f(first)} 到 ${f(last)}`,
        en: `${ind.name.en} from ${f(first)} to ${f(last)}`,
      };
    })
    .filter((p) => p !== undefined);
  const span = list[0] ? `${list[0].periods[0]}–${list[0].periods[list[0].periods.length - 1]}` : '';
  if (parts.length === 0) return undefined;
  return {
    ref: 'trends',
    zh: `${span} 年全区：${parts.map((p) => p.zh).join('；')}。`,
    en: `Zone ${span}: ${parts.map((p) => p.en).join('; ')}.`,
  };
}

function reconciliation(result: AggregateResult, catalogue: Catalogue, names: Names): KeyMessage | undefined {
  const rec = result.reconciliation;
  if (rec.length === 0) return undefined;
  const bad = rec.filter((r) => r.status === 'inconsistent');
  const which = (lang: 'zh' | 'en') =>
    bad
      .map((r) => {
        const ind = findIndicator(catalogue, r.indicator);
        const zone = r.orgUnit === 'SUNAN';
        const unit =
          lang === 'zh' ? (zone ? '全区' : names.zh(r.orgUnit)) : zone ? 'zone' : names.en(r.orgUnit);
        const name = lang === 'zh' ? (ind?.name.zh ?? r.indicator) : (ind?.name.en ?? r.indicator);
        return `${unit}${lang === 'zh' ? '' : ' '}${name} ${formatNumber(r.imbalance, ind?.decimals ?? 2)}${ind ? ` ${ind.unit}` : ''}`;
      })
      .join(lang === 'zh' ? '、' : ', ');
  return {
    ref: 'recon',
    zh: `控制数核对 ${rec.length} 项：${bad.length === 0 ? '全部一致' : `${bad.length} 项不一致（差额 ${which('zh')}），须在发布前查明`}。`,
    en: `${rec.length} control totals: ${bad.length === 0 ? 'all consistent' : `${bad.length} inconsistent (imbalance ${which('en')}) — resolve before publishing`}.`,
  };
}

function findings(result: AggregateResult): KeyMessage {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  return {
    ref: 'findings',
    zh: `报表与汇总问题：错误 ${errors} 个，警告 ${warnings} 个。`,
    en: `Findings: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
  };
}

function parks(result: AggregateResult, names: Names): KeyMessage | undefined {
  const list = (result.parks ?? [])
    .map((p) => ({ p, share: p.values.HTE_COUNT?.shareOfCity ?? null }))
    .filter((x): x is { p: (typeof x)['p']; share: string } => x.share !== null)
    .sort((a, b) => Number(b.share) - Number(a.share));
  const top = list[0];
  if (!top) return undefined;
  return {
    ref: 'parks',
    zh: `${list.length} 个国家高新区中，${top.p.name.zh}的高新技术企业占${names.zh(top.p.city)}的 ${formatPercent(top.share)}，为各园区占本市比重最高。`,
    en: `Of ${list.length} national high-tech parks, ${top.p.name.en} holds ${formatPercent(top.share)} of ${names.en(top.p.city)}'s high-tech enterprises, the largest share of its city.`,
  };
}

/**
 * The key messages (要点) at the top of the reports, generated from the result (and earlier
 * results, for trends): completeness; how many targets are met, on track or behind; the largest
 * movers; which city contributes most and least to the headline totals; the parks; reconciliation
 * and findings. Each names the section whose figures it sums up.
 */
export function keyMessages(
  result: AggregateResult,
  catalogue: Catalogue,
  history: readonly AggregateResult[] = [],
): KeyMessage[] {
  const names = namesOf(catalogue);
  return [
    completeness(result),
    ...targets(result),
    trend(result, history, catalogue),
    movers(result),
    contributions(result, names),
    parks(result, names),
    reconciliation(result, catalogue, names),
    findings(result),
  ].filter((m): m is KeyMessage => m !== undefined);
}
