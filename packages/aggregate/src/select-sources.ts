import { type Catalogue, type Finding, finding, type LocalizedText, type Submission } from '@sunan/schema';
import type { SourceEntry } from './result.js';
import type { SubmissionInput } from './source.js';

/** A submission chosen for the roll-up. */
export interface UsedSubmission {
  readonly input: SubmissionInput;
  readonly submission: Submission;
}

/**
 * Decides which file speaks for each city: files for another period or unreadable ones are
 * excluded; files with error findings are excluded unless the caller includes them; of several
 * files for one city the latest revision is used and the others are listed as superseded.
 * Nothing is dropped silently: every file appears in `sources` with its fate and the reason.
 */
export function selectSources(
  inputs: readonly SubmissionInput[],
  period: string,
  catalogue: Catalogue,
  includeInvalid: boolean,
): { used: Map<string, UsedSubmission>; sources: SourceEntry[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const entries: Array<{ entry: SourceEntry; index: number }> = [];
  const candidates = new Map<string, Array<{ input: SubmissionInput; index: number }>>();
  const cityName = (code: string | undefined) =>
    catalogue.orgUnits.find((u) => u.code === code)?.name ?? { zh: code ?? '?', en: code ?? '?' };

  for (const [index, input] of inputs.entries()) {
    const r = input.report;
    const base = {
      city: r.city ?? null,
      period: r.period ?? null,
      file: input.file,
      sha256: input.sha256,
      submittedAt: input.submittedAt ?? null,
      errors: r.stats.errors,
      warnings: r.stats.warnings,
    };
    const exclude = (code: string, severity: Finding['severity'], reason: LocalizedText) => {
      entries.push({ entry: { ...base, status: 'excluded', reason }, index });
      findings.push(finding(code, severity, reason, { file: input.file }));
    };
    if (r.format === undefined) {
      exclude('AGG_UNREADABLE', 'error', {
        zh: `${input.file} 无法读取，未参与汇总`,
        en: `${input.file} could not be read and is not aggregated`,
      });
      continue;
    }
    if (!r.submission || !r.city) {
      // Read, but whose it is or for when is unknown: say which, and how to supply it.
      const what = !r.city
        ? { zh: '无法确定填报城市', en: 'its city cannot be determined' }
        : {
            zh: '未注明报告期（如 CSV）；汇总时给出的报告期会用于不注明报告期的文件',
            en: 'it names no period (e.g. a CSV); the roll-up’s period applies to files that name none',
          };
      exclude('AGG_UNIDENTIFIED', 'error', {
        zh: `${input.file} 已读取，但${what.zh}，未参与汇总`,
        en: `${input.file} was read but ${what.en}; not aggregated`,
      });
      continue;
    }
    if (input.nameMismatch) {
      exclude('AGG_NAME_MISMATCH', 'error', {
        zh: `${input.file}：${input.nameMismatch.zh}，未参与汇总（请改正文件名或内容）`,
        en: `${input.file}: ${input.nameMismatch.en}; not aggregated (correct the name or the content)`,
      });
      continue;
    }
    if (r.period !== period) {
      exclude('AGG_WRONG_PERIOD', 'warning', {
        zh: `${input.file} 的报告期是 ${r.period ?? '?'}，不是 ${period}，未参与汇总`,
        en: `${input.file} is for ${r.period ?? '?'}, not ${period}; not aggregated`,
      });
      continue;
    }
    if (!r.ok && !includeInvalid) {
      exclude('AGG_EXCLUDED_INVALID', 'warning', {
        zh: `${input.file}（${cityName(r.city).zh}）有 ${r.stats.errors} 个错误，按设置未参与汇总`,
        en: `${input.file} (${cityName(r.city).en}) has ${r.stats.errors} errors and is excluded`,
      });
      continue;
    }
    const list = candidates.get(r.city) ?? [];
    list.push({ input, index });
    candidates.set(r.city, list);
  }

  const used = new Map<string, UsedSubmission>();
  for (const [city, list] of candidates) {
    // Latest submittedAt wins; on a tie the later position in the input list.
    const ordered = [...list].sort(
      (a, b) => (a.input.submittedAt ?? '').localeCompare(b.input.submittedAt ?? '') || a.index - b.index,
    );
    const chosen = ordered[ordered.length - 1];
    if (!chosen?.input.report.submission) continue;
    used.set(city, { input: chosen.input, submission: chosen.input.report.submission });
    const r = chosen.input.report;
    entries.push({
      entry: {
        city,
        period: r.period ?? null,
        file: chosen.input.file,
        sha256: chosen.input.sha256,
        submittedAt: chosen.input.submittedAt ?? null,
        status: r.ok ? 'used' : 'used-with-errors',
        reason: r.ok
          ? null
          : {
              zh: `含 ${r.stats.errors} 个错误，按设置仍参与汇总`,
              en: `has ${r.stats.errors} errors; included as requested`,
            },
        errors: r.stats.errors,
        warnings: r.stats.warnings,
      },
      index: chosen.index,
    });
    if (!r.ok)
      findings.push(
        finding(
          'AGG_INCLUDED_INVALID',
          'warning',
          {
            zh: `${chosen.input.file} 含错误，按设置仍参与汇总`,
            en: `${chosen.input.file} has errors and is included as requested`,
          },
          { file: chosen.input.file },
        ),
      );
    for (const old of ordered.slice(0, -1)) {
      const reason = {
        zh: `已被修订版 ${chosen.input.file} 取代`,
        en: `superseded by the revision ${chosen.input.file}`,
      };
      entries.push({
        entry: {
          city,
          period: old.input.report.period ?? null,
          file: old.input.file,
          sha256: old.input.sha256,
          submittedAt: old.input.submittedAt ?? null,
          status: 'superseded',
          reason,
          errors: old.input.report.stats.errors,
          warnings: old.input.report.stats.warnings,
        },
        index: old.index,
      });
      findings.push(
        finding(
          'AGG_SUPERSEDED',
          'info',
          { zh: `${old.input.file} ${reason.zh}`, en: `${old.input.file} is ${reason.en}` },
          { file: old.input.file },
        ),
      );
    }
  }
  entries.sort((a, b) => a.index - b.index);
  return { used, sources: entries.map((e) => e.entry), findings };
}
