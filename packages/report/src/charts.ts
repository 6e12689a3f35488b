import { formatNumber } from './format-number.js';
import { esc } from './html.js';

/** One line of a {@link lineChart}: a unit's values over the chart's periods. */
export interface LineSeries {
  /** The unit's code (its colour is fixed by it). */
  readonly key: string;
  readonly name: string;
  readonly color: string;
  /** Exact decimal text per period; null where the unit has no figure. */
  readonly values: ReadonlyArray<string | null>;
  readonly dashed?: boolean;
}

/** What {@link lineChart} draws. */
export interface LineChartSpec {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly periods: readonly string[];
  readonly series: readonly LineSeries[];
  readonly decimals: number;
}

const W = 560;
const H = 250;
const M = { left: 64, right: 130, top: 18, bottom: 30 };

/** Four round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number): { values: number[]; decimals: number } {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step / 2; v += step)
    out.push(Number(v.toPrecision(12)));
  // One number of decimals for the whole axis: as many as the step has.
  const decimals = String(Number(step.toPrecision(6))).split('.')[1]?.length ?? 0;
  return { values: out, decimals };
}

/** Spreads end labels so that none overlaps the next (at least 15 px apart), keeping their order. */
function spread(ys: number[]): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1];
    const cur = order[k];
    if (prev && cur && cur.y - prev.y < 15) cur.y = prev.y + 15;
  }
  const out = [...ys];
  for (const o of order) out[o.i] = o.y;
  return out;
}

/** The chart's value range with its ticks, and where a period and a value fall on the plot. */
interface Scale {
  readonly ticks: readonly number[];
  readonly tickDecimals: number;
  readonly plotW: number;
  readonly x: (k: number) => number;
  readonly y: (v: number) => number;
}

/** The value range padded a little (down to 0 when it would cross it), widened to round ticks. */
function scaleOf(nums: readonly number[], periods: number): Scale {
  let lo = Math.min(...nums);
  let hi = Math.max(...nums);
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.05 || 1;
  lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
  hi += pad;
  const { values: ts, decimals: tickDecimals } = ticks(lo, hi);
  lo = Math.min(lo, ts[0] ?? lo);
  hi = Math.max(hi, ts[ts.length - 1] ?? hi);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (k: number) => M.left + (periods === 1 ? plotW / 2 : (plotW * k) / (periods - 1));
  const y = (v: number) => M.top + plotH - ((v - lo) / (hi - lo || 1)) * plotH;
  return { ticks: ts, tickDecimals, plotW, x, y };
}

/** The index of a series' last value, or −1 when it has none. */
function lastIndex(s: LineSeries): number {
  for (let k = s.values.length - 1; k >= 0; k--) if (s.values[k] !== null) return k;
  return -1;
}

/** One unit's group: its line, a titled point per period, and its last value beside the end at `labelY`. */
function seriesSvg(spec: LineChartSpec, s: LineSeries, scale: Scale, labelY: number): string {
  const { x, y } = scale;
  const f = (v: string | null) => formatNumber(v, spec.decimals);
  const pts = s.values
    .map((v, k) => (v === null ? null : ([x(k), y(Number(v)), v, spec.periods[k]] as const)))
    .filter((p) => p !== null);
  const path = pts.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
  const k = lastIndex(s);
  const label =
    k < 0
      ? ''
      : `<text x="${(x(k) + 8).toFixed(1)}" y="${(labelY + 4).toFixed(1)}" font-size="13" fill="${s.color}">${esc(s.name)} ${esc(f(s.values[k] ?? null))}</text>`;
  return `<g class="series" data-unit="${esc(s.key)}"><title>${esc(s.name)}：${esc(spec.periods.map((p, i) => `${p} ${f(s.values[i] ?? null)}`).join('，'))} ${esc(spec.unit)}</title><polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>${pts
    .map(
      ([px, py, v, p]) =>
        `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3.2" fill="${s.color}"><title>${esc(s.name)} ${esc(p)}：${esc(f(v))} ${esc(spec.unit)}</title></circle>`,
    )
    .join('')}${label}</g>`;
}

/**
 * A small, self-contained, accessible SVG line chart: a `<title>` and `<desc>` naming every value,
 * one group per unit (`data-unit` = its code) with a point per period, each point titled with its
 * value, and the last value written beside the line's end. No script, no font, nothing fetched.
 */
export function lineChart(spec: LineChartSpec): string {
  const nums = spec.series.flatMap((s) => s.values.filter((v): v is string => v !== null).map(Number));
  if (nums.length === 0 || spec.periods.length === 0) return '';
  const scale = scaleOf(nums, spec.periods.length);
  const { x, y, plotW } = scale;
  const f = (v: string | null) => formatNumber(v, spec.decimals);
  const grid = scale.ticks
    .map(
      (t) =>
        `<line x1="${M.left}" x2="${M.left + plotW}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#e3e3e3"/><text x="${M.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#555">${esc(formatNumber(String(t), scale.tickDecimals))}</text>`,
    )
    .join('');
  const axis = spec.periods
    .map(
      (p, k) =>
        `<text x="${x(k).toFixed(1)}" y="${H - 8}" text-anchor="middle" font-size="12" fill="#333">${esc(p)}</text>`,
    )
    .join('');
  const labelYs = spread(
    spec.series.map((s) => {
      const k = lastIndex(s);
      return k < 0 ? 0 : y(Number(s.values[k]));
    }),
  );
  const lines = spec.series.map((s, n) => seriesSvg(spec, s, scale, labelYs[n] ?? 0)).join('');
  const desc = spec.series
    .map((s) => `${s.name}：${spec.periods.map((p, i) => `${p} ${f(s.values[i] ?? null)}`).join('，')}`)
    .join('；');
  return `<svg id="${esc(spec.id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${esc(spec.id)}-t ${esc(spec.id)}-d" font-family="sans-serif"><title id="${esc(spec.id)}-t">${esc(spec.title)}（${esc(spec.unit)}）</title><desc id="${esc(spec.id)}-d">${esc(desc)}</desc>${grid}${axis}${lines}</svg>`;
}
