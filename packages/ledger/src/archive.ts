import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { sha256 } from './canonical.js';
import { LedgerError, type Refusal, refuse } from './codes.js';
import { subjectOf } from './describe.js';
import { insertEvent, type LedgerEvent, lockForAppend } from './events.js';
import type { Ledger } from './ledger.js';
import { checkChain } from './verify.js';

/** The first line of an archive. */
export const ARCHIVE_FORMAT = 'sunan-ledger-archive';

/** One line of an archive (JSON lines): the header, then files, reports and events. */
export type ArchiveLine =
  | {
      readonly type: 'header';
      readonly format: typeof ARCHIVE_FORMAT;
      readonly version: 1;
      readonly exportedAt: string;
    }
  | { readonly type: 'file'; readonly sha256: string; readonly base64: string }
  | {
      readonly type: 'report';
      readonly sha256: string;
      readonly report: string;
      readonly reportSha256: string;
    }
  | { readonly type: 'event'; readonly event: LedgerEvent };

/** Counts of what an export wrote or an import read. */
export interface ArchiveCounts {
  readonly files: number;
  readonly reports: number;
  readonly events: number;
}

/** How {@link exportLedger} writes. */
export interface ExportOptions {
  /** Replace an existing file at `path` (default: refuse, and leave it as it is). */
  readonly overwrite?: boolean;
}

/** The first file an event refers to that is missing or does not match its SHA-256, as a refusal. */
function incomplete(ledger: Ledger, e: LedgerEvent, missing: boolean, action: 'export' | 'import'): Refusal {
  const s = subjectOf(e, (c) => ledger.nameOf(c));
  const h = (e.sha256 ?? '').slice(0, 12);
  const what = missing
    ? { zh: '缺失', en: 'is missing' }
    : { zh: '已被改动（SHA-256 不符）', en: 'was altered (SHA-256 differs)' };
  const act =
    action === 'export'
      ? { zh: '未导出任何内容', en: 'nothing was exported' }
      : { zh: '未导入任何内容', en: 'nothing was imported' };
  return refuse(
    'LEDGER_ARCHIVE_INCOMPLETE',
    `${s.zh}（第 ${e.seq} 号事件）的文件 ${h}… ${what.zh}，${act.zh}`,
    `The file of ${s.en} (event ${e.seq}, ${h}…) ${what.en}; ${act.en}`,
  );
}

/**
 * Writes the whole ledger as one portable file of JSON lines: every referenced stored file (base64),
 * every validation report and every event exactly as stored (hashes included, so the chain can be
 * checked again after import). Refused, writing nothing, when a file an event refers to is missing
 * or altered (an archive must hold the whole ledger), and when `path` exists unless `overwrite`.
 * Written to a temporary file beside `path` and moved into place complete.
 */
