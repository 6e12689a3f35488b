import { type AggregateResult, aggregate } from '@sunan/aggregate';
import {
  type IntakeCell,
  type IntakeStatus,
  ledgerStamp,
  type ReportStamp,
  reportHtml,
  reportWorkbook,
} from '@sunan/report';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, synthetic, workbookInput } from './helpers.js';

// The stamp a report carries (草稿 / 已审核 / 已审核·已锁定 from the ledger, 未经台账 otherwise), read
// back from the HTML and, with ExcelJS, from the first sheet's first row. The times are chosen so
// the Beijing date differs from the UTC date and from Los Angeles' (the suite runs in both zones).
const HEAD = 'ab'.repeat(32);
const GENERATED = '2026-12-03T18:02:00.000Z'; // 2026-12-04 02:02 in Beijing
const RECEIVED = '2026-12-03T16:30:00.000Z'; // 2026-12-04 00:30 in Beijing
let result: AggregateResult;

const decision = (at: string, extra: { forced?: boolean; reason?: string } = {}) => ({
  revision: 1,
  at,
  by: '王科长',
  reason: extra.reason ?? null,
  ...(extra.forced ? { forced: true } : {}),
});

function cellOf(city: string, opts: { forced?: boolean; approved?: boolean } = {}): IntakeCell {
  return {
    city,
    state: opts.approved ? 'approved' : 'accepted',
    latest: {
      revision: 1,
      sha256: 'c'.repeat(64),
      fileName: `${city}.xlsx`,
      receivedAt: RECEIVED,
      by: '市统计局',
      errors: opts.forced ? 3 : 0,
      warnings: 0,
    },
    accepted: decision(RECEIVED, opts.forced ? { forced: true, reason: '市局书面确认' } : {}),
    rejected: undefined,
    approved: opts.approved ? decision(RECEIVED) : undefined,
    locked: undefined,
  };
}

function intakeOf(state: 'draft' | 'approved' | 'locked', forcedCity?: string): IntakeStatus {
  const codes = ['320100', '320200', '320400', '320500', '321100'];
  const approved = state !== 'draft';
  return {
    period: '2022',
    cities: codes.map((c) => cellOf(c, { approved, forced: c === forcedCity })),
    zone: {
      ...cellOf('SUNAN', { approved }),
      latest: undefined,
      accepted: undefined,
      locked: state === 'locked' ? decision(RECEIVED) : undefined,
    },
    zoneApproved: approved,
  };
}

