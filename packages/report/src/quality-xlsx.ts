import { cellNumber, DIFF_COLUMNS, diffRows, type QualityReport } from '@sunan/quality';
import { type Catalogue, findIndicator, resolveOrgUnit } from '@sunan/schema';
import { type TableSheet, tableWorkbook } from './table-xlsx.js';

const num = cellNumber;

function vintageSheet(q: QualityReport, ind: (c: string) => string, unit: (c: string) => string): TableSheet {
  return {
    name: '修订明细 vintages',
    title: `各市各指标首报、首次受理与最新受理数值 ${q.period} / First received, first and latest accepted`,
    columns: [
      { header: '城市 city' },
      { header: '报告期 period' },
      { header: '指标 indicator' },
      { header: '首报 first received', decimals: 2 },
      { header: '首次受理 first accepted', decimals: 2 },
      { header: '首次受理时间 at' },
      { header: '最新受理 latest accepted', decimals: 2 },
      { header: '最新受理时间 at' },
      { header: '修订 revision', decimals: 2 },
      { header: '修订% revision %', decimals: 2 },
    ],
    rows: q.vintages.map((v) => [
      unit(v.city),
      v.period,
      ind(v.indicator),
      num(v.firstReceived?.value ?? null),
      num(v.firstAccepted?.value ?? null),
      v.firstAccepted?.at ?? null,
      num(v.latestAccepted?.value ?? null),
      v.latestAccepted?.at ?? null,
      num(v.revision),
      num(v.revisionPercent),
    ]),
  };
}

function revisionSheets(
  q: QualityReport,
  ind: (c: string) => string,
  unit: (c: string) => string,
): TableSheet[] {
  const summaries: TableSheet = {
    name: '平均修订 MR MAR',
    title: '平均修订与平均绝对修订（ESS A6）/ Mean and mean absolute revision',
    columns: [
      { header: '城市 city' },
      { header: '指标 indicator' },
      { header: 'n' },
      { header: '有修订 revised' },
      { header: 'MR', decimals: 2 },
      { header: 'MAR', decimals: 2 },
      { header: 'MR %', decimals: 2 },
      { header: 'MAR %', decimals: 2 },
    ],
    rows: q.revisions.map((r) => [
      r.city === null ? '全区 all cities' : unit(r.city),
      r.indicator === null ? '全部指标 all indicators' : ind(r.indicator),
      r.n,
      r.revised,
      num(r.meanRevision),
      num(r.meanAbsoluteRevision),
      num(r.meanRevisionPercent),
      num(r.meanAbsoluteRevisionPercent),
    ]),
  };
  const zone: TableSheet = {
    name: '全区修订 zone',
    title: '全区按版本重算（汇总规则，不平均各市比率）/ The zone recomputed per vintage',
    columns: [
      { header: '指标 indicator' },
      { header: '报告期 period' },
      { header: '首次 first', decimals: 2 },
      { header: '最新 latest', decimals: 2 },
      { header: '修订 revision', decimals: 2 },
      { header: '修订% revision %', decimals: 2 },
    ],
    rows: q.zoneRevisions.map((r) => [
      ind(r.indicator),
      r.period,
      num(r.first?.value ?? null),
      num(r.latest?.value ?? null),
      num(r.revision),
      num(r.revisionPercent),
    ]),
  };
  const t = q.triangle;
  const triangle: TableSheet = {
    name: '修订三角 triangle',
    title: `修订三角 ${t ? ind(t.indicator) : ''}（列：受理日期）/ Revision triangle (columns: acceptance days)`,
    columns: [{ header: '报告期 period' }, ...(t?.vintages ?? []).map((v) => ({ header: v, decimals: 2 }))],
    rows: (t?.rows ?? []).map((r) => [r.period, ...r.values.map(num)]),
  };
  return [summaries, zone, triangle];
}

function punctualitySheets(q: QualityReport, unit: (c: string) => string): TableSheet[] {
  return [
    {
      name: '及时性 punctuality',
      title: '报送及时性（截止日期为报送截止日期，北京时间；正数为迟报天数）/ Days after the deadline',
      columns: [
        { header: '城市 city' },
        { header: '报告期 period' },
        { header: '截止日期 deadline' },
        { header: '首次报送 first receipt' },
        { header: '首次报送迟早天数 days', decimals: 0 },
        { header: '受理版本 accepted revision' },
        { header: '受理版本迟早天数 days', decimals: 0 },
        { header: '逾期 overdue' },
      ],
      rows: q.punctuality.map((p) => [
        unit(p.city),
        p.period,
        p.deadline,
        p.firstReceivedAt,
        p.firstReceivedDays,
        p.acceptedRevision,
        p.acceptedDays,
        p.overdue ? '逾期' : null,
      ]),
    },
    {
      name: '按时率 on-time',
      title: '各市按时报送率 / On-time rate per city',
      columns: [
        { header: '城市 city' },
        { header: '应报 due' },
        { header: '按时 on time' },
        { header: '迟报 late' },
        { header: '未报 missing' },
        { header: '按时率% rate', decimals: 2 },
      ],
      rows: q.onTime.map((r) => [unit(r.city), r.due, r.onTime, r.late, r.missing, num(r.rate)]),
    },
  ];
}

function completenessSheet(q: QualityReport, unit: (c: string) => string): TableSheet {
  const z = q.completeness.zone;
  return {
    name: '完整性 R1',
    title: '完整性 R1 = 已填 ÷ 应填（空缺有说明者另列）/ Completeness R1',
    columns: [
      { header: '城市 city' },
      { header: '受理版本 revision' },
      { header: '应填 required' },
      { header: '已填 provided' },
      { header: '空缺有说明 with reason' },
      { header: '缺报 missing' },
      { header: 'R1 %', decimals: 2 },
      { header: '名单有效行 valid rows' },
      { header: '报告企业数 reported' },
      { header: '名单完整率% list', decimals: 2 },
    ],
    rows: [
      ...q.completeness.cities.map((c) => [
        unit(c.city),
        c.revision,
        c.required,
        c.provided,
        c.blanksWithReason.length,
        c.missing.length,
        num(c.r1),
        c.list.valid,
        num(c.list.reported),
        num(c.list.rate),
      ]),
      [
        '全区 zone',
        null,
        z.required,
        z.provided,
        z.withReason,
        z.required - z.provided - z.withReason,
        num(z.r1),
        null,
        null,
        null,
      ],
    ],
  };
}

/** quality.xlsx: the quality report's tables, one sheet each, numbers as numbers (JSON keeps exact text). */
export async function qualityWorkbook(q: QualityReport, catalogue: Catalogue): Promise<Uint8Array> {
  const ind = (c: string) => findIndicator(catalogue, c)?.name.zh ?? c;
  const unit = (c: string) => resolveOrgUnit(catalogue.orgUnits, c)?.name.zh ?? c;
  const diffs: TableSheet = {
    name: '版本改动 diffs',
    title: `${q.period} 各市最新受理版较前一受理版的改动 / Changes between accepted revisions`,
    columns: [{ header: '城市 city' }, { header: '版本 revisions' }, ...DIFF_COLUMNS],
    rows: q.diffs.flatMap((d) =>
      diffRows(d).map((r) => [unit(d.city), `${d.from.revision}→${d.to.revision}`, ...r]),
    ),
  };
  return tableWorkbook([
    diffs,
    vintageSheet(q, ind, unit),
    ...revisionSheets(q, ind, unit),
    ...punctualitySheets(q, unit),
    completenessSheet(q, unit),
  ]);
}
