import { JIANGSU_CITIES, nameMismatch, placeInName } from '@sunan/aggregate';
import { type Catalogue, formatPeriod, parsePeriod } from '@sunan/schema';
import type { ValidationReport } from '@sunan/validate';
import { type Bilingual, type LedgerCode, type Refusal, refuse } from './codes.js';

/** The extensions a submission may have. */
const SPREADSHEET_EXTENSIONS = ['xlsx', 'xls', 'ods', 'csv', 'json'];

/** Where a file goes: a (city, period), or why it is kept unassigned. */
export type Placement =
  | { readonly ok: true; readonly city: string; readonly period: string; readonly forcedOver?: Bilingual }
  | Refusal;

const FILE_CODES: Readonly<Record<string, { code: LedgerCode; zh: string; en: string }>> = {
  FILE_EMPTY: { code: 'LEDGER_FILE_EMPTY', zh: '文件为空', en: 'the file is empty' },
  FILE_NOT_SPREADSHEET: {
    code: 'LEDGER_NOT_SPREADSHEET',
    zh: '不是表格文件（xlsx、xls、ods、csv 或 json）',
    en: 'not a spreadsheet (xlsx, xls, ods, csv or json)',
  },
  FILE_CORRUPT: {
    code: 'LEDGER_FILE_DAMAGED',
    zh: '文件已损坏或被截断',
    en: 'the file is damaged or truncated',
  },
  ZIP_ENTRY_CORRUPT: { code: 'LEDGER_FILE_DAMAGED', zh: '文件已损坏', en: 'the file is damaged' },
  ZIP_ENTRY_CRC: { code: 'LEDGER_FILE_DAMAGED', zh: '文件已损坏', en: 'the file is damaged' },
  ZIP_ENTRY_SIZE: { code: 'LEDGER_FILE_DAMAGED', zh: '文件已损坏', en: 'the file is damaged' },
};

/** A file the validator could not read at all, with its own message (empty, damaged, not a spreadsheet). */
function unreadable(report: ValidationReport): Refusal | undefined {
  if (report.format !== undefined) return undefined;
  const first = report.findings.find((f) => f.severity === 'error');
  const known = first ? FILE_CODES[first.code] : undefined;
  const detail = first ? `${first.message.zh}` : '无法读取';
  const detailEn = first ? `${first.message.en}` : 'unreadable';
  if (known)
    return refuse(
      known.code,
      `${known.zh}（${detail}），无法登记`,
      `${known.en} (${detailEn}); not taken in`,
    );
  return refuse(
    'LEDGER_FILE_DAMAGED',
    `无法读取（${detail}），无法登记`,
    `cannot be read (${detailEn}); not taken in`,
  );
}

/** A city the file names that is not the zone's: named, e.g. 南通市（320600）不属于苏南自创区. */
function outsideZone(
  report: ValidationReport,
  zoneCities: (period: string) => readonly string[],
): Refusal | undefined {
  const named = report.findings.find((f) => f.code === 'META_UNKNOWN_CITY')?.value;
  const text = named === undefined || named === null ? undefined : String(named).trim();
  const code = text ?? report.city;
  if (code === undefined) return undefined;
  const period = report.period;
  if (text === undefined && (period === undefined || zoneCities(period).includes(code))) return undefined;
  const known = JIANGSU_CITIES.find(
    (c) =>
      c.code === code ||
      c.zh === code ||
      c.zh.replace(/市$/, '') === code ||
      c.en.toLowerCase() === code.toLowerCase(),
  );
  if (known)
    return refuse(
      'LEDGER_OUTSIDE_ZONE',
      `${known.zh}（${known.code}）不属于苏南自创区${period ? `（${period}）` : ''}，未归属任何城市`,
      `${known.en} (${known.code}) is not part of the Sunan zone${period ? ` (${period})` : ''}; not assigned to any city`,
    );
  return refuse(
    'LEDGER_OUTSIDE_ZONE',
    `文件中的城市“${code}”无法识别或不属于苏南自创区，未归属任何城市`,
    `The file names the city “${code}”, unknown or outside the Sunan zone; not assigned to any city`,
  );
}

/**
 * Where a validated file belongs, checking that its name, its content and the zone agree: a file
 * the validator could not read, a city outside the zone, a city or period the content does not
 * give, and (unless `force`) a name that names another city or period than the content, are each
 * refused with their own message (the ledger keeps such files as unassigned).
 */
export function placeFile(
  report: ValidationReport,
  fileName: string,
  catalogue: Catalogue,
  zoneCities: (period: string) => readonly string[],
  force: boolean,
): Placement {
  const bad = unreadable(report) ?? outsideZone(report, zoneCities);
  if (bad) return bad;
  const p = report.period ? parsePeriod(report.period) : undefined;
  if (!report.city || !p) {
    // A text file read as CSV names nothing: what it lacks is being a spreadsheet.
    const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
    if (!ext || !SPREADSHEET_EXTENSIONS.includes(ext))
      return refuse(
        'LEDGER_NOT_SPREADSHEET',
        `不是表格文件（${ext ? `.${ext}` : '无扩展名'}；应为 xlsx、xls、ods、csv 或 json），无法登记`,
        `not a spreadsheet (${ext ? `.${ext}` : 'no extension'}; expected xlsx, xls, ods, csv or json); not taken in`,
      );
    const what = !report.city ? { zh: '城市', en: 'city' } : { zh: '报告期', en: 'period' };
    return refuse(
      'LEDGER_UNIDENTIFIED',
      `无法从文件内容确定${what.zh}，已保存为“未归属”`,
      `The content does not give its ${what.en}; kept as unassigned`,
    );
  }
  const city = report.city;
  const period = formatPeriod(p);
  const mismatch = nameMismatch(placeInName(fileName, catalogue), city, period, catalogue);
  if (!mismatch) return { ok: true, city, period };
  if (force) return { ok: true, city, period, forcedOver: mismatch };
  return refuse(
    'LEDGER_NAME_MISMATCH',
    `${mismatch.zh}；未归属。确认以内容为准时用 --force 重新登记`,
    `${mismatch.en}; not assigned. If the content is right, take it in again with --force`,
  );
}
