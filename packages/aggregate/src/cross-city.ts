import { type Catalogue, type Finding, finding } from '@sunan/schema';
import type { UsedSubmission } from './select-sources.js';

const locate = (u: UsedSubmission, i: number) =>
  u.input.enterpriseAt ? u.input.enterpriseAt(i) : u.input.report.enterpriseLocations[i];

const where = (u: UsedSubmission, i: number) => {
  const loc = locate(u, i);
  const at = loc?.cell ? `${loc.sheet ?? ''}!${loc.cell}` : (loc?.path ?? `#${i + 1}`);
  return `${u.input.file} ${at}`;
};

/**
 * An enterprise is counted once, in the city where it is registered: the same 统一社会信用代码 in two
 * cities' lists is an error naming both files and rows.
 */
export function duplicateEnterprises(
  used: ReadonlyMap<string, UsedSubmission>,
  catalogue: Catalogue,
): Finding[] {
  const seen = new Map<string, { city: string; u: UsedSubmission; i: number }>();
  const findings: Finding[] = [];
  const name = (code: string) =>
    catalogue.orgUnits.find((o) => o.code === code)?.name ?? { zh: code, en: code };
  for (const [city, u] of used)
    u.submission.enterprises.forEach((e, i) => {
      const first = seen.get(e.creditCode);
      if (!first) {
        seen.set(e.creditCode, { city, u, i });
        return;
      }
      if (first.city === city) return; // within one list: the validator already reported it
      const loc = locate(u, i);
      findings.push(
        finding(
          'XCITY_DUPLICATE_ENTERPRISE',
          'error',
          {
            zh: `企业 ${e.creditCode}（${e.name}）同时列在${name(first.city).zh}（${where(first.u, first.i)}）和${name(city).zh}（${where(u, i)}）的名单中；一家企业只能在注册地计一次`,
            en: `Enterprise ${e.creditCode} (${e.name}) is listed by both ${name(first.city).en} (${where(first.u, first.i)}) and ${name(city).en} (${where(u, i)}); it counts once, where registered`,
          },
          {
            file: u.input.file,
            sheet: loc?.sheet,
            cell: loc?.cell,
            path: loc?.path,
            orgUnit: city,
            indicator: 'HTE_COUNT',
            value: e.creditCode,
            expected: `only in ${first.city}`,
          },
        ),
      );
    });
  return findings;
}
