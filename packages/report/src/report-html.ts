import type { AggregateResult, IndicatorResult, TargetProgress } from '@sunan/aggregate';
import { type Catalogue, findIndicator, orgUnitName, sunanCatalogue } from '@sunan/schema';
import { lineChart } from './charts.js';
import { formatNumber, formatPercent } from './format-number.js';
import { PARK_INDICATORS, TREND_INDICATORS } from './headlines.js';
import { BASE_CSS, type Cell, cell, esc, mutedCode, namesForCodesHtml, table, unitColor } from './html.js';
import { type IntakeStatus, intakeSection } from './intake-status.js';
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
import { type ReportStamp, STAMP_CSS, stampHtml } from './stamp.js';
import { decimalsOf, gapText, PATH_RULE, statusClass, targetNote } from './target-text.js';
import { trendsOf } from './trends.js';

/** Options of {@link reportHtml}. */
export interface ReportHtmlOptions {
  /** Earlier periods' results (from `--history` directories or the ledger): trend lines per city. */
  readonly history?: readonly AggregateResult[];
  /** The ledger's intake matrix for the period, when the roll-up comes from the ledger: shown after the brief. */
  readonly intake?: IntakeStatus;
  /** What the report is (ledger draft / approved / locked, or not through the ledger): shown first. Default: 未经台账, without a time. */
  readonly stamp?: ReportStamp;
  /** Where the period's quality report (`sunan quality`) sits beside this file: a short 数据质量 section links to it. */
  readonly quality?: { readonly href: string };
}

/** The short 数据质量 section: what the quality report holds, and a link to it. */
function qualitySection(q: { readonly href: string }, period: string): string {
  const href = esc(q.href);
  return `<section id="quality"><h2>数据质量 <span class="en">Data quality</span></h2><p>各市版本改动、修订分析（首次与最新受理、平均修订、修订三角、全区按版本重算）、报送及时性与完整性（R1）见 <a href="${href}">${href}</a>（sunan quality --period ${esc(period)} 生成）。<br><span class="en">What changed between revisions, revision analysis, punctuality and completeness: see <a href="${href}">${href}</a> (written by sunan quality).</span></p></section>`;
}

const CSS = `${BASE_CSS}
${STAMP_CSS}
.banner{padding:.7rem 1rem;border-radius:6px;margin:1rem 0}.banner.ok{background:#e2f0d9;border:1px solid #70ad47}.banner.incomplete{background:#fbe5d6;border:1px solid #c00000;color:#600}
.keys{background:#f4f6fb;border-left:4px solid #2f5597;padding:.6rem 1rem .6rem 2rem;margin:1rem 0}.keys li{margin:.25rem 0}.keys a{font-size:.85em;white-space:nowrap}
tr.partial td{background:#fff8e1}.err{color:#c00000;font-weight:bold}.warn{color:#9a5b00}.ok{color:#1e6b2a}
.lock{color:#444;font-weight:bold;font-size:.85em}tr.intake-not-received td,tr.intake-rejected td{background:#fdeeee}tr.intake-received td{background:#fff8e1}
td.good{color:#1e6b2a;font-weight:bold}td.bad{color:#b00000;font-weight:bold}td.unknown{color:#8a6d00}
.bar{background:#eee;height:.8rem;border-radius:3px;width:100px;position:relative}.bar>span{display:block;height:100%;border-radius:3px;background:#2f5597}.bar>span.good{background:#2e7d32}.bar>i{position:absolute;top:-2px;bottom:-2px;width:2px;background:#000}
.stack{display:flex;height:1rem;border-radius:3px;overflow:hidden;min-width:200px}.stack>span{display:block;height:100%}
.note{min-width:18em;font-size:.9em}.rule{font-size:.85rem;color:#444;background:#fafafa;border:1px solid #e5e5e5;padding:.4rem .6rem;border-radius:4px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1rem}
@media print{.brief{break-after:page}.keys{break-inside:avoid;padding:.3rem .5rem .3rem 1.5rem;margin:.4rem 0}.brief .en,.brief .code,.keys a,.banner ul{display:none}
.brief h1{font-size:12pt}.brief h2{font-size:11pt;margin:.5rem 0 .2rem}.brief .keys li{margin:0}.banner{padding:.3rem .6rem;margin:.4rem 0}.bar{width:50px}.stack{min-width:0}.rule{font-size:6.5pt;padding:.2rem .4rem}
.brief td:nth-child(2),.brief th:nth-child(2),.brief td:nth-child(6),.brief th:nth-child(6){display:none}.brief .note{font-size:6.5pt;width:36%}.brief td.name{width:26%}
.brief table{font-size:7pt}.brief .keys{font-size:7.5pt}.brief caption{font-size:8pt;padding:0}.brief .scroll{margin:.2rem 0}.brief th,.brief td{padding:0 .2rem}.brief header .sub{display:none}#parks .code{display:none}.note{width:28%}#parks td.n{white-space:normal}}
`;

