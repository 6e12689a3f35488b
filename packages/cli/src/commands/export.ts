import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AggregateResult, aggregate } from '@sunan/aggregate';
import {
  type Approval,
  dataPackage,
  type ExchangeInput,
  observationsOf,
  sdmxCsv,
  sdmxJson,
  sdmxStructure,
} from '@sunan/exchange';
import { sunanCatalogue } from '@sunan/schema';
import { decodeText } from '@sunan/validate';
import { HELP } from '../help.js';
import { EXIT, type Io, UsageError } from '../io.js';
import { type Lang, langOf } from '../lang.js';
import { checkOverwrite, mustExist, writeOutput } from '../output.js';
import { inputsFrom } from './aggregate.js';

const FORMATS = ['sdmx-csv', 'sdmx-structure', 'sdmx-json', 'datapackage'] as const;
type ExportFormat = (typeof FORMATS)[number];

function formatsOf(given: readonly string[] | undefined): ExportFormat[] {
  const list = given && given.length > 0 ? given.flatMap((g) => g.split(',')) : [...FORMATS];
  for (const f of list)
    if (!(FORMATS as readonly string[]).includes(f))
      throw new UsageError(
        `未知的导出格式：${f}（${FORMATS.join('、')}）`,
        `Unknown export format: ${f} (${FORMATS.join(', ')})`,
      );
  return [...new Set(list as ExportFormat[])];
}

/** An aggregate.json, or undefined when the file is something else (a submission to roll up). */
async function aggregateFile(path: string): Promise<AggregateResult | undefined> {
  if (!path.toLowerCase().endsWith('.json') || (await stat(path)).isDirectory()) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(decodeText(new Uint8Array(await readFile(path))).text);
  } catch {
    return undefined;
  }
  const parsed = AggregateResult.safeParse(doc);
  if (parsed.success) return parsed.data;
  // Shaped like a roll-up but not one: say so, rather than validate it as a city's return.
  const looksLikeResult =
    typeof doc === 'object' && doc !== null && 'schemaVersion' in doc && 'indicators' in doc;
  if (looksLikeResult)
    throw new UsageError(
      `${path} 不是有效的 sunan aggregate 结果`,
      `${path} is not a valid sunan aggregate result`,
    );
  return undefined;
}

/** Roll-ups from aggregate.json files, and one roll-up of the other files (submissions) for --period. */
async function fromFiles(positionals: readonly string[], periods: readonly string[] | undefined, io: Io) {
  await mustExist(positionals, io.cwd);
  const results: AggregateResult[] = [];
  const submissions: string[] = [];
  for (const p of positionals) {
    const r = await aggregateFile(resolve(io.cwd, p));
    if (r) results.push(r);
    else submissions.push(p);
  }
  if (submissions.length > 0) {
    const period = periods?.length === 1 ? periods[0] : undefined;
    if (period === undefined)
      throw new UsageError(
        '汇总报表文件时需要一个 --period',
        'Give one --period to roll up submission files (aggregate.json files need none)',
      );
    const inputs = await inputsFrom(submissions, io, '校验 validating', { defaultPeriod: period });
    results.push(aggregate({ submissions: inputs, period, catalogue: sunanCatalogue() }));
  }
  return results;
}

/** With --approved: every reported city's figures and each complete zone figure count as approved. */
function assumedApproved(results: readonly AggregateResult[]): Record<string, Approval> {
  const out: Record<string, Approval> = {};
  for (const r of results) {
    const missing = new Set(r.missing.map((m) => m.code));
    const cities = new Set(r.indicators.flatMap((i) => Object.keys(i.cities)).filter((c) => !missing.has(c)));
    out[r.period] = { cities: [...cities], zone: r.complete };
  }
  return out;
}

/**
 * Refuses a period given twice (the tables' keys would repeat) and says when a roll-up was made with
 * another catalogue than the built-in one the codelists come from.
 */
