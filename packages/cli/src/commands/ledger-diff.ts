import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Ledger } from '@sunan/ledger';
import {
  diffRevisions,
  diffSheet,
  diffText,
  historiesOf,
  historyOf,
  type QualityInput,
} from '@sunan/quality';
import { tableWorkbook } from '@sunan/report';
import { formatPeriod, parsePeriod } from '@sunan/schema';
import type { ValidationReport } from '@sunan/validate';
import { EXIT, type Io, UsageError } from '../io.js';
import { jsonText } from '../json.js';
import { formatOf, langOf } from '../lang.js';
import { LEDGER_OPTIONS, say, unitOf, withLedger } from './ledger-common.js';

/** Help of `sunan ledger diff` (kept beside the command so the shared help file is not touched). */
export const LEDGER_DIFF_HELP = `sunan ledger diff --city <代码|名称> --period <报告期> --ledger <目录> [--from n --to n] [--xlsx 文件] [--format text|json]

列出某市某期两个版本之间的全部改动：每个数值（指标、单元格、原值 → 新值、改动及百分比，精确小数）、
高新技术企业名单新增与删除的行（按统一社会信用代码）、已修正与新出现的校验问题。默认比较最新受理版与其前一受理版。
Every change between two revisions of a city's submission: each value (indicator, cell, old → new,
change and %, exact decimals), list rows added and removed (by credit code), findings fixed and new.
Default: the latest accepted revision against the one accepted before it.
`;

/** The events and, for the periods asked, every stored report (by file hash). */
export async function loadQualityInput(ledger: Ledger, periods?: readonly string[]): Promise<QualityInput> {
  const events = await ledger.events();
  const reports = new Map<string, ValidationReport>();
  for (const e of events) {
    if (e.kind !== 'received' || e.sha256 === null || reports.has(e.sha256)) continue;
    if (periods && (e.period === null || !periods.includes(e.period))) continue;
    const r = await ledger.report(e.sha256);
    if (r) reports.set(e.sha256, r);
  }
  return { events, reports };
}

const positive = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} 须为版本号（正整数）：${v}`, `${flag} must be a revision number: ${v}`);
  return n;
};

/** `sunan ledger diff`: what changed between two revisions of a city's submission. */
export async function ledgerDiffCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...LEDGER_OPTIONS,
      city: { type: 'string' },
      period: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      xlsx: { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout.write(LEDGER_DIFF_HELP);
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const format = formatOf(values.format);
  const city = unitOf(values.city, false);
  const p = values.period === undefined ? undefined : parsePeriod(values.period);
  if (!p) throw new UsageError('需要有效的 --period（如 2022）', 'Give a valid --period (e.g. 2022)');
  const period = formatPeriod(p);
  const from = positive('--from', values.from);
  const to = positive('--to', values.to);
  return withLedger(values, io, async (ledger) => {
    const input = await loadQualityInput(ledger, [period]);
    const h = historyOf(historiesOf(input.events), city, period);
    const d = diffRevisions(ledger.catalogue, h, input.reports, { from, to });
    if (!d.ok) {
      io.stderr.write(`${d.code}: ${say(d.message, lang)}\n`);
      return EXIT.findings;
    }
    const { ok: _ok, ...diff } = d;
    const name = ledger.nameOf(city);
    if (values.xlsx) {
      const path = resolve(io.cwd, values.xlsx);
      await writeFile(path, await tableWorkbook([diffSheet(diff, name)]));
      if (format === 'text') io.stderr.write(`已写出 written: ${path}\n`);
    }
    io.stdout.write(format === 'json' ? jsonText(diff) : diffText(diff, name));
    return EXIT.ok;
  });
}
