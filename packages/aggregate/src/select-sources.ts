import {
  type Catalogue,
  type Finding,
  type LocalizedText,
  orgUnitName,
  type Submission,
} from '@sunan/schema';
import { type FindingCode, finding } from '@sunan/validate';
import type { SourceEntry } from './result.js';
import type { SubmissionInput } from './source.js';

/** A submission chosen for the roll-up. */
export interface UsedSubmission {
  readonly input: SubmissionInput;
  readonly submission: Submission;
}

/** Why a file is not used, before revisions are compared: the finding it yields. */
interface Exclusion {
  readonly code: FindingCode;
  readonly severity: Finding['severity'];
  readonly reason: LocalizedText;
}

const exclusion = (code: FindingCode, severity: Finding['severity'], zh: string, en: string): Exclusion => ({
  code,
  severity,
  reason: { zh, en },
});

/** The reason a file cannot speak for its city in `period`, or the city it is a candidate for. */
function exclusionOf(
  input: SubmissionInput,
  period: string,
  catalogue: Catalogue,
  includeInvalid: boolean,
): Exclusion | { readonly city: string } {
  const r = input.report;
  const file = input.file;
  if (r.format === undefined)
    return exclusion(
      'AGG_UNREADABLE',
      'error',
      `${file} 无法读取，未参与汇总`,
      `${file} could not be read and is not aggregated`,
    );
  if (!r.submission || !r.city) {
    // Read, but whose it is or for when is unknown: say which, and how to supply it.
    const what = !r.city
      ? { zh: '无法确定填报城市', en: 'its city cannot be determined' }
      : {
          zh: '未注明报告期（如 CSV）；汇总时给出的报告期会用于不注明报告期的文件',
          en: 'it names no period (e.g. a CSV); the roll-up’s period applies to files that name none',
        };
    const zh = `${file} 已读取，但${what.zh}，未参与汇总`;
    return exclusion('AGG_UNIDENTIFIED', 'error', zh, `${file} was read but ${what.en}; not aggregated`);
  }
  if (input.nameMismatch)
    return exclusion(
      'AGG_NAME_MISMATCH',
      'error',
      `${file}：${input.nameMismatch.zh}，未参与汇总（请改正文件名或内容）`,
      `${file}: ${input.nameMismatch.en}; not aggregated (correct the name or the content)`,
    );
  if (r.period !== period)
    return exclusion(
      'AGG_WRONG_PERIOD',
      'warning',
      `${file} 的报告期是 ${r.period ?? '?'}，不是 ${period}，未参与汇总`,
      `${file} is for ${r.period ?? '?'}, not ${period}; not aggregated`,
    );
  if (r.ok || includeInvalid) return { city: r.city };
  const city = orgUnitName(catalogue, r.city);
  return exclusion(
    'AGG_EXCLUDED_INVALID',
    'warning',
    `${file}（${city.zh}）有 ${r.stats.errors} 个错误，按设置未参与汇总`,
    `${file} (${city.en}) has ${r.stats.errors} errors and is excluded`,
  );
}

/** A candidate file with its place in the input list. */
interface Candidate {
  readonly input: SubmissionInput;
  readonly index: number;
}

/** A source entry with its place in the input list, so that `sources` keeps the input order. */
interface Placed {
  readonly entry: SourceEntry;
  readonly index: number;
}

/** The entry of a file as offered, before its fate is known. */
function entryBase(input: SubmissionInput, city: string | null) {
  const r = input.report;
  return {
    city,
    period: r.period ?? null,
    file: input.file,
    sha256: input.sha256,
    submittedAt: input.submittedAt ?? null,
  };
}

/**
 * Of one city's candidates the latest revision is used (latest submittedAt; on a tie the later
 * position in the input list), the others are listed as superseded.
 */
function chooseRevision(
  city: string,
  list: readonly Candidate[],
): { used: UsedSubmission | undefined; entries: Placed[]; findings: Finding[] } {
  const ordered = [...list].sort(
    (a, b) => (a.input.submittedAt ?? '').localeCompare(b.input.submittedAt ?? '') || a.index - b.index,
  );
  const chosen = ordered[ordered.length - 1];
  if (!chosen?.input.report.submission) return { used: undefined, entries: [], findings: [] };
  const r = chosen.input.report;
  const reason = r.ok
    ? null
    : {
        zh: `含 ${r.stats.errors} 个错误，按设置仍参与汇总`,
        en: `has ${r.stats.errors} errors; included as requested`,
      };
  const status = r.ok ? ('used' as const) : ('used-with-errors' as const);
  const { errors, warnings } = r.stats;
  const entries: Placed[] = [
    { entry: { ...entryBase(chosen.input, city), status, reason, errors, warnings }, index: chosen.index },
  ];
  const findings: Finding[] = [];
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
    const { errors, warnings } = old.input.report.stats;
    const entry = { ...entryBase(old.input, city), status: 'superseded' as const, reason, errors, warnings };
    entries.push({ entry, index: old.index });
    const message = { zh: `${old.input.file} ${reason.zh}`, en: `${old.input.file} is ${reason.en}` };
    findings.push(finding('AGG_SUPERSEDED', 'info', message, { file: old.input.file }));
  }
  return { used: { input: chosen.input, submission: chosen.input.report.submission }, entries, findings };
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
  const entries: Placed[] = [];
  const candidates = new Map<string, Candidate[]>();
  for (const [index, input] of inputs.entries()) {
    const fate = exclusionOf(input, period, catalogue, includeInvalid);
    if ('city' in fate) {
      const list = candidates.get(fate.city) ?? [];
      list.push({ input, index });
      candidates.set(fate.city, list);
      continue;
    }
    const { errors, warnings } = input.report.stats;
    const entry = {
      ...entryBase(input, input.report.city ?? null),
      errors,
      warnings,
      status: 'excluded' as const,
    };
    entries.push({ entry: { ...entry, reason: fate.reason }, index });
    findings.push(finding(fate.code, fate.severity, fate.reason, { file: input.file }));
  }
  const used = new Map<string, UsedSubmission>();
  for (const [city, list] of candidates) {
    const chosen = chooseRevision(city, list);
    if (!chosen.used) continue;
    used.set(city, chosen.used);
    for (const e of chosen.entries) entries.push(e);
    for (const f of chosen.findings) findings.push(f);
  }
  entries.sort((a, b) => a.index - b.index);
  return { used, sources: entries.map((e) => e.entry), findings };
}
