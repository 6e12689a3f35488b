import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The hostile-input suite's large cases (10⁵–10⁶ rows and findings, the built command run on a
// generated corpus, the fuzz counts of issue 14): `pnpm test:hostile`. One time zone is enough here;
// the dates these cases touch are covered twice by the main suite.
export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({
    test: {
      include: ['packages/*/test/hostile/**/*.hostile.ts'],
      env: { TZ: 'Asia/Shanghai' },
      testTimeout: 900_000,
      hookTimeout: 900_000,
    },
  }),
);
