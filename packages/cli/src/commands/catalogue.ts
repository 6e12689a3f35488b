import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Catalogue,
  type CatalogueProblem,
  catalogueMarkdown,
  checkCatalogue,
  submissionJsonSchema,
  sunanCatalogue,
  sunanCatalogueDocument,
} from '@sunan/schema';
import type { RuleCheckFinding, RuleSetReport } from '@sunan/schema/check';
import { HELP } from '../help.js';
import { colours, EXIT, type Io, UsageError } from '../io.js';
import { formatOf, type Lang, langOf, t } from '../lang.js';
import { safeLine } from '../terminal-text.js';

/** `sunan catalogue`: the indicator catalogue, the submission JSON Schema, or the check of a rule set. */
export async function catalogueCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'json-schema': { type: 'boolean' },
      check: { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(HELP.catalogue ?? '');
    return EXIT.ok;
  }
  if (values.check) return checkCommand(positionals[0], formatOf(values.format), langOf(values.lang), io);
  if (positionals.length > 0)
    throw new UsageError(
      `只有 --check 接受目录文件：${positionals[0]}`,
      `Only --check takes a catalogue file: ${positionals[0]}`,
    );
  if (values['json-schema']) {
    io.stdout.write(`${JSON.stringify(submissionJsonSchema(), null, 2)}\n`);
    return EXIT.ok;
  }
  const format = values.format ?? 'md';
  if (format === 'md') io.stdout.write(catalogueMarkdown(sunanCatalogue()));
  else if (format === 'json') io.stdout.write(`${JSON.stringify(sunanCatalogue(), null, 2)}\n`);
  else
    throw new UsageError(
      `--format 只能是 md 或 json，而不是 ${format}`,
      `--format must be md or json, not ${format}`,
    );
  return EXIT.ok;
}

/** The catalogue document at `path` (the built-in one when absent), or why it cannot be read. */
async function readDocument(path: string | undefined, io: Io): Promise<{ doc: unknown } | { why: string }> {
  if (path === undefined) return { doc: sunanCatalogueDocument() };
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return { why: `无法读取目录文件 ${path}（${code}） / cannot read catalogue file ${path} (${code})` };
  }
  try {
    return { doc: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { why: `目录文件 ${path} 不是有效的 JSON / catalogue file ${path} is not valid JSON: ${msg}` };
  }
}

/**
 * `sunan catalogue --check [CATALOGUE]`: the document's shape, then its rule set. Exit 0 when clean
 * (information allowed), 1 with problems or conflicts, 2 when the file cannot be read as JSON.
 */
async function checkCommand(
  path: string | undefined,
  format: 'text' | 'json',
  lang: Lang,
  io: Io,
): Promise<number> {
  const read = await readDocument(path, io);
  if ('why' in read) {
    io.stderr.write(`${safeLine(read.why)}\n`);
    return EXIT.usage;
  }
  const shape = checkCatalogue(read.doc, { ruleSet: false });
  if (!shape.ok) {
    if (format === 'json')
      io.stdout.write(`${JSON.stringify({ ok: false, problems: shape.problems }, null, 2)}\n`);
    else io.stdout.write(problemLines(shape.problems, lang));
    return EXIT.findings;
  }
  const { checkRuleSet } = await import('@sunan/schema/check');
  const report = checkRuleSet(shape.catalogue);
  const { id, version } = shape.catalogue;
  if (format === 'json')
    io.stdout.write(
      `${JSON.stringify({ ok: report.clean, catalogue: { id, version }, ...report }, null, 2)}\n`,
    );
  else io.stdout.write(reportText(report, `${id} ${version}`, lang, io));
  return report.clean ? EXIT.ok : EXIT.findings;
}

/**
 * A user's own catalogue for `sunan validate --catalogue`: read, shape-checked and its rule set
 * checked (`checkCatalogue`). Its warnings go to stderr; a file that cannot be read, or a catalogue
 * with problems (an infeasible rule set among them), is a usage error: nothing can be validated
 * against it.
 */