async function firstSheet(stamp: ReportStamp | undefined, intake?: IntakeStatus) {
  const bytes = await reportWorkbook(result, catalogue, {
    ...(stamp ? { stamp } : {}),
    ...(intake ? { intake } : {}),
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return { ws, wb, top: String(ws.getRow(1).getCell(1).value) };
}

const stampOf = (html: string) => /<div id="stamp"[^>]*>([\s\S]*?)<\/div><header>/.exec(html)?.[1] ?? '';

beforeAll(async () => {
  const codes = ['320100', '320200', '320400', '320500', '321100'];
  const inputs = [];
  for (const c of codes) inputs.push(await workbookInput(synthetic(c), undefined, RECEIVED));
  result = aggregate({ submissions: inputs, period: '2022' });
}, 120_000);

describe('a report says what it is', () => {
  it('from the ledger: the three states, derived from the intake matrix', () => {
    expect(ledgerStamp(intakeOf('draft'), HEAD, GENERATED).state).toBe('draft');
    expect(ledgerStamp(intakeOf('approved'), HEAD, GENERATED).state).toBe('approved');
    expect(ledgerStamp(intakeOf('locked'), HEAD, GENERATED).state).toBe('locked');
    // The zone locked but its approval not holding is still a draft.
    const unapproved = { ...intakeOf('locked'), zoneApproved: false };
    expect(ledgerStamp(unapproved, HEAD, GENERATED).state).toBe('draft');
  });

  it('HTML: the stamp comes before the title, with Beijing time and the head hash', () => {
    for (const [state, zh] of [
      ['draft', '草稿（未审核）'],
      ['approved', '已审核'],
      ['locked', '已审核·已锁定'],
    ] as const) {
      const html = reportHtml(result, catalogue, { stamp: ledgerStamp(intakeOf(state), HEAD, GENERATED) });
      const stamp = stampOf(html);
      expect(stamp, state).toContain(`<b class="stamp-state">${zh}</b>`);
      expect(stamp).toContain('生成于 2026-12-04 02:02（北京时间 UTC+8）');
      expect(stamp).toContain(`台账链头 ${HEAD}`);
      expect(html.indexOf('id="stamp"')).toBeLessThan(html.indexOf('<h1>'));
    }
    expect(stampOf(reportHtml(result, catalogue))).toContain('未经台账');
  });

  it('a forced acceptance is named on the stamp and in the matrix', async () => {
    const intake = intakeOf('draft', '320400');
    const stamp = ledgerStamp(intake, HEAD, GENERATED);
    expect(stamp.forced).toEqual([{ city: '320400', revision: 1, reason: '市局书面确认' }]);
    const html = reportHtml(result, catalogue, { stamp, intake });
    expect(stampOf(html)).toContain('强制受理：常州市 第 1 版（含错误；理由：市局书面确认）');
    expect(html).toContain('强制受理（含错误） 第 1 版');
    const { top, wb } = await firstSheet(stamp, intake);
    expect(top).toContain('强制受理：常州市 第 1 版');
    const matrix: string[] = [];
    wb.getWorksheet('收件状态')?.eachRow((row) => {
      matrix.push(String(row.getCell(10).value ?? ''));
    });
    expect(matrix.join('\n')).toContain(
      '强制受理（含错误） 第 1 版 2026-12-04 00:30 UTC+8 王科长：市局书面确认',
    );
  });

  it('xlsx: the first sheet’s first row is the stamp (read back with ExcelJS)', async () => {
    const locked = await firstSheet(ledgerStamp(intakeOf('locked'), HEAD, GENERATED));
    expect(locked.ws.name).toBe('汇总');
    expect(locked.top).toMatch(
      /^已审核·已锁定 · 生成于 2026-12-04 02:02（北京时间 UTC\+8） · 台账链头 (ab){32}\n/,
    );
    expect(locked.top).toContain('Approved and locked · generated 2026-12-04 02:02 (Beijing time, UTC+8)');
    const draft = await firstSheet(ledgerStamp(intakeOf('draft'), HEAD, GENERATED));
    expect(draft.top).toMatch(/^草稿（未审核） · 生成于/);
    expect(String(draft.ws.getRow(2).getCell(1).value)).toContain('苏南自创区创新指标汇总 2022');
    const files = await firstSheet({ state: 'not-ledger', generatedAt: GENERATED });
    expect(files.top).toMatch(
      /^未经台账 · 生成于 2026-12-04 02:02（北京时间 UTC\+8）\nNot through the ledger/,
    );
  });

  it('xlsx: times on 收件状态 and 来源 are Beijing time with the zone in the header', async () => {
    const { wb } = await firstSheet(undefined, intakeOf('draft'));
    const sources = wb.getWorksheet('来源');
    expect(sources?.getRow(1).getCell(5).value).toBe('报送时间（北京时间 UTC+8）');
    expect(sources?.getRow(2).getCell(5).value).toBe('2026-12-04 00:30');
    const intake = wb.getWorksheet('收件状态');
    expect(intake?.getRow(1).getCell(9).value).toBe('收到时间（北京时间 UTC+8）');
    expect(intake?.getRow(2).getCell(9).value).toBe('2026-12-04 00:30');
  });

  it('HTML: matrix times marked UTC+8, with the +08:00 instant in the markup', () => {
    const html = reportHtml(result, catalogue, { intake: intakeOf('draft') });
    expect(html).toContain(
      '<time datetime="2026-12-04T00:30:00.000+08:00" title="2026-12-04T00:30:00.000+08:00">2026-12-04 00:30 UTC+8</time>',
    );
    expect(html).toContain('时间为北京时间（UTC+8）');
  });
});
