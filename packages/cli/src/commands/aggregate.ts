import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type AggregateResult,
  aggregate,
  fingerprint,
  nameMismatch,
  placeInName,
  readControls,
  retainedInput,
  type SubmissionInput,
} from '@sunan/aggregate';
import { formatSummary, type ReportStamp, reportHtml, reportWorkbook, stampLines } from '@sunan/report';
import {
  type Catalogue,
  findIndicator,
  formatPeriod,
  parsePeriod,
  samePeriodLastYear,
  sunanCatalogue,
} from '@sunan/schema';
import { validateSubmission } from '@sunan/validate';
import { collectBetweenFiles, nodeInflater, readInput } from '@sunan/validate/node';
import { collectInputs, OUTPUT_NAMES } from '../files.js';
import { findingLine } from '../format-findings.js';
import { HELP } from '../help.js';
import { colours, EXIT, type Io, UsageError } from '../io.js';
import { jsonText } from '../json.js';
import { formatOf, langOf } from '../lang.js';
import { checkOverwrite, mustExist, writeOutput } from '../output.js';
import { progress } from '../progress.js';
import { safeLine, safeText } from '../terminal-text.js';
import { unreadable } from './validate.js';

/**
 * Validates files and wraps them for the roll-up, with their SHA-256 and modification time: each file
 * read once, its report kept compact (see retainedInput); `valuesOnly` for previous and history
 * periods. `defaultPeriod` applies to files that name none (CSV exports).
 */
export async function inputsFrom(
  paths: readonly string[],
  io: Io,
  title: string,
  options: { valuesOnly?: boolean; defaultPeriod?: string | undefined } = {},
): Promise<SubmissionInput[]> {
  const files = await collectInputs(
    paths.map((p) => resolve(io.cwd, p)),
    {
      skipOutputs: true,
      skipped: (p) =>
        io.stderr.write(
          `跳过本工具写出的文件 ${safeLine(p)}（不是报表） / skipped ${safeLine(basename(p))}: written by sunan, not a submission\n`,
        ),
    },
  );
  const catalogue = sunanCatalogue();
  const bar = progress(io, files.length, title);
  const out: SubmissionInput[] = [];
  // Only the compact input is kept of each file: what is left of its validation is collected before
  // the next file, when it is large enough to matter.
  const settle = collectBetweenFiles();
  for (const file of files) {
    bar.tick(basename(file));
    const bytes = await readInput(file);
    const name = basename(file);
    // --period applies to files that name none (CSV exports); the report says so in an info finding.
    const report =
      'bytes' in bytes
        ? validateSubmission(bytes.bytes, {
            fileName: name,
            inflater: nodeInflater,
            valuesOnly: options.valuesOnly === true,
            ...(options.defaultPeriod ? { defaultPeriod: options.defaultPeriod } : {}),
          })
        : bytes.report;
    const sha256 = 'bytes' in bytes ? await fingerprint(bytes.bytes) : '';
    let submittedAt: string | undefined;
    try {
      submittedAt = (await stat(file)).mtime.toISOString();
    } catch {
      submittedAt = undefined;
    }
    const input = retainedInput(report, name, sha256, submittedAt);
    const mismatch =
      report.city && report.period
        ? nameMismatch(placeInName(name, catalogue), report.city, report.period, catalogue)
        : undefined;
    out.push(mismatch ? { ...input, nameMismatch: mismatch } : input);
    settle();
  }
  bar.stop();
  return out;
}

async function controlsFrom(path: string | undefined, io: Io, catalogue: Catalogue) {
  if (path === undefined) return { controls: [], findings: [] };
  const p = resolve(io.cwd, path);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(p));
  } catch {
    throw new UsageError(`无法读取文件：${path}`, `Cannot read file: ${path}`);
  }
  return readControls(bytes, catalogue, basename(p));
}

