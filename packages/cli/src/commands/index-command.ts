import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AggregateResult } from '@sunan/aggregate';
import {
  type IndexMatrix,
  type InnovationIndexFailure,
  indexIndicators,
  innovationIndex,
  matrixFromAggregate,
  type Normalization,
  type ZeroHandling,
} from '@sunan/index';
import { indexHtml, indexWorkbook } from '@sunan/report';
import {
  checkIndexDefinition,
  type IndexDefinition,
  resolveOrgUnit,
  sunanCatalogue,
  sunanIndexDefinition,
} from '@sunan/schema';
import { decodeText } from '@sunan/validate';
import * as XLSX from 'xlsx';
import { collectInputs } from '../files.js';
import { HELP } from '../help.js';
import { EXIT, type Io, UsageError } from '../io.js';
import { formatOf, type Lang, langOf, t } from '../lang.js';
import { checkOverwrite, writeOutput } from '../output.js';

/** A numeric option, or a usage error naming it: NaN must not reach the weights. */
function numberOption(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x))
    throw new UsageError(`${flag} 应为数字：${text}`, `${flag} must be a number: ${text}`);
  return x;
}

function normalizationOf(
  kind: string | undefined,
  epsilon: string | undefined,
  delta: string | undefined,
): Normalization {
  switch (kind ?? 'min-max') {
    case 'min-max':
      return { kind: 'min-max' };
    case 'min-max-epsilon':
      return { kind: 'min-max-epsilon', epsilon: numberOption('--epsilon', epsilon, 0.0001) };
    case 'min-max-shift':
      return { kind: 'min-max-shift', delta: numberOption('--delta', delta, 0.0001) };
    case 'proportion':
      return { kind: 'proportion' };
    default:
      throw new UsageError(
        `未知的标准化方法：${kind}`,
        `Unknown normalisation: ${kind} (min-max, min-max-epsilon, min-max-shift, proportion)`,
      );
  }
}

function zeroHandlingOf(kind: string | undefined, epsilon: string | undefined): ZeroHandling {
  switch (kind ?? 'limit') {
    case 'limit':
      return { kind: 'limit' };
    case 'replace':
      return { kind: 'replace', epsilon: numberOption('--zero-epsilon', epsilon, 0.000001) };
    default:
      throw new UsageError(
        `--zero-handling 只能是 limit 或 replace：${kind}`,
        `--zero-handling must be limit or replace: ${kind}`,
      );
  }
}

/** Reads a units × indicators matrix from CSV or xlsx: a unit column, an optional period column, one column per indicator code. */
function matricesFromSheet(bytes: Uint8Array, file: string, definition: IndexDefinition): IndexMatrix[] {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const wb = isZip
    ? XLSX.read(bytes, { type: 'array' })
    : XLSX.read(decodeText(bytes).text, { type: 'string' });
  const ws = wb.Sheets[wb.SheetNames[0] ?? ''];
  const rows = ws ? XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null }) : [];
  const [head, ...body] = rows;
  const headers = (head ?? []).map((h) => String(h ?? '').trim());
  const unitCol = headers.findIndex((h) =>
    ['单位', '单位代码', 'unit', '城市', '自创区'].includes(h.toLowerCase()),
  );
  const periodCol = headers.findIndex((h) => ['报告期', 'period', '年份', 'year'].includes(h.toLowerCase()));
  const codes = indexIndicators(definition).map((i) => i.code);
  const missing = codes.filter((c) => !headers.includes(c));
  if (unitCol < 0 || missing.length > 0)
    throw new UsageError(
      `${file}：需要“单位”列和指数的全部指标列，缺少 ${[unitCol < 0 ? '单位' : '', ...missing].filter(Boolean).join('、')}`,
      `${file}: needs a unit column and every indicator of the index; missing ${[unitCol < 0 ? 'unit' : '', ...missing].filter(Boolean).join(', ')}`,
    );
  const byPeriod = new Map<string, { units: string[]; values: Array<Array<number | null>> }>();
  for (const row of body) {
    if (!row || row.every((v) => v === null || v === '')) continue;
    const period = periodCol >= 0 ? String(row[periodCol] ?? '') : basename(file);
    const entry = byPeriod.get(period) ?? { units: [], values: [] };
    entry.units.push(String(row[unitCol] ?? ''));
    entry.values.push(
      codes.map((c) => {
        const v = row[headers.indexOf(c)];
        const n =
          typeof v === 'number'
            ? v
            : v === null || v === ''
              ? Number.NaN
              : Number(String(v).replace(/,/g, ''));
        return Number.isFinite(n) ? n : null;
      }),
    );
    byPeriod.set(period, entry);
  }
  return [...byPeriod].map(([period, e]) => ({ period, units: e.units, values: e.values }));
}

