/**
 * @sunan/testkit (private, not published) — SYNTHETIC example data and the helpers the tests,
 * examples and benchmarks share: real workbooks written by `@sunan/report` and read by `@sunan/validate`.
 */

export { BROWSER_REQUIRED, browserOrSkip, CHROMIUM_PATH, launchChromium } from './browser.js';
export { type SyntheticOptions, syntheticSubmission } from './synthetic.js';
export {
  CITIES,
  catalogue,
  city,
  filledWorkbook,
  handInput,
  mutate,
  period,
  reportOf,
  rowOf,
  setValue,
  synthetic,
  valueIn,
  workbookInput,
} from './workbooks.js';
