import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { IntakeOutcome, Ledger, Placement } from '@sunan/ledger';
import type { ValidationReport } from '@sunan/validate';
import { readInput } from '@sunan/validate/node';
import { collectInputs } from '../files.js';
import { HELP } from '../help.js';
import { colours, EXIT, type Io } from '../io.js';
import { jsonText } from '../json.js';
import { formatOf, type Lang, langOf } from '../lang.js';
import { safeLine } from '../terminal-text.js';
import { actorOf, LEDGER_OPTIONS, say, withLedger } from './ledger-common.js';

/** How many of a file's error findings intake shows under its line. */
const FIRST_FINDINGS = 3;

function findingsBelow(report: ValidationReport, lang: Lang): string[] {
  const errors = report.findings.filter((f) => f.severity === 'error');
  const shown = errors
    .slice(0, FIRST_FINDINGS)
    .map((f) => `    - ${f.code}${f.cell ? ` ${f.cell}` : ''}: ${safeLine(say(f.message, lang))}`);
  if (errors.length > FIRST_FINDINGS)
    shown.push(
      lang === 'zh'
        ? `    …共 ${errors.length} 个错误（sunan validate 列出全部）`
        : `    …${errors.length} errors in all (sunan validate lists them)`,
    );
  return shown;
}

function line(file: string, o: IntakeOutcome, lang: Lang): string {
  const zh = lang === 'zh';
  if (!o.ok) return `✗ ${file}: ${say(o.message, lang)}`;
  switch (o.kind) {
    case 'received': {
      const e = o.event;
      const s = o.report.stats;
      const mark = s.errors > 0 ? '✗' : '✓';
      const forced = e.data.forcedOver as { zh: string; en: string } | undefined;
      const head = zh
        ? `${mark} ${file} → ${e.city} ${e.period} 第 ${e.revision} 版（错误 ${s.errors}，警告 ${s.warnings}）sha256 ${e.sha256?.slice(0, 12)}…`
        : `${mark} ${file} → ${e.city} ${e.period} revision ${e.revision} (${s.errors} errors, ${s.warnings} warnings) sha256 ${e.sha256?.slice(0, 12)}…`;
      const notes = forced
        ? [
            zh
              ? `    ! --force：${forced.zh}，按内容登记`
              : `    ! --force: ${forced.en}; taken in by its content`,
          ]
        : [];
      return [head, ...notes, ...findingsBelow(o.report, lang)].join('\n');
    }
    case 'duplicate':
      return zh
        ? `= ${file}：与第 ${o.first.seq} 号事件收到的文件完全相同（${o.first.city ?? '未归属'} ${o.first.period ?? ''} 第 ${o.first.revision ?? '-'} 版），不算新版本`
        : `= ${file}: the same bytes as event ${o.first.seq} (${o.first.city ?? 'unassigned'} ${o.first.period ?? ''} revision ${o.first.revision ?? '-'}); not a new revision`;
    case 'unassigned':
      return zh
        ? `✗ ${file}：${o.why.code} ${o.why.message.zh}；文件已原样保存为“未归属”（sunan status 列出）`
        : `✗ ${file}: ${o.why.code} ${o.why.message.en}; the file is kept as received, unassigned (listed by sunan status)`;
    default: {
      const never: never = o;
      return String(never);
    }
  }
}

/** A file read and examined before anything is taken in. */
interface Looked {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly report: ValidationReport;
  readonly placement: Placement;
  readonly duplicate: boolean;
}

/**
 * Files of one intake that would become two or more revisions of the same city and period, when
 * their order is not explicit: any of them came from a directory (whose listing order is no order
 * of receipt) and `--in-order` was not given.
 */
