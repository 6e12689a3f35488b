import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportLedger, importLedger, type Ledger, type VerifyResult, verifyLedger } from '@sunan/ledger';
import { HELP } from '../help.js';
import { EXIT, type Io, UsageError } from '../io.js';
import { formatOf, type Lang, langOf } from '../lang.js';
import { LEDGER_OPTIONS, say, unitOf, withLedger } from './ledger-common.js';
import { getRevision } from './ledger-get.js';
import { logEntries, logText } from './ledger-log.js';
import { periodArg, revisionArg } from './ledger-revision.js';

const OPTIONS = {
  ...LEDGER_OPTIONS,
  force: { type: 'boolean' },
  'expect-head': { type: 'string' },
  city: { type: 'string' },
  period: { type: 'string' },
  revision: { type: 'string' },
  event: { type: 'string' },
  out: { type: 'string' },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>
>['values'];

function verifyText(r: VerifyResult, lang: Lang): string {
  const zh = lang === 'zh';
  const out = [
    zh
      ? `事件 ${r.events} 条，文件 ${r.files} 个；未被引用的文件 ${r.orphans.length} 个（中断的登记，无害），临时文件 ${r.leftovers.length} 个`
      : `${r.events} events, ${r.files} files; ${r.orphans.length} unreferenced files (interrupted intakes, harmless), ${r.leftovers.length} temp files`,
  ];
  for (const p of r.problems) out.push(`✗ ${p.code}: ${say(p.message, lang)}`);
  out.push(
    zh
      ? `链头 head：第 ${r.head.seq} 号事件 ${r.head.hash}`
      : `head of the chain: event ${r.head.seq} ${r.head.hash}`,
  );
  if (typeof r.expectedHeadAt === 'number')
    out.push(
      zh
        ? `✓ 发布过的链头仍在链中（第 ${r.expectedHeadAt} 号事件），其后追加 ${r.head.seq - r.expectedHeadAt} 条`
        : `✓ the published head is still in the chain (event ${r.expectedHeadAt}), ${r.head.seq - r.expectedHeadAt} events appended since`,
    );
  out.push(
    r.ok
      ? zh
        ? '✓ 台账完整，未发现改动'
        : '✓ the ledger is intact'
      : zh
        ? '✗ 台账校验失败'
        : '✗ verification failed',
  );
  return `${out.join('\n')}\n`;
}

async function verify(ledger: Ledger, values: Values, io: Io): Promise<number> {
  const expect = values['expect-head'];
  if (expect !== undefined && !/^[0-9a-fA-F]{12,64}$/.test(expect.trim()))
    throw new UsageError(
      `--expect-head 应为发布过的链头哈希（至少 12 位十六进制）：${expect}`,
      `--expect-head takes a published head hash (at least 12 hex digits): ${expect}`,
    );
  const r = await verifyLedger(ledger, expect === undefined ? {} : { expectHead: expect });
  if (formatOf(values.format) === 'json') io.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else io.stdout.write(verifyText(r, langOf(values.lang)));
  return r.ok ? EXIT.ok : EXIT.findings;
}

async function archive(ledger: Ledger, sub: 'export' | 'import', path: string, values: Values, io: Io) {
  const lang = langOf(values.lang);
  const zh = lang === 'zh';
  const r =
    sub === 'export'
      ? await exportLedger(ledger, path, { overwrite: values.force === true })
      : await importLedger(ledger, path);
  if (!r.ok) {
    io.stderr.write(`${r.code}: ${say(r.message, lang)}\n`);
    return EXIT.findings;
  }
  const counts = zh
    ? `事件 ${r.events}，文件 ${r.files}，校验报告 ${r.reports}`
    : `${r.events} events, ${r.files} files, ${r.reports} reports`;
  io.stdout.write(
    sub === 'export'
      ? zh
        ? `已导出：${path}（${counts}）\n`
        : `Exported: ${path} (${counts})\n`
      : zh
        ? `已导入：${counts}\n`
        : `Imported: ${counts}\n`,
  );
  return EXIT.ok;
}

async function log(ledger: Ledger, values: Values, io: Io): Promise<number> {
  const city = values.city === undefined ? undefined : unitOf(values.city, true);
  const period = values.period === undefined ? undefined : periodArg(values.period);
  const events = (await ledger.events()).filter(
    (e) => (city === undefined || e.city === city) && (period === undefined || e.period === period),
  );
  const entries = logEntries(ledger, events);
  if (formatOf(values.format) === 'json') io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
  else io.stdout.write(logText(entries, langOf(values.lang)));
  return EXIT.ok;
}

/** The archive file of `export` / `import`; `export` refuses an existing file without --force. */
function archivePath(sub: 'export' | 'import', file: string | undefined, values: Values, io: Io): string {
  if (!file)
    throw new UsageError(
      `需要归档文件：sunan ledger ${sub} <文件>`,
      `Give the archive: sunan ledger ${sub} <file>`,
    );
  const path = resolve(io.cwd, file);
  if (sub === 'export' && values.force !== true && existsSync(path))
    throw new UsageError(
      `输出文件已存在：${path}；如需覆盖请加 --force`,
      `output already exists: ${path}; add --force to overwrite`,
    );
  return path;
}

/** `sunan ledger verify | export <file> | import <file> | log | get | diff`. */
export async function ledgerCommand(args: string[], io: Io): Promise<number> {
  // diff takes its own options (--from, --to, --xlsx).
  if (args[0] === 'diff') return (await import('./ledger-diff.js')).ledgerDiffCommand(args.slice(1), io);
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
  const [sub, file] = positionals;
  if (values.help || sub === undefined) {
    io.stdout.write(HELP.ledger ?? '');
    return values.help ? EXIT.ok : EXIT.usage;
  }
  langOf(values.lang);
  formatOf(values.format);
  switch (sub) {
    case 'verify':
      return withLedger(values, io, (ledger) => verify(ledger, values, io));
    case 'export':
    case 'import': {
      const path = archivePath(sub, file, values, io);
      return withLedger(values, io, (ledger) => archive(ledger, sub, path, values, io));
    }
    case 'log':
      return withLedger(values, io, (ledger) => log(ledger, values, io));
    case 'get': {
      const event = values.event === undefined ? undefined : revisionArg(values.event);
      const q = {
        ...(event === undefined ? {} : { event }),
        city: event === undefined ? unitOf(values.city, false) : '',
        period: event === undefined ? periodArg(values.period) : '',
        revision: revisionArg(values.revision),
        out: values.out ?? '.',
        force: values.force === true,
      };
      return withLedger(values, io, (ledger) => getRevision(ledger, io, langOf(values.lang), q));
    }
    default:
      throw new UsageError(
        `未知子命令：${sub}（verify、export、import、log、get）`,
        `Unknown subcommand: ${sub} (verify, export, import, log, get)`,
      );
  }
}