type City = readonly [code: string, name: string];

function citiesOf(result: AggregateResult, catalogue: Catalogue): City[] {
  return Object.keys(result.indicators[0]?.cities ?? {}).map((c) => [c, orgUnitName(catalogue, c).zh]);
}

const legend = (cities: readonly City[]) =>
  `<p class="legend">${cities.map(([c, n]) => `<span><i style="background:${unitColor(c)}"></i>${esc(n)}</span>`).join('')}</p>`;

/** An indicator's name, its unit, and its code kept muted for searches. */
const nameCell = (i: { code: string; name: { zh: string } }, unit?: string): Cell => ({
  html: `${esc(i.name.zh)}${unit ? `<span class="en">（${esc(unit)}）</span>` : ''}${mutedCode(i.code)}`,
  cls: 'name',
});

function header(result: AggregateResult): string {
  return `<header><h1>苏南国家自主创新示范区 创新指标汇总报告 ${esc(result.period)}</h1><p class="sub">Sunan National Innovation Demonstration Zone — zone report ${esc(result.period)} · 指标目录 ${esc(result.catalogue.version)}</p></header>`;
}

function banner(result: AggregateResult): string {
  const notices =
    result.notices.length > 0
      ? `<ul>${result.notices.map((n) => `<li>${esc(n.zh)} <span class="en">${esc(n.en)}</span></li>`).join('')}</ul>`
      : '';
  return result.complete
    ? `<div id="completeness" class="banner ok">五市报表齐全，全区数为完整合计。<span class="en">All five cities reported; zone totals are complete.</span>${notices}</div>`
    : `<div id="completeness" class="banner incomplete"><b>数据不完整：缺报 ${esc(result.missing.map((m) => m.name.zh).join('、'))}。</b> 全区合计为部分合计，以下标“部分”的数字不能当作全区数引用。<div class="en">Incomplete: ${esc(result.missing.map((m) => m.name.en).join(', '))} missing; totals marked partial are not zone totals.</div>${notices}</div>`;
}

const SECTION_LABEL: Record<string, string> = {
  completeness: '完整性',
  targets: '目标进度',
  contrib: '各市贡献',
  all: '全区汇总',
  trends: '趋势',
  recon: '核对',
  findings: '问题',
  parks: '园区',
};

function keys(result: AggregateResult, catalogue: Catalogue, history: readonly AggregateResult[]): string {
  const items = keyMessages(result, catalogue, history)
    .map(
      (m) =>
        `<li>${esc(m.zh)} <a href="#${m.ref}">→ ${esc(SECTION_LABEL[m.ref] ?? m.ref)}</a><div class="en">${esc(m.en)}</div></li>`,
    )
    .join('');
  return `<section id="keys"><h2>要点 <span class="en">Key messages</span></h2><ol class="keys">${items}</ol></section>`;
}

