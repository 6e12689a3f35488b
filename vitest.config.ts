import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

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
    // Every test runs twice: in China's time zone and in one far from it, so a date that depends on
    // where the machine is (a period's deadline, a date cell) cannot pass by accident.
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
          include: ['packages/*/test/**/*.test.ts'],
          env: { TZ: 'America/Los_Angeles' },
        },
      },
    ],
  },
});
