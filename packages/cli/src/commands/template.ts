import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTemplate } from '@sunan/report';
import { HELP } from '../help.js';
import { colours, EXIT, type Io, UsageError } from '../io.js';
import { langOf, t } from '../lang.js';
import { checkOverwrite, writeOutput } from '../output.js';

/** `sunan template`: writes a city's fillable template. */
export async function templateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      city: { type: 'string' },
      period: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(HELP.template ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  if (!values.city || !values.period)
    throw new UsageError('需要 --city 和 --period', '--city and --period are required');
  const result = await createTemplate({ city: values.city, period: values.period });
  const c = colours(io, io.stderr);
  if (!result.ok) {
    for (const f of result.findings)
      io.stderr.write(
        `${c.red(lang === 'zh' ? '错误' : 'error')} ${f.code}: ${t(f.message, lang)}${f.expected ? ` (${f.expected})` : ''}\n`,
      );
    return EXIT.usage;
  }
  const out = resolve(io.cwd, values.out ?? result.fileName);
  await checkOverwrite([out], values.force === true);
  await writeOutput(out, result.bytes);
  io.stdout.write(`${lang === 'zh' ? '已生成模板' : 'Template written'}: ${out}\n`);
  return EXIT.ok;
}
