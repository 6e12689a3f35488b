/**
 * Which indicators a director looks at first. Data, not logic: change the lists, not the code.
 */

/** Indicators drawn as trend lines when earlier periods are given. */
export const TREND_INDICATORS: readonly string[] = [
  'RD_INTENSITY',
  'PATENTS_PER_10K',
  'TECH_CONTRACT',
  'HTE_COUNT',
  'GAZELLES',
  'NAT_INCUBATORS',
];

/** Headline totals whose biggest and smallest contributing city the key messages name. */
export const CONTRIBUTION_HEADLINES: readonly string[] = ['TECH_CONTRACT', 'HTE_COUNT', 'GAZELLES'];

/** Columns of the parks section (those a park reported). */
export const PARK_INDICATORS: readonly string[] = [
  'HTE_COUNT',
  'GAZELLES',
  'UNICORNS',
  'RD_EXP',
  'TECH_CONTRACT',
  'ENTERPRISE_REVENUE',
  'NAT_INCUBATORS',
];
