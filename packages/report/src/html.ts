import type { Catalogue } from '@sunan/schema';

/** Escapes text for HTML. */
export const esc = (s: string | number | null | undefined): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * One colour per city, fixed by its code, the same in every chart of every report (colour-blind
 * safe Okabe–Ito hues, dark enough for white text and for print).
 */
export const CITY_COLORS: Readonly<Record<string, string>> = {
  '320100': '#0072B2', // 南京
  '320200': '#D55E00', // 无锡
  '320400': '#009E73', // 常州
  '320500': '#CC79A7', // 苏州
  '321100': '#E69F00', // 镇江
  SUNAN: '#333333',
};

const FALLBACK = ['#56B4E9', '#7f3c8d', '#11a579', '#3969ac', '#f2b701', '#e73f74', '#80ba5a', '#a5aa99'];

/** The colour of a unit, fixed by its code (units other than the five cities get one from their code). */
export function unitColor(code: string): string {
  const fixed = CITY_COLORS[code];
  if (fixed) return fixed;
  let h = 0;
  for (const ch of code) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return FALLBACK[h % FALLBACK.length] ?? '#777777';
}

/** A code kept for machines and searches, muted beside the name a person reads. */
export const mutedCode = (code: string): string => `<span class="code">${esc(code)}</span>`;

/**
 * Text with every indicator and org-unit code replaced by its Chinese name (messages written by
 * other packages name things by code; a reader needs names). Returns HTML with the code kept, muted.
 */
export function namesForCodesHtml(text: string, catalogue: Catalogue, lang: 'zh' | 'en' = 'zh'): string {
  const names = codeNames(catalogue, lang);
  return esc(text).replace(CODE, (code, at: number, all: string) => {
    const name = named(names, code, all, at);
    return name ? `${esc(name)}${mutedCode(code)}` : code;
  });
}

// A code standing alone: not part of a file name ("321100-镇江市-2022.xlsx") or a longer word.
const CODE = /(?<![\w.-])[A-Z0-9][A-Z0-9_]{2,}(?![\w.-])/g;

/** The name for a code, unless the code already follows its name in brackets ("镇江市（321100）"). */
function named(
  names: ReadonlyMap<string, string>,
  code: string,
  all: string,
  at: number,
): string | undefined {
  const before = all.slice(Math.max(0, at - 1), at);
  return before === '（' || before === '(' ? undefined : names.get(code);
}

/** The same replacement for plain text (xlsx, terminal): "技术市场合同成交额（TECH_CONTRACT）" → name only. */
export function namesForCodes(text: string, catalogue: Catalogue, lang: 'zh' | 'en' = 'zh'): string {
  const names = codeNames(catalogue, lang);
  return text.replace(CODE, (code, at: number, all: string) => named(names, code, all, at) ?? code);
}

const cache = new WeakMap<Catalogue, Record<'zh' | 'en', Map<string, string>>>();

/**
 * Indicator and org-unit codes → names in the language. In English, a code that is also a word of an
 * indicator's English name (GDP) is left alone: in English prose it is the word.
 */
export function codeNames(catalogue: Catalogue, lang: 'zh' | 'en' = 'zh'): Map<string, string> {
  let m = cache.get(catalogue);
  if (!m) {
    const words = new Set(catalogue.indicators.flatMap((i) => i.name.en.split(/[^A-Za-z]+/)));
    const zh = new Map<string, string>();
    const en = new Map<string, string>();
    for (const i of catalogue.indicators) {
      zh.set(i.code, i.name.zh);
      if (!words.has(i.code)) en.set(i.code, i.name.en);
    }
    for (const u of catalogue.orgUnits) {
      zh.set(u.code, u.name.zh);
      en.set(u.code, u.name.en);
    }
    zh.set('SUNAN', '全区');
    en.set('SUNAN', 'zone');
    m = { zh, en };
    cache.set(catalogue, m);
  }
  return m[lang];
}

/** One cell of {@link table}: HTML content and an optional class (`n` for numbers). */
export interface Cell {
  readonly html: string;
  readonly cls?: string;
  readonly title?: string;
}

/** A cell of escaped text. */
export const cell = (text: string | number | null | undefined, cls?: string): Cell =>
  cls ? { html: esc(text), cls } : { html: esc(text) };

/**
 * A table in its own horizontally scrolling box (a phone scrolls the table, never the page), with
 * its header in `<thead>` so print repeats it on every page.
 */
export function table(
  head: readonly (string | Cell)[],
  rows: ReadonlyArray<readonly Cell[] | { cells: readonly Cell[]; cls: string }>,
  options: { caption?: string; cls?: string } = {},
): string {
  const th = head
    .map((h) =>
      typeof h === 'string'
        ? `<th scope="col">${h}</th>`
        : `<th scope="col"${h.cls ? ` class="${h.cls}"` : ''}>${h.html}</th>`,
    )
    .join('');
  const body = rows
    .map((r) => {
      const cells = 'cells' in r ? r.cells : r;
      const cls = 'cells' in r ? ` class="${r.cls}"` : '';
      return `<tr${cls}>${cells
        .map(
          (c) =>
            `<td${c.cls ? ` class="${c.cls}"` : ''}${c.title ? ` title="${esc(c.title)}"` : ''}>${c.html}</td>`,
        )
        .join('')}</tr>`;
    })
    .join('');
  const caption = options.caption ? `<caption>${options.caption}</caption>` : '';
  return `<div class="scroll" role="region" tabindex="0"><table${options.cls ? ` class="${options.cls}"` : ''}>${caption}<thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/**
 * Styles shared by both HTML reports: readable on a 390 px phone (wide tables scroll in their own
 * box), printable on A4 (headers repeated, colours kept, no sideways overflow).
 */
export const BASE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",system-ui,sans-serif;margin:0 auto;max-width:1100px;color:#222;line-height:1.55;padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0;line-height:1.3}h2{font-size:1.2rem;border-bottom:2px solid #2f5597;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem}
.sub{color:#555;margin-top:0}.en{color:#666;font-size:.85em}.code{color:#888;font-size:.78em;margin-left:.3em;font-family:ui-monospace,Menlo,Consolas,monospace}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0}
table{border-collapse:collapse;font-size:.9rem;min-width:100%}caption{text-align:left;color:#555;font-size:.85rem;padding:.2rem 0}
th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#d9e1f2;white-space:nowrap}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.s{white-space:nowrap}
td.name{min-width:9em}
.legend span{display:inline-block;margin-right:1rem;white-space:nowrap}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle;border-radius:2px}
figure{margin:.5rem 0}svg{max-width:100%;height:auto}
@media (max-width:600px){body{padding:.6rem}h1{font-size:1.25rem}table{font-size:.82rem}}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;padding:0;font-size:9pt}.scroll{overflow:visible}thead{display:table-header-group}tr,figure{break-inside:avoid}h2,h3{break-after:avoid}
table{font-size:7.5pt;width:100%;min-width:0}th{white-space:normal}td.name,.note{min-width:0}th,td{padding:.1rem .25rem}h2{margin-top:1rem}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit;text-decoration:none}.noprint{display:none}}
`;
