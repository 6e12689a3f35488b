import type { Aggregation } from './aggregation.js';
import type { Catalogue } from './catalogue.js';
import type { Indicator } from './indicator.js';
import { REQUIREMENT_LABELS, requirementLines, ruleLines } from './requirement-text.js';
import { reviewClass } from './review-class.js';
import { reviewMarkdown } from './review-docs.js';

function describeAggregation(a: Aggregation): string {
  switch (a.kind) {
    case 'sum':
      return '求和 sum';
    case 'ratio':
      return `比率 ratio: Σ${a.numerator} / Σ${a.denominator}${a.scale === '1' ? '' : ` × ${a.scale}`}`;
    case 'weighted-mean':
      return `加权平均 weighted mean by ${a.weight}`;
    case 'reported':
      return '直报 reported (not additive)';
    case 'cumulative-sum':
      return `累计 cumulative sum from ${a.from}`;
  }
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

function requirementCell(i: Indicator, level: 'city' | 'park'): string {
  if (!i.levels.includes(level)) return '—';
  const r = REQUIREMENT_LABELS[i.requirement[level]];
  return `${r.mark}${r.zh}`;
}

function boundLines(catalogue: Catalogue): string[] {
  const bounds = catalogue.bounds ?? [];
  if (bounds.length === 0) return [];
  return [
    '## 合理性界限 Plausibility bounds',
    '',
    '数值（或与其尺度指标之比）超出界限，按界限的审核分类提示（核实性：核实后修改或说明）；超出十倍以上为强制性错误，并指出使其落回界限的单位错误（如按万元填写）。',
    'Beyond a bound: a finding of the bound’s class (verification: check, then fix or explain). Tenfold beyond: a mandatory error, naming the unit slip that brings it back.',
    '',
    '| 指标 indicator | 尺度 per | 下限 min | 上限 max | 层级 levels | 分类 class | 依据 basis |',
    '|---|---|---|---|---|---|---|',
    ...bounds.map(
      (b) =>
        `| \`${b.indicator}\` | ${b.per ? `\`${b.per}\`` : '—'} | ${b.min ?? '—'} | ${b.max ?? '—'} | ${b.levels.join(', ')} | ${reviewClass(b.severity).label.zh} | ${escapeCell(b.basis.zh)} / ${escapeCell(b.basis.en)} |`,
    ),
    '',
  ];
}

/**
 * The catalogue reference in Markdown: the indicator table (code, names, unit, decimals, aggregation,
 * levels, and what a city and a park must fill), the requirement rule and every cross-check in Chinese
 * (the same text as the template's 填报说明), and the plausibility bounds with their basis.
 */
export function catalogueMarkdown(catalogue: Catalogue): string {
  const lines = [
    `# 指标目录 Indicator catalogue — ${catalogue.name.zh} (${catalogue.id} ${catalogue.version})`,
    '',
    'Generated from the catalogue data; do not edit by hand (`pnpm --filter @sunan/schema generate`).',
    '',
    '| 代码 code | 中文名 | English name | 单位 unit | 小数位 decimals | 汇总方式 aggregation | 填报层级 levels | 全市 city | 园区 park |',
    '|---|---|---|---|---|---|---|---|---|',
    ...catalogue.indicators.map(
      (i) =>
        `| \`${i.code}\` | ${escapeCell(i.name.zh)} | ${escapeCell(i.name.en)} | ${i.unit} | ${i.decimals} | ${describeAggregation(i.aggregation)} | ${i.levels.join(', ')} | ${requirementCell(i, 'city')} | ${requirementCell(i, 'park')} |`,
    ),
    '',
    '## 必填规则 What must be filled',
    '',
    ...requirementLines().map((l) => `- ${l}`),
    '',
    '## 勾稽关系 Cross-checks',
    '',
    ...ruleLines(catalogue).map((l) => `- ${escapeCell(l)}`),
    '',
    ...boundLines(catalogue),
    ...reviewMarkdown(catalogue),
  ];
  return lines.join('\n');
}
