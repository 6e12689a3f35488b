import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from './io.js';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses, before anything is written, to replace files that already exist unless `--force` was
 * given: a report from last week or an office's filled template must not vanish by a re-run.
 */
export async function checkOverwrite(paths: readonly string[], force: boolean): Promise<void> {
  if (force) return;
  const taken: string[] = [];
  for (const p of paths) if (await exists(p)) taken.push(p);
  if (taken.length > 0)
    throw new UsageError(
      `输出文件已存在：${taken.join('、')}；如需覆盖请加 --force`,
      `output already exists: ${taken.join(', ')}; add --force to overwrite`,
    );
}

/** Writes an output file, creating its folder. */
export async function writeOutput(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}

/**
 * Every path given must exist: a roll-up over a folder that is not there is a mistake in the
 * command (exit 2), not a report of five missing cities.
 */
export async function mustExist(paths: readonly string[], cwd: string): Promise<void> {
  const missing: string[] = [];
  for (const p of paths) if (!(await exists(resolve(cwd, p)))) missing.push(p);
  if (missing.length > 0)
    throw new UsageError(`找不到：${missing.join('、')}`, `not found: ${missing.join(', ')}`);
}
