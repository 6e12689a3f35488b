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

/** Who is acting: `--by`, else SUNAN_USER, else the login name (USER, USERNAME). */
export function actorOf(by: string | undefined, io: Io): string {
  const who = [by, io.env.SUNAN_USER, io.env.USER, io.env.USERNAME].find((w) => w?.trim());
  if (!who)
    throw new UsageError(
      '不知道经办人是谁：请给出 --by <经办人>，或设置环境变量 SUNAN_USER（如 export SUNAN_USER=张三）；登录名（USER/USERNAME）也未设置',
      'Who is acting is unknown: give --by <name>, or set SUNAN_USER (e.g. export SUNAN_USER=zhang); the login name (USER/USERNAME) is not set either',
    );
  return who.trim();
}

/**
 * The units a decision names: each `--city` may be a comma list (南京,无锡 or 南京，无锡); with
 * `batch`, `all` names every city of the period (resolved against the ledger later).
 */
export function unitsOf(given: readonly string[], zoneAllowed: boolean, batch: boolean): string[] | 'all' {
  const parts = given
    .flatMap((g) => g.split(/[,，、]/))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.some((p) => p.toLowerCase() === 'all')) {
    if (!batch)
      throw new UsageError(
        '此操作不接受 --city all，请逐个城市给出',
        'This decision does not take --city all; name the city',
      );
    if (parts.length > 1) throw new UsageError('--city all 不能与其他城市同用', '--city all stands alone');
    return 'all';
  }
  if (parts.length > 1 && !batch)
    throw new UsageError('此操作一次针对一个城市', 'This decision takes one city at a time');
  if (parts.length === 0) throw new UsageError('--city 为空', '--city is empty');
  return [...new Set(parts.map((p) => unitOf(p, zoneAllowed)))];
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
