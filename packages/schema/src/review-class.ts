import type { Severity } from './zod/rule.js';
import type { LocalizedText } from './zod/text.js';

/**
 * The three classes of review check, as Chinese statistical direct-reporting systems know them:
 * 强制性 (a hard check: the figure must be fixed), 核实性 (a soft check: fix it, or explain it in the
 * 审核说明 and submit), 提示性 (a note). A finding's class follows its severity.
 */
export type ReviewClassId = 'mandatory' | 'verification' | 'advisory';

/** One review class: its id, the severity it stands for, its name and what the office must do. */
export interface ReviewClass {
  readonly id: ReviewClassId;
  readonly severity: Severity;
  /** The name offices know it by: 强制性 / mandatory. */
  readonly label: LocalizedText;
  /** What a finding of the class asks of the office. */
  readonly action: LocalizedText;
}

/** The classes, strongest first. */
export const REVIEW_CLASSES: readonly ReviewClass[] = [
  {
    id: 'mandatory',
    severity: 'error',
    label: { zh: '强制性', en: 'mandatory' },
    action: { zh: '须修改', en: 'must be fixed' },
  },
  {
    id: 'verification',
    severity: 'warning',
    label: { zh: '核实性', en: 'verification' },
    action: { zh: '须修改或填写审核说明', en: 'fix it, or explain it in the 审核说明 sheet' },
  },
  {
    id: 'advisory',
    severity: 'info',
    label: { zh: '提示性', en: 'advisory' },
    action: { zh: '供参考', en: 'for information' },
  },
];

/** The review class of a finding of `severity`: error 强制性, warning 核实性, info 提示性. */
export function reviewClass(severity: Severity): ReviewClass {
  switch (severity) {
    case 'error':
      return REVIEW_CLASSES[0] as ReviewClass;
    case 'warning':
      return REVIEW_CLASSES[1] as ReviewClass;
    case 'info':
      return REVIEW_CLASSES[2] as ReviewClass;
  }
}

/** What the review of one file came to, counted by class (see {@link reviewVerdict}). */
export interface ReviewCounts {
  /** 强制性 findings: each must be fixed. */
  readonly errors: number;
  /** 核实性 findings without an explanation: each must be fixed or explained. */
  readonly openWarnings: number;
  /** 核实性 findings the office explained (已说明). */
  readonly explained: number;
}

/**
 * The verdict in words, Chinese first: “通过”, “通过（3 项核实性问题已说明）”, “待说明：2 项核实性问题须修改或
 * 说明”, or “未通过：1 项强制性问题须修改”. A file with open 核实性 findings and no errors still passes the
 * exit-code test (0 = no errors); the words say what is left to do.
 */
export function reviewVerdict(counts: ReviewCounts): LocalizedText {
  const { errors, openWarnings, explained } = counts;
  if (errors > 0) {
    const also = openWarnings > 0 ? `；另有 ${openWarnings} 项核实性问题须修改或说明` : '';
    const alsoEn = openWarnings > 0 ? `; ${openWarnings} verification finding(s) to fix or explain` : '';
    return {
      zh: `未通过：${errors} 项强制性问题须修改${also}`,
      en: `Not passed: ${errors} mandatory finding(s) must be fixed${alsoEn}`,
    };
  }
  if (openWarnings > 0)
    return {
      zh: `待说明：${openWarnings} 项核实性问题须修改或说明`,
      en: `Explanation needed: ${openWarnings} verification finding(s) to fix or explain`,
    };
  if (explained > 0)
    return {
      zh: `通过（${explained} 项核实性问题已说明）`,
      en: `Passed (${explained} verification finding(s) explained)`,
    };
  return { zh: '通过', en: 'Passed' };
}
