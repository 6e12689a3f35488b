import type { AggregateResult } from '@sunan/aggregate';
import { type Catalogue, sunanCatalogue } from '@sunan/schema';
import { formatNumber } from './format-number.js';
import { keyMessages } from './key-messages.js';
import { STATUS_LABEL, TARGET_STATUS_LABEL } from './labels.js';
import { decimalsOf, gapText, gapTextEn, PATH_RULE } from './target-text.js';

/** Language of terminal text. */
export type Lang = 'zh' | 'en';

/** Options of {@link formatSummary}. */
export interface SummaryOptions {
  readonly catalogue?: Catalogue;
  /** Earlier periods' results, for the trend key message. */
  readonly history?: readonly AggregateResult[];
}

/** One target's line: a 20-cell bar, the percent reached, the figure against the target, the status and gap. */
function targetLine(t: AggregateResult['targets'][number], catalogue: Catalogue, zh: boolean): string {
  const pct = t.achievedPercent === null ? '   —  ' : `${t.achievedPercent.padStart(6)}%`;
  const filled = Math.max(0, Math.min(20, Math.round(Number(t.achievedPercent ?? 0) / 5)));
  const bar = `${'█'.repeat(filled)}${'░'.repeat(20 - filled)}`;
  const name = zh ? t.name.zh : t.name.en;
  const d = decimalsOf(catalogue, t.indicator);
  const flag = t.valueStatus === 'partial' ? (zh ? ' (部分)' : ' (partial)') : '';
  const gap = zh ? gapText(t, d) : gapTextEn(t, d);
  const path = t.trajectory
    ? zh
      ? `，本期应达 ${formatNumber(t.trajectory.expected, d)}`
      : `, path ${formatNumber(t.trajectory.expected, d)}`
    : '';
  return `  ${bar} ${pct}  ${name}${t.reference ? (zh ? `［省 ${t.targetPeriod} 目标参照］` : ` [province ${t.targetPeriod} ref.]`) : ''}: ${formatNumber(t.value, d)} / ${t.approximate ? '≈' : ''}${formatNumber(t.target, d)} ${t.unit}${flag} ${zh ? `${TARGET_STATUS_LABEL[t.status].zh}（${gap}${path}）` : `${TARGET_STATUS_LABEL[t.status].en} (${gap}${path})`}`;
}

/** The closing lines: the zone figures not complete (the first eight by name), files used and findings. */
function closingLines(result: AggregateResult, zh: boolean): string[] {
  const lines: string[] = [];
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  const partial = result.indicators.filter((i) => i.zone.status !== 'complete');
  lines.push('');
  if (partial.length > 0)
    lines.push(
      zh
        ? `不完整的全区数 ${partial.length} 项：${partial
            .slice(0, 8)
            .map((i) => `${i.name.zh}（${STATUS_LABEL[i.zone.status].zh}）`)
            .join('、')}${partial.length > 8 ? ' …' : ''}`
        : `${partial.length} zone figures not complete: ${partial
            .slice(0, 8)
            .map((i) => `${i.name.en} (${STATUS_LABEL[i.zone.status].en})`)
            .join('; ')}${partial.length > 8 ? ' …' : ''}`,
    );
  const used = result.sources.filter((s) => s.status === 'used' || s.status === 'used-with-errors').length;
  lines.push(
    zh
      ? `采用报表 ${used} 份；问题：错误 ${errors}，警告 ${warnings}`
      : `${used} files used; findings: ${errors} errors, ${warnings} warnings`,
  );
  return lines;
}

/**
 * The zone summary for a terminal: completeness first, then 要点 (key messages), then target
 * progress with the path rule, then what is incomplete — by name, never by code.
 */
export function formatSummary(
  result: AggregateResult,
  lang: Lang = 'zh',
  options: SummaryOptions = {},
): string {
  const catalogue = options.catalogue ?? sunanCatalogue();
  const zh = lang === 'zh';
  const lines: string[] = [];
  lines.push(zh ? `苏南自创区 ${result.period} 全区汇总` : `Sunan zone summary ${result.period}`);
  lines.push(
    result.complete
      ? zh
        ? '数据完整：五市均已报送'
        : 'Complete: all five cities reported'
      : zh
        ? `!! 数据不完整：缺报 ${result.missing.map((m) => m.name.zh).join('、')}，合计为部分合计`
        : `!! INCOMPLETE: missing ${result.missing.map((m) => m.name.en).join(', ')}; totals are partial`,
  );
  for (const n of result.notices) lines.push(`   ${zh ? n.zh : n.en}`);
  lines.push('');
  lines.push(zh ? '要点:' : 'Key messages:');
  keyMessages(result, catalogue, options.history ?? []).forEach((m, k) => {
    lines.push(`  ${k + 1}. ${zh ? m.zh : m.en}`);
  });
  lines.push('');
  lines.push(zh ? '目标进度:' : 'Target progress:');
  for (const t of result.targets) lines.push(targetLine(t, catalogue, zh));
  if (result.targets.some((t) => t.trajectory !== undefined))
    lines.push(`  ${zh ? PATH_RULE.zh : PATH_RULE.en}`);
  for (const line of closingLines(result, zh)) lines.push(line);
  return lines.join('\n');
}