function targetRow(t: TargetProgress, catalogue: Catalogue): { cells: Cell[]; cls: string } {
  const d = decimalsOf(catalogue, t.indicator);
  const pct = Math.max(0, Math.min(100, Number(t.achievedPercent ?? 0)));
  const path =
    t.trajectory && Number(t.target) !== 0
      ? Math.max(0, Math.min(100, (Number(t.trajectory.expected) / Number(t.target)) * 100))
      : undefined;
  const cls = statusClass(t.status);
  return {
    cls: t.valueStatus === 'partial' ? 'partial' : '',
    cells: [
      nameCell({ code: t.indicator, name: t.name }),
      cell(t.targetPeriod, 'n'),
      { html: `${t.approximate ? '约 ' : ''}${esc(formatNumber(t.target, d))} ${esc(t.unit)}`, cls: 'n' },
      { html: `${esc(formatNumber(t.value, d))}${t.valueStatus === 'partial' ? '（部分）' : ''}`, cls: 'n' },
      cell(t.achievedPercent === null ? '—' : `${formatNumber(t.achievedPercent, 1)}%`, 'n'),
      {
        html: `<div class="bar" role="img" aria-label="完成 ${esc(formatNumber(t.achievedPercent, 1))}%"><span class="${cls}" style="width:${pct.toFixed(1)}%"></span>${path === undefined ? '' : `<i style="left:${path.toFixed(1)}%" title="本期应达"></i>`}</div>`,
      },
      cell(gapText(t, d), 'n'),
      { html: esc(TARGET_STATUS_LABEL[t.status].zh), cls: `s ${cls}` },
      { html: esc(targetNote(t, catalogue)), cls: 'note' },
    ],
  };
}

const periodsOf = (list: readonly TargetProgress[]) =>
  [...new Set(list.map((t) => t.targetPeriod))].join('、');

const TARGET_HEAD = ['目标', '目标年', '目标值', '当前值', '完成率', '进度', '差距', '状态', '说明'];

function targetsSection(result: AggregateResult, catalogue: Catalogue): string {
  const own = result.targets.filter((t) => !t.reference);
  const refs = result.targets.filter((t) => t.reference);
  const out = ['<section id="targets"><h2>目标进度 <span class="en">Target progress</span></h2>'];
  if (own.length > 0)
    out.push(
      table(
        TARGET_HEAD,
        own.map((t) => targetRow(t, catalogue)),
        { caption: `示范区一体化发展实施方案目标（${esc(periodsOf(own))} 年）Zone targets` },
      ),
    );
  if (refs.length > 0)
    out.push(
      table(
        TARGET_HEAD,
        refs.map((t) => targetRow(t, catalogue)),
        {
          caption: `全省“十四五”科技创新规划目标（${esc(periodsOf(refs))} 年；参照：本区数与全省目标对照）Province targets, as reference`,
        },
      ),
    );
  if (result.targets.some((t) => t.trajectory !== undefined))
    out.push(`<p class="rule">${esc(PATH_RULE.zh)}<span class="en"> ${esc(PATH_RULE.en)}</span></p>`);
  out.push('</section>');
  return out.join('');
}

function trendsSection(
  result: AggregateResult,
  catalogue: Catalogue,
  cities: readonly City[],
  history: readonly AggregateResult[],
): string {
  const list = trendsOf(result, history, TREND_INDICATORS);
  if (list.length === 0) return '';
  const charts = list.map((t) => {
    const ind = findIndicator(catalogue, t.indicator);
    const intensive = ind?.aggregation.kind !== 'sum' && ind?.aggregation.kind !== 'cumulative-sum';
    const series = cities.map(([c, n]) => ({
      key: c,
      name: n,
      color: unitColor(c),
      values: t.cities[c] ?? [],
    }));
    // A zone total dwarfs its cities; it is drawn only where it is on the cities' scale (ratios).
    if (intensive) series.push({ key: 'SUNAN', name: '全区', color: unitColor('SUNAN'), values: t.zone });
    const svg = lineChart({
      id: `trend-${t.indicator}`,
      title: ind?.name.zh ?? t.indicator,
      unit: ind?.unit ?? '',
      periods: t.periods,
      series: intensive ? series.map((s) => (s.key === 'SUNAN' ? { ...s, dashed: true } : s)) : series,
      decimals: ind?.decimals ?? 2,
    });
    const zoneLine = `全区：${t.periods.map((p, k) => `${p} ${formatNumber(t.zone[k] ?? null, ind?.decimals ?? 2)}`).join('，')} ${ind?.unit ?? ''}`;
    return `<figure><figcaption><b>${esc(ind?.name.zh ?? t.indicator)}</b>（${esc(ind?.unit ?? '')}）<div class="en">${esc(zoneLine)}</div></figcaption>${svg}</figure>`;
  });
  return `<section id="trends"><h2>趋势 <span class="en">Trends, zone and cities</span></h2>${legend(cities)}<div class="charts">${charts.join('')}</div></section>`;
}

