import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { qualityReport, qualitySummary } from '@sunan/quality';
import { qualityHtml, qualityWorkbook } from '@sunan/report';
import { formatPeriod, parsePeriod } from '@sunan/schema';
import { HELP } from '../help.js';
import { EXIT, type Io, UsageError } from '../io.js';
import { jsonText } from '../json.js';
import { formatOf, langOf } from '../lang.js';
import { LEDGER_OPTIONS, say, withLedger } from './ledger-common.js';
import { loadQualityInput } from './ledger-diff.js';

const FILES = ['quality.html', 'quality.xlsx', 'quality.json'] as const;

/** `sunan quality`: writes the period's quality report from the ledger. */
export async function qualityCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...LEDGER_OPTIONS,
      period: { type: 'string' },
      out: { type: 'string' },
      indicator: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP.quality ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const format = formatOf(values.format);
  const p = values.period === undefined ? undefined : parsePeriod(values.period);
  if (!p) throw new UsageError('需要有效的 --period（如 2022）', 'Give a valid --period (e.g. 2022)');
  const out = resolve(io.cwd, values.out ?? '.');
  const taken = FILES.map((f) => join(out, f)).filter((f) => existsSync(f));
  if (taken.length > 0 && values.force !== true)
    throw new UsageError(
      `输出文件已存在：${taken.join('、')}；如需覆盖请加 --force`,
      `output already exists: ${taken.join(', ')}; add --force to overwrite`,
    );
  return withLedger(values, io, async (ledger) => {
    const q = qualityReport(await loadQualityInput(ledger), {
      catalogue: ledger.catalogue,
      period: formatPeriod(p),
      now: new Date().toISOString(),
      zone: ledger.zone,
      ...(values.indicator ? { triangleIndicator: values.indicator } : {}),
    });
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'quality.json'), jsonText(q));
    await writeFile(join(out, 'quality.html'), qualityHtml(q, ledger.catalogue));
    await writeFile(join(out, 'quality.xlsx'), await qualityWorkbook(q, ledger.catalogue));
    if (format === 'json') io.stdout.write(jsonText(q));
    else
      io.stdout.write(
        `${say(qualitySummary(q), lang)}\n${FILES.map((f) => `  ${join(out, f)}`).join('\n')}\n`,
      );
    return EXIT.ok;
  });
}
