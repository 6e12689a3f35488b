import type { AggregateResult } from '@sunan/aggregate';
import { type Catalogue, sunanCatalogue } from '@sunan/schema';
import ExcelJS from 'exceljs';
import {
  AGGREGATION_LABEL,
  GROUP_LABEL,
  RECON_LABEL,
  SEVERITY_LABEL,
  SOURCE_STATUS_LABEL,
  STATUS_LABEL,
  TARGET_STATUS_LABEL,
} from './labels.js';

const BOLD = { bold: true };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const WARN_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4CCCC' } };

function header(ws: ExcelJS.Worksheet, row: ExcelJS.Row): void {
  row.font = BOLD;
  row.eachCell((c) => {
    c.fill = HEAD_FILL;
  });
  ws.views = [{ state: 'frozen', ySplit: row.number }];
}

/** Numbers go into cells as numbers (Excel sums them), from the exact text. */
const num = (v: string | null) => (v === null ? null : Number(v));

/**
 * The zone report as an .xlsx workbook: 汇总 (notices first, then target progress), one sheet per
 * indicator group with cities as columns and the zone total, 核对 (reconciliation), 问题 (every
 * finding) and 来源 (which file and SHA-256 each city's figures came from).
 */
export async function reportWorkbook(
  result: AggregateResult,
  catalogue: Catalogue = sunanCatalogue(),
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sunan-stats';
  const cityCodes = Object.keys(result.indicators[0]?.cities ?? {});
  const cityName = (code: string) => catalogue.orgUnits.find((u) => u.code === code)?.name.zh ?? code;

  const sum = wb.addWorksheet('汇总');
  sum.columns = [
    { width: 40 },
    { width: 12 },
    { width: 14 },
    { width: 16 },
    { width: 12 },
    { width: 14 },
    { width: 12 },
    { width: 22 },
  ];
  sum.addRow([`苏南自创区创新指标汇总 ${result.period}`]).font = { bold: true, size: 14 };
  const status = sum.addRow([
    result.complete
      ? '数据完整：五市均已报送'
      : `数据不完整：缺报 ${result.missing.map((m) => m.name.zh).join('、')}；合计为部分合计`,
  ]);
  if (!result.complete) status.getCell(1).fill = WARN_FILL;
  for (const n of result.notices) sum.addRow([`${n.zh} / ${n.en}`]).getCell(1).fill = WARN_FILL;
  sum.addRow([]);
  header(sum, sum.addRow(['目标 target', '目标年', '目标值', '当前值', '完成率 %', '差距', '状态', '备注']));
  for (const t of result.targets)
    sum.addRow([
      `${t.name.zh}${t.reference ? '（省目标，参照）' : ''}`,
      t.targetPeriod,
      `${t.approximate ? '≈' : ''}${t.target}`,
      num(t.value),
      num(t.achievedPercent),
      num(t.gap),
      TARGET_STATUS_LABEL[t.status].zh,
      [
        t.valueStatus === 'complete' ? '' : STATUS_LABEL[t.valueStatus].zh,
        t.cumulative ? `累计 ${t.cumulative.periods.join('、')}` : '',
      ]
        .filter(Boolean)
        .join('；'),
    ]);

  for (const [group, label] of Object.entries(GROUP_LABEL)) {
    const list = result.indicators.filter((i) => i.group === group);
    if (list.length === 0) continue;
    const ws = wb.addWorksheet(label.zh);
    ws.columns = [
      { width: 28 },
      { width: 36 },
      { width: 12 },
      { width: 10 },
      ...cityCodes.map(() => ({ width: 14 })),
      { width: 14 },
      { width: 16 },
      { width: 18 },
    ];
    if (!result.complete)
      ws
        .addRow([`注意：缺报 ${result.missing.map((m) => m.name.zh).join('、')}，全区数为部分合计`])
        .getCell(1).fill = WARN_FILL;
    header(
      ws,
      ws.addRow(['代码', '指标', '单位', '汇总方式', ...cityCodes.map(cityName), '全区', '状态', '缺报城市']),
    );
    for (const i of list) {
      const row = ws.addRow([
        i.code,
        i.name.zh,
        i.unit,
        AGGREGATION_LABEL[i.aggregation]?.zh ?? i.aggregation,
        ...cityCodes.map((c) => num(i.cities[c]?.value ?? null)),
        num(i.zone.value),
        STATUS_LABEL[i.zone.status].zh,
        i.zone.missingCities.map(cityName).join('、'),
      ]);
      if (i.zone.status !== 'complete') row.getCell(5 + cityCodes.length).fill = WARN_FILL;
    }
  }

  const rec = wb.addWorksheet('核对');
  rec.columns = [
    { width: 12 },
    { width: 28 },
    { width: 16 },
    { width: 16 },
    { width: 14 },
    { width: 12 },
    { width: 24 },
    { width: 40 },
  ];
  header(rec, rec.addRow(['单位', '指标', '控制数', '计算值', '差额', '状态', '来源', '说明']));
  for (const r of result.reconciliation) {
    const row = rec.addRow([
      r.orgUnit,
      r.indicator,
      num(r.control),
      num(r.computed),
      num(r.imbalance),
      RECON_LABEL[r.status]?.zh ?? r.status,
      r.source ?? '',
      r.note?.zh ?? '',
    ]);
    if (r.status === 'inconsistent') row.getCell(6).fill = WARN_FILL;
  }

  const pr = wb.addWorksheet('问题');
  pr.columns = [
    { width: 8 },
    { width: 26 },
    { width: 28 },
    { width: 16 },
    { width: 10 },
    { width: 12 },
    { width: 26 },
    { width: 16 },
    { width: 20 },
    { width: 60 },
    { width: 60 },
  ];
  header(
    pr,
    pr.addRow([
      '严重程度',
      '代码',
      '文件',
      '工作表',
      '单元格',
      '单位',
      '指标',
      '所见值',
      '期望',
      '说明',
      'Message',
    ]),
  );
  for (const f of result.findings)
    pr.addRow([
      SEVERITY_LABEL[f.severity]?.zh ?? f.severity,
      f.code,
      f.file ?? '',
      f.sheet ?? '',
      f.cell ?? f.path ?? '',
      f.orgUnit ?? '',
      f.indicator ?? '',
      f.value ?? '',
      f.expected ?? '',
      f.message.zh,
      f.message.en,
    ]);

  const src = wb.addWorksheet('来源');
  src.columns = [
    { width: 12 },
    { width: 10 },
    { width: 30 },
    { width: 66 },
    { width: 22 },
    { width: 14 },
    { width: 40 },
    { width: 8 },
    { width: 8 },
  ];
  header(src, src.addRow(['城市', '报告期', '文件', 'SHA-256', '报送时间', '处理', '原因', '错误', '警告']));
  for (const s of result.sources)
    src.addRow([
      s.city ? cityName(s.city) : '',
      s.period ?? '',
      s.file,
      s.sha256,
      s.submittedAt ?? '',
      SOURCE_STATUS_LABEL[s.status].zh,
      s.reason?.zh ?? '',
      s.errors,
      s.warnings,
    ]);

  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