function contribution(i: IndicatorResult, cities: readonly City[], catalogue: Catalogue): Cell[] {
  const parts = cities
    .map(([code, name]) => ({
      code,
      name,
      share: i.cities[code]?.share ?? null,
      value: i.cities[code]?.value,
    }))
    .filter((p) => p.value !== null && p.value !== undefined && p.share !== null);
  const d = decimalsOf(catalogue, i.code);
  const bars = parts
    .map(
      (p) =>
        `<span style="width:${Number(p.share)}%;background:${unitColor(p.code)}" title="${esc(p.name)} ${esc(formatNumber(p.value, d))}（${esc(formatPercent(p.share))}）"></span>`,
    )
    .join('');
  const text = parts.map((p) => `${esc(p.name)} ${esc(formatPercent(p.share))}`).join('　');
  return [
    nameCell(i, i.unit),
    {
      html: `${esc(formatNumber(i.zone.value, d))}${i.zone.status === 'partial' ? ' <b class="warn">（部分）</b>' : ''}`,
      cls: 'n',
    },
    { html: `<div class="stack" role="img" aria-label="${text}">${bars}</div><div class="en">${text}</div>` },
  ];
}

function contributionSection(result: AggregateResult, catalogue: Catalogue, cities: readonly City[]): string {
  const targeted = new Set(result.targets.map((t) => t.indicator));
  const shown = result.indicators.filter(
    (i) =>
      (i.aggregation === 'sum' || i.aggregation === 'cumulative-sum') &&
      i.zone.value !== null &&
      Number(i.zone.value) > 0 &&
      (targeted.has(i.code) || ['GDP', 'RD_EXP'].includes(i.code)),
  );
  const ratios = result.indicators.filter((i) => i.aggregation === 'ratio' && i.zone.value !== null);
  return `<section id="contrib"><h2>各市贡献 <span class="en">Each city’s share of the zone total</span></h2>${legend(cities)}${table(
    ['指标', '全区', '各市占比'],
    shown.map((i) => contribution(i, cities, catalogue)),
  )}<p>比率类指标：全区数为各市分子之和除以分母之和，不是各市比率的平均。<span class="en">Zone ratios are Σ numerator / Σ denominator, never a mean of city ratios.</span></p>${table(
    ['指标', ...cities.map(([, n]) => ({ html: esc(n), cls: 'n' })), { html: '全区', cls: 'n' }],
    ratios.map((i) => {
      const d = decimalsOf(catalogue, i.code);
      return [
        nameCell(i, i.unit),
        ...cities.map(([c]) => cell(formatNumber(i.cities[c]?.value ?? null, d), 'n')),
        { html: `<b>${esc(formatNumber(i.zone.value, d))}</b>`, cls: 'n' },
      ];
    }),
  )}</section>`;
}

