import { type Key, type Lang, tr } from './i18n.js';
import type { CityOption, FileBytes, Finding, Outcome, Reply, Request, Severity } from './protocol.js';
import { STAGES } from './protocol.js';

/**
 * The page: forms, the findings list and the grid. Everything heavy happens in the worker, whose
 * source sits in the page as text and starts from a Blob URL (one file, nothing fetched).
 */

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const SYMBOL: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

let lang: Lang = 'zh';
let outcome: Outcome | null = null;
let cities: readonly CityOption[] = [];
/** True between the verdict and the grid that follows it. */
let gridPending = false;

const workerSource = $('worker-source').textContent ?? '';
const worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })));
const send = (req: Request, transfer: Transferable[] = []) => worker.postMessage(req, transfer);

// ---- text and language ----------------------------------------------------------------------

function applyLanguage(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n]')))
    el.textContent = tr(el.dataset.i18n as Key, lang);
  const button = $('lang');
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  button.textContent = tr('switchLang', lang);
  button.lang = other === 'zh' ? 'zh-CN' : 'en';
  button.setAttribute('aria-label', tr('switchLangLabel', lang));
  document.title = tr('title', lang);
  fillCities();
  if (outcome) showOutcome(outcome);
}

function fillCities(): void {
  const select = $<HTMLSelectElement>('city');
  const chosen = select.value;
  select.replaceChildren(
    ...cities.map((c) => new Option(`${lang === 'zh' ? c.zh : c.en}（${c.code}）`, c.code)),
  );
  if (chosen) select.value = chosen;
}

// ---- files ----------------------------------------------------------------------------------

async function readFile(input: HTMLInputElement): Promise<FileBytes | null> {
  const file = input.files?.[0];
  return file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
}

function download(name: string, bytes: Uint8Array | string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- validation -----------------------------------------------------------------------------

async function runValidation(): Promise<void> {
  const file = await readFile($<HTMLInputElement>('file'));
  if (!file) return;
  const previous = await readFile($<HTMLInputElement>('previous'));
  $('progress-wrap').hidden = false;
  setStage('received');
  $<HTMLButtonElement>('run').disabled = true;
  const transfer = [file.bytes.buffer, ...(previous ? [previous.bytes.buffer] : [])];
  send({ kind: 'validate', file, previous }, transfer);
}

function setStage(stage: (typeof STAGES)[number]): void {
  $<HTMLProgressElement>('progress').value = STAGES.indexOf(stage);
  $('stage').textContent = tr(`stage_${stage}`, lang);
}

// ---- results --------------------------------------------------------------------------------

function where(f: Finding): string {
  return f.cell ?? f.path ?? (f.row !== undefined ? `row ${f.row}` : '');
}

function findingItem(f: Finding): HTMLElement {
  const li = document.createElement('li');
  li.className = `finding sev-${f.severity}`;
  const head = document.createElement(f.cell && f.sheet === outcome?.grid?.sheet ? 'button' : 'span');
  head.className = 'finding-head';
  if (head instanceof HTMLButtonElement) {
    head.type = 'button';
    head.dataset.cell = f.cell;
    head.addEventListener('click', () => focusCell(f.cell ?? ''));
  }
  const ref = where(f);
  head.textContent = `${SYMBOL[f.severity]} ${tr(f.severity, lang)} · ${ref ? `${ref} · ` : ''}${f.code}`;
  const msg = document.createElement('p');
  msg.textContent = lang === 'zh' ? f.message.zh : f.message.en;
  msg.lang = lang === 'zh' ? 'zh-CN' : 'en';
  li.append(head, msg);
  const extra = [
    f.value !== undefined ? `${tr('value', lang)}: ${f.value}` : '',
    f.expected !== undefined ? `${tr('expected', lang)}: ${f.expected}` : '',
  ].filter(Boolean);
  if (extra.length) {
    const p = document.createElement('p');
    p.className = 'detail';
    p.textContent = extra.join(' · ');
    li.append(p);
  }
  return li;
}

function renderFindings(o: Outcome): void {
  const box = $('findings');
  if (o.findings.length === 0) {
    const p = document.createElement('p');
    p.textContent = tr('noFindings', lang);
    box.replaceChildren(p);
    return;
  }
  const bySheet = new Map<string, Finding[]>();
  for (const f of o.findings) {
    const key = f.sheet ?? '';
    bySheet.set(key, [...(bySheet.get(key) ?? []), f]);
  }
  const out = document.createDocumentFragment();
  for (const [sheet, list] of bySheet) {
    const group = document.createElement('section');
    group.className = 'sheet-group';
    const h = document.createElement('h4');
    h.textContent = `${sheet || tr('noSheet', lang)}（${list.length}）`;
    const ul = document.createElement('ul');
    ul.append(...list.map(findingItem));
    group.append(h, ul);
    out.append(group);
  }
  box.replaceChildren(out);
}

function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function worst(list: readonly Finding[]): Severity {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return list.reduce<Severity>((a, f) => (rank[f.severity] < rank[a] ? f.severity : a), 'info');
}

function renderGrid(o: Outcome): void {
  const box = $('grid');
  if (!o.grid) {
    const p = document.createElement('p');
    p.textContent = tr(gridPending ? 'stage_grid' : 'gridNone', lang);
    box.replaceChildren(p);
    return;
  }
  const byCell = new Map<string, Finding[]>();
  for (const f of o.findings)
    if (f.sheet === o.grid.sheet && f.cell) byCell.set(f.cell, [...(byCell.get(f.cell) ?? []), f]);
  const width = Math.max(...o.grid.rows.map((r) => r.length), 1);
  const table = document.createElement('table');
  const caption = document.createElement('caption');
  caption.textContent = o.grid.sheet;
  const thead = table.createTHead().insertRow();
  thead.append(document.createElement('th'));
  for (let c = 0; c < width; c++) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = columnName(c);
    thead.append(th);
  }
  const body = table.createTBody();
  o.grid.rows.forEach((row, r) => {
    const tr_ = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = String(r + 1);
    tr_.append(th);
    for (let c = 0; c < width; c++) {
      const ref = `${columnName(c)}${r + 1}`;
      const td = tr_.insertCell();
      td.id = `cell-${ref}`;
      td.dataset.ref = ref;
      const text = row[c] ?? '';
      const list = byCell.get(ref);
      if (list) {
        // A problem cell is a button: reachable by keyboard, and its symbol says what colour says.
        const sev = worst(list);
        td.className = `sev-${sev}`;
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'cell-button';
        b.textContent = `${SYMBOL[sev]} ${text}`;
        b.setAttribute('aria-label', `${ref} ${tr(sev, lang)}: ${text}`);
        td.append(b);
      } else td.textContent = text;
    }
  });
  table.prepend(caption);
  table.addEventListener('click', (e) => {
    const td = (e.target as HTMLElement).closest('td');
    if (td?.dataset.ref) showCell(td.dataset.ref);
  });
  box.replaceChildren(table);
}

