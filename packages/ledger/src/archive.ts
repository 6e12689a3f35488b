import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { sha256 } from './canonical.js';
import { type Refusal, refuse } from './codes.js';
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

/**
 * Writes the whole ledger as one portable file of JSON lines: every referenced stored file (base64),
 * every validation report and every event exactly as stored (hashes included, so the chain can be
 * checked again after import).
 */
export async function exportLedger(ledger: Ledger, path: string): Promise<ArchiveCounts> {
  const out = await open(path, 'w');
  const counts = { files: 0, reports: 0, events: 0 };
  try {
    const write = (line: ArchiveLine) => out.write(`${JSON.stringify(line)}\n`);
    await write({ type: 'header', format: ARCHIVE_FORMAT, version: 1, exportedAt: new Date().toISOString() });
    const events = await ledger.events();
    const hashes = [...new Set(events.map((e) => e.sha256).filter((h): h is string => h !== null))];
    for (const h of hashes) {
      const bytes = await ledger.files.read(h);
      if (bytes) {
        await write({ type: 'file', sha256: h, base64: Buffer.from(bytes).toString('base64') });
        counts.files++;
      }
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
    await out.sync();
  } finally {
    await out.close();
  }
  return counts;
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
  if ((await ledger.events()).length > 0)
    return refuse(
      'LEDGER_NOT_EMPTY',
      '目标台账已有事件，只能导入到空台账',
      'The target ledger has events; import into an empty one',
    );
  // Files first (an orphan file is harmless), then every row in one transaction.
  for (const f of files) await ledger.files.put(f.bytes);
  await ledger.db.transaction(async (tx) => {
    await lockForAppend(tx);
    for (const r of reports)
      await tx.query(
        'INSERT INTO ledger_reports (sha256, report, report_sha256) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
        [r.sha256, r.report, r.reportSha256],
      );
    for (const e of events) await insertEvent(tx, e);
  });
  return { ok: true, files: files.length, reports: reports.length, events: events.length };
}
