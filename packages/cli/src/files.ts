import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { UsageError } from './io.js';

/** Extensions the tools read. */
export const INPUT_EXTENSIONS = ['.xlsx', '.xls', '.ods', '.csv', '.json'];

/**
 * The files `sunan aggregate --out` and `sunan index --out` write. A roll-up never reads them as
 * submissions, whether found in a folder or named (`DIR/*`): a report is not a city's figures.
 */
export const OUTPUT_NAMES = [
  'aggregate.json',
  'report.xlsx',
  'report.html',
  'index.json',
  'index.xlsx',
  'index.html',
];

/** Options of {@link collectInputs}. */
export interface CollectOptions {
  /** Leave out the tool's own outputs ({@link OUTPUT_NAMES}); each one left out is passed to `skipped`. */
  readonly skipOutputs?: boolean;
  readonly skipped?: (path: string) => void;
}

const isOutput = (path: string) => OUTPUT_NAMES.includes(basename(path).toLowerCase());

/**
 * Expands directories into the spreadsheets they hold (sorted by name; Excel's `~$` lock files
 * skipped). A path that does not exist is kept, so validation reports it as a finding.
 */
export async function collectInputs(
  paths: readonly string[],
  options: CollectOptions = {},
): Promise<string[]> {
  const out: string[] = [];
  const keep = (p: string) => {
    if (options.skipOutputs && isOutput(p)) options.skipped?.(p);
    else out.push(p);
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch {
      out.push(p);
      continue;
    }
    if (!isDir) {
      keep(p);
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
    for (const n of names) keep(join(p, n));
  }
  return out;
}
