import type { Catalogue } from './catalogue.js';
import type { Requirement } from './indicator.js';
import { reviewClass } from './review-class.js';

/** How each requirement is marked and said — the same words in the template, its 填报说明 and CATALOGUE.md. */
export const REQUIREMENT_LABELS: Readonly<Record<Requirement, { mark: string; zh: string; en: string }>> = {
  required: { mark: '★', zh: '必填', en: 'required' },
  'blank-with-reason': {
    mark: '◇',
    zh: '可留空，但须在“备注”中说明原因',
    en: 'may be left blank with a reason in 备注',
  },
  optional: { mark: '', zh: '选填', en: 'optional' },
};

/** The requirement rule in Chinese, one line per kind, as 填报说明 states it. */
export function requirementLines(): string[] {
  const r = REQUIREMENT_LABELS;
  return [
    `${r.required.mark} 标记、黄色底纹的数值单元格为必填项：留空即为错误，报表不能通过。`,
    `${r['blank-with-reason'].mark} 标记、绿色底纹的数值单元格${r['blank-with-reason'].zh}；留空而不写原因为错误，写明原因则作为提示转告汇总中心，全区合计标为“部分”。`,
    '无标记、灰色底纹的数值单元格为选填项（园区数据），留空会提示汇总中心。',
    '没有的填 0，不要留空；0 与“不掌握”含义不同。',
  ];
}

/**
 * Every cross-check of the catalogue in Chinese, one line each, numbered, with its review class
 * (“【核实性】”: an office may explain a failure in the 审核说明 sheet instead of changing the figure).
 */
export function ruleLines(catalogue: Catalogue): string[] {
  const lines = catalogue.rules.map((rule) => {
    const levels = rule.levels
      .filter((l) => l === 'city' || l === 'park')
      .map((l) => (l === 'city' ? '全市' : '园区'))
      .join('、');
    return `【${reviewClass(rule.severity).label.zh}】${rule.message.zh}（${levels}）`;
  });
  lines.push(
    `【${reviewClass('error').label.zh}】高新技术企业名单的有效行数应等于填报的高新技术企业数（全市及各园区）`,
  );
  return lines.map((l, i) => `(${i + 1}) ${l}`);
}