function unorderedGroups(
  looked: readonly Looked[],
  fromDir: ReadonlySet<string>,
  inOrder: boolean,
): Looked[][] {
  if (inOrder) return [];
  const groups = new Map<string, Looked[]>();
  // The same bytes twice in one intake are one revision (the second is a duplicate).
  const seen = new Set<string>();
  for (const l of looked) {
    const hash = createHash('sha256').update(l.bytes).digest('hex');
    if (l.duplicate || !l.placement.ok || seen.has(hash)) continue;
    seen.add(hash);
    const key = `${l.placement.city} ${l.placement.period}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.values()].filter((g) => g.length > 1 && g.some((l) => fromDir.has(l.path)));
}

function orderRefusal(groups: readonly Looked[][], lang: Lang): string {
  const zh = lang === 'zh';
  const out = [
    zh
      ? '✗ LEDGER_ORDER_UNKNOWN: 本次登记中同一城市同一报告期有多个新文件，无法得知收到的先后（目录中的文件名顺序不是收到顺序），全部未登记：'
      : '✗ LEDGER_ORDER_UNKNOWN: this intake holds several new files for the same city and period, and their order of receipt is unknown (names in a folder are no order of receipt); nothing was taken in:',
  ];
  for (const g of groups) {
    const p = g[0]?.placement;
    out.push(`  ${p?.ok ? `${p.city} ${p.period}` : ''}:`);
    for (const l of g) out.push(`    ${basename(l.path)}`);
  }
  out.push(
    zh
      ? '请按收到的先后逐个列出文件（sunan intake 先到的.xlsx 后到的.xlsx …），或加 --in-order 表示命令行顺序即收到顺序（目录内按修改时间先后）'
      : 'Name the files one by one in the order they were received (sunan intake first.xlsx later.xlsx …), or add --in-order to say the command line order is the order received (files in a folder by modification time)',
  );
  return `${out.join('\n')}\n`;
}

/** The files to take in, in order: directories expanded by name, or with `--in-order` by modification time. */
async function inputsOf(
  paths: readonly string[],
  inOrder: boolean,
): Promise<{ files: string[]; fromDir: Set<string> }> {
  const files: string[] = [];
  const fromDir = new Set<string>();
  for (const p of paths) {
    const expanded = await collectInputs([p]);
    const isDir = expanded.length !== 1 || expanded[0] !== p;
    if (isDir && inOrder) {
      const times = await Promise.all(expanded.map(async (f) => [f, (await stat(f)).mtimeMs] as const));
      expanded.splice(0, expanded.length, ...times.sort((a, b) => a[1] - b[1]).map(([f]) => f));
    }
    for (const f of expanded) {
      files.push(f);
      if (isDir) fromDir.add(f);
    }
  }
  return { files, fromDir };
}

async function look(ledger: Ledger, files: readonly string[], force: boolean, io: Io, lang: Lang) {
  const looked: Looked[] = [];
  const unreadable: Array<{ file: string; unreadable: string }> = [];
  for (const path of files) {
    const input = await readInput(path);
    if ('report' in input) {
      const why = input.report.findings[0]?.message ?? { zh: '无法读取', en: 'unreadable' };
      unreadable.push({ file: path, unreadable: say(why, lang) });
      io.stderr.write(`✗ ${basename(path)}: ${say(why, lang)}\n`);
      continue;
    }
    const { report, placement } = ledger.examine({ bytes: input.bytes, fileName: basename(path), force });
    const first = await ledger.firstReceipt(input.bytes);
    const duplicate = first !== undefined && !(first.kind === 'unassigned' && placement.ok);
    looked.push({ path, bytes: input.bytes, report, placement, duplicate });
  }
  return { looked, unreadable };
}

/** `sunan intake`: hands files to the ledger, in the order given. */
export async function intakeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...LEDGER_OPTIONS,
      note: { type: 'string' },
      force: { type: 'boolean' },
      'in-order': { type: 'boolean' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP.intake ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const format = formatOf(values.format);
  const by = actorOf(values.by, io);
  const inOrder = values['in-order'] === true;
  const { files, fromDir } = await inputsOf(
    positionals.map((p) => resolve(io.cwd, p)),
    inOrder,
  );
  if (files.length === 0) {
    io.stderr.write(lang === 'zh' ? '请给出要登记的文件\n' : 'Give the files to take in\n');
    return EXIT.usage;
  }
  const c = colours(io, io.stdout);
  return withLedger(values, io, async (ledger) => {
    const { looked, unreadable } = await look(ledger, files, values.force === true, io, lang);
    const unordered = unorderedGroups(looked, fromDir, inOrder);
    if (unordered.length > 0) {
      io.stderr.write(orderRefusal(unordered, lang));
      return EXIT.findings;
    }
    const results: Array<{ file: string; outcome: IntakeOutcome }> = [];
    for (const l of looked) {
      const outcome = await ledger.intake({
        bytes: l.bytes,
        fileName: basename(l.path),
        by,
        report: l.report,
        ...(values.force ? { force: true } : {}),
        ...(values.note ? { note: values.note } : {}),
      });
      results.push({ file: l.path, outcome });
      if (format === 'text') io.stdout.write(`${paint(line(basename(l.path), outcome, lang), c)}\n`);
    }
    if (format === 'json')
      io.stdout.write(
        jsonText([...results.map(jsonOf), ...unreadable.map((u) => ({ ...u, outcome: 'unreadable' }))]),
      );
    if (unreadable.length > 0) return EXIT.usage;
    // Exit 1 when a file was not taken in or not assigned. A file with errors is taken in (it is
    // the record of what the city sent) and marked ✗ with its first findings; accepting it is refused.
    const bad = results.some(({ outcome: o }) => !o.ok || o.kind === 'unassigned');
    return bad ? EXIT.findings : EXIT.ok;
  });
}

function paint(text: string, c: ReturnType<typeof colours>): string {
  return text.replace(/^✗/, c.red('✗')).replace(/^✓/, c.green('✓'));
}

function jsonOf(r: { file: string; outcome: IntakeOutcome }) {
  const o = r.outcome;
  if (!o.ok) return { file: r.file, outcome: 'refused', code: o.code, message: o.message };
  const e = o.event;
  const base = { file: r.file, outcome: o.kind, seq: e.seq, sha256: e.sha256, at: e.at };
  switch (o.kind) {
    case 'duplicate':
      return { ...base, firstSeq: o.first.seq };
    case 'unassigned':
      return { ...base, code: o.why.code, message: o.why.message, errors: o.report.stats.errors };
    case 'received':
      return {
        ...base,
        city: e.city,
        period: e.period,
        revision: e.revision,
        errors: o.report.stats.errors,
        warnings: o.report.stats.warnings,
        ...(e.data.forcedOver ? { forcedOver: e.data.forcedOver } : {}),
      };
    default: {
      const never: never = o;
      return never;
    }
  }
}
