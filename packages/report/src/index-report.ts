import type { InnovationIndexResult } from '@sunan/index';
import { type Catalogue, findIndicator, sunanCatalogue } from '@sunan/schema';
import ExcelJS from 'exceljs';
import { BASE_CSS, type Cell, cell, esc, mutedCode, table, unitColor } from './html.js';
import { pageHeadings } from './print-setup.js';
import { pageSetup, safeText } from './xlsx-style.js';

const f2 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));

/**
 * Where the index's method and indicator system come from. The stored text of the paper (seed 004)
 * carries neither its authors, its title nor its year, so it is described, not invented.
 */
export const INDEX_SOURCE = {
  zh: '指标体系、熵值法与公布权重出自一篇研究论文：以苏南国家自主创新示范区为例界定区域创新一体化的五个维度，对标中关村、武汉东湖、上海张江、深圳四个自创区，测度 2019、2020 年的创新发展绩效（论文表1）。所存论文文本未载作者、题名和发表年份。',
  en: 'The indicator system, the entropy method and the published weights come from a research paper that benchmarks the Sunan zone against Zhongguancun, Wuhan Donghu, Shanghai Zhangjiang and Shenzhen on 2019 and 2020 data (its Table 1). The stored text of the paper does not carry its authors, title or year.',
} as const;

/** One sentence that keeps a reader from reading a score as an absolute level. */
export const RELATIVE_SCORES = {
  zh: '得分是相对的：每项指标先在参与比较的单位之间做极差标准化（最好者为 1、最差者为 0），再按熵值法权重加权为 0–100 分。某单位得 28 分，表示它在这几个单位中的相对位置，不表示达到某个绝对水平的 28%；换一组单位，分数就会变。',
  en: 'Scores are relative: each indicator is min–max normalised among the units compared (best 1, worst 0), then weighted to a 0–100 score. A score of 28 places a unit among these units; it is not 28 % of any absolute level, and it changes when the set of units changes.',
} as const;

function normalizationLabel(r: InnovationIndexResult): string {
  const n = r.normalization;
  switch (n.kind) {
    case 'min-max':
      return '极差标准化 min-max（论文方法）';
    case 'min-max-epsilon':
      return `极差标准化至 [${n.epsilon}, ${1 - n.epsilon}] min-max into [ε, 1−ε]`;
    case 'min-max-shift':
      return `极差标准化后平移 ${n.delta} min-max + δ`;
    case 'proportion':
      return '比重法 proportions p = x/Σx';
  }
}

/** Said only when it departs from 0 · ln 0 = 0, the convention every reader assumes. */
function zeroLabel(r: InnovationIndexResult): string {
  const z = r.zeroHandling;
  switch (z.kind) {
    case 'limit':
      return '';
    case 'replace':
      return `；p = 0 以 ${z.epsilon} 代入 zero proportions replaced by ${z.epsilon}`;
  }
}

function methodLabel(r: InnovationIndexResult): string {
  return normalizationLabel(r) + zeroLabel(r);
}

/** An indicator's Chinese name from the catalogue (its code when the catalogue does not know it). */
function indicatorName(code: string, catalogue: Catalogue): string {
  return findIndicator(catalogue, code)?.name.zh ?? code;
}

/** A column wide enough for its heading: two places per CJK character, at least 10. */
const headingWidth = (h: string) =>
  Math.max(
    10,
    [...h].reduce((n, ch) => n + (ch.charCodeAt(0) > 255 ? 2 : 1), 2),
  );

/** The 权重 sheet: each indicator's entropy and weight per period, beside the published weights. */
function weightsSheet(wb: ExcelJS.Workbook, r: InnovationIndexResult, catalogue: Catalogue): void {
  const ws = wb.addWorksheet('权重');
  const refs = r.referenceWeights;
  ws.addRow([safeText(`${r.definition.name.zh}　${methodLabel(r)}`)]).font = { bold: true };
  const head = [
    '指标',
    '代码',
    '维度',
    ...r.periods.flatMap((p) => [`${p.period} 熵值`, `${p.period} 权重%`]),
    ...refs.map((w) => `公布权重 ${w.period}%`),
  ];
  ws.addRow(head);
  r.indicators.forEach((ind, j) => {
    ws.addRow([
      safeText(indicatorName(ind.code, catalogue)),
      ind.code,
      safeText(r.dimensions.find((d) => d.id === ind.dimension)?.name.zh ?? ind.dimension),
      ...r.periods.flatMap((p) => [
        Number((p.entropies[j] ?? 0).toFixed(6)),
        Number(((p.weights[j] ?? 0) * 100).toFixed(2)),
      ]),
      ...refs.map((w) => (w.percent[ind.code] === undefined ? null : Number(w.percent[ind.code]))),
    ]);
  });
  // The code column as wide as the longest code: LibreOffice prints a cut code ("RD_INTENSI").
  const codeWidth = Math.max(...r.indicators.map((ind) => ind.code.length)) + 2;
  ws.columns = head.map((h, k) => ({ width: k === 0 ? 44 : k === 1 ? codeWidth : headingWidth(h) }));
  ws.columns.forEach((col, k) => {
    if (k >= 3) col.numFmt = head[k]?.includes('熵值') ? '0.000000' : '0.00';
  });
  pageSetup(ws, 2, head.length);
}

