import type { TargetProgress } from '@sunan/aggregate';
import { type Catalogue, findIndicator } from '@sunan/schema';
import { formatNumber } from './format-number.js';

/** The path rule, printed wherever targets for a later year are judged. */
export const PATH_RULE = {
  zh: '进度判断：目标年未到的目标，按基期值到目标值的直线路径判断——第 t 年应达值 = 基期值 +（目标值 − 基期值）×（t − 基期年）÷（目标年 − 基期年），达到或超过为“按进度”，否则为“落后于进度”。基期取规划所给（如省“十四五”规划的 2020 年值）；规划未给出时取本区最早一期实际值；累计目标自 0 起算。当期已达到目标值的也为“按进度”。数据不全而未达到的，为“无法判断”，不称“未达成”。',
  en: 'Targets for a later year are judged on the straight line from the baseline to the target: expected in year t = baseline + (target − baseline) × (t − base year) / (target year − base year); at or beyond it is “on track”, short of it “behind”. The baseline is the plan’s own (the province’s 2020 figures); failing that, the zone’s earliest figure; cumulative targets start from 0. A figure already at the target is on track. A partial figure that falls short “cannot be judged”, never “missed”.',
} as const;

/** The declared precision of an indicator (2 when unknown). */
export function decimalsOf(catalogue: Catalogue, code: string): number {
  return findIndicator(catalogue, code)?.decimals ?? 2;
}

/** 差距 in words: "尚差 x" while short of the target, "超出 x" beyond it, "恰好达到" at it. */
export function gapText(t: TargetProgress, decimals: number): string {
  if (t.gap === null) return '—';
  const g = Number(t.gap);
  const abs = formatNumber(t.gap.replace(/^-/, ''), decimals);
  if (g === 0) return '恰好达到';
  if (t.comparator === 'at-most') return g > 0 ? `超出上限 ${abs}` : `低于上限 ${abs}`;
  return g > 0 ? `尚差 ${abs}` : `超出 ${abs}`;
}

/** The same in English. */
export function gapTextEn(t: TargetProgress, decimals: number): string {
  if (t.gap === null) return '—';
  const g = Number(t.gap);
  const abs = formatNumber(t.gap.replace(/^-/, ''), decimals);
  if (g === 0) return 'exactly met';
  if (t.comparator === 'at-most') return g > 0 ? `${abs} over the cap` : `${abs} under the cap`;
  return g > 0 ? `${abs} to go` : `${abs} beyond`;
}

const years = (list: readonly string[]) => `${list.join('、')} 年`;

/**
 * What a target's figure is made of, in words: the running sum's periods, the periods still to
 * come and those missing; the path's expected value; why a figure is partial.
 */
export function targetNote(t: TargetProgress, catalogue: Catalogue): string {
  const decimals = decimalsOf(catalogue, t.indicator);
  const parts: string[] = [];
  const c = t.cumulative;
  if (c) {
    parts.push(`${c.from}–${c.to} 年累计，已计入 ${years(c.periods)}`);
    if (c.missingPeriods && c.missingPeriods.length > 0) parts.push(`缺 ${years(c.missingPeriods)}数据`);
    if (c.remainingPeriods && c.remainingPeriods.length > 0)
      parts.push(`尚有 ${years(c.remainingPeriods)}待报`);
  }
  const tr = t.trajectory;
  if (tr) {
    const from =
      tr.baselineSource === 'plan'
        ? `规划基期 ${tr.baselinePeriod} 年 ${formatNumber(tr.baselineValue, decimals)}`
        : tr.baselineSource === 'zone'
          ? `本区 ${tr.baselinePeriod} 年实际 ${formatNumber(tr.baselineValue, decimals)}`
          : `${Number(tr.baselinePeriod) + 1} 年起自 0 累计`;
    parts.push(
      `按直线路径本期应达 ${formatNumber(tr.expected, decimals)}（${from} → ${t.targetPeriod} 年 ${formatNumber(t.target, decimals)}）`,
    );
  } else if (t.trajectory === null) parts.push('无基期，无法画出进度路径');
  if (t.valueStatus === 'partial' && !(c?.missingPeriods && c.missingPeriods.length > 0))
    parts.push('有城市缺报，为部分合计');
  if (t.valueStatus === 'not-reported') parts.push('全区数未直报');
  return parts.join('；');
}

/** CSS class of a target status. */
export function statusClass(status: TargetProgress['status']): string {
  switch (status) {
    case 'met':
    case 'on-track':
      return 'good';
    case 'not-met':
    case 'behind':
      return 'bad';
    case 'incomplete':
    case 'no-data':
      return 'unknown';
  }
}
