import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportLedger, importLedger, verifyLedger } from '@sunan/ledger';
import { HELP } from '../help.js';
import { EXIT, type Io, UsageError } from '../io.js';
import { formatOf, langOf } from '../lang.js';
import { LEDGER_OPTIONS, say, withLedger } from './ledger-common.js';

/** `sunan ledger verify | export <file> | import <file>`. */
export async function ledgerCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: LEDGER_OPTIONS,
  });
  const [sub, file] = positionals;
  if (values.help || sub === undefined) {
    io.stdout.write(HELP.ledger ?? '');
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const lang = langOf(values.lang);
  const format = formatOf(values.format);
  const zh = lang === 'zh';
  switch (sub) {
    case 'verify':
      return withLedger(values, io, async (ledger) => {
        const r = await verifyLedger(ledger);
        if (format === 'json') io.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        else {
          io.stdout.write(
            zh
              ? `事件 ${r.events} 条，文件 ${r.files} 个；未被引用的文件 ${r.orphans.length} 个（中断的登记，无害），临时文件 ${r.leftovers.length} 个\n`
              : `${r.events} events, ${r.files} files; ${r.orphans.length} unreferenced files (interrupted intakes, harmless), ${r.leftovers.length} temp files\n`,
          );
          for (const p of r.problems) io.stdout.write(`✗ ${p.code}: ${say(p.message, lang)}\n`);
          io.stdout.write(
            r.ok
              ? zh
                ? '✓ 台账完整，未发现改动\n'
                : '✓ the ledger is intact\n'
              : zh
                ? '✗ 台账校验失败\n'
                : '✗ verification failed\n',
          );
        }
        return r.ok ? EXIT.ok : EXIT.findings;
      });
    case 'export':
    case 'import': {
      if (!file)
        throw new UsageError(
          `需要归档文件：sunan ledger ${sub} <文件>`,
          `Give the archive: sunan ledger ${sub} <file>`,
        );
      const path = resolve(io.cwd, file);
      return withLedger(values, io, async (ledger) => {
        if (sub === 'export') {
          const n = await exportLedger(ledger, path);
          io.stdout.write(
            zh
              ? `已导出：${path}（事件 ${n.events}，文件 ${n.files}，校验报告 ${n.reports}）\n`
              : `Exported: ${path} (${n.events} events, ${n.files} files, ${n.reports} reports)\n`,
          );
          return EXIT.ok;
        }
        const r = await importLedger(ledger, path);
        if (!r.ok) {
          io.stderr.write(`${r.code}: ${say(r.message, lang)}\n`);
          return EXIT.findings;
        }
        io.stdout.write(
          zh
            ? `已导入：事件 ${r.events}，文件 ${r.files}，校验报告 ${r.reports}\n`
            : `Imported: ${r.events} events, ${r.files} files, ${r.reports} reports\n`,
        );
        return EXIT.ok;
      });
    }
    default:
      throw new UsageError(
        `未知子命令：${sub}（verify、export、import）`,
        `Unknown subcommand: ${sub} (verify, export, import)`,
      );
  }
}