/** One 得分 sheet: the period's units by rank, with their score, rank change and dimension scores. */
function scoresSheet(
  wb: ExcelJS.Workbook,
  r: InnovationIndexResult,
  p: InnovationIndexResult['periods'][number],
  unitName: (code: string) => string,
): void {
  const s = wb.addWorksheet(`得分 ${p.period}`);
  const sh = ['排名', '单位', '综合得分', '名次变化', ...r.dimensions.map((d) => d.name.zh)];
  s.addRow(sh);
  for (const u of [...p.scores].sort((a, b) => a.rank - b.rank))
    s.addRow([
      u.rank,
      safeText(unitName(u.unit)),
      Number(u.score.toFixed(2)),
      u.rankChange,
      ...r.dimensions.map((d) =>
        u.dimensions[d.id] === null ? null : Number((u.dimensions[d.id] ?? 0).toFixed(2)),
      ),
    ]);
  s.columns = sh.map((h, k) => ({ width: k === 1 ? 22 : headingWidth(h) }));
  s.columns.forEach((col, k) => {
    if (k >= 2 && k !== 3) col.numFmt = '0.00';
  });
  pageSetup(s, 1, sh.length);
}

/** The index as an .xlsx: 权重 (entropy, divergence, weight and the published weights), then 得分 per period. */
export async function indexWorkbook(
  r: InnovationIndexResult,
  unitName: (code: string) => string = (c) => c,
  catalogue: Catalogue = sunanCatalogue(),
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  weightsSheet(wb, r, catalogue);
  for (const p of r.periods) scoresSheet(wb, r, p, unitName);
  const years = r.periods.map((p) => p.period);
  pageHeadings(wb, '自创区创新发展绩效评价', `评价期 ${years[0]}–${years[years.length - 1]}`);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function radar(
  r: InnovationIndexResult,
  scores: InnovationIndexResult['periods'][number]['scores'],
  unitName: (c: string) => string,
): string {
  const size = 360;
  const c = size / 2;
  const R = 130;
  const n = r.dimensions.length;
  const pt = (k: number, v: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * k) / n;
    return [c + R * (v / 100) * Math.cos(a), c + R * (v / 100) * Math.sin(a)] as const;
  };
  const grid = [25, 50, 75, 100]
    .map(
      (lv) =>
        `<polygon points="${r.dimensions.map((_, k) => pt(k, lv).join(',')).join(' ')}" fill="none" stroke="#ddd"/>`,
    )
    .join('');
  const axes = r.dimensions
    .map((d, k) => {
      const [x, y] = pt(k, 100);
      const [lx, ly] = pt(k, 118);
      return `<line x1="${c}" y1="${c}" x2="${x}" y2="${y}" stroke="#ccc"/><text x="${lx}" y="${ly}" font-size="12" text-anchor="middle" dominant-baseline="middle">${esc(d.name.zh)}</text>`;
    })
    .join('');
  const shapes = scores
    .map((s) => {
      const color = unitColor(s.unit);
      return `<polygon data-unit="${esc(s.unit)}" points="${r.dimensions.map((d, k) => pt(k, s.dimensions[d.id] ?? 0).join(',')).join(' ')}" fill="${color}" fill-opacity="0.12" stroke="${color}" stroke-width="2"><title>${esc(unitName(s.unit))}：${esc(r.dimensions.map((d) => `${d.name.zh} ${f2(s.dimensions[d.id])}`).join('，'))}</title></polygon>`;
    })
    .join('');
  const legend = scores
    .map((s) => `<span><i style="background:${unitColor(s.unit)}"></i>${esc(unitName(s.unit))}</span>`)
    .join('');
  return `<figure><svg viewBox="-60 0 ${size + 120} ${size}" width="${size + 120}" height="${size}" role="img" aria-label="各维度得分雷达图（数值见上表）">${grid}${axes}${shapes}</svg><p class="legend">${legend}</p></figure>`;
}

