import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { timeZoneFiles } from './vitest.time-zones.js';

const src = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url));

// Tests run against the TypeScript sources so a failing assertion points at real lines;
// the built packages are checked separately (publint, attw, CLI process tests).
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@sunan\/schema\/core$/, replacement: src('schema/src/core.ts') },
      { find: /^@sunan\/schema\/check$/, replacement: src('schema/src/check.ts') },
      { find: /^@sunan\/schema$/, replacement: src('schema/src/index.ts') },
      { find: /^@sunan\/validate\/node$/, replacement: src('validate/src/node.ts') },
      { find: /^@sunan\/validate$/, replacement: src('validate/src/index.ts') },
      { find: /^@sunan\/aggregate$/, replacement: src('aggregate/src/index.ts') },
      { find: /^@sunan\/ledger$/, replacement: src('ledger/src/index.ts') },
      { find: /^@sunan\/quality$/, replacement: src('quality/src/index.ts') },
      { find: /^@sunan\/web$/, replacement: src('web/src/index.ts') },
      { find: /^@sunan\/index$/, replacement: src('index/src/index.ts') },
      { find: /^@sunan\/exchange$/, replacement: src('exchange/src/index.ts') },
      { find: /^@sunan\/report\/node$/, replacement: src('report/src/node.ts') },
      { find: /^@sunan\/report$/, replacement: src('report/src/index.ts') },
      { find: /^@sunan\/testkit$/, replacement: src('testkit/src/index.ts') },
    ],
  },
  test: {
    testTimeout: 60_000,
    globalSetup: ['./vitest.setup.ts'],
    // One test file per core: vitest's default leaves a core idle (cores − 1), and on two cores that
    // runs every file one after another, while many of them wait on the processes they start.
    maxWorkers: Math.max(2, availableParallelism()),
    // Every test runs in China's time zone; the files that depend on dates, clocks or deadlines (marked
    // `// @time-zones`, see vitest.time-zones.ts) run again in one far from it, so a date that depends
    // on where the machine is cannot pass by accident. A test in testkit fails when a file that uses
    // dates is not marked.
    projects: [
      {
        extends: true,
        test: {
          name: 'Asia/Shanghai',
          include: ['packages/*/test/**/*.test.ts'],
          env: { TZ: 'Asia/Shanghai' },
        },
      },
      {
        extends: true,
        test: {
          name: 'America/Los_Angeles',
          include: timeZoneFiles(),
          env: { TZ: 'America/Los_Angeles' },
        },
      },
      {
        // The hostile-input suite's large cases (10⁵–10⁶ rows and findings, the built command run on a
        // generated corpus, the fuzz counts of issue 14), in the same run so that its long files share
        // the cores with the unit tests instead of waiting for them: `pnpm test:hostile` runs it alone.
        // The fuzz runs the full counts by default (every bit of the first 4 KiB, 4,000 more bit flips,
        // 20,000 byte mutations, 5,000 XML mutations, 50,000 number strings, 10,000 JSON documents);
        // HOSTILE_FUZZ_SCALE=0.1 gives a quick local run.
        extends: true,
        test: {
          name: 'hostile',
          include: ['packages/*/test/hostile/**/*.hostile.ts'],
          env: { TZ: 'Asia/Shanghai', HOSTILE_FUZZ_SCALE: process.env.HOSTILE_FUZZ_SCALE ?? '1' },
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
