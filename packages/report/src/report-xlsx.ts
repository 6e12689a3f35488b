import type { AggregateResult, TargetProgress } from '@sunan/aggregate';
import { beijingTime, type Catalogue, findIndicator, orgUnitName, sunanCatalogue } from '@sunan/schema';
import ExcelJS from 'exceljs';
import { excelFormat } from './format-number.js';
import { PARK_INDICATORS } from './headlines.js';
import { namesForCodes } from './html.js';
import { INTAKE_STATE_LABEL, type IntakeDecision, type IntakeStatus } from './intake-status.js';
import { keyMessages } from './key-messages.js';
import {
  AGGREGATION_LABEL,
  GROUP_LABEL,
  RECON_LABEL,
  SEVERITY_LABEL,
  SOURCE_STATUS_LABEL,
  STATUS_LABEL,
  TARGET_STATUS_LABEL,
} from './labels.js';
import { pageHeadings } from './print-setup.js';
import { type ReportStamp, stampLines } from './stamp.js';
import { decimalsOf, PATH_RULE, statusClass, targetNote } from './target-text.js';
import { FILLS, fitColumns, numberFormat, pageSetup } from './xlsx-style.js';

/** Numbers go into cells as numbers (Excel sums them), from the exact text. */
const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

/** 差距 as a number shown in words: positive "尚差 x", negative "超出 x" (Excel drops the sign). */
const gapFormat = (d: number) => `"尚差 "${excelFormat(d)};"超出 "${excelFormat(d)};"恰好达到"`;

/**
 * A percentage's decimal string as the fraction a % cell stores. Shifted two places in decimal
 * notation it parses to the nearest double of the fraction; dividing the parsed number by 100 adds
 * float noise that shows when the cell is read.
 */
function percentFraction(percent: string): number {
  return Number(`${percent}e-2`);
}

function title(ws: ExcelJS.Worksheet, text: string): void {
  ws.addRow([text]).font = { bold: true, size: 14 };
}

function keySheet(
  wb: ExcelJS.Workbook,
  result: AggregateResult,
  catalogue: Catalogue,
  history: readonly AggregateResult[],
): void {
  const ws = wb.addWorksheet('要点');
  title(ws, `苏南自创区创新指标汇总 ${result.period} · 要点`);
  ws.addRow(['要点', 'Key message', '见工作表']);
  const sheetOf: Record<string, string> = {
    completeness: '汇总',
    targets: '汇总',
    contrib: '各分组',
    all: '各分组',
    trends: '—',
    recon: '核对',
    findings: '问题',
    parks: '园区',
  };
  for (const m of keyMessages(result, catalogue, history)) ws.addRow([m.zh, m.en, sheetOf[m.ref] ?? '']);
  ws.columns = [{ width: 90 }, { width: 90 }, { width: 12 }];
  ws.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  pageSetup(ws, 2, 3);
}

function targetRow(ws: ExcelJS.Worksheet, t: TargetProgress, catalogue: Catalogue): void {
  const d = decimalsOf(catalogue, t.indicator);
  const row = ws.addRow([
    `${t.name.zh}${t.reference ? '（省目标，参照）' : ''}`,
    Number(t.targetPeriod.slice(0, 4)),
    num(t.target),
    num(t.value),
    t.achievedPercent === null ? null : percentFraction(t.achievedPercent),
    num(t.gap),
    TARGET_STATUS_LABEL[t.status].zh,
    t.trajectory ? num(t.trajectory.expected) : null,
    t.unit,
    targetNote(t, catalogue),
  ]);
  row.getCell(2).numFmt = '0';
  row.getCell(3).numFmt = numberFormat(d, t.approximate ? '约 ' : '');
  row.getCell(4).numFmt = numberFormat(d);
  row.getCell(5).numFmt = '0.0%';
  row.getCell(6).numFmt = gapFormat(d);
  row.getCell(7).fill = FILLS[statusClass(t.status) as 'good' | 'bad' | 'unknown'];
  row.getCell(8).numFmt = numberFormat(d);
  if (t.valueStatus === 'partial') row.getCell(4).fill = FILLS.unknown;
}

