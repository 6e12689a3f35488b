import type { Ledger } from '@sunan/ledger';
import { changeLine, diffPair, diffRevisions, historiesOf, historyOf, punctualityOf } from '@sunan/quality';
import type { ValidationReport } from '@sunan/validate';
import type { Lang } from '../lang.js';

/** What `status` adds from the quality report: cities 逾期, and each city's change line. */
export interface StatusQuality {
  /** Cities past the period's deadline with no accepted revision. */
  readonly overdue: readonly string[];
  readonly deadline: string | null;
  /** “第 3 版较第 2 版改动 3 项” per city with two revisions to compare. */
  readonly changes: ReadonlyArray<{ city: string; from: number; to: number; changes: number }>;
}

/**
 * The period's 逾期 cities (deadline passed, China time, no accepted revision) and what the latest
 * revision in force changed, read from the ledger's events and the two stored reports compared.
 */
export async function statusQuality(ledger: Ledger, period: string, now: string): Promise<StatusQuality> {
  const events = (await ledger.events()).filter((e) => e.period === period);
  const histories = historiesOf(events);
  const overdue: string[] = [];
  const changes: Array<{ city: string; from: number; to: number; changes: number }> = [];
  let deadline: string | null = null;
  for (const city of ledger.citiesIn(period) ?? []) {
    const h = historyOf(histories, city, period);
    const p = punctualityOf(ledger.catalogue, h, now);
    deadline = p?.deadline ?? deadline;
    if (p?.overdue) overdue.push(city);
    const pair = diffPair(h);
    if (!pair.ok) continue;
    // Only the two compared reports are read: a stored report of a long list is large.
    const reports = new Map<string, ValidationReport>();
    for (const r of [pair.from, pair.to]) {
      const report = await ledger.report(r.sha256);
      if (report) reports.set(r.sha256, report);
    }
    const d = diffRevisions(ledger.catalogue, h, reports);
    if (d.ok) changes.push({ city, from: d.from.revision, to: d.to.revision, changes: d.changes });
  }
  return { overdue, deadline, changes };
}

/** The lines `status` prints below the matrix. */
export function statusQualityText(ledger: Ledger, q: StatusQuality, lang: Lang): string {
  const zh = lang === 'zh';
  const name = (c: string) => (zh ? ledger.nameOf(c).zh : ledger.nameOf(c).en);
  const out: string[] = [];
  if (q.overdue.length > 0)
    out.push(
      zh
        ? `逾期（截止 ${q.deadline}，无受理版本）：${q.overdue.map(name).join('、')}`
        : `Overdue (deadline ${q.deadline}, nothing accepted): ${q.overdue.map(name).join(', ')}`,
    );
  for (const c of q.changes) {
    const line = changeLine({ from: { revision: c.from }, to: { revision: c.to }, changes: c.changes });
    out.push(`${name(c.city)} ${zh ? line.zh : line.en}（sunan ledger diff）`);
  }
  return out.length > 0 ? `\n${out.join('\n')}\n` : '';
}

/**
 * For `show`: what a revision changed against the one before it (the one accepted before, else the
 * revision received just before), as “第 3 版较第 2 版改动 3 项”; empty for a first revision.
 */
export async function revisionChangeText(
  ledger: Ledger,
  where: { city: string; period: string; revision: number },
  lang: Lang,
): Promise<string> {
  const events = (await ledger.events()).filter((e) => e.period === where.period && e.city === where.city);
  const h = historyOf(historiesOf(events), where.city, where.period);
  const pair = diffPair(h, undefined, where.revision);
  if (!pair.ok) return '';
  const reports = new Map<string, ValidationReport>();
  for (const r of [pair.from, pair.to]) {
    const report = await ledger.report(r.sha256);
    if (report) reports.set(r.sha256, report);
  }
  const d = diffRevisions(ledger.catalogue, h, reports, { from: pair.from.revision, to: pair.to.revision });
  if (!d.ok) return '';
  const line = changeLine(d);
  return `${lang === 'zh' ? line.zh : line.en}（sunan ledger diff）\n`;
}
