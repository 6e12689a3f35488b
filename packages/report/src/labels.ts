import type { SourceEntry, TargetProgress, ValueStatus } from '@sunan/aggregate';
import type { LocalizedText } from '@sunan/schema';

/** Report labels, Chinese first. */
export const GROUP_LABEL: Record<string, LocalizedText> = {
  base: { zh: '基础数据', en: 'Base figures' },
  input: { zh: '创新投入', en: 'Innovation input' },
  actors: { zh: '创新主体', en: 'Innovation actors' },
  vitality: { zh: '创新活力', en: 'Vitality' },
  openness: { zh: '创新国际化', en: 'Openness' },
  output: { zh: '创新产出', en: 'Output' },
};

/** Labels of value statuses. */
export const STATUS_LABEL: Record<ValueStatus, LocalizedText> = {
  complete: { zh: '完整', en: 'complete' },
  partial: { zh: '部分', en: 'partial' },
  'not-reported': { zh: '未报', en: 'not reported' },
  'not-computable': { zh: '无法计算', en: 'not computable' },
};

/** Labels of target statuses. */
export const TARGET_STATUS_LABEL: Record<TargetProgress['status'], LocalizedText> = {
  met: { zh: '已达成', en: 'met' },
  'not-met': { zh: '未达成', en: 'not met' },
  'on-track': { zh: '按进度', en: 'on track' },
  behind: { zh: '落后于进度', en: 'behind the path' },
  incomplete: { zh: '无法判断', en: 'cannot be judged' },
  'no-data': { zh: '无数据', en: 'no data' },
};

/** Labels of source statuses. */
export const SOURCE_STATUS_LABEL: Record<SourceEntry['status'], LocalizedText> = {
  used: { zh: '采用', en: 'used' },
  'used-with-errors': { zh: '采用（含错误）', en: 'used (with errors)' },
  superseded: { zh: '已被取代', en: 'superseded' },
  excluded: { zh: '未采用', en: 'excluded' },
};

/** Labels of aggregation kinds. */
export const AGGREGATION_LABEL: Record<string, LocalizedText> = {
  sum: { zh: '求和', en: 'sum' },
  ratio: { zh: '比率', en: 'ratio' },
  'weighted-mean': { zh: '加权平均', en: 'weighted mean' },
  reported: { zh: '直报', en: 'reported' },
  'cumulative-sum': { zh: '累计', en: 'cumulative' },
};

/** Labels of severities. */
export const SEVERITY_LABEL: Record<string, LocalizedText> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

/** Labels of reconciliation statuses. */
export const RECON_LABEL: Record<string, LocalizedText> = {
  consistent: { zh: '一致', en: 'consistent' },
  inconsistent: { zh: '不一致', en: 'inconsistent' },
  'not-comparable': { zh: '不可比', en: 'not comparable' },
};