function showCell(ref: string): void {
  for (const el of Array.from(document.querySelectorAll('.grid-scroll td.chosen')))
    el.classList.remove('chosen');
  $(`cell-${ref}`)?.classList.add('chosen');
  const list = outcome?.findings.filter((f) => f.sheet === outcome?.grid?.sheet && f.cell === ref) ?? [];
  const box = $('cell-findings');
  const h = document.createElement('p');
  h.className = 'cell-title';
  h.textContent = list.length ? tr('cellFindings', lang, { c: ref }) : tr('cellNone', lang, { c: ref });
  const ul = document.createElement('ul');
  ul.append(...list.map(findingItem));
  box.replaceChildren(h, ...(list.length ? [ul] : []));
}

function focusCell(ref: string): void {
  const td = $(`cell-${ref}`);
  if (!td) return;
  td.scrollIntoView({ block: 'center', inline: 'nearest' });
  (td.querySelector('button') ?? td).focus({ preventScroll: true });
  showCell(ref);
}

function showOutcome(o: Outcome): void {
  outcome = o;
  $('result').hidden = false;
  const verdict = $('verdict');
  verdict.className = o.ok ? 'pass' : 'fail';
  verdict.textContent = `${o.file ?? ''}：${tr(o.ok ? 'passed' : 'failed', lang)} — ${tr('counts', lang, {
    e: o.stats.errors,
    w: o.stats.warnings,
    i: o.stats.infos,
  })}`;
  renderFindings(o);
  renderGrid(o);
  $('cell-findings').replaceChildren();
}

// ---- wiring ---------------------------------------------------------------------------------

worker.onmessage = (e: MessageEvent<Reply>) => {
  const m = e.data;
  switch (m.kind) {
    case 'ready':
      cities = m.cities;
      fillCities();
      $<HTMLButtonElement>('make-template').disabled = false;
      $<HTMLButtonElement>('run').disabled = !$<HTMLInputElement>('file').files?.length;
      document.body.dataset.ready = 'true';
      return;
    case 'progress':
      setStage(m.stage);
      return;
    case 'validated':
      gridPending = true;
      showOutcome(m.outcome);
      document.body.dataset.validated = String(Number(document.body.dataset.validated ?? 0) + 1);
      return;
    case 'grid':
      gridPending = false;
      $<HTMLButtonElement>('run').disabled = false;
      if (outcome) showOutcome({ ...outcome, grid: m.grid });
      document.body.dataset.grid = String(Number(document.body.dataset.grid ?? 0) + 1);
      return;
    case 'file': {
      download(m.name, m.bytes, XLSX_TYPE);
      const status = m.purpose === 'template' ? 'template-status' : 'download-status';
      $(status).textContent =
        `${tr(m.purpose === 'template' ? 'templateReady' : 'fileReady', lang)}${m.name}`;
      return;
    }
    case 'failed': {
      $<HTMLButtonElement>('run').disabled = false;
      const status =
        m.purpose === 'template' ? 'template-status' : m.purpose === 'validate' ? 'stage' : 'download-status';
      $(status).textContent = `${tr('failedMsg', lang)}${lang === 'zh' ? m.zh : m.en}`;
      return;
    }
    default: {
      const never: never = m;
      return never;
    }
  }
};

$('lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  applyLanguage();
});
$('make-template').addEventListener('click', () => {
  send({
    kind: 'template',
    city: $<HTMLSelectElement>('city').value,
    period: $<HTMLInputElement>('period').value,
  });
});
$('file').addEventListener('change', () => {
  $<HTMLButtonElement>('run').disabled = !(cities.length && $<HTMLInputElement>('file').files?.length);
  void runValidation();
});
$('run').addEventListener('click', () => void runValidation());
$('dl-annotated').addEventListener('click', () => send({ kind: 'annotated' }));
$('dl-findings').addEventListener('click', () => send({ kind: 'findings-workbook' }));
$('dl-json').addEventListener('click', () => {
  if (!outcome) return;
  const { grid: _grid, ...rest } = outcome;
  download(
    `${(outcome.file ?? 'findings').replace(/\.[^.]*$/, '')}.findings.json`,
    `${JSON.stringify(rest, null, 2)}\n`,
    'application/json',
  );
});

const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const files = e.dataTransfer?.files;
  if (!files?.length) return;
  $<HTMLInputElement>('file').files = files;
  void runValidation();
});

$<HTMLInputElement>('period').value = String(new Date().getFullYear() - 1);
applyLanguage();
