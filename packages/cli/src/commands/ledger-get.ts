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

/** A stored original to write out, and how to name it in messages. */
interface Original {
  readonly label: { readonly zh: string; readonly en: string };
  readonly sha256: string;
  readonly fileName: string;
}

async function revisionFile(ledger: Ledger, io: Io, lang: Lang, q: GetQuery): Promise<Original | number> {
  const rev = await findRevision(ledger, io, lang, q);
  if (typeof rev === 'number') return rev;
  return {
    label: { zh: `第 ${rev.revision} 版`, en: `revision ${rev.revision}` },
    sha256: rev.sha256,
    fileName: rev.fileName,
  };
}

/** The file an event refers to, as a revision-like record; exit 1 when the event has none. */
async function fileOfEvent(ledger: Ledger, io: Io, lang: Lang, seq: number): Promise<Original | number> {
  const e = (await ledger.events()).find((x) => x.seq === seq);
  if (e?.sha256) {
    const fileName = typeof e.data.fileName === 'string' ? e.data.fileName : `${e.sha256}.bin`;
    return {
      label: { zh: `第 ${seq} 号事件的文件`, en: `the file of event ${seq}` },
      sha256: e.sha256,
      fileName,
    };
  }
  io.stderr.write(
    lang === 'zh'
      ? `第 ${seq} 号事件不存在或不涉及文件\n`
      : `Event ${seq} does not exist or refers to no file\n`,
  );
  return EXIT.findings;
}

/** What `ledger get` is asked for. */
export interface GetQuery {
  /** By event number instead of city and period: any file event (unassigned and refused ones too). */
  readonly event?: number;
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
  const rev =
    q.event === undefined
      ? await revisionFile(ledger, io, lang, q)
      : await fileOfEvent(ledger, io, lang, q.event);
  if (typeof rev === 'number') return rev;
  const zh = lang === 'zh';
  const bytes = await ledger.files.read(rev.sha256);
  if (!bytes || sha256(bytes) !== rev.sha256) {
    io.stderr.write(
      zh
        ? `${bytes ? 'LEDGER_FILE_ALTERED' : 'LEDGER_FILE_MISSING'}: ${rev.label.zh}${bytes ? '已被改动' : '缺失'}，未写出（sunan ledger verify 检查）\n`
        : `${bytes ? 'LEDGER_FILE_ALTERED' : 'LEDGER_FILE_MISSING'}: ${rev.label.en} is ${bytes ? 'altered' : 'missing'}; nothing written (run sunan ledger verify)\n`,
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
      ? `已写出${rev.label.zh}原件：${path}（${bytes.length} 字节，sha256 ${rev.sha256.slice(0, 12)}…）\n`
      : `Wrote ${rev.label.en} as received: ${path} (${bytes.length} bytes, sha256 ${rev.sha256.slice(0, 12)}…)\n`,
  );
  return EXIT.ok;
}
