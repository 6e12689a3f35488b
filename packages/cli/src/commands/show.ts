import { parseArgs } from 'node:util';
import { formatReport } from '../format-findings.js';
import { HELP } from '../help.js';
import { colours, EXIT, type Io, UsageError } from '../io.js';
import { formatOf, langOf } from '../lang.js';
import { safeLine } from '../terminal-text.js';
import { LEDGER_OPTIONS, say, unitOf, withLedger } from './ledger-common.js';
import { beijingOffsetIso, beijingSeconds } from './ledger-log.js';
import { findRevision, periodArg, revisionArg } from './ledger-revision.js';
import { revisionChangeText } from './status-quality.js';

/** `sunan show --city --period [--revision n]`: the findings stored at intake for one revision. */
export async function showCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...LEDGER_OPTIONS,
      city: { type: 'string' },
      period: { type: 'string' },
      revision: { type: 'string' },
      verbose: { type: 'boolean' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP.show ?? '');
    return EXIT.ok;
  }
  const lang = langOf(values.lang);
  const format = formatOf(values.format);
  const city = unitOf(values.city, false);
  const period = periodArg(values.period);
  const revision = revisionArg(values.revision);
  return withLedger(values, io, async (ledger) => {
    const rev = await findRevision(ledger, io, lang, { city, period, revision });
    if (typeof rev === 'number') return rev;
    const report = await ledger.report(rev.sha256);
    if (!report)
      throw new UsageError(
        `第 ${rev.revision} 版的校验报告缺失（sunan ledger verify 检查）`,
        `The validation report of revision ${rev.revision} is missing (run sunan ledger verify)`,
      );
    const n = ledger.nameOf(city);
    if (format === 'json') {
      const { findings, stats, ok } = report;
      const head = { city, cityName: n, period, revision: rev.revision, fileName: rev.fileName };
      const more = { sha256: rev.sha256, receivedAt: beijingOffsetIso(rev.receivedAt), by: rev.by };
      io.stdout.write(`${JSON.stringify({ ...head, ...more, ok, stats, findings }, null, 2)}\n`);
      return EXIT.ok;
    }
    const zh = lang === 'zh';
    io.stdout.write(
      zh
        ? `${n.zh} ${period} 第 ${rev.revision} 版：${safeLine(rev.fileName)}，${beijingSeconds(rev.receivedAt)}（北京时间 UTC+8）由 ${safeLine(rev.by)} 登记，sha256 ${rev.sha256.slice(0, 12)}…\n`
        : `${n.en} ${period} revision ${rev.revision}: ${safeLine(rev.fileName)}, taken in ${beijingSeconds(rev.receivedAt)} (Beijing time, UTC+8) by ${safeLine(rev.by)}, sha256 ${rev.sha256.slice(0, 12)}…\n`,
    );
    io.stdout.write(await revisionChangeText(ledger, { city, period, revision: rev.revision }, lang));
    const c = colours(io, io.stdout);
    const label = `${rev.fileName}（${zh ? `第${rev.revision}版` : `rev ${rev.revision}`}）`;
    io.stdout.write(
      `${formatReport({ ...report, file: label }, lang, c, values.verbose === true, (code) => say(ledger.nameOf(code), lang))}\n`,
    );
    return EXIT.ok;
  });
}