/** `--periods 2020,2021,2022`: the years asked for, each a four-digit year. */
function periodsOf(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const list = text
    .split(/[,，、\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = list.filter((p) => !/^\d{4}$/.test(p));
  if (list.length === 0 || bad.length > 0)
    throw new UsageError(
      `--periods 应为年份列表，如 2020,2021,2022${bad.length > 0 ? `；无效：${bad.join('、')}` : ''}`,
      `--periods must list years, e.g. 2020,2021,2022${bad.length > 0 ? `; not years: ${bad.join(', ')}` : ''}`,
    );
  return [...new Set(list)].sort();
}

/**
 * The years from the ledger, each named with its approval state on stderr; an incomplete year
 * named in one line per year and city (and undefined returned), not one line per missing value.
 */
async function fromLedger(
  values: { ledger?: string; database?: string },
  io: Io,
  lang: Lang,
  periods: readonly string[] | undefined,
): Promise<AggregateResult[] | undefined> {
  const { ledgerYears, yearLine } = await import('./index-ledger.js');
  const years = await ledgerYears(values, io, periods);
  for (const y of years) io.stderr.write(`${t(yearLine(y), lang)}\n`);
  const missing = years.flatMap((y) => y.missing);
  if (missing.length > 0) {
    for (const m of missing) io.stderr.write(`✗ ${t(m, lang)}\n`);
    io.stderr.write(
      lang === 'zh'
        ? '以上年份不完整，不能计算指数；请先受理这些报表，或用 --periods 只选完整的年份\n'
        : 'These years are incomplete and the index cannot be computed; accept those revisions, or choose complete years with --periods\n',
    );
    return undefined;
  }
  if (years.length === 0)
    throw new UsageError('台账中没有年度报表', 'The ledger holds no yearly submissions');
  return years.flatMap((y) => (y.result ? [y.result] : []));
}

/**
 * The index's problems for a reader: missing values grouped into one line per period and unit
 * ("2021 南京市：缺 25 项指标 …"), every other problem on its own line.
 */
function problemLines(
  problems: InnovationIndexFailure['problems'],
  unitName: (code: string) => string,
  lang: Lang,
): string[] {
  const missing = new Map<string, string[]>();
  const lines: string[] = [];
  for (const p of problems) {
    if (p.code === 'IDX_MISSING_VALUE' && p.unitName !== undefined) {
      const key = `${p.period}\u0000${p.unitName}`;
      missing.set(key, [...(missing.get(key) ?? []), p.indicatorCode ?? '?']);
      continue;
    }
    lines.push(
      `${p.period}${p.unitName ? ` ${unitName(p.unitName)}` : ''}${p.indicatorCode ? ` ${p.indicatorCode}` : ''}: ${t(p.message, lang)}`,
    );
  }
  const grouped = [...missing].map(([key, codes]) => {
    const [period, unit = ''] = key.split('\u0000');
    const shown = codes.slice(0, 5).join(lang === 'zh' ? '、' : ', ') + (codes.length > 5 ? '…' : '');
    return lang === 'zh'
      ? `${period} ${unitName(unit)}：缺 ${codes.length} 项指数指标（${shown}），该年不能计算`
      : `${period} ${unitName(unit)}: ${codes.length} index indicator(s) missing (${shown}); the year cannot be computed`;
  });
  return [...grouped, ...lines];
}

/** `sunan index`: entropy-weighted composite scores from roll-ups or a matrix. */
export async function indexCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      definition: { type: 'string' },
      normalization: { type: 'string' },
      epsilon: { type: 'string' },
      delta: { type: 'string' },
      constant: { type: 'string' },
      'zero-handling': { type: 'string' },
      'zero-epsilon': { type: 'string' },
      'base-year': { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      format: { type: 'string' },
      lang: { type: 'string' },
      ledger: { type: 'string' },
      database: { type: 'string' },
      periods: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP.index ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const format = formatOf(values.format);
  if (positionals.length === 0 && values.ledger === undefined && values.database === undefined)
    throw new UsageError(
      '请给出 aggregate.json 或指标矩阵文件',
      'Give aggregate.json files or a matrix file',
    );
  if (values.out !== undefined) {
    const dir = resolve(io.cwd, values.out);
    const names = ['index.json', 'index.xlsx', 'index.html'];
    await checkOverwrite(
      names.map((n) => join(dir, n)),
      values.force === true,
    );
  }
  let definition = sunanIndexDefinition();
  if (values.definition !== undefined) {
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(resolve(io.cwd, values.definition), 'utf8'));
    } catch (e) {
      throw new UsageError(
        `无法读取指数定义：${values.definition}`,
        `Cannot read the index definition ${values.definition}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const checked = checkIndexDefinition(doc);
    if (!checked.ok) {
      for (const p of checked.problems) io.stderr.write(`${p.path}: ${t(p.message, lang)}\n`);
      return EXIT.usage;
    }
    definition = checked.definition;
  }
  const constant = values.constant ?? 'zero-weight';
  if (constant !== 'zero-weight' && constant !== 'error')
    throw new UsageError('--constant 只能是 zero-weight 或 error', '--constant must be zero-weight or error');
  const normalization = normalizationOf(values.normalization, values.epsilon, values.delta);
  const zeroHandling = zeroHandlingOf(values['zero-handling'], values['zero-epsilon']);

  const matrices: IndexMatrix[] = [];
  // The years from the ledger: each year's accepted revisions, rolled up from the stored reports.
  if (values.ledger !== undefined || values.database !== undefined) {
    const years = await fromLedger(values, io, lang, periodsOf(values.periods));
    if (years === undefined) return EXIT.findings;
    for (const r of years) matrices.push(matrixFromAggregate(r, definition));
  } else if (values.periods !== undefined)
    throw new UsageError('--periods 与 --ledger 同用', '--periods goes with --ledger');
  for (const file of await collectInputs(positionals.map((p) => resolve(io.cwd, p)))) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch {
      throw new UsageError(`无法读取文件：${file}`, `Cannot read file: ${file}`);
    }
    const text = decodeText(bytes.subarray(0, 16)).text.trimStart();
    if (text.startsWith('{')) {
      const parsed = AggregateResult.safeParse(JSON.parse(decodeText(bytes).text));
      if (!parsed.success)
        throw new UsageError(
          `${basename(file)} 不是 sunan aggregate 的结果`,
          `${basename(file)} is not a sunan aggregate result`,
        );
      matrices.push(matrixFromAggregate(parsed.data, definition));
    } else for (const x of matricesFromSheet(bytes, basename(file), definition)) matrices.push(x);
  }
  const result = innovationIndex(definition, matrices, {
    normalization,
    zeroHandling,
    constantColumn: constant,
    ...(values['base-year'] ? { weighting: { kind: 'base' as const, period: values['base-year'] } } : {}),
  });
  const { orgUnits } = sunanCatalogue();
  const unitName = (code: string) => {
    const u = resolveOrgUnit(orgUnits, code);
    return u ? t(u.name, lang) : code;
  };
  if (!result.ok) {
    for (const line of problemLines(result.problems, unitName, lang)) io.stderr.write(`${line}\n`);
    return EXIT.findings;
  }
  if (values.out !== undefined) {
    const dir = resolve(io.cwd, values.out);
    await writeOutput(join(dir, 'index.json'), `${JSON.stringify(result, null, 2)}\n`);
    await writeOutput(join(dir, 'index.xlsx'), await indexWorkbook(result, unitName));
    await writeOutput(join(dir, 'index.html'), indexHtml(result, unitName));
    io.stderr.write(
      lang === 'zh'
        ? `已写出 ${join(dir, 'index.json')}、index.xlsx、index.html\n`
        : `Written: ${join(dir, 'index.json')}, index.xlsx, index.html\n`,
    );
  }
  if (format === 'json') io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else
    for (const p of result.periods) {
      io.stdout.write(`${t(definition.name, lang)} ${p.period}\n`);
      for (const s of [...p.scores].sort((a, b) => a.rank - b.rank)) {
        const change =
          s.rankChange === null
            ? ''
            : s.rankChange > 0
              ? ` ↑${s.rankChange}`
              : s.rankChange < 0
                ? ` ↓${-s.rankChange}`
                : ' –';
        io.stdout.write(
          `  ${String(s.rank).padStart(2)}. ${unitName(s.unit).padEnd(12)} ${s.score.toFixed(2).padStart(6)}${change}\n`,
        );
      }
    }
  return EXIT.ok;
}