function parksSection(result: AggregateResult, catalogue: Catalogue, cities: readonly City[]): string {
  const parks = result.parks ?? [];
  if (parks.length === 0) return '';
  const out = [
    '<section id="parks"><h2>国家高新区 <span class="en">National high-tech parks, and their share of the city</span></h2><p>各园区数字为所在市报表中的园区填报数；小字为占全市的比重。<span class="en">Figures as each city reported them for its parks; below each, its share of the city’s figure.</span></p>',
  ];
  for (const [code, name] of cities) {
    const mine = parks.filter((p) => p.city === code);
    if (mine.length === 0) continue;
    const cols = PARK_INDICATORS.filter((c) => mine.some((p) => p.values[c]));
    const inds = cols.map((c) => findIndicator(catalogue, c));
    out.push(
      `<h3><i style="display:inline-block;width:.8rem;height:.8rem;background:${unitColor(code)};margin-right:.4rem"></i>${esc(name)}</h3>`,
      table(
        [
          '园区',
          ...inds.map((i, k) => ({
            html: `${esc(i?.name.zh ?? cols[k])}<div class="en">${esc(i?.unit ?? '')}</div>`,
            cls: 'n',
          })),
        ],
        mine.map((p) => [
          { html: `${esc(p.name.zh)}${mutedCode(p.code)}`, cls: 'name' },
          ...cols.map((c, k) => {
            const v = p.values[c];
            return {
              html: v
                ? `${esc(formatNumber(v.value, inds[k]?.decimals ?? 2))}${v.shareOfCity === null ? '' : `<div class="en">占全市 ${esc(formatPercent(v.shareOfCity))}</div>`}`
                : '—',
              cls: 'n',
            };
          }),
        ]),
      ),
    );
  }
  out.push('</section>');
  return out.join('');
}

function allSection(result: AggregateResult, catalogue: Catalogue, cities: readonly City[]): string {
  const out = ['<section id="all"><h2>全区汇总 <span class="en">All indicators</span></h2>'];
  const cityName = (c: string) => cities.find(([k]) => k === c)?.[1] ?? c;
  for (const [group, label] of Object.entries(GROUP_LABEL)) {
    const list = result.indicators.filter((i) => i.group === group);
    if (list.length === 0) continue;
    out.push(
      `<h3>${esc(label.zh)} <span class="en">${esc(label.en)}</span></h3>`,
      table(
        [
          '指标',
          '汇总',
          ...cities.map(([, n]) => ({ html: esc(n), cls: 'n' })),
          { html: '全区', cls: 'n' },
          { html: '同比', cls: 'n' },
        ],
        list.map((i) => {
          const d = decimalsOf(catalogue, i.code);
          const why =
            i.zone.status === 'partial'
              ? `部分（缺 ${i.zone.missingCities.map(cityName).join('、')}）`
              : STATUS_LABEL[i.zone.status].zh;
          return {
            cls: i.zone.status !== 'complete' ? 'partial' : '',
            cells: [
              nameCell(i, i.unit),
              cell(AGGREGATION_LABEL[i.aggregation]?.zh ?? ''),
              ...cities.map(([c]) => cell(formatNumber(i.cities[c]?.value ?? null, d), 'n')),
              {
                html: `<b>${esc(formatNumber(i.zone.value, d))}</b>${i.zone.status !== 'complete' ? `<div class="en">${esc(why)}</div>` : ''}`,
                cls: 'n',
              },
              cell(i.zoneGrowth === null ? '' : formatPercent(i.zoneGrowth, true), 'n'),
            ],
          };
        }),
      ),
    );
  }
  out.push('</section>');
  return out.join('');
}

function unitName(code: string, catalogue: Catalogue): string {
  return code === 'SUNAN' ? '全区' : orgUnitName(catalogue, code).zh;
}

function reconSection(result: AggregateResult, catalogue: Catalogue): string {
  const head = '<section id="recon"><h2>核对 <span class="en">Reconciliation with control totals</span></h2>';
  if (result.reconciliation.length === 0)
    return `${head}<p>未提供控制数。<span class="en">No control totals were given.</span></p></section>`;
  return `${head}<p>差额 = 计算值 − 控制数。<span class="en">Imbalance = computed − control.</span></p>${table(
    [
      '单位',
      '指标',
      { html: '控制数', cls: 'n' },
      { html: '计算值', cls: 'n' },
      { html: '差额', cls: 'n' },
      '状态',
      '来源',
    ],
    result.reconciliation.map((r) => {
      const ind = findIndicator(catalogue, r.indicator);
      const d = ind?.decimals ?? 2;
      return [
        cell(unitName(r.orgUnit, catalogue), 's'),
        ind ? nameCell(ind, ind.unit) : { html: namesForCodesHtml(r.indicator, catalogue) },
        cell(formatNumber(r.control, d), 'n'),
        cell(formatNumber(r.computed, d), 'n'),
        cell(formatNumber(r.imbalance, d), 'n'),
        { html: esc(RECON_LABEL[r.status]?.zh), cls: r.status === 'inconsistent' ? 's err' : 's' },
        cell(r.source),
      ];
    }),
  )}</section>`;
}

