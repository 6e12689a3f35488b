import { mkdir, open } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { type Ledger, sha256 } from '@sunan/ledger';
import { EXIT, type Io, UsageError } from '../io.js';
import type { Lang } from '../lang.js';
import { checkOverwrite } from '../output.js';
import { findRevision } from './ledger-revision.js';

/** A stored name safe to write in a folder: its last part, never empty, "." or "..". */
function safeName(fileName: string, hash: string): string {
  const name = basename(fileName.replace(/\\/g, '/'));
  return name === '' || name === '.' || name === '..' ? `${hash}.bin` : name;
}

/** What `ledger get` is asked for. */
export interface GetQuery {
  readonly city: string;
  readonly period: string;
  readonly revision: number | undefined;
  readonly out: string;
  readonly force: boolean;
}

/**
 * `sunan ledger get`: writes a revision's bytes, exactly as received, under the name it arrived
 * with, into `--out`. The bytes are checked against their SHA-256 first (exit 1 when missing or
 * altered); an existing file is kept unless `--force` (exit 2).
 */
export async function getRevision(ledger: Ledger, io: Io, lang: Lang, q: GetQuery): Promise<number> {
  const rev = await findRevision(ledger, io, lang, q);
  if (typeof rev === 'number') return rev;
  const zh = lang === 'zh';
  const bytes = await ledger.files.read(rev.sha256);
  if (!bytes || sha256(bytes) !== rev.sha256) {
    io.stderr.write(
      zh
        ? `${bytes ? 'LEDGER_FILE_ALTERED' : 'LEDGER_FILE_MISSING'}: 第 ${rev.revision} 版的文件${bytes ? '已被改动' : '缺失'}，未写出（sunan ledger verify 检查）\n`
        : `${bytes ? 'LEDGER_FILE_ALTERED' : 'LEDGER_FILE_MISSING'}: the file of revision ${rev.revision} is ${bytes ? 'altered' : 'missing'}; nothing written (run sunan ledger verify)\n`,
    );
    return EXIT.findings;
  }
  const dir = resolve(io.cwd, q.out);
  const path = join(dir, safeName(rev.fileName, rev.sha256));
  await checkOverwrite([path], q.force);
  await mkdir(dir, { recursive: true });
  const h = await open(path, q.force ? 'w' : 'wx').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EEXIST')
      throw new UsageError(
        `输出文件已存在：${path}；如需覆盖请加 --force`,
        `output already exists: ${path}; add --force to overwrite`,
      );
    throw e;
  });
  try {
    await h.writeFile(bytes);
  } finally {
    await h.close();
  }
  io.stdout.write(
    zh
      ? `已写出第 ${rev.revision} 版原件：${path}（${bytes.length} 字节，sha256 ${rev.sha256.slice(0, 12)}…）\n`
      : `Wrote revision ${rev.revision} as received: ${path} (${bytes.length} bytes, sha256 ${rev.sha256.slice(0, 12)}…)\n`,
  );
  return EXIT.ok;
}
