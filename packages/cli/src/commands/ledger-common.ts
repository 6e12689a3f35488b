import { resolve } from 'node:path';
import { type Bilingual, DEFAULT_LOCK_WAIT_MS, Ledger, LedgerError } from '@sunan/ledger';
import { resolveOrgUnit, sunanCatalogue } from '@sunan/schema';
import { type Io, UsageError } from '../io.js';
import type { Lang } from '../lang.js';

/** Options every ledger command takes. */
export const LEDGER_OPTIONS = {
  ledger: { type: 'string' },
  database: { type: 'string' },
  wait: { type: 'string' },
  by: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** How long to wait for a busy embedded ledger: `--wait` seconds, else SUNAN_LEDGER_WAIT, else 30 s. */
export function waitOf(value: string | undefined, io: Io): number {
  const text = value ?? io.env.SUNAN_LEDGER_WAIT;
  if (text === undefined || text.trim() === '') return DEFAULT_LOCK_WAIT_MS;
  const s = Number(text);
  if (!Number.isFinite(s) || s < 0)
    throw new UsageError(
      `--wait 应为等待的秒数（如 30），而不是 ${text}`,
      `--wait takes the seconds to wait (e.g. 30), not ${text}`,
    );
  return Math.round(s * 1000);
}

/**
 * Opens the ledger: on `--database` (or SUNAN_DATABASE_URL) when given, where `--ledger` is not
 * needed (the files are in the database); else embedded in `--ledger` (or SUNAN_LEDGER). A busy
 * embedded ledger is waited for (`--wait`), saying so on stderr at once. Runs `fn` and always
 * closes the ledger (releasing the directory).
 */
export async function withLedger<T>(
  values: { ledger?: string; database?: string; wait?: string },
  io: Io,
  fn: (ledger: Ledger) => Promise<T>,
): Promise<T> {
  const dir = values.ledger ?? io.env.SUNAN_LEDGER;
  const database = values.database ?? io.env.SUNAN_DATABASE_URL;
  if (!dir && !database)
    throw new UsageError(
      '需要 --ledger <目录>（或环境变量 SUNAN_LEDGER），或 --database <PostgreSQL 地址>',
      'Give --ledger <dir> (or SUNAN_LEDGER), or --database <PostgreSQL URL>',
    );
  const waitMs = waitOf(values.wait, io);
  let ledger: Ledger;
  try {
    ledger = await Ledger.open({
      ...(dir ? { dir: resolve(io.cwd, dir) } : {}),
      ...(database ? { database } : {}),
      waitMs,
      onNotice: (m) => io.stderr.write(`${m.zh}\n${m.en}\n`),
    });
  } catch (e) {
    if (e instanceof LedgerError) throw new UsageError(e.zh, e.en);
    throw e;
  }
  try {
    return await fn(ledger);
  } catch (e) {
    if (e instanceof LedgerError) throw new UsageError(e.zh, e.en);
    throw e;
  } finally {
    await ledger.close();
  }
}

/** Who is acting: `--by`, else the login name. */
export function actorOf(by: string | undefined, io: Io): string {
  const who = by ?? io.env.SUNAN_USER ?? io.env.USER ?? io.env.USERNAME;
  if (!who?.trim()) throw new UsageError('需要 --by <经办人>', 'Give --by <who>');
  return who.trim();
}

/** A city code from a code, Chinese or English name; the zone from SUNAN, zone, 全区 or 示范区. */
export function unitOf(text: string | undefined, zoneAllowed: boolean): string {
  if (text === undefined) {
    if (zoneAllowed) return 'SUNAN';
    throw new UsageError('需要 --city', '--city is required');
  }
  const key = text.trim().toLowerCase();
  if (['sunan', 'zone', '全区', '示范区'].includes(key)) {
    if (zoneAllowed) return 'SUNAN';
    throw new UsageError('此操作针对城市，不针对全区', 'This applies to a city, not the zone');
  }
  const unit = resolveOrgUnit(sunanCatalogue().orgUnits, text);
  if (unit?.level !== 'city')
    throw new UsageError(`未知城市：${text}`, `Unknown city: ${text} (320100, 南京 or nanjing…)`);
  return unit.code;
}

/** Text in the language. */
export function say(m: Bilingual, lang: Lang): string {
  return lang === 'zh' ? m.zh : m.en;
}
