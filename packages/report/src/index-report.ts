import type { InnovationIndexResult } from '@sunan/index';
import ExcelJS from 'exceljs';
import { COLORS, esc } from './html.js';

const f2 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));

function normalizationLabel(r: InnovationIndexResult): string {
  const n = r.normalization;
  switch (n.kind) {
    case 'min-max':
      return '极差标准化 min-max (seed 004)';
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

/** The index as an .xlsx: 权重 (entropy, divergence, weight and the published weights), then 得分 per period. */
export async function indexWorkbook(
  r: InnovationIndexResult,
  unitName: (code: string) => string = (c) => c,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('权重');
  const refs = r.referenceWeights;
  ws.addRow([`${r.definition.name.zh}　${methodLabel(r)}`]).font = { bold: true };
  ws.addRow([
    '指标',
    '维度',
    ...r.periods.flatMap((p) => [`${p.period} 熵值`, `${p.period} 权重%`]),
    ...refs.map((w) => `公布权重 ${w.period}%`),
  ]).font = { bold: true };
  r.indicators.forEach((ind, j) => {
    ws.addRow([
      ind.code,
      r.dimensions.find((d) => d.id === ind.dimension)?.name.zh ?? ind.dimension,
      ...r.periods.flatMap((p) => [
        Number((p.entropies[j] ?? 0).toFixed(6)),
        Number(((p.weights[j] ?? 0) * 100).toFixed(2)),
      ]),
      ...refs.map((w) => Number(w.percent[ind.code] ?? Number.NaN)),
    ]);
  });
  for (const p of r.periods) {
    const s = wb.addWorksheet(`得分 ${p.period}`);
    s.addRow(['排名', '单位', '综合得分', '名次变化', ...r.dimensions.map((d) => d.name.zh)]).font = {
      bold: true,
    };
    for (const u of [...p.scores].sort((a, b) => a.rank - b.rank))
      s.addRow([
        u.rank,
        unitName(u.unit),
        Number(u.score.toFixed(2)),
        u.rankChange,
        ...r.dimensions.map((d) =>
          u.dimensions[d.id] === null ? null : Number((u.dimensions[d.id] ?? 0).toFixed(2)),
        ),
      ]);
  }
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
    .map((s, i) => {
      const color = COLORS[i % COLORS.length];
      return `<polygon points="${r.dimensions.map((d, k) => pt(k, s.dimensions[d.id] ?? 0).join(',')).join(' ')}" fill="${color}" fill-opacity="0.12" stroke="${color}" stroke-width="2"><title>${esc(unitName(s.unit))}</title></polygon>`;
    })
    .join('');
  const legend = scores
    .map(
      (s, i) =>
        `<span style="margin-right:1rem"><i style="display:inline-block;width:.8rem;height:.8rem;background:${COLORS[i % COLORS.length]}"></i> ${esc(unitName(s.unit))}</span>`,
    )
    .join('');
  return `<svg viewBox="-60 0 ${size + 120} ${size}" width="${size + 120}" height="${size}" role="img" aria-label="各维度雷达图">${grid}${axes}${shapes}</svg><p>${legend}</p>`;
}

/** The index as one self-contained HTML page: a ranked bar chart and a radar chart of the dimensions per period. */
export function indexHtml(r: InnovationIndexResult, unitName: (code: string) => string = (c) => c): string {
  const out = [
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.definition.name.zh)}</title><style>body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:1000px;margin:2rem auto;padding:0 1rem;color:#222}h2{border-bottom:2px solid #2f5597}table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ccc;padding:.2rem .5rem}th{background:#d9e1f2}.bar{background:#2f5597;height:1rem;border-radius:3px}.en{color:#777;font-size:.85em}td.n{text-align:right}@media print{body{margin:0}}</style></head><body>`,
    `<h1>${esc(r.definition.name.zh)}</h1><p class="en">${esc(r.definition.name.en)} · ${esc(methodLabel(r))} · 权重${r.weighting.kind === 'base' ? `固定为 ${esc(r.weighting.period)} 年` : '逐年计算'}</p>`,
  ];
  for (const p of r.periods) {
    const ranked = [...p.scores].sort((a, b) => a.rank - b.rank);
    out.push(
      `<h2>${esc(p.period)} 综合得分与排名 <span class="en">Scores and ranks</span></h2><table><tr><th>排名</th><th>单位</th><th>得分</th><th style="width:45%"></th><th>名次变化</th></tr>`,
    );
    for (const s of ranked)
      out.push(
        `<tr><td class="n">${s.rank}</td><td>${esc(unitName(s.unit))}</td><td class="n">${f2(s.score)}</td><td><div class="bar" style="width:${Math.max(0, Math.min(100, s.score))}%"></div></td><td class="n">${s.rankChange === null ? '—' : s.rankChange > 0 ? `↑${s.rankChange}` : s.rankChange < 0 ? `↓${-s.rankChange}` : '–'}</td></tr>`,
      );
    out.push('</table>');
    out.push(
      `<h3>五个维度 <span class="en">Five dimensions (0–100)</span></h3>${radar(r, ranked, unitName)}`,
    );
  }
  out.push(
    `<h2>指标权重 <span class="en">Weights</span></h2><table><tr><th>指标</th>${r.periods.map((p) => `<th>${esc(p.period)} 权重%</th>`).join('')}${r.referenceWeights.map((w) => `<th>公布 ${esc(w.period)}%</th>`).join('')}</tr>`,
  );
  r.indicators.forEach((ind, j) => {
    out.push(
      `<tr><td>${esc(ind.code)}</td>${r.periods.map((p) => `<td class="n">${f2((p.weights[j] ?? 0) * 100)}</td>`).join('')}${r.referenceWeights.map((w) => `<td class="n">${esc(w.percent[ind.code] ?? '')}</td>`).join('')}</tr>`,
    );
  });
  out.push('</table></body></html>');
  return out.join('\n');
}
