/**
 * Set-up once per test run: a folder for the fixtures the tests build and may share (filled
 * workbooks, see `filledWorkbook` in @sunan/testkit), removed when the run ends. Test files run in
 * worker processes started after this, which inherit the variable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'sunan-fixtures-'));
  process.env.SUNAN_FIXTURE_CACHE = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
