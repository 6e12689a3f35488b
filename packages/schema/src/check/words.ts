import type { OrgLevel } from '../zod/org-level.js';
import type { LocalizedText } from '../zod/text.js';
import type { RowSource } from './linear.js';

const LEVEL: Record<OrgLevel, LocalizedText> = {
  province: { zh: '省级', en: 'province level' },
  zone: { zh: '示范区级', en: 'zone level' },
  city: { zh: '市级', en: 'city level' },
  park: { zh: '园区级', en: 'park level' },
};

const between = (end: 'lo' | 'hi', value: string, implied: string, and: string) =>
  end === 'lo' ? `${value} ${and} ${implied}` : `${implied} ${and} ${value}`;

/** An interval in print: open ends as −∞ and +∞. */
export function intervalText(lo: string | number | undefined, hi: string | number | undefined): string {
  return `[${lo ?? '−∞'}, ${hi ?? '+∞'}]`;
}

/** A row source in words, by id: the rule, bound or range a reader finds in the catalogue. */
export function sourceLabel(source: RowSource): LocalizedText {
  switch (source.kind) {
    case 'rule':
      return { zh: `规则 ${source.id}`, en: `rule ${source.id}` };
    case 'bound': {
      const range = intervalText(source.min, source.max);
      return source.per
        ? {
            zh: `界限 ${source.indicator} ÷ ${source.per} ∈ ${range}`,
            en: `bound ${source.indicator} per ${source.per} in ${range}`,
          }
        : { zh: `界限 ${source.indicator} ∈ ${range}`, en: `bound ${source.indicator} in ${range}` };
    }
    case 'range': {
      const range = intervalText(source.min, source.max);
      return source.children
        ? {
            zh: `下级单位 ${source.indicator} 之和的范围 ${range}`,
            en: `range of the children's sum of ${source.indicator} ${range}`,
          }
        : {
            zh: `${source.indicator} 的允许范围 ${range}`,
            en: `allowed range of ${source.indicator} ${range}`,
          };
    }
    case 'positive':
      return {
        zh: `比率的分母 ${source.denominator} > 0`,
        en: `a ratio's denominator ${source.denominator} > 0`,
      };
    case 'probe':
      return { zh: '探测条件', en: 'probe' };
  }
}

/** Several sources in words, joined. */
export function setLabel(sources: readonly RowSource[]): LocalizedText {
  const labels = sources.map(sourceLabel);
  return { zh: labels.map((l) => l.zh).join('；'), en: labels.map((l) => l.en).join('; ') };
}

/** The finding texts, Chinese first (office staff read them), English beside. */
export const TEXT = {
  infeasible: (level: OrgLevel, set: LocalizedText): LocalizedText => ({
    zh: `${LEVEL[level].zh}：没有任何一组数值能同时满足：${set.zh}。按此目录，每份如实填报的报表都会出错。`,
    en: `At ${LEVEL[level].en}: no values can satisfy all of: ${set.en}. Every honest file would fail under this catalogue.`,
  }),
  boundConflict: (
    level: OrgLevel,
    bound: LocalizedText,
    end: 'lo' | 'hi',
    value: string,
    implied: string,
    allowed: string,
    set: LocalizedText,
  ): LocalizedText => ({
    zh: `${LEVEL[level].zh}：${bound.zh} 的${end === 'lo' ? '下限' : '上限'} ${value} 达不到：其余规则和界限只容许 ${allowed}（${set.zh}）。${between(end, value, implied, '与')} 之间的数值能通过此界限，却必然违反其中之一。`,
    en: `At ${LEVEL[level].en}: the ${end === 'lo' ? 'lower' : 'upper'} end ${value} of ${bound.en} cannot be reached: the other rules and bounds allow only ${allowed} (${set.en}). A value between ${between(end, value, implied, 'and')} passes this bound but always trips one of them.`,
  }),
  redundant: (level: OrgLevel, rule: LocalizedText, set: LocalizedText): LocalizedText => ({
    zh: `${LEVEL[level].zh}：${rule.zh} 已由 ${set.zh} 蕴含，它不会单独报错（冗余）。`,
    en: `At ${LEVEL[level].en}: ${rule.en} is implied by ${set.en} (it can never fail on its own: redundant).`,
  }),
  forced: (level: OrgLevel, indicator: string, value: string, set: LocalizedText): LocalizedText => ({
    zh: `${LEVEL[level].zh}：${indicator} 被迫等于 ${value}（${set.zh}），填报其他任何数值都会出错。`,
    en: `At ${LEVEL[level].en}: ${indicator} is forced to ${value} by ${set.en} (any other value fails).`,
  }),
  neverFires: (level: OrgLevel, subject: LocalizedText, missing: readonly string[]): LocalizedText => ({
    zh: `${LEVEL[level].zh}：${subject.zh} 从不生效：${missing.join('、')} 不在该层级填报。`,
    en: `At ${LEVEL[level].en}: ${subject.en} never fires: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not reported at this level.`,
  }),
  undecided: (level: OrgLevel): LocalizedText => ({
    zh: `${LEVEL[level].zh}：线性规划求解未能完成，本层级的规则未能检查。`,
    en: `At ${LEVEL[level].en}: the linear program did not finish; the rules of this level are unchecked.`,
  }),
  notLinear: (level: OrgLevel, subject: LocalizedText): LocalizedText => ({
    zh: `${LEVEL[level].zh}：${subject.zh} 不是线性关系（两个比率相比，或分母可能为负），本检查未纳入它。`,
    en: `At ${LEVEL[level].en}: ${subject.en} is not linear (a ratio against a ratio, or a denominator that may be negative); the check leaves it out.`,
  }),
};