export async function loadCatalogueFile(path: string, lang: Lang, io: Io): Promise<Catalogue> {
  const read = await readDocument(path, io);
  if ('why' in read) throw new UsageError(read.why, read.why);
  const result = checkCatalogue(read.doc);
  const title = { zh: `目录 ${path}`, en: `catalogue ${path}` };
  for (const w of result.warnings)
    io.stderr.write(
      `${safeLine(t(title, lang))}  ${lang === 'zh' ? '警告' : 'warning'} ${w.code} ${safeLine(w.path)}  ${safeLine(t(w.message, lang))}\n`,
    );
  if (!result.ok) {
    io.stderr.write(problemLines(result.problems, lang));
    throw new UsageError(`目录文件 ${path} 不能使用`, `The catalogue file ${path} cannot be used`);
  }
  return result.catalogue;
}

function problemLines(problems: readonly CatalogueProblem[], lang: Lang): string {
  const head =
    lang === 'zh'
      ? `✗ 目录格式有 ${problems.length} 处问题`
      : `✗ ${problems.length} problems in the catalogue`;
  return `${[head, ...problems.map((p) => `  ${safeLine(p.path)}  ${p.code}  ${safeLine(t(p.message, lang))}`)].join('\n')}\n`;
}

const SEVERITY = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
} as const;

function findingText(f: RuleCheckFinding, lang: Lang, c: ReturnType<typeof colours>): string {
  const sev = t(SEVERITY[f.severity], lang);
  const painted =
    f.severity === 'error' ? c.red(sev) : f.severity === 'warning' ? c.yellow(sev) : c.cyan(sev);
  return `  ${painted} ${c.dim(f.code)}  ${safeLine(t(f.message, lang))}`;
}

/** The report in text: verdict, findings, the implied-bounds table, the tolerances used, the cost. */
function reportText(report: RuleSetReport, name: string, lang: Lang, io: Io): string {
  const c = colours(io, io.stdout);
  const zh = lang === 'zh';
  const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
  const verdict = report.clean
    ? c.green(zh ? '✓ 规则集无矛盾、无冲突' : '✓ no contradictions, no conflicts')
    : c.red(
        zh
          ? `✗ 错误 ${count('error')} · 警告 ${count('warning')}`
          : `✗ ${count('error')} errors · ${count('warning')} warnings`,
      );
  const f = report.figures;
  const lines = [
    c.bold(`━━ ${zh ? '规则集检查' : 'Rule-set check'} ${safeLine(name)}  ${verdict}`),
    ...report.findings.map((x) => findingText(x, lang, c)),
    '',
    c.bold(
      zh
        ? '蕴含区间（各层级每个指标的数值受全部规则、界限和允许范围约束后的范围）'
        : 'Implied bounds (what the rules, bounds and ranges together allow per indicator and level)',
    ),
    ...impliedRows(report, lang),
    '',
    zh
      ? '容差：等式按申报精度（小数位）取 ½·10⁻ᵈ；比率恒等式把比率指标的界限按其半个末位放宽后移到分子分母上。'
      : 'Tolerance: equalities hold within their declared precision, ½·10⁻ᵈ per value read; a ratio identity carries bounds on the ratio onto its components, widened by half the ratio’s last digit.',
    ...report.tolerances.filter((x) => x.amount !== '0').map((x) => `  ${x.level}  ${x.rule}  ±${x.amount}`),
    '',
    c.dim(
      zh
        ? `${f.levels} 个层级，${f.rows} 行约束，${f.linearPrograms} 个线性规划，用时 ${f.milliseconds} 毫秒`
        : `${f.levels} levels, ${f.rows} rows, ${f.linearPrograms} linear programs, ${f.milliseconds} ms`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function impliedRows(report: RuleSetReport, lang: Lang): string[] {
  const zh = lang === 'zh';
  const level = {
    province: zh ? '省' : 'province',
    zone: zh ? '示范区' : 'zone',
    city: zh ? '市' : 'city',
    park: zh ? '园区' : 'park',
  };
  const rows = report.implied
    .filter((b) => b.min !== undefined || b.max !== undefined)
    .map((b) => [
      level[b.level],
      b.indicator,
      b.min ?? '−∞',
      b.max ?? '+∞',
      b.forced ? (zh ? '被迫取值' : 'forced') : '',
    ]);
  const head = zh ? ['层级', '指标', '下限', '上限', ''] : ['level', 'indicator', 'min', 'max', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [head, ...rows].map(
    (r) =>
      `  ${r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}`,
  );
}
