import type { Aggregation } from './aggregation.js';
import type { Catalogue } from './catalogue.js';

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

/** The catalogue reference as a Markdown table (code, 中文名, English name, unit, aggregation, levels). */
export function catalogueMarkdown(catalogue: Catalogue): string {
  const lines = [
    `# 指标目录 Indicator catalogue — ${catalogue.name.zh} (${catalogue.id} ${catalogue.version})`,
    '',
    'Generated from the catalogue data; do not edit by hand (`pnpm --filter @sunan/schema generate`).',
    '',
    '| 代码 code | 中文名 | English name | 单位 unit | 小数位 decimals | 汇总方式 aggregation | 填报层级 levels |',
    '|---|---|---|---|---|---|---|',
    ...catalogue.indicators.map(
      (i) =>
        `| \`${i.code}\` | ${escapeCell(i.name.zh)} | ${escapeCell(i.name.en)} | ${i.unit} | ${i.decimals} | ${describeAggregation(i.aggregation)} | ${i.levels.join(', ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
