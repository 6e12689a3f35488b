import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // The page (dist/sunan-web.html) is written by scripts/build-page.mjs after tsup: keep it.
  clean: false,
  sourcemap: true,
  target: 'node20',
  // import.meta.url in the CommonJS build.
  shims: true,
});
