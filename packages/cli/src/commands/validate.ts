import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type OrgUnit, resolveOrgUnit, type Submission, sunanCatalogue } from '@sunan/schema/core';
import type { ValidationReport } from '@sunan/validate';
import { readInput, validateFile } from '@sunan/validate/node';
import { collectInputs } from '../files.js';
import { formatReport } from '../format-findings.js';
import { HELP } from '../help.js';
import { colours, EXIT, type Io, UsageError } from '../io.js';
import { formatOf, langOf, t } from '../lang.js';
import { progress } from '../progress.js';
import { safeLine } from '../terminal-text.js';

/**
 * The annotated-copy writer, loaded only for `--annotate`: it brings ExcelJS, which a plain
 * validation never needs (it would add to the start-up and ~20 MB to the peak memory).
 */
/** The annotation code, loaded only when a copy is asked for (it brings ExcelJS). */
const annotateWriter = async () => await import('@sunan/report');

/**
 * An --expect-city that names no city is a mistake in the command, not in the file: a usage error
 * (exit 2) naming the cities, before any file is read.
 */
function checkExpectedCity(given: string | undefined, orgUnits: readonly OrgUnit[]): void {
  if (given === undefined) return;
  if (resolveOrgUnit(orgUnits, given)?.level === 'city') return;
  const cities = orgUnits.filter((u) => u.level === 'city').map((u) => `${u.code} ${u.name.zh}`);
  throw new UsageError(
    `--expect-city ${given} 不是城市；可用：${cities.join('、')}`,
    `--expect-city ${given} is not a city; one of: ${cities.join(', ')}`,
  );
}

/** True when the file could not be read at all (as opposed to read with findings). */
export const unreadable = (r: ValidationReport) =>
  r.submission === undefined && r.findings.some((f) => f.code.startsWith('FILE_'));

/** Validates the previous period's files and indexes their submissions by city and period. */
export async function previousLookup(
  path: string | undefined,
  io: Io,
): Promise<((city: string, period: string) => Submission | undefined) | undefined> {
  if (path === undefined) return undefined;
  const files = await collectInputs([resolve(io.cwd, path)]);
  const byCity = new Map<string, Submission>();
  const bar = progress(io, files.length, '上期 previous');
  for (const f of files) {
    bar.tick(basename(f));
    const r = await validateFile(f);
    if (r.submission) byCity.set(r.submission.city, r.submission);
  }
  bar.stop();
  // A single previous file applies to whatever city is validated against it.
  const only = files.length === 1 ? [...byCity.values()][0] : undefined;
  return (city) => byCity.get(city) ?? only;
}

/** `sunan validate`: checks files, prints every finding, optionally writes annotated copies. */
export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      'expect-city': { type: 'string' },
      'expect-period': { type: 'string' },
      previous: { type: 'string' },
      catalogue: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      annotate: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP.validate ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const format = formatOf(values.format);
  if (positionals.length === 0) throw new UsageError('请给出要校验的文件', 'Give the files to validate');
  const files = await collectInputs(positionals.map((p) => resolve(io.cwd, p)));
  const previous = await previousLookup(values.previous, io);
  const catalogue =
    values.catalogue === undefined
      ? undefined
      : await (await import('./catalogue.js')).loadCatalogueFile(values.catalogue, lang, io);
  checkExpectedCity(values['expect-city'], catalogue?.orgUnits ?? sunanCatalogue().orgUnits);

  const reports: ValidationReport[] = [];
  const bar = progress(io, files.length, '校验 validating');
  for (const file of files) {
    bar.tick(basename(file));
    reports.push(
      await validateFile(file, {
        expectCity: values['expect-city'],
        expectPeriod: values['expect-period'],
        previous,
        ...(catalogue ? { catalogue } : {}),
      }),
    );
  }
  bar.stop();

  if (values.annotate !== undefined) {
    const dir = resolve(io.cwd, values.annotate);
    await mkdir(dir, { recursive: true });
    // Never over any input of this run (a.xlsx's copy a.标注副本.xlsx may itself be an input).
    const inputs = new Set(files.map((f) => resolve(f)));
    const { annotate, annotatedCopyName, ANNOTATED_COPY } = await annotateWriter();
    for (const [i, r] of reports.entries()) {
      const input = files[i] ?? '';
      const out = join(dir, annotatedCopyName(basename(input)));
      if (unreadable(r)) continue;
      if (inputs.has(resolve(out))) {
        io.stderr.write(
          `未写出 ${safeLine(out)}：它是本次的输入文件 / Not written: ${safeLine(out)} is an input\n`,
        );
        continue;
      }
      const bytes = await readInput(input);
      if (!('bytes' in bytes)) continue;
      await writeFile(out, await annotate(bytes.bytes, r));
      io.stderr.write(`${lang === 'zh' ? `已写出${ANNOTATED_COPY.zh}` : 'Annotated copy written'}: ${out}\n`);
    }
  }

  if (format === 'json') {
    const files = reports.map((r) => ({
      file: r.file ?? null,
      city: r.city ?? null,
      period: r.period ?? null,
      ok: r.ok,
      stats: r.stats,
      findings: r.findings,
    }));
    io.stdout.write(`${JSON.stringify({ files }, null, 2)}\n`);
  } else {
    const c = colours(io, io.stdout);
    const { orgUnits } = catalogue ?? sunanCatalogue();
    const cityName = (code: string) =>
      t(orgUnits.find((u) => u.code === code)?.name ?? { zh: code, en: code }, lang);
    for (const r of reports)
      io.stdout.write(`${formatReport(r, lang, c, values.verbose === true, cityName)}\n\n`);
    const failed = reports.filter((r) => !r.ok).length;
    const sum = (k: 'errors' | 'warnings' | 'infos') => reports.reduce((n, r) => n + r.stats[k], 0);
    io.stdout.write(
      lang === 'zh'
        ? `共 ${reports.length} 个文件，${failed} 个未通过；错误 ${sum('errors')}，警告 ${sum('warnings')}，提示 ${sum('infos')}。\n`
        : `${reports.length} files, ${failed} failed; ${sum('errors')} errors, ${sum('warnings')} warnings, ${sum('infos')} infos.\n`,
    );
  }
  for (const r of reports.filter(unreadable))
    io.stderr.write(
      lang === 'zh'
        ? `无法读取：${safeLine(r.file ?? '')}（${safeLine(r.findings[0]?.message.zh ?? '')}）\n`
        : `Cannot read: ${safeLine(r.file ?? '')} (${safeLine(r.findings[0]?.message.en ?? '')})\n`,
    );
  if (reports.some(unreadable)) return EXIT.usage;
  return reports.some((r) => !r.ok) ? EXIT.findings : EXIT.ok;
}
