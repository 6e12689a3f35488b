import type { Severity } from './zod/rule.js';
import type { LocalizedText } from './zod/text.js';

/** A check the validator makes from catalogue data other than a rule or bound, with its class. */
export interface CatalogueCheckClass {
  /** The finding code of @sunan/validate it produces. */
  readonly code: string;
  readonly severity: Severity;
  readonly name: LocalizedText;
  readonly reason: LocalizedText;
}

/**
 * The classes of the validator's checks that read the catalogue beside its rules and bounds (the
 * requirements, the allowed range, the year-on-year threshold, the unit slips, the enterprise list).
 * CATALOGUE.md prints them; a test of @sunan/validate fails when its FINDING_CODES give one of these
 * codes another severity.
 */
export const CATALOGUE_CHECK_CLASSES: readonly CatalogueCheckClass[] = [
  {
    code: 'VAL_REQUIRED_MISSING',
    severity: 'error',
    name: { zh: '必填值缺失', en: 'Required value missing' },
    reason: {
      zh: '必填指标留空，汇总无从计算，须补填（没有的填 0）。',
      en: 'A required figure left blank leaves the roll-up nothing to add; it must be filled (0 where there is none).',
    },
  },
  {
    code: 'VAL_BLANK_NO_REASON',
    severity: 'error',
    name: { zh: '可留空指标未说明原因', en: 'Blank without its reason' },
    reason: {
      zh: '目录允许留空，但须在“备注”写明原因；不写原因，中心无法区分“没有”与“漏填”。',
      en: 'The catalogue allows the blank only with a reason in 备注; without it the centre cannot tell “none” from “forgotten”.',
    },
  },
  {
    code: 'VAL_OUT_OF_RANGE',
    severity: 'error',
    name: { zh: '超出允许范围', en: 'Outside the allowed range' },
    reason: {
      zh: '允许范围是指标定义本身的界限（如比重在 0–100% 之间、企业数不为负），超出只能是填错。',
      en: 'The allowed range is the definition’s own limit (a share between 0 and 100 %, no negative count); outside it a figure is wrong.',
    },
  },
  {
    code: 'PLAUS_UNIT_SLIP',
    severity: 'error',
    name: { zh: '疑似单位错误（合理性界限）', en: 'Unit slip (plausibility bound)' },
    reason: {
      zh: '超出合理性界限十倍以上，且按某一单位换算后正好落回界限内：几乎总是按万元、按小数等填写，须改正单位。',
      en: 'Tenfold beyond its bound and back within it after a unit conversion: almost always typed in 万元 or as a fraction; the unit must be corrected.',
    },
  },
  {
    code: 'PLAUS_IMPLAUSIBLE',
    severity: 'error',
    name: { zh: '超出合理性界限十倍以上', en: 'Tenfold beyond a plausibility bound' },
    reason: {
      zh: '界限按真实城市从宽设定，超出十倍以上没有真实城市能有，即使找不到对应的单位错误，也须修改。',
      en: 'Bounds are generous; tenfold beyond one is no real city’s figure, so it must be fixed even when no unit slip explains it.',
    },
  },
  {
    code: 'YOY_UNIT_SLIP',
    severity: 'error',
    name: { zh: '疑似单位错误（与上期相比）', en: 'Unit slip (against last period)' },
    reason: {
      zh: '与上期之比接近单位换算倍数（如一万倍），是单位错误而不是真实变化，须修改。',
      en: 'A ratio to last period close to a unit factor (ten thousand, say) is a wrong unit, not a real change; it must be fixed.',
    },
  },
  {
    code: 'YOY_CHANGE',
    severity: 'warning',
    name: { zh: '同比变化超过阈值', en: 'Year-on-year change beyond the threshold' },
    reason: {
      zh: '同比变化超过指标的阈值（目录中每个指标的同比阈值，默认 ±50%）：新设园区、一笔大额合同都可能使数字如实大幅变化。须核实，属实的在“审核说明”中写明原因（“增幅过大须附报详细说明”）。',
      en: 'A change beyond the indicator’s threshold (each indicator’s year-on-year threshold, ±50 % by default): a new park or one large contract can honestly move a figure a lot. It must be checked and, if true, explained in the 审核说明 sheet.',
    },
  },
  {
    code: 'ENT_COUNT_MISMATCH',
    severity: 'error',
    name: { zh: '企业名单与企业数不符', en: 'Enterprise list and count disagree' },
    reason: {
      zh: '名单的有效行数就是高新技术企业数，两者不符说明名单或填报数有一处错误。',
      en: 'The valid rows of the list are the count of high-tech enterprises; when they differ, the list or the figure is wrong.',
    },
  },
];
