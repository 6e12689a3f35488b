import type { Catalogue } from './catalogue.js';
import { CATALOGUE_CHECK_CLASSES } from './review-checks.js';
import { REVIEW_CLASSES, reviewClass } from './review-class.js';

const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

/** Which checks of the catalogue belong to a review group: rule numbers as ruleLines counts them, bounds. */
function members(catalogue: Catalogue, group: string): string {
  const rules = catalogue.rules.flatMap((r, i) => (r.review === group ? [`(${i + 1})`] : []));
  const bounds = (catalogue.bounds ?? []).filter((b) => b.review === group).map((b) => `\`${b.indicator}\``);
  const parts = [
    rules.length > 0 ? `勾稽关系 rules ${rules.join(' ')}` : '',
    bounds.length > 0 ? `合理性界限 bounds ${bounds.join(' ')}` : '',
  ];
  return parts.filter((p) => p !== '').join('；');
}

/**
 * The review classes in Markdown: what each class asks of an office, each review group of the
 * catalogue with its class, reason and members, and the classes of the checks made from other
 * catalogue data (requirements, range, year-on-year threshold, unit slips, enterprise list).
 */
export function reviewMarkdown(catalogue: Catalogue): string[] {
  const groups = catalogue.reviewGroups ?? [];
  return [
    '## 审核分类 Review classes',
    '',
    '每条检查都声明其审核分类；问题的分类随其严重程度。核实性问题可以修改，也可以在报表的“审核说明”工作表中写明原因后报送（已说明）；强制性问题写了说明也须修改。',
    'Every check declares its class, and a finding’s class follows its severity. A verification finding may be fixed, or explained in the file’s 审核说明 sheet and sent (explained); a mandatory finding must be fixed even when explained.',
    '',
    '| 分类 class | 严重程度 severity | 要求 what the office does |',
    '|---|---|---|',
    ...REVIEW_CLASSES.map(
      (c) => `| ${c.label.zh} ${c.label.en} | ${c.severity} | ${c.action.zh} / ${c.action.en} |`,
    ),
    '',
    '| 分组 group | 分类 class | 检查 checks | 理由 reason |',
    '|---|---|---|---|',
    ...groups.map(
      (g) =>
        `| ${escapeCell(g.name.zh)} ${escapeCell(g.name.en)} (\`${g.id}\`) | ${reviewClass(g.severity).label.zh} ${reviewClass(g.severity).label.en} | ${members(catalogue, g.id)} | ${escapeCell(g.reason.zh)} / ${escapeCell(g.reason.en)} |`,
    ),
    '',
    '其他依据目录数据的检查 Other checks made from the catalogue:',
    '',
    '| 代码 code | 检查 check | 分类 class | 理由 reason |',
    '|---|---|---|---|',
    ...CATALOGUE_CHECK_CLASSES.map(
      (c) =>
        `| \`${c.code}\` | ${c.name.zh} ${c.name.en} | ${reviewClass(c.severity).label.zh} ${reviewClass(c.severity).label.en} | ${escapeCell(c.reason.zh)} / ${escapeCell(c.reason.en)} |`,
    ),
    '',
  ];
}
