import type { AggregateResult, IndicatorResult } from '@sunan/aggregate';
import { type Catalogue, sunanCatalogue } from '@sunan/schema';
import { COLORS, esc } from './html.js';
import {
  AGGREGATION_LABEL,
  GROUP_LABEL,
  RECON_LABEL,
  SEVERITY_LABEL,
  SOURCE_STATUS_LABEL,
  STATUS_LABEL,
  TARGET_STATUS_LABEL,
} from './labels.js';

const CSS = `
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;line-height:1.5;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:2px solid #2f5597;padding-bottom:.2rem;margin-top:2rem}
.sub{color:#666;margin-top:0}.en{color:#777;font-size:.85em}
.banner{padding:.8rem 1rem;border-radius:6px;margin:1rem 0}.ok{background:#e2f0d9;border:1px solid #70ad47}.bad{background:#fbe5d6;border:1px solid #c00000;color:#600}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#d9e1f2}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.partial{background:#fff2cc}.err{color:#c00000;font-weight:bold}.warn{color:#b36b00}.met{color:#2e7d32;font-weight:bold}.notmet{color:#c00000}
.bar{background:#eee;height:.9rem;border-radius:3px;min-width:120px;position:relative}.bar>span{display:block;height:100%;border-radius:3px;background:#2f5597}
.bar>span.done{background:#548235}.stack{display:flex;height:1.1rem;border-radius:3px;overflow:hidden;min-width:260px}.stack>span{display:block;height:100%}
.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
code{font-size:.85em}@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}details{display:block}}
`;

function cityNames(result: AggregateResult, catalogue: Catalogue): Array<[string, string]> {
  return Object.keys(result.indicators[0]?.cities ?? {}).map((c) => [
    c,
    catalogue.orgUnits.find((u) => u.code === c)?.name.zh ?? c,
  ]);
}

function contribution(i: IndicatorResult, cities: Array<[string, string]>): string {
  const parts = cities
    .map(([code, name], k) => ({
      name,
      share: Number(i.cities[code]?.share ?? 0),
      value: i.cities[code]?.value,
      color: COLORS[k % COLORS.length],
    }))
    .filter((p) => p.value !== null && p.value !== undefined);
  const bars = parts
    .map(
      (p) =>
        `<span style="width:${p.share}%;background:${p.color}" title="${esc(p.name)} ${esc(p.value)} (${p.share}%)"></span>`,
    )
    .join('');
  const text = parts.map((p) => `${esc(p.name)} ${p.share}%`).join('　');
  return `<tr><td>${esc(i.name.zh)}<div class="en">${esc(i.name.en)}</div></td><td class="n">${esc(i.zone.value)} ${esc(i.unit)}${i.zone.status === 'partial' ? ' <b class="warn">（部分）</b>' : ''}</td><td><div class="stack">${bars}</div><div class="en">${text}</div></td></tr>`;
}

/**
 * The zone report as one self-contained HTML file in Chinese (no scripts, fonts or images fetched):
 * completeness first, then target progress with bars, each city's contribution to the additive totals,
 * the full table by indicator group, reconciliation, findings and sources. Prints cleanly.
 */
