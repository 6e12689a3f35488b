import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { UsageError } from './io.js';

/** Extensions the tools read. */
export const INPUT_EXTENSIONS = ['.xlsx', '.xls', '.ods', '.csv', '.json'];

/**
 * Expands directories into the spreadsheets they hold (sorted by name; Excel's `~$` lock files
 * skipped). A path that does not exist is kept, so validation reports it as a finding.
 */
export async function collectInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch {
      out.push(p);
      continue;
    }
    if (!isDir) {
      out.push(p);
      continue;
    }
    const names = (await readdir(p))
      .filter((n) => INPUT_EXTENSIONS.includes(extname(n).toLowerCase()) && !n.startsWith('~$'))
      .sort();
    if (names.length === 0)
      throw new UsageError(
        `目录 ${p} 中没有表格文件（${INPUT_EXTENSIONS.join('、')}）`,
        `Directory ${p} holds no spreadsheets (${INPUT_EXTENSIONS.join(', ')})`,
      );
    for (const n of names) out.push(join(p, n));
  }
  return out;
}
