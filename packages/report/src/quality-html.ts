import type { OnTimeRate, QualityReport, RevisionDiff, RevisionTriangle } from '@sunan/quality';
import { changeLine, valueLine } from '@sunan/quality';
import { beijingTime, type Catalogue, findIndicator, resolveOrgUnit } from '@sunan/schema';
import { BASE_CSS, type Cell, cell, esc, mutedCode, table } from './html.js';

/** Names for codes in the quality report's tables. */
interface Names {
  unit(code: string): string;
  indicator(code: string): string;
}

function names(catalogue: Catalogue): Names {
  return {
    unit: (c) => resolveOrgUnit(catalogue.orgUnits, c)?.name.zh ?? c,
    indicator: (c) => findIndicator(catalogue, c)?.name.zh ?? c,
  };
}

const n = (v: string | number | null | undefined): Cell => cell(v ?? '—', 'n');
const signed = (v: string | null) => (v === null ? null : v.startsWith('-') || v === '0' ? v : `+${v}`);

const CSS = `${BASE_CSS}
.bar{display:inline-block;height:.7rem;background:#2f5597;vertical-align:middle;border-radius:2px;margin-right:.4rem}
.late{color:#b00020}.ok{color:#1e7b34}.heat0{background:#fff}.heat1{background:#fff2cc}.heat2{background:#f8cbad}.heat3{background:#f4b183}
.cards{display:flex;flex-wrap:wrap;gap:.6rem}.cards div{border:1px solid #ccc;border-radius:4px;padding:.4rem .7rem;min-width:9rem}
.cards b{display:block;font-size:1.3rem}
ul.diff{padding-left:1.2rem}ul.diff li{overflow-wrap:anywhere}
`;

function summaryHtml(q: QualityReport): string {
  const z = q.completeness.zone;
  const rated = q.onTime.filter((r) => r.rate !== null);
  const onTime = rated.reduce((s, r) => s + r.onTime, 0);
  const due = rated.reduce((s, r) => s + r.due, 0);
  const revised = q.zoneRevisions.filter((r) => r.revision !== null && r.revision !== '0').length;
  const card = (title: string, value: string, en: string) =>
    `<div>${title}<b>${esc(value)}</b><span class="en">${en}</span></div>`;
  return `<section><h2>摘要 <span class="en">Summary</span></h2><div class="cards">${[
    card('全区完整率 R1', z.r1 === null ? '—' : `${z.r1}%`, `zone R1 (${z.provided}/${z.required})`),
    card('按时报送', due === 0 ? '—' : `${onTime}/${due}`, 'first receipts on time'),
    card('全区修订的指标期', String(revised), 'zone figures revised'),
    card('已修正 / 新问题', `${q.findings.fixed} / ${q.findings.new}`, 'findings fixed / new'),
  ].join('')}</div></section>`;
}

function diffHtml(d: RevisionDiff, nm: Names): string {
  const line = changeLine(d);
  const items = [
    ...d.values.map((v) => `<li>${esc(valueLine(v))}</li>`),
    ...d.enterprisesAdded.map((r) => `<li>名单新增 added: ${esc(r.creditCode)} ${esc(r.name)}</li>`),
    ...d.enterprisesRemoved.map((r) => `<li>名单删除 removed: ${esc(r.creditCode)} ${esc(r.name)}</li>`),
  ];
  const found = `已修正问题 ${d.findingsFixed.length} 个，新问题 ${d.findingsNew.length} 个 <span class="en">findings fixed ${d.findingsFixed.length}, new ${d.findingsNew.length}</span>`;
  return `<h3>${esc(nm.unit(d.city))} ${esc(line.zh)} <span class="en">${esc(line.en)}</span></h3><ul class="diff">${items.join('')}</ul><p>${found}</p>`;
}

function diffsHtml(q: QualityReport, nm: Names): string {
  const body = q.diffs.length
    ? q.diffs.map((d) => diffHtml(d, nm)).join('')
    : '<p>本期没有可比较的两个版本。<span class="en">No city has two revisions to compare.</span></p>';
  return `<section><h2>版本改动 <span class="en">What changed between revisions</span></h2>${body}</section>`;
}