export function reportHtml(result: AggregateResult, catalogue: Catalogue = sunanCatalogue()): string {
  const cities = cityNames(result, catalogue);
  const out: string[] = [];
  out.push(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>苏南自创区创新指标汇总 ${esc(result.period)}</title><style>${CSS}</style></head><body>`,
  );
  out.push(
    `<h1>苏南国家自主创新示范区 创新指标汇总报告 ${esc(result.period)}</h1><p class="sub">Sunan National Innovation Demonstration Zone — zone report ${esc(result.period)} · 指标目录 ${esc(result.catalogue.version)}</p>`,
  );
  out.push(
    result.complete
      ? `<div class="banner ok">五市报表齐全，全区数为完整合计。<span class="en">All five cities reported; zone totals are complete.</span></div>`
      : `<div class="banner bad"><b>数据不完整：缺报 ${esc(result.missing.map((m) => m.name.zh).join('、'))}。</b> 全区合计为部分合计，以下标“部分”的数字不能当作全区数引用。<div class="en">Incomplete: ${esc(result.missing.map((m) => m.name.en).join(', '))} missing; totals marked partial are not zone totals.</div></div>`,
  );
  if (result.notices.length > 0)
    out.push(
      `<ul>${result.notices.map((n) => `<li>${esc(n.zh)} <span class="en">${esc(n.en)}</span></li>`).join('')}</ul>`,
    );

  out.push(
    '<h2>目标进度 <span class="en">Target progress</span></h2><table><tr><th>目标</th><th>目标年</th><th>目标值</th><th>当前值</th><th>完成率</th><th></th><th>状态</th></tr>',
  );
  for (const t of result.targets) {
    const pct = Math.max(0, Math.min(100, Number(t.achievedPercent ?? 0)));
    out.push(
      `<tr${t.valueStatus === 'partial' ? ' class="partial"' : ''}><td>${esc(t.name.zh)}${t.reference ? ' <span class="en">（省 2025 目标，参照）</span>' : ''}${t.cumulative ? `<div class="en">累计 ${esc(t.cumulative.periods.join('、'))}（${esc(t.cumulative.from)}–${esc(t.cumulative.to)}）</div>` : ''}</td><td>${esc(t.targetPeriod)}</td><td class="n">${t.approximate ? '约 ' : ''}${esc(t.target)} ${esc(t.unit)}</td><td class="n">${esc(t.value ?? '—')}${t.valueStatus === 'partial' ? '（部分）' : ''}</td><td class="n">${esc(t.achievedPercent === null ? '—' : `${t.achievedPercent}%`)}</td><td><div class="bar"><span class="${t.status === 'met' ? 'done' : ''}" style="width:${pct}%"></span></div></td><td class="${t.status === 'met' ? 'met' : t.status === 'not-met' ? 'notmet' : ''}">${esc(TARGET_STATUS_LABEL[t.status].zh)}</td></tr>`,
    );
  }
  out.push('</table>');

  const additive = result.indicators.filter(
    (i) =>
      (i.aggregation === 'sum' || i.aggregation === 'cumulative-sum') &&
      i.zone.value !== null &&
      Number(i.zone.value) > 0,
  );
  const targeted = new Set(result.targets.map((t) => t.indicator));
  const shown = additive.filter((i) => targeted.has(i.code) || ['GDP', 'RD_EXP'].includes(i.code));
  out.push('<h2>各市贡献 <span class="en">Each city’s share of the zone total</span></h2>');
  out.push(
    `<p class="legend">${cities.map(([, n], k) => `<span><i style="background:${COLORS[k % COLORS.length]}"></i>${esc(n)}</span>`).join('')}</p>`,
  );
  out.push(
    `<table><tr><th>指标</th><th>全区</th><th>各市占比</th></tr>${shown.map((i) => contribution(i, cities)).join('')}</table>`,
  );
  const ratios = result.indicators.filter((i) => i.aggregation === 'ratio' && i.zone.value !== null);
  out.push(
    `<p>比率类指标：全区数为各市分子之和除以分母之和，不是各市比率的平均。<span class="en">Zone ratios are Σ numerator / Σ denominator, never a mean of city ratios.</span></p>`,
  );
  out.push(
    `<table><tr><th>指标</th>${cities.map(([, n]) => `<th>${esc(n)}</th>`).join('')}<th>全区</th></tr>${ratios
      .map(
        (i) =>
          `<tr><td>${esc(i.name.zh)}（${esc(i.unit)}）</td>${cities.map(([c]) => `<td class="n">${esc(i.cities[c]?.value ?? '—')}</td>`).join('')}<td class="n"><b>${esc(i.zone.value)}</b></td></tr>`,
      )
      .join('')}</table>`,
  );

  out.push('<h2>全区汇总 <span class="en">All indicators</span></h2>');
  for (const [group, label] of Object.entries(GROUP_LABEL)) {
    const list = result.indicators.filter((i) => i.group === group);
    if (list.length === 0) continue;
    out.push(
      `<h3>${esc(label.zh)} <span class="en">${esc(label.en)}</span></h3><table><tr><th>指标</th><th>单位</th><th>汇总</th>${cities.map(([, n]) => `<th>${esc(n)}</th>`).join('')}<th>全区</th><th>同比 %</th></tr>`,
    );
    for (const i of list)
      out.push(
        `<tr${i.zone.status !== 'complete' ? ' class="partial"' : ''}><td>${esc(i.name.zh)} <code>${esc(i.code)}</code></td><td>${esc(i.unit)}</td><td>${esc(AGGREGATION_LABEL[i.aggregation]?.zh)}</td>${cities.map(([c]) => `<td class="n">${esc(i.cities[c]?.value ?? '—')}</td>`).join('')}<td class="n"><b>${esc(i.zone.value ?? '—')}</b>${i.zone.status !== 'complete' ? `<div class="en">${esc(STATUS_LABEL[i.zone.status].zh)}</div>` : ''}</td><td class="n">${esc(i.zoneGrowth ?? '')}</td></tr>`,
      );
    out.push('</table>');
  }

  out.push('<h2>核对 <span class="en">Reconciliation with control totals</span></h2>');
  if (result.reconciliation.length === 0)
    out.push('<p>未提供控制数。<span class="en">No control totals were given.</span></p>');
  else
    out.push(
      `<table><tr><th>单位</th><th>指标</th><th>控制数</th><th>计算值</th><th>差额</th><th>状态</th><th>来源</th></tr>${result.reconciliation
        .map(
          (r) =>
            `<tr><td>${esc(r.orgUnit)}</td><td>${esc(r.indicator)}</td><td class="n">${esc(r.control)}</td><td class="n">${esc(r.computed)}</td><td class="n">${esc(r.imbalance)}</td><td class="${r.status === 'inconsistent' ? 'err' : ''}">${esc(RECON_LABEL[r.status]?.zh)}</td><td>${esc(r.source)}</td></tr>`,
        )
        .join('')}</table>`,
    );

  const serious = result.findings.filter((f) => f.severity !== 'info');
  const infos = result.findings.length - serious.length;
  out.push(
    `<h2>问题 <span class="en">Findings</span></h2><p>错误 ${result.findings.filter((f) => f.severity === 'error').length} 个，警告 ${result.findings.filter((f) => f.severity === 'warning').length} 个，提示 ${infos} 个。</p>`,
  );
  out.push(
    `<table><tr><th>严重程度</th><th>代码</th><th>文件 / 位置</th><th>说明</th></tr>${serious
      .map(
        (f) =>
          `<tr><td class="${f.severity === 'error' ? 'err' : 'warn'}">${esc(SEVERITY_LABEL[f.severity]?.zh)}</td><td><code>${esc(f.code)}</code></td><td>${esc(f.file)} ${esc(f.sheet)}${f.cell ? `!${esc(f.cell)}` : ''}${f.path ? ` ${esc(f.path)}` : ''}</td><td>${esc(f.message.zh)}<div class="en">${esc(f.message.en)}</div></td></tr>`,
      )
      .join('')}</table>`,
  );

  out.push(
    `<h2>数据来源 <span class="en">Sources</span></h2><table><tr><th>城市</th><th>文件</th><th>SHA-256</th><th>处理</th><th>原因</th></tr>${result.sources
      .map(
        (s) =>
          `<tr><td>${esc(catalogue.orgUnits.find((u) => u.code === s.city)?.name.zh ?? s.city ?? '')}</td><td>${esc(s.file)}</td><td><code>${esc(s.sha256.slice(0, 16))}…</code></td><td>${esc(SOURCE_STATUS_LABEL[s.status].zh)}</td><td>${esc(s.reason?.zh ?? '')}</td></tr>`,
      )
      .join('')}</table>`,
  );
  out.push(
    '<p class="en">示例数据为合成数据时，数字不代表官方统计。Generated by sunan-stats.</p></body></html>',
  );
  return out.join('\n');
}
