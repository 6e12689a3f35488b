import { aggregate, fingerprint, type SubmissionInput } from '@sunan/aggregate';
import { validateSubmission } from '@sunan/validate';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { CITIES, filledWorkbook, synthetic, workbookInput } from './helpers.js';

const CSV_CITY = '320400';
let csvText = '';
let others: SubmissionInput[] = [];

beforeAll(async () => {
  const wb = XLSX.read(await filledWorkbook(CSV_CITY), { type: 'array' });
  csvText = XLSX.utils.sheet_to_csv(wb.Sheets['指标'] as XLSX.WorkSheet);
  others = await Promise.all(CITIES.filter((c) => c !== CSV_CITY).map((c) => workbookInput(synthetic(c))));
}, 120_000);

describe('a CSV export of a filled template in the roll-up', () => {
  const encodings: Array<[string, (t: string) => Uint8Array]> = [
    ['UTF-8', (t) => new TextEncoder().encode(t)],
    ['GBK', (t) => new Uint8Array(iconv.encode(t, 'gbk'))],
  ];
  it.each(encodings)(
    '%s: takes the roll-up’s period, is used, and says its list checks were not done',
    async (_, encode) => {
      const bytes = encode(csvText);
      const file = `${CSV_CITY}.csv`;
      // What `sunan aggregate --period 2022` does for every file: the period applies to files naming none.
      const report = validateSubmission(bytes, { fileName: file, defaultPeriod: '2022' });
      expect(report.city).toBe(CSV_CITY);
      expect(report.period).toBe('2022');
      expect(report.findings.map((f) => f.code)).toEqual(
        expect.arrayContaining(['META_PERIOD_ASSUMED', 'ENT_LIST_NOT_IN_FILE']),
      );
      expect(report.ok).toBe(true);
      const input = { report, file, sha256: await fingerprint(bytes) };
      const r = aggregate({ submissions: [...others, input], period: '2022' });
      expect(r.sources.find((s) => s.file === file)?.status).toBe('used');
      expect(r.complete).toBe(true);
      expect(r.findings.some((f) => f.code === 'AGG_UNREADABLE')).toBe(false);
      const notices = r.notices.map((n) => n.zh).join('\n');
      expect(notices).toContain(`${file} 未注明报告期，按 2022 处理`);
      expect(notices).toContain(`${file} 不含高新技术企业名单`);
      expect(r.findings.find((f) => f.code === 'ENT_LIST_NOT_IN_FILE')).toMatchObject({
        file,
        severity: 'warning',
      });
    },
  );

  it('without a period it is “read but names no period”, never “unreadable”', () => {
    const file = `${CSV_CITY}.csv`;
    const report = validateSubmission(new TextEncoder().encode(csvText), { fileName: file });
    const r = aggregate({
      submissions: [...others, { report, file, sha256: '0'.repeat(64) }],
      period: '2022',
    });
    const f = r.findings.find((x) => x.code === 'AGG_UNIDENTIFIED');
    expect(f?.message.zh).toContain('已读取');
    expect(f?.message.zh).toContain('未注明报告期');
    expect(r.findings.some((x) => x.code === 'AGG_UNREADABLE')).toBe(false);
  });
});