function findingsSection(result: AggregateResult, catalogue: Catalogue): string {
  const serious = result.findings.filter((f) => f.severity !== 'info');
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  return `<section id="findings"><h2>问题 <span class="en">Findings</span></h2><p>错误 ${count('error')} 个，警告 ${count('warning')} 个，提示 ${count('info')} 个。</p>${table(
    ['严重程度', '文件 / 位置', '说明', '代码'],
    serious.map((f) => [
      { html: esc(SEVERITY_LABEL[f.severity]?.zh), cls: f.severity === 'error' ? 's err' : 's warn' },
      cell(
        `${f.file ?? ''} ${f.sheet ?? ''}${f.cell ? `!${f.cell}` : ''}${f.path ? ` ${f.path}` : ''}`.trim(),
      ),
      {
        html: `${namesForCodesHtml(f.message.zh, catalogue)}<div class="en">${namesForCodesHtml(f.message.en, catalogue, 'en')}</div>`,
        cls: 'note',
      },
      { html: mutedCode(f.code) },
    ]),
  )}</section>`;
}

function sourcesSection(result: AggregateResult, catalogue: Catalogue): string {
  return `<section id="sources"><h2>数据来源 <span class="en">Sources</span></h2>${table(
    ['城市', '文件', 'SHA-256', '处理', '原因'],
    result.sources.map((s) => [
      cell(s.city ? unitName(s.city, catalogue) : '', 's'),
      cell(s.file),
      { html: `<span class="code">${esc(s.sha256.slice(0, 16))}…</span>` },
      cell(SOURCE_STATUS_LABEL[s.status].zh, 's'),
      cell(s.reason?.zh ?? ''),
    ]),
  )}</section>`;
}

/**
 * The zone report as one self-contained HTML file in Chinese (no scripts, fonts or images fetched).
 * A one-page brief first — the stamp (草稿 / 已审核 / 已审核·已锁定 with time and ledger head, or 未经台账), completeness, 要点 (key messages) and target progress with the path
 * rule — then, from the ledger, each city's intake status; then trends over the earlier periods given, each city's contribution, the parks, every
 * indicator, reconciliation, findings and sources. Names first (codes muted), numbers at their
 * declared precision, one colour per city; wide tables scroll in their own box on a phone; prints on
 * A4 with repeated table headers.
 */
export function reportHtml(
  result: AggregateResult,
  catalogue: Catalogue = sunanCatalogue(),
  options: ReportHtmlOptions = {},
): string {
  const history = options.history ?? [];
  const cities = citiesOf(result, catalogue);
  return [
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>苏南自创区创新指标汇总 ${esc(result.period)}</title><style>${CSS}</style></head><body>`,
    `<div class="brief">${stampHtml(options.stamp ?? { state: 'not-ledger' }, catalogue)}${header(result)}${banner(result)}${keys(result, catalogue, history)}${targetsSection(result, catalogue)}</div>`,
    options.intake ? intakeSection(options.intake, catalogue) : '',
    trendsSection(result, catalogue, cities, history),
    contributionSection(result, catalogue, cities),
    parksSection(result, catalogue, cities),
    allSection(result, catalogue, cities),
    reconSection(result, catalogue),
    findingsSection(result, catalogue),
    options.quality ? qualitySection(options.quality, result.period) : '',
    sourcesSection(result, catalogue),
    '<p class="en">示例数据为合成数据时，数字不代表官方统计。Generated by sunan-stats.</p></body></html>',
  ].join('\n');
}
