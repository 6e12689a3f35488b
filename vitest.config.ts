import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url));

// Tests run against the TypeScript sources so a failing assertion points at real lines;
// the built packages are checked separately (publint, attw, CLI process tests).
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@sunan\/schema$/, replacement: src('schema/src/index.ts') },
      { find: /^@sunan\/validate\/node$/, replacement: src('validate/src/node.ts') },
      { find: /^@sunan\/validate$/, replacement: src('validate/src/index.ts') },
      { find: /^@sunan\/aggregate$/, replacement: src('aggregate/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
