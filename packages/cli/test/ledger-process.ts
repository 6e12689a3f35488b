/** Runs the built `sunan` on an embedded ledger, as the ledger tests drive it (the test script builds first). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const cli = join(root, 'packages/cli/dist/cli.js');

/** `sunan …args`: exit code and output; SUNAN_DATABASE_URL cleared so the embedded ledger is used. */
export function sunan(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SUNAN_DATABASE_URL: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