function checkResults(results: readonly AggregateResult[], io: Io, lang: Lang): void {
  if (results.length === 0) throw new UsageError('没有可导出的数据', 'Nothing to export');
  const periods = results.map((r) => r.period);
  const twice = periods.filter((p, i) => periods.indexOf(p) !== i);
  if (twice.length > 0)
    throw new UsageError(
      `报告期重复：${[...new Set(twice)].join('、')}；每期只能导出一个汇总结果`,
      `Period given twice: ${[...new Set(twice)].join(', ')}; export one roll-up per period`,
    );
  const { id, version } = sunanCatalogue();
  for (const r of results)
    if (r.catalogue.id !== id || r.catalogue.version !== version)
      io.stderr.write(
        lang === 'zh'
          ? `注意：${r.period} 的汇总用的是目录 ${r.catalogue.id} ${r.catalogue.version}，代码表取自内置目录 ${id} ${version}\n`
          : `Note: the ${r.period} roll-up used catalogue ${r.catalogue.id} ${r.catalogue.version}; the codelists come from the built-in ${id} ${version}\n`,
      );
}

function filesFor(formats: readonly ExportFormat[], input: ExchangeInput): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of formats)
    switch (f) {
      case 'sdmx-csv':
        files['sdmx/data.csv'] = sdmxCsv(observationsOf(input));
        break;
      case 'sdmx-structure':
        files['sdmx/structure.xml'] = sdmxStructure(input.catalogue, { prepared: new Date().toISOString() });
        break;
      case 'sdmx-json':
        files['sdmx/data.json'] = sdmxJson(observationsOf(input), { prepared: new Date().toISOString() });
        break;
      case 'datapackage':
        for (const [name, text] of Object.entries(dataPackage(input))) files[`datapackage/${name}`] = text;
        break;
    }
  return files;
}

/** `sunan export`: the zone's figures as SDMX-CSV, an SDMX structure message and a Data Package. */
export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', multiple: true },
      out: { type: 'string' },
      period: { type: 'string', multiple: true },
      approved: { type: 'boolean' },
      ledger: { type: 'string' },
      database: { type: 'string' },
      force: { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP.export ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const formats = formatsOf(values.format);
  if (values.out === undefined) throw new UsageError('需要 --out <目录>', 'Give --out <dir>');
  const fromLedger =
    values.ledger !== undefined || (positionals.length === 0 && io.env.SUNAN_LEDGER !== undefined);
  if (fromLedger && positionals.length > 0)
    throw new UsageError('--ledger 与文件不能同时使用', '--ledger cannot be combined with files');
  if (!fromLedger && positionals.length === 0)
    throw new UsageError(
      '请给出 aggregate.json、报表目录或 --ledger <目录>',
      'Give aggregate.json files, a directory of submissions, or --ledger <dir>',
    );
  const dir = resolve(io.cwd, values.out);
  const ledger = fromLedger
    ? await (await import('./export-ledger.js')).ledgerExport(values, values.period, io)
    : undefined;
  for (const p of ledger?.empty ?? [])
    io.stderr.write(
      lang === 'zh'
        ? `台账中 ${p} 没有已受理的报表，未导出\n`
        : `No accepted revision for ${p} in the ledger; not exported\n`,
    );
  const results = ledger?.results ?? (await fromFiles(positionals, values.period, io));
  checkResults(results, io, lang);
  const approvals = ledger?.approvals ?? (values.approved === true ? assumedApproved(results) : {});
  const files = filesFor(formats, { results, approvals, catalogue: sunanCatalogue() });
  const paths = Object.keys(files).map((name) => join(dir, name));
  await checkOverwrite(paths, values.force === true);
  for (const [name, text] of Object.entries(files)) await writeOutput(join(dir, name), text);
  io.stderr.write(
    lang === 'zh'
      ? `已导出 ${results.map((r) => r.period).join('、')}：${paths.join('、')}\n`
      : `Exported ${results.map((r) => r.period).join(', ')}: ${paths.join(', ')}\n`,
  );
  io.stdout.write(`${dir}\n`);
  return EXIT.ok;
}