function zoneRevisionsHtml(q: QualityReport, nm: Names): string {
  const rows = q.zoneRevisions
    .filter((r) => r.indicator === 'RD_INTENSITY' || (r.revision !== null && r.revision !== '0'))
    .map((r) => [
      { html: `${esc(nm.indicator(r.indicator))}${mutedCode(r.indicator)}`, cls: 'name' },
      cell(r.period, 's'),
      n(r.first?.value),
      n(r.latest?.value),
      n(signed(r.revision)),
      n(r.revisionPercent === null ? null : `${signed(r.revisionPercent)}%`),
    ]);
  const head = [
    '指标 indicator',
    '报告期 period',
    '首次受理 first',
    '最新受理 latest',
    '修订 revision',
    '修订% revision %',
  ];
  return `<h3>全区按版本重算 <span class="en">The zone recomputed per vintage (roll-up rule, not a mean of city ratios)</span></h3>${table(head, rows)}`;
}

function summariesHtml(q: QualityReport, nm: Names): string {
  const byIndicator = q.revisions.filter((r) => r.city === null && r.indicator !== null && r.revised > 0);
  const rows = byIndicator.map((r) => [
    { html: `${esc(nm.indicator(r.indicator ?? ''))}${mutedCode(r.indicator ?? '')}`, cls: 'name' },
    n(r.n),
    n(r.revised),
    n(r.meanRevision),
    n(r.meanAbsoluteRevision),
    n(r.meanAbsoluteRevisionPercent),
  ]);
  const cities = q.revisions
    .filter((r) => r.indicator === null && r.city !== null)
    .map((r) => [
      cell(nm.unit(r.city ?? '')),
      n(r.n),
      n(r.revised),
      n(r.meanRevisionPercent),
      n(r.meanAbsoluteRevisionPercent),
    ]);
  const head = ['指标 indicator', '指标期数 n', '有修订 revised', '平均修订 MR', '平均绝对修订 MAR', 'MAR %'];
  return `<h3>平均修订与平均绝对修订（ESS A6） <span class="en">Mean and mean absolute revision, latest − first accepted</span></h3>${
    rows.length ? table(head, rows) : '<p>没有修订。<span class="en">No figure was revised.</span></p>'
  }${table(['城市 city', 'n', '有修订 revised', 'MR %', 'MAR %'], cities)}`;
}

function triangleHtml(t: RevisionTriangle | null, nm: Names): string {
  if (!t || t.vintages.length === 0) return '';
  const rows = t.rows.map((r) => {
    let prev: string | null = null;
    const cells = r.values.map((v) => {
      const changed = v !== null && prev !== null && v !== prev;
      const first = v !== null && prev === null;
      prev = v ?? prev;
      return cell(v ?? '', `n ${changed ? 'heat2' : first ? 'heat1' : 'heat0'}`);
    });
    return [cell(r.period, 's'), ...cells];
  });
  const head = ['报告期 period', ...t.vintages.map((v) => ({ html: esc(v), cls: 'n' }))];
  return `<h3>修订三角：${esc(nm.indicator(t.indicator))}（${t.city === null ? '全区' : esc(nm.unit(t.city))}） <span class="en">Revision triangle: rows reference periods, columns acceptance days; shaded where a figure first appears or changes</span></h3>${table(head, rows)}`;
}

function revisionsHtml(q: QualityReport, nm: Names): string {
  return `<section><h2>修订分析 <span class="en">Revisions</span></h2>${zoneRevisionsHtml(q, nm)}${triangleHtml(q.triangle, nm)}${summariesHtml(q, nm)}</section>`;
}

function rateBar(r: OnTimeRate): string {
  const pct = r.rate === null ? 0 : Number(r.rate);
  return `<span class="bar" style="width:${Math.round(pct * 0.8)}px"></span>${r.rate === null ? '—' : `${esc(r.rate)}%`}`;
}