export async function exportLedger(
  ledger: Ledger,
  path: string,
  options: ExportOptions = {},
): Promise<({ ok: true } & ArchiveCounts) | Refusal> {
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.sunan-export.tmp`);
  const out = await open(tmp, 'wx');
  let done = false;
  try {
    const counts = await writeArchive(ledger, (text) => out.write(text));
    if (!counts.ok) return counts;
    await out.sync();
    await out.close();
    await place(tmp, path, options.overwrite === true);
    done = true;
    return counts;
  } finally {
    if (!done) {
      await out.close().catch(() => undefined);
      await rm(tmp, { force: true });
    }
  }
}

/** Moves the finished archive into place: over an existing file only when asked to. */
async function place(tmp: string, path: string, overwrite: boolean): Promise<void> {
  if (overwrite) return rename(tmp, path);
  try {
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new LedgerError(
        `${path} 已存在，未覆盖（覆盖请加 --force）`,
        `${path} exists and was not overwritten (add --force to replace it)`,
        { cause: e },
      );
    throw e;
  }
  await rm(tmp, { force: true });
}

async function writeArchive(
  ledger: Ledger,
  write0: (text: string) => Promise<unknown>,
): Promise<({ ok: true } & ArchiveCounts) | Refusal> {
  const counts = { files: 0, reports: 0, events: 0 };
  const write = (line: ArchiveLine) => write0(`${JSON.stringify(line)}\n`);
  await write({ type: 'header', format: ARCHIVE_FORMAT, version: 1, exportedAt: new Date().toISOString() });
  const events = await ledger.events();
  const seen = new Set<string>();
  for (const e of events) {
    const h = e.sha256;
    if (h === null || seen.has(h)) continue;
    seen.add(h);
    const bytes = await ledger.files.read(h);
    if (!bytes || sha256(bytes) !== h) return incomplete(ledger, e, !bytes, 'export');
    await write({ type: 'file', sha256: h, base64: Buffer.from(bytes).toString('base64') });
    counts.files++;
  }
  const reports = await ledger.db.query<{ sha256: string; report: string; report_sha256: string }>(
    'SELECT sha256, report, report_sha256 FROM ledger_reports ORDER BY sha256',
  );
  for (const r of reports) {
    await write({ type: 'report', sha256: r.sha256, report: r.report, reportSha256: r.report_sha256 });
    counts.reports++;
  }
  for (const event of events) {
    await write({ type: 'event', event });
    counts.events++;
  }
  return { ok: true, ...counts };
}

/**
 * Reads an archive into an empty ledger: files are checked against their SHA-256 and the event chain
 * is checked before anything is written; events keep their numbers, times and hashes.
 */
export async function importLedger(
  ledger: Ledger,
  path: string,
): Promise<({ ok: true } & ArchiveCounts) | Refusal> {
  const files: Array<{ sha256: string; bytes: Uint8Array }> = [];
  const reports: Array<Extract<ArchiveLine, { type: 'report' }>> = [];
  const events: LedgerEvent[] = [];
  let header = false;
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    let line: ArchiveLine;
    try {
      line = JSON.parse(text) as ArchiveLine;
    } catch {
      return refuse(
        'LEDGER_ARCHIVE_INVALID',
        `归档中有无法解析的行`,
        'The archive has a line that is not JSON',
      );
    }
    switch (line.type) {
      case 'header':
        header = line.format === ARCHIVE_FORMAT;
        break;
      case 'file': {
        const bytes = new Uint8Array(Buffer.from(line.base64, 'base64'));
        if (sha256(bytes) !== line.sha256)
          return refuse(
            'LEDGER_ARCHIVE_INVALID',
            `归档中的文件 ${line.sha256.slice(0, 12)}… 与其 SHA-256 不符`,
            `Archive file ${line.sha256.slice(0, 12)}… does not match its SHA-256`,
          );
        files.push({ sha256: line.sha256, bytes });
        break;
      }
      case 'report':
        reports.push(line);
        break;
      case 'event':
        events.push(line.event);
        break;
      default:
        return refuse(
          'LEDGER_ARCHIVE_INVALID',
          '归档中有未知的行',
          'The archive has a line of an unknown type',
        );
    }
  }
  if (!header)
    return refuse(
      'LEDGER_ARCHIVE_INVALID',
      '不是台账归档文件',
      `Not a ledger archive (no ${ARCHIVE_FORMAT} header)`,
    );
  const broken = checkChain(events);
  if (broken.length > 0)
    return refuse(
      'LEDGER_ARCHIVE_INVALID',
      `归档中的事件链无效：${broken[0]?.message.zh}`,
      `The archive's event chain is invalid: ${broken[0]?.message.en}`,
    );
  const held = new Set(files.map((f) => f.sha256));
  const without = events.find((e) => e.sha256 !== null && !held.has(e.sha256));
  if (without) return incomplete(ledger, without, true, 'import');
  if ((await ledger.events()).length > 0)
    return refuse(
      'LEDGER_NOT_EMPTY',
      '目标台账已有事件，只能导入到空台账',
      'The target ledger has events; import into an empty one',
    );
  // A directory store first (an orphan file is harmless), then every row in one transaction; a
  // database store writes the bytes in that transaction too.
  if (ledger.files.kind === 'files') for (const f of files) await ledger.files.put(f.bytes);
  await ledger.db.transaction(async (tx) => {
    await lockForAppend(tx);
    if (ledger.files.kind === 'database') for (const f of files) await ledger.files.put(f.bytes, tx);
    for (const r of reports)
      await tx.query(
        'INSERT INTO ledger_reports (sha256, report, report_sha256) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
        [r.sha256, r.report, r.reportSha256],
      );
    for (const e of events) await insertEvent(tx, e);
  });
  return { ok: true, files: files.length, reports: reports.length, events: events.length };
}
