import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { IntakeOutcome } from '@sunan/ledger';
import { readInput } from '@sunan/validate/node';
import { collectInputs } from '../files.js';
import { HELP } from '../help.js';
import { colours, EXIT, type Io } from '../io.js';
import { jsonText } from '../json.js';
import { formatOf, type Lang, langOf } from '../lang.js';
import { actorOf, LEDGER_OPTIONS, say, withLedger } from './ledger-common.js';

function line(file: string, o: IntakeOutcome, lang: Lang): string {
  const zh = lang === 'zh';
  if (!o.ok) return `✗ ${file}: ${say(o.message, lang)}`;
  switch (o.kind) {
    case 'received': {
      const e = o.event;
      const s = o.report.stats;
      return zh
        ? `✓ ${file} → ${e.city} ${e.period} 第 ${e.revision} 版（错误 ${s.errors}，警告 ${s.warnings}）sha256 ${e.sha256?.slice(0, 12)}…`
        : `✓ ${file} → ${e.city} ${e.period} revision ${e.revision} (${s.errors} errors, ${s.warnings} warnings) sha256 ${e.sha256?.slice(0, 12)}…`;
    }
    case 'duplicate':
      return zh
        ? `= ${file}：与第 ${o.first.seq} 号事件收到的文件完全相同（${o.first.city ?? '未归属'} ${o.first.period ?? ''} 第 ${o.first.revision ?? '-'} 版），不算新版本`
        : `= ${file}: the same bytes as event ${o.first.seq} (${o.first.city ?? 'unassigned'} ${o.first.period ?? ''} revision ${o.first.revision ?? '-'}); not a new revision`;
    case 'unassigned':
      return zh
        ? `? ${file}：无法确定城市或报告期，已保存为“未归属”（sunan status 列出）`
        : `? ${file}: city or period unreadable; kept as unassigned (listed by sunan status)`;
    default: {
      const never: never = o;
      return String(never);
    }
  }
}

/** `sunan intake`: hands files to the ledger. */
export async function intakeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...LEDGER_OPTIONS, note: { type: 'string' } },
  });
  if (values.help) {
    io.stdout.write(HELP.intake ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const format = formatOf(values.format);
  const by = actorOf(values.by, io);
  const files = await collectInputs(positionals.map((p) => resolve(io.cwd, p)));
  if (files.length === 0) {
    io.stderr.write(lang === 'zh' ? '请给出要登记的文件\n' : 'Give the files to take in\n');
    return EXIT.usage;
  }
  const c = colours(io, io.stdout);
  return withLedger(values, io, async (ledger) => {
    const results: Array<{ file: string; outcome: IntakeOutcome } | { file: string; unreadable: string }> =
      [];
    for (const file of files) {
      const input = await readInput(file);
      if ('report' in input) {
        const why = input.report.findings[0]?.message ?? { zh: '无法读取', en: 'unreadable' };
        results.push({ file, unreadable: say(why, lang) });
        io.stderr.write(`${c.red('✗')} ${basename(file)}: ${say(why, lang)}\n`);
        continue;
      }
      const outcome = await ledger.intake({
        bytes: input.bytes,
        fileName: basename(file),
        by,
        ...(values.note ? { note: values.note } : {}),
      });
      results.push({ file, outcome });
      if (format === 'text') io.stdout.write(`${line(basename(file), outcome, lang)}\n`);
    }
    if (format === 'json') io.stdout.write(jsonText(results.map(jsonOf)));
    if (results.some((r) => 'unreadable' in r)) return EXIT.usage;
    return results.some((r) => 'outcome' in r && !r.outcome.ok) ? EXIT.findings : EXIT.ok;
  });
}

function jsonOf(r: { file: string; outcome: IntakeOutcome } | { file: string; unreadable: string }) {
  if ('unreadable' in r) return { file: r.file, outcome: 'unreadable', message: r.unreadable };
  const o = r.outcome;
  if (!o.ok) return { file: r.file, outcome: 'refused', code: o.code, message: o.message };
  const e = o.event;
  const base = { file: r.file, outcome: o.kind, seq: e.seq, sha256: e.sha256, at: e.at };
  return o.kind === 'duplicate'
    ? { ...base, firstSeq: o.first.seq }
    : {
        ...base,
        city: e.city,
        period: e.period,
        revision: e.revision,
        errors: o.report.stats.errors,
        warnings: o.report.stats.warnings,
      };
}
