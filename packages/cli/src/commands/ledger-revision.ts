import type { Ledger, Revision } from '@sunan/ledger';
import { formatPeriod, parsePeriod } from '@sunan/schema';
import { EXIT, type Io, UsageError } from '../io.js';
import type { Lang } from '../lang.js';

/** `--period` as the ledger writes it (2022, 2022Q3), or a usage error. */
export function periodArg(text: string | undefined): string {
  if (!text) throw new UsageError('需要 --period', '--period is required');
  const p = parsePeriod(text);
  if (!p) throw new UsageError(`报告期无效：${text}`, `Not a valid period: ${text}`);
  return formatPeriod(p);
}

/** `--revision` as a whole number ≥ 1, or undefined for the latest. */
export function revisionArg(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(
      `--revision 应为版本号（1、2…），而不是 ${text}`,
      `--revision takes a revision number (1, 2…), not ${text}`,
    );
  return n;
}

/**
 * The revision asked for (default the latest) of a city and period; when there is none, says so on
 * stderr and gives exit code 1.
 */
export async function findRevision(
  ledger: Ledger,
  io: Io,
  lang: Lang,
  q: { city: string; period: string; revision: number | undefined },
): Promise<Revision | number> {
  const cell = (await ledger.status(q.period)).cities.find((c) => c.city === q.city);
  const n = ledger.nameOf(q.city);
  const revs = cell?.revisions ?? [];
  const rev = q.revision === undefined ? revs[revs.length - 1] : revs.find((r) => r.revision === q.revision);
  if (rev) return rev;
  const zh = lang === 'zh';
  if (revs.length === 0)
    io.stderr.write(
      zh
        ? `LEDGER_NOT_RECEIVED: ${n.zh} ${q.period} 尚未报送\n`
        : `LEDGER_NOT_RECEIVED: nothing received from ${n.en} for ${q.period}\n`,
    );
  else
    io.stderr.write(
      zh
        ? `LEDGER_NO_SUCH_REVISION: ${n.zh} ${q.period} 没有第 ${q.revision} 版（共 ${revs.length} 版）\n`
        : `LEDGER_NO_SUCH_REVISION: ${n.en} ${q.period} has no revision ${q.revision} (${revs.length} received)\n`,
    );
  return EXIT.findings;
}