/** The stamp as the first sheet's first row: state, time and head hash in one line, Chinese then English. */
function stampRow(ws: ExcelJS.Worksheet, stamp: ReportStamp, catalogue: Catalogue): void {
  const { zh, en } = stampLines(stamp, catalogue);
  const row = ws.addRow([`${zh.join(' · ')}\n${en.join(' · ')}`]);
  row.font = { bold: true, size: 12, color: { argb: stamp.state === 'draft' ? 'FF8B0000' : 'FF1E4D1F' } };
  row.getCell(1).fill =
    stamp.state === 'draft' ? FILLS.bad : stamp.state === 'not-ledger' ? FILLS.head : FILLS.good;
}

function summarySheet(
  wb: ExcelJS.Workbook,
  result: AggregateResult,
  catalogue: Catalogue,
  stamp: ReportStamp,
): void {
  const ws = wb.addWorksheet('汇总');
  stampRow(ws, stamp, catalogue);
  title(ws, `苏南自创区创新指标汇总 ${result.period}`);
  const status = ws.addRow([
    result.complete
      ? '数据完整：五市均已报送'
      : `数据不完整：缺报 ${result.missing.map((m) => m.name.zh).join('、')}；合计为部分合计`,
  ]);
  if (!result.complete) status.getCell(1).fill = FILLS.warn;
  for (const n of result.notices) ws.addRow([`${n.zh} / ${n.en}`]).getCell(1).fill = FILLS.warn;
  if (result.targets.some((t) => t.trajectory !== undefined)) ws.addRow([PATH_RULE.zh]);
  const head = ['目标', '目标年', '目标值', '当前值', '完成率', '差距', '状态', '本期应达', '单位', '说明'];
  // Notes above the table span its width and wrap, so they print within the page.
  for (let r = 1; r <= ws.rowCount; r++) {
    if (r === 2) continue; // the title
    ws.mergeCells(r, 1, r, head.length);
    const row = ws.getRow(r);
    row.alignment = { wrapText: true, vertical: 'top' };
    const lines = String(row.getCell(1).value ?? '').split('\n');
    row.height = 16 * lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 90)), 0);
  }
  const headerRow = ws.addRow(head).number;
  for (const t of result.targets) targetRow(ws, t, catalogue);
  fitColumns(ws, headerRow, 8, 80);
  ws.getColumn(10).width = 70;
  pageSetup(ws, headerRow, head.length);
}

function groupSheets(wb: ExcelJS.Workbook, result: AggregateResult, catalogue: Catalogue): void {
  const cityCodes = Object.keys(result.indicators[0]?.cities ?? {});
  const cityName = (code: string) => orgUnitName(catalogue, code).zh;
  for (const [group, label] of Object.entries(GROUP_LABEL)) {
    const list = result.indicators.filter((i) => i.group === group);
    if (list.length === 0) continue;
    const ws = wb.addWorksheet(label.zh);
    if (!result.complete)
      ws
        .addRow([`注意：缺报 ${result.missing.map((m) => m.name.zh).join('、')}，全区数为部分合计`])
        .getCell(1).fill = FILLS.warn;
    const head = [
      '指标',
      '单位',
      '汇总方式',
      ...cityCodes.map(cityName),
      '全区',
      '同比 %',
      '状态',
      '缺报城市',
      '代码',
    ];
    const headerRow = ws.addRow(head).number;
    for (const i of list) {
      const d = decimalsOf(catalogue, i.code);
      const row = ws.addRow([
        i.name.zh,
        i.unit,
        AGGREGATION_LABEL[i.aggregation]?.zh ?? i.aggregation,
        ...cityCodes.map((c) => num(i.cities[c]?.value)),
        num(i.zone.value),
        num(i.zoneGrowth),
        STATUS_LABEL[i.zone.status].zh,
        i.zone.missingCities.map(cityName).join('、'),
        i.code,
      ]);
      for (let k = 4; k <= 4 + cityCodes.length; k++) row.getCell(k).numFmt = numberFormat(d);
      row.getCell(5 + cityCodes.length).numFmt = '0.00';
      if (i.zone.status !== 'complete') {
        row.getCell(4 + cityCodes.length).fill = FILLS.unknown;
        row.getCell(6 + cityCodes.length).fill = FILLS.unknown;
      }
    }
    fitColumns(ws, headerRow);
    pageSetup(ws, headerRow, head.length);
  }
}

