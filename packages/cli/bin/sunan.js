#!/usr/bin/env node
// The `sunan` executable. It is committed (not built) so that package managers can link it at
// install time, before the first build; it loads the built command, or says how to build it.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (existsSync(built)) await import(built.href);
else {
  process.stderr.write(
    'sunan 尚未构建：请先在项目根目录运行 pnpm build\nsunan is not built yet: run `pnpm build` in the project root first\n',
  );
  process.exitCode = 2;
}