function rankChange(x: number | null): string {
  if (x === null) return '—';
  return x > 0 ? `↑${x}` : x < 0 ? `↓${-x}` : '–';
}

function periodSection(
  r: InnovationIndexResult,
  p: InnovationIndexResult['periods'][number],
  unitName: (c: string) => string,
): string {
  const ranked = [...p.scores].sort((a, b) => a.rank - b.rank);
  const scores = table(
    [{ html: '排名', cls: 'n' }, '单位', { html: '得分', cls: 'n' }, '', { html: '名次变化', cls: 'n' }],
    ranked.map((s): Cell[] => [
      cell(s.rank, 'n'),
      {
        html: `<i style="display:inline-block;width:.7rem;height:.7rem;background:${unitColor(s.unit)};margin-right:.3rem"></i>${esc(unitName(s.unit))}`,
        cls: 's',
      },
      cell(f2(s.score), 'n'),
      {
        html: `<div role="img" aria-label="${f2(s.score)}" style="background:${unitColor(s.unit)};height:.9rem;border-radius:3px;width:${Math.max(0, Math.min(100, s.score)).toFixed(1)}%;min-width:2px"></div>`,
        cls: 'barcell',
      },
      cell(rankChange(s.rankChange), 'n'),
    ]),
  );
  const dims = table(
    ['单位', ...r.dimensions.map((d) => ({ html: esc(d.name.zh), cls: 'n' })), { html: '综合', cls: 'n' }],
    ranked.map((s): Cell[] => [
      cell(unitName(s.unit), 's'),
      ...r.dimensions.map((d) => cell(f2(s.dimensions[d.id]), 'n')),
      cell(f2(s.score), 'n'),
    ]),
  );
  return `<section><h2>${esc(p.period)} 综合得分与排名 <span class="en">Scores and ranks</span></h2>${scores}<h3>五个维度得分 <span class="en">Dimension scores (0–100, relative)</span></h3>${dims}${radar(r, ranked, unitName)}</section>`;
}

/**
 * The index as one self-contained HTML page: for each period, the ranked scores, the dimension
 * scores as a table and as a radar; the weights by indicator name; the source cited and one sentence
 * on what a relative score means. Fits a phone; prints with repeated table headers.
 */
export function indexHtml(
  r: InnovationIndexResult,
  unitName: (code: string) => string = (c) => c,
  catalogue: Catalogue = sunanCatalogue(),
): string {
  const dimensionOf = (id: string) => r.dimensions.find((d) => d.id === id)?.name.zh ?? id;
  const weights = table(
    [
      '指标',
      '维度',
      ...r.periods.map((p) => ({ html: `${esc(p.period)} 权重%`, cls: 'n' })),
      ...r.referenceWeights.map((w) => ({ html: `论文公布 ${esc(w.period)}%`, cls: 'n' })),
    ],
    r.indicators.map((ind, j): Cell[] => [
      { html: `${esc(indicatorName(ind.code, catalogue))}${mutedCode(ind.code)}`, cls: 'name' },
      cell(dimensionOf(ind.dimension), 's'),
      ...r.periods.map((p) => cell(f2((p.weights[j] ?? 0) * 100), 'n')),
      ...r.referenceWeights.map((w) => cell(w.percent[ind.code] ?? '—', 'n')),
    ]),
  );
  return [
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(r.definition.name.zh)}</title><style>${BASE_CSS}td.barcell{width:45%;min-width:80px}.cite{font-size:.88rem;color:#444;border-left:3px solid #ccc;padding-left:.6rem}</style></head><body>`,
    `<h1>${esc(r.definition.name.zh)}</h1><p class="sub">${esc(r.definition.name.en)} · ${esc(methodLabel(r))} · 权重${r.weighting.kind === 'base' ? `固定为 ${esc(r.weighting.period)} 年` : '逐年计算'}</p>`,
    `<p><b>${esc(RELATIVE_SCORES.zh)}</b><span class="en"> ${esc(RELATIVE_SCORES.en)}</span></p>`,
    `<p class="cite">${esc(INDEX_SOURCE.zh)}<span class="en"> ${esc(INDEX_SOURCE.en)}</span></p>`,
    ...r.periods.map((p) => periodSection(r, p, unitName)),
    `<section><h2>指标权重 <span class="en">Weights</span></h2>${weights}</section>`,
    '</body></html>',
  ].join('\n');
}