function parkSheet(wb: ExcelJS.Workbook, result: AggregateResult, catalogue: Catalogue): void {
  const parks = result.parks ?? [];
  if (parks.length === 0) return;
  const ws = wb.addWorksheet('园区');
  const cols = PARK_INDICATORS.filter((c) => parks.some((p) => p.values[c]));
  const inds = cols.map((c) => findIndicator(catalogue, c));
  const cityName = (code: string) => orgUnitName(catalogue, code).zh;
  const head = [
    '城市',
    '园区',
    ...cols.flatMap((c, k) => [`${inds[k]?.name.zh ?? c}（${inds[k]?.unit ?? ''}）`, '占全市']),
  ];
  ws.addRow(head);
  for (const p of parks) {
    const row = ws.addRow([
      cityName(p.city),
      p.name.zh,
      ...cols.flatMap((c) => {
        const v = p.values[c];
        return [
          num(v?.value),
          v?.shareOfCity === null || v === undefined ? null : percentFraction(v.shareOfCity),
        ];
      }),
    ]);
    cols.forEach((_, k) => {
      row.getCell(3 + 2 * k).numFmt = numberFormat(inds[k]?.decimals ?? 2);
      row.getCell(4 + 2 * k).numFmt = '0.0%';
    });
  }
  fitColumns(ws, 1);
  pageSetup(ws, 1, head.length);
}

function reconSheet(wb: ExcelJS.Workbook, result: AggregateResult, catalogue: Catalogue): void {
  const ws = wb.addWorksheet('核对');
  const head = [
    '单位',
    '指标',
    '控制数',
    '计算值',
    '差额（计算 − 控制）',
    '状态',
    '来源',
    '说明',
    '指标代码',
  ];
  ws.addRow(head);
  for (const r of result.reconciliation) {
    const ind = findIndicator(catalogue, r.indicator);
    const row = ws.addRow([
      r.orgUnit === 'SUNAN' ? '全区' : orgUnitName(catalogue, r.orgUnit).zh,
      ind?.name.zh ?? r.indicator,
      num(r.control),
      num(r.computed),
      num(r.imbalance),
      RECON_LABEL[r.status]?.zh ?? r.status,
      r.source ?? '',
      r.note?.zh ?? '',
      r.indicator,
    ]);
    for (const k of [3, 4, 5]) row.getCell(k).numFmt = numberFormat(ind?.decimals ?? 2);
    row.getCell(6).fill =
      r.status === 'inconsistent' ? FILLS.bad : r.status === 'consistent' ? FILLS.good : FILLS.unknown;
  }
  fitColumns(ws, 1);
  pageSetup(ws, 1, head.length);
}

function findingsSheet(wb: ExcelJS.Workbook, result: AggregateResult, catalogue: Catalogue): void {
  const ws = wb.addWorksheet('问题');
  const head = [
    '严重程度',
    '文件',
    '工作表',
    '单元格',
    '单位',
    '指标',
    '所见值',
    '期望',
    '说明',
    'Message',
    '代码',
  ];
  ws.addRow(head);
  const unit = (c: string | undefined) =>
    c === undefined ? '' : c === 'SUNAN' ? '全区' : orgUnitName(catalogue, c).zh;
  for (const f of result.findings) {
    const row = ws.addRow([
      SEVERITY_LABEL[f.severity]?.zh ?? f.severity,
      f.file ?? '',
      f.sheet ?? '',
      f.cell ?? f.path ?? '',
      unit(f.orgUnit),
      f.indicator ? (findIndicator(catalogue, f.indicator)?.name.zh ?? f.indicator) : '',
      f.value ?? '',
      f.expected ?? '',
      namesForCodes(f.message.zh, catalogue),
      f.message.en,
      f.code,
    ]);
    row.getCell(1).fill =
      f.severity === 'error' ? FILLS.bad : f.severity === 'warning' ? FILLS.unknown : FILLS.head;
  }
  fitColumns(ws, 1, 8, 70);
  pageSetup(ws, 1, head.length);
}

function sourcesSheet(wb: ExcelJS.Workbook, result: AggregateResult, catalogue: Catalogue): void {
  const ws = wb.addWorksheet('来源');
  const head = [
    '城市',
    '报告期',
    '文件',
    'SHA-256',
    '报送时间（北京时间 UTC+8）',
    '处理',
    '原因',
    '错误',
    '警告',
  ];
  ws.addRow(head);
  for (const s of result.sources)
    ws.addRow([
      s.city ? orgUnitName(catalogue, s.city).zh : '',
      s.period ?? '',
      s.file,
      s.sha256,
      s.submittedAt ? beijingTime(s.submittedAt, 'zh', 'none') : '',
      SOURCE_STATUS_LABEL[s.status].zh,
      s.reason?.zh ?? '',
      s.errors,
      s.warnings,
    ]);
  fitColumns(ws, 1, 8, 70);
  pageSetup(ws, 1, head.length);
}

