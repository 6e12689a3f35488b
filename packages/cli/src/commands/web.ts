import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readWebPage, WEB_PAGE_FILE } from '@sunan/web';
import { HELP } from '../help.js';
import { colours, EXIT, type Io, UsageError } from '../io.js';
import { langOf } from '../lang.js';
import { checkOverwrite, writeOutput } from '../output.js';

/** `sunan web`: writes the offices' one-file offline page (template, validation, annotated copy). */
export async function webCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      force: { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(HELP.web ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const html = await readWebPage();
  if (html === undefined)
    throw new UsageError(
      '网页尚未构建：请先运行 pnpm build',
      'The page has not been built: run pnpm build first',
    );
  const out = resolve(io.cwd, values.out ?? WEB_PAGE_FILE);
  const c = colours(io, io.stdout);
  await checkOverwrite([out], values.force === true);
  try {
    await writeOutput(out, html);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    io.stderr.write(lang === 'zh' ? `无法写出 ${out}（${why}）\n` : `Cannot write ${out} (${why})\n`);
    return EXIT.usage;
  }
  const kb = `${Math.round(Buffer.byteLength(html) / 1024)} KB`;
  io.stdout.write(
    lang === 'zh'
      ? `已写出网页工具：${out}（${kb}）。用浏览器直接打开即可，无需安装，数据不离开本机。\n${c.dim('可通过邮件或内网分发给各填报单位。')}\n`
      : `Page written: ${out} (${kb}). Open it in a browser: nothing to install, nothing sent.\n${c.dim('Send it to the offices by e-mail or intranet.')}\n`,
  );
  return EXIT.ok;
}