/** The path with symbolic links resolved where it exists (an output folder may not exist yet). */
async function real(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/**
 * `--out` inside a folder that is read as input is refused: the next run would read the reports it
 * wrote as if a city had sent them.
 */
async function refuseOutInsideInputs(out: string, inputs: readonly string[], cwd: string): Promise<void> {
  const outReal = await real(out);
  for (const input of inputs) {
    const p = resolve(cwd, input);
    if (!(await stat(p)).isDirectory()) continue;
    const dir = await real(p);
    if (outReal === dir || outReal.startsWith(dir + sep))
      throw new UsageError(
        `--out ${out} 在输入目录 ${input} 之内：报告会在下次汇总时被当作报表读入；请换一个输出目录`,
        `--out ${out} is inside the input folder ${input}: the reports would be read back as submissions; choose another output folder`,
      );
  }
}

/** Each earlier period (previous and history) rolled up on its own, for the reports' trend lines. */
function earlierResults(
  period: string,
  previous: SubmissionInput[] | undefined,
  history: ReadonlyArray<{ period: string; submissions: SubmissionInput[] }>,
  catalogue: Catalogue,
  includeInvalid: boolean,
): AggregateResult[] {
  const prevPeriod = /^\d{4}$/.test(period) ? String(Number(period) - 1) : undefined;
  const all = [
    ...history,
    ...(previous && prevPeriod ? [{ period: prevPeriod, submissions: previous }] : []),
  ];
  const seen = new Set<string>();
  return all
    .filter((h) => h.period < period && !seen.has(h.period) && seen.add(h.period))
    .map((h) => aggregate({ submissions: h.submissions, period: h.period, catalogue, includeInvalid }));
}

/** `sunan aggregate`: the centre's roll-up with reports. */
export async function aggregateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      period: { type: 'string' },
      previous: { type: 'string' },
      history: { type: 'string', multiple: true },
      controls: { type: 'string' },
      'zone-report': { type: 'string' },
      'include-invalid': { type: 'boolean' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      format: { type: 'string' },
      lang: { type: 'string' },
      ledger: { type: 'string' },
      database: { type: 'string' },
      final: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP.aggregate ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const format = formatOf(values.format);
  if (!values.period) throw new UsageError('需要 --period', '--period is required');
  // A server ledger (--database) needs no local folder: the URL alone names the whole ledger.
  const fromLedger = values.ledger !== undefined || values.database !== undefined || positionals.length === 0;
  if (fromLedger && (positionals.length > 0 || values.previous || values.history))
    throw new UsageError(
      '--ledger 与报表文件、--previous、--history 不能同时使用：上期和往期也取自台账',
      '--ledger cannot be combined with files, --previous or --history: the ledger supplies those periods too',
    );
  if (
    fromLedger &&
    values.ledger === undefined &&
    !io.env.SUNAN_LEDGER &&
    !(values.database ?? io.env.SUNAN_DATABASE_URL)
  )
    throw new UsageError(
      '请给出报表目录或文件，或 --ledger <目录>',
      'Give the directory or files to aggregate, or --ledger <dir>',
    );
  if (values.final && !fromLedger)
    throw new UsageError(
      '--final 只用于 --ledger：定稿须来自已审核并锁定的台账',
      '--final applies to --ledger only: a final report comes from an approved and locked ledger',
    );
  const inputPaths = [
    ...positionals,
    ...(values.previous ? [values.previous] : []),
    ...(values.history ?? []),
  ];
  await mustExist(inputPaths, io.cwd);
  if (values.out !== undefined) {
    const dir = resolve(io.cwd, values.out);
    await refuseOutInsideInputs(dir, inputPaths, io.cwd);
    await checkOverwrite(
      OUTPUT_NAMES.map((n) => join(dir, n)),
      values.force === true,
    );
  }
  const catalogue = sunanCatalogue();

  const fromStore = fromLedger
    ? await (await import('./aggregate-ledger.js')).ledgerRollUp(
        values,
        values.period,
        io,
        lang,
        values.final === true,
      )
    : undefined;
  if (fromStore && 'refused' in fromStore) {
    io.stderr.write(
      `${colours(io, io.stderr).red('✗')} ${fromStore.refused.zh}\n  ${fromStore.refused.en}\n`,
    );
    return EXIT.findings;
  }
  const ledgerInputs = fromStore;
  const stamp: ReportStamp = ledgerInputs?.stamp ?? {
    state: 'not-ledger',
    generatedAt: new Date().toISOString(),
  };
  // --period applies to files that name none (CSV exports); the previous files take the year before.
  const before = parsePeriod(values.period);
  const submissions =
    ledgerInputs?.submissions ??
    (await inputsFrom(positionals, io, '校验 validating', { defaultPeriod: values.period }));
  const previous =
    ledgerInputs?.previous ??
    (values.previous
      ? await inputsFrom([values.previous], io, '上期 previous', {
          valuesOnly: true,
          defaultPeriod: before && formatPeriod(samePeriodLastYear(before)),
        })
      : undefined);
  const history: Array<{ period: string; submissions: SubmissionInput[] }> = [
    ...(ledgerInputs?.history ?? []),
  ];
  for (const h of values.history ?? []) {
    const list = await inputsFrom([h], io, '往期 history', { valuesOnly: true });
    const periods = new Set(list.map((i) => i.report.period).filter((p): p is string => p !== undefined));
    for (const period of periods)
      history.push({ period, submissions: list.filter((i) => i.report.period === period) });
  }
  const controls = await controlsFrom(values.controls, io, catalogue);
  const zoneFile = await controlsFrom(values['zone-report'], io, catalogue);
  const zoneReported: Record<string, string> = {};
  for (const c of zoneFile.controls)
    if (c.orgUnit === 'SUNAN' && findIndicator(catalogue, c.indicator)?.aggregation.kind === 'reported')
      zoneReported[c.indicator] = c.value;

  const result = aggregate({
    submissions,
    period: values.period,
    catalogue,
    ...(previous ? { previous } : {}),
    history,
    controls: controls.controls,
    zoneReported,
    includeInvalid: values['include-invalid'] === true,
  });
  // Controls' findings first; a loop, not unshift(...list), which overflows on long lists.
  const own = result.findings.splice(0);
  for (const list of [controls.findings, zoneFile.findings, own])
    for (const f of list) result.findings.push(f);
  const earlier = earlierResults(
    result.period,
    previous,
    history,
    catalogue,
    values['include-invalid'] === true,
  );

  if (values.out !== undefined) {
    const dir = resolve(io.cwd, values.out);
    await writeOutput(join(dir, 'aggregate.json'), jsonText(result));
    await writeOutput(
      join(dir, 'report.xlsx'),
      await reportWorkbook(result, catalogue, {
        history: earlier,
        ...(ledgerInputs ? { intake: ledgerInputs.intake } : {}),
        stamp,
      }),
    );
    await writeOutput(
      join(dir, 'report.html'),
      reportHtml(result, catalogue, {
        history: earlier,
        ...(ledgerInputs ? { intake: ledgerInputs.intake, quality: { href: 'quality.html' } } : {}),
        stamp,
      }),
    );
    const said = stampLines(stamp, catalogue);
    io.stderr.write(
      lang === 'zh'
        ? `报告已写出：${join(dir, 'aggregate.json')}、report.xlsx、report.html\n  ${said.zh.join(' · ')}\n`
        : `Reports written: ${join(dir, 'aggregate.json')}, report.xlsx, report.html\n  ${said.en.join(' · ')}\n`,
    );
  }
  if (format === 'json') io.stdout.write(jsonText(result));
  else {
    const c = colours(io, io.stdout);
    const summary = safeText(formatSummary(result, lang, { catalogue, history: earlier }));
    io.stdout.write(
      `${result.complete ? summary : summary.replace(/^(.*\n)(.*)/, (_, a: string, b: string) => `${a}${c.red(c.bold(b))}`)}\n`,
    );
    // The files' own findings are for `sunan validate`; here, what the roll-up itself found.
    const rollUpLevel = /^(AGG_|XCITY_|RECON_|CONTROL_)/;
    const serious = result.findings.filter((f) => f.severity !== 'info' && rollUpLevel.test(f.code));
    const rec = result.reconciliation;
    if (rec.length > 0) {
      const n = (s: string) => rec.filter((r) => r.status === s).length;
      io.stdout.write(
        lang === 'zh'
          ? `控制数核对 ${rec.length} 项：一致 ${n('consistent')}，不一致 ${n('inconsistent')}，不可比 ${n('not-comparable')}\n`
          : `Control totals ${rec.length}: ${n('consistent')} consistent, ${n('inconsistent')} inconsistent, ${n('not-comparable')} not comparable\n`,
      );
    }
    if (serious.length > 0) {
      io.stdout.write(`\n${lang === 'zh' ? '汇总层面的问题' : 'Roll-up findings'}:\n`);
      for (const f of serious) io.stdout.write(`${findingLine(f, lang, c)}\n`);
    }
  }
  const allInputs = [...submissions, ...(previous ?? [])];
  for (const i of allInputs.filter((x) => unreadable(x.report)))
    io.stderr.write(lang === 'zh' ? `无法读取：${safeLine(i.file)}\n` : `Cannot read: ${safeLine(i.file)}\n`);
  if (allInputs.some((i) => unreadable(i.report))) return EXIT.usage;
  return result.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}