/** "受理 第 2 版 2023-03-20 09:00 张三：理由" for one decision, in Beijing time. */
function decisionText(verb: string, d: IntakeDecision | undefined): string {
  if (!d) return '';
  const rev = d.revision === null ? '' : ` 第 ${d.revision} 版`;
  return `${verb}${rev} ${beijingTime(d.at, 'zh', 'short')} ${d.by}${d.reason ? `：${d.reason}` : ''}`;
}

/** 收件状态: the ledger's matrix for the period, one row per city and one for the zone (as in the HTML). */
function intakeSheet(wb: ExcelJS.Workbook, s: IntakeStatus, catalogue: Catalogue): void {
  const ws = wb.addWorksheet('收件状态');
  const head = [
    '城市',
    '状态',
    'State',
    '已锁定',
    '最新版本',
    '错误',
    '警告',
    '文件',
    '收到时间（北京时间 UTC+8）',
    '受理、审核与锁定',
    '代码',
  ];
  ws.addRow(head);
  const fills = { err: FILLS.bad, warn: FILLS.unknown, ok: FILLS.good } as const;
  for (const c of s.cities) {
    const label = INTAKE_STATE_LABEL[c.state];
    const row = ws.addRow([
      orgUnitName(catalogue, c.city).zh,
      label.zh,
      label.en,
      c.locked ? '已锁定' : null,
      c.latest?.revision ?? null,
      c.latest?.errors ?? null,
      c.latest?.warnings ?? null,
      c.latest?.fileName ?? null,
      c.latest ? beijingTime(c.latest.receivedAt, 'zh', 'none') : null,
      [
        decisionText(c.accepted?.forced ? '强制受理（含错误）' : '受理', c.accepted),
        decisionText('退回', c.rejected),
        decisionText('审核', c.approved),
        decisionText('锁定', c.locked),
      ]
        .filter(Boolean)
        .join('\n'),
      c.city,
    ]);
    row.getCell(2).fill = fills[label.cls as keyof typeof fills] ?? FILLS.unknown;
    row.getCell(10).alignment = { wrapText: true, vertical: 'top' };
  }
  ws.addRow([
    '全区',
    s.zoneApproved ? '已审核' : '未审核',
    s.zoneApproved ? 'approved' : 'not approved',
    s.zone.locked ? '已锁定' : null,
    null,
    null,
    null,
    null,
    null,
    [decisionText('审核', s.zone.approved), decisionText('锁定', s.zone.locked)].filter(Boolean).join('\n'),
    s.zone.city,
  ]);
  fitColumns(ws, 1, 8, 60);
  pageSetup(ws, 1, head.length);
}

/** Options of {@link reportWorkbook}. */
export interface ReportWorkbookOptions {
  /** Earlier periods' results, for the trend key messages. */
  readonly history?: readonly AggregateResult[];
  /** The ledger's intake matrix for the period, when the roll-up comes from the ledger: a 收件状态 sheet. */
  readonly intake?: IntakeStatus;
  /** What the report is: the first row of the first sheet. Default: 未经台账, without a time. */
  readonly stamp?: ReportStamp;
}

/**
 * The zone report as an .xlsx workbook: 汇总 (the stamp on its first row, completeness, then target
 * progress with numeric targets, percentages and 差距 in words), 收件状态 when the ledger's matrix is
 * given, one sheet per indicator group with
 * cities as columns and the zone total, 园区 (parks and their share of the city), 核对, 问题 and 来源.
 * Names first (codes in the last column); every sheet prints A4 landscape one page wide with its
 * header repeated, has its header frozen and an autofilter; numbers are numbers with formats.
 */
export async function reportWorkbook(
  result: AggregateResult,
  catalogue: Catalogue = sunanCatalogue(),
  options: ReportWorkbookOptions = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sunan-stats';
  summarySheet(wb, result, catalogue, options.stamp ?? { state: 'not-ledger' });
  keySheet(wb, result, catalogue, options.history ?? []);
  if (options.intake) intakeSheet(wb, options.intake, catalogue);
  groupSheets(wb, result, catalogue);
  parkSheet(wb, result, catalogue);
  reconSheet(wb, result, catalogue);
  findingsSheet(wb, result, catalogue);
  sourcesSheet(wb, result, catalogue);
  pageHeadings(wb, '苏南自创区创新指标汇总', `报告期 ${result.period}`);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