function punctualityHtml(q: QualityReport, nm: Names): string {
  const days = (d: number | null) =>
    d === null
      ? cell('—', 'n')
      : {
          html:
            d > 0
              ? `<span class="late">迟 ${d} 天</span>`
              : `<span class="ok">${d === 0 ? '当天' : `早 ${-d} 天`}</span>`,
          cls: 'n',
        };
  const rows = q.punctuality.map((p) => [
    cell(nm.unit(p.city)),
    cell(p.period, 's'),
    cell(p.deadline, 's'),
    days(p.firstReceivedDays),
    days(p.acceptedDays),
    {
      html: p.overdue
        ? '<span class="late">逾期 overdue</span>'
        : p.acceptedRevision === null
          ? ''
          : `第 ${p.acceptedRevision} 版`,
      cls: 's',
    },
  ]);
  const rates = q.onTime.map((r) => [
    cell(nm.unit(r.city)),
    n(r.due),
    n(r.onTime),
    n(r.late),
    n(r.missing),
    { html: rateBar(r), cls: 's' },
  ]);
  return `<section><h2>报送及时性 <span class="en">Punctuality (deadline 报送截止日期, China time)</span></h2>${table(
    [
      '城市 city',
      '报送期 period',
      '截止日期 deadline',
      '首次报送 first receipt',
      '受理版本报送 accepted revision',
      '状态 state',
    ],
    rows,
  )}${table(['城市 city', '应报 due', '按时 on time', '迟报 late', '未报 missing', '按时率 on-time rate'], rates)}</section>`;
}

function completenessHtml(q: QualityReport, nm: Names): string {
  const rows = q.completeness.cities.map((c) => [
    cell(nm.unit(c.city)),
    n(c.revision === null ? null : `第 ${c.revision} 版`),
    n(c.required),
    n(c.provided),
    n(c.blanksWithReason.length),
    n(c.missing.length),
    n(c.r1 === null ? null : `${c.r1}%`),
    n(c.list.rate === null ? null : `${c.list.rate}% (${c.list.valid}/${c.list.reported})`),
  ]);
  const z = q.completeness.zone;
  rows.push([
    cell('全区 zone'),
    n(null),
    n(z.required),
    n(z.provided),
    n(z.withReason),
    n(z.required - z.provided - z.withReason),
    n(z.r1 === null ? null : `${z.r1}%`),
    n(null),
  ]);
  const reasons = q.completeness.cities.flatMap((c) =>
    c.blanksWithReason.map(
      (b) =>
        `<li>${esc(nm.unit(c.city))} · ${esc(nm.indicator(b.indicator))}${mutedCode(b.indicator)}：${esc(b.reason)}</li>`,
    ),
  );
  return `<section><h2>完整性（ESS R1） <span class="en">Completeness: required cells provided ÷ required</span></h2>${table(
    [
      '城市 city',
      '受理版本 revision',
      '应填 required',
      '已填 provided',
      '空缺有说明 with reason',
      '缺报 missing',
      'R1',
      '企业名单 list',
    ],
    rows,
  )}${reasons.length ? `<h3>空缺及说明 <span class="en">Blanks with a reason</span></h3><ul>${reasons.join('')}</ul>` : ''}</section>`;
}

/**
 * quality.html: the period's quality report — summary, what changed between revisions, the zone's
 * revisions recomputed per vintage with a revision triangle and ESS A6 means, punctuality with
 * on-time bars, and ESS R1 completeness. Readable on a phone (tables scroll in their own box) and
 * printable on A4, with the zone report's styles.
 */
export function qualityHtml(q: QualityReport, catalogue: Catalogue): string {
  const nm = names(catalogue);
  return [
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>苏南自创区数据质量报告 ${esc(q.period)}</title><style>${CSS}</style></head><body>`,
    `<h1>苏南自创区数据质量报告 ${esc(q.period)}</h1><p class="sub">Data quality report · 期间 periods ${esc(q.periods.join('、'))} · 生成于 ${esc(beijingTime(q.generatedAt))}</p>`,
    summaryHtml(q),
    diffsHtml(q, nm),
    revisionsHtml(q, nm),
    punctualityHtml(q, nm),
    completenessHtml(q, nm),
    '</body></html>',
  ].join('\n');
}
